/** `dav-bridge unshare <account>:<path> --with <email|principal>`: its options are in command-specs.ts. */
import { str, synopsis, parseCommandLine, type CommandLine } from '../command-line.js';
import { commandSpec } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { say } from '../words.js';
import { openTarget } from './share.js';

export async function unshareCommand(
  ctx: CliContext,
  argv: string[],
  line: CommandLine = parseCommandLine(commandSpec('unshare'), argv),
): Promise<number> {
  const sharee = str(line, 'with') as string; // required: the parser checked it is there
  const values = { config: str(line, 'config'), driver: str(line, 'driver') };
  const { shared } = await openTarget(ctx, line.positionals[0], synopsis(commandSpec('unshare')), values);
  await shared.unshare(sharee);
  ctx.out(say(ctx, 'cli.unshare.done', { sharee, url: shared.url }));
  return 0;
}
