/** `dav-bridge recolor <account>:<path> --color #RRGGBB` (see command-specs.ts). */
import { recolorCollection } from '../../../dav/manage.js';
import { parseCommandLine, str, type CommandLine } from '../command-line.js';
import { commandSpec } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { say } from '../words.js';
import { checkColor, openCollection } from './collection-target.js';

export async function recolorCommand(
  ctx: CliContext,
  argv: string[],
  line: CommandLine = parseCommandLine(commandSpec('recolor'), argv),
): Promise<number> {
  const color = str(line, 'color') as string; // required: the parser checked
  checkColor('recolor', color);
  const { account, url } = await openCollection(ctx, 'recolor', line);
  await recolorCollection(account.transport, url, color);
  ctx.out(say(ctx, 'cli.recolor.done', { url, color }));
  return 0;
}
