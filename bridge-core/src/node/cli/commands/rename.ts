/** `dav-bridge rename <account>:<path> --name NAME` (see command-specs.ts). */
import { renameCollection } from '../../../dav/manage.js';
import { parseCommandLine, str, type CommandLine } from '../command-line.js';
import { commandSpec } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { say } from '../words.js';
import { openCollection } from './collection-target.js';

export async function renameCommand(
  ctx: CliContext,
  argv: string[],
  line: CommandLine = parseCommandLine(commandSpec('rename'), argv),
): Promise<number> {
  const name = (str(line, 'name') as string).trim(); // required and not empty: the parser checked
  const { account, url } = await openCollection(ctx, 'rename', line);
  await renameCollection(account.transport, url, name);
  ctx.out(say(ctx, 'cli.rename.done', { url, name }));
  return 0;
}
