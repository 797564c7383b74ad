/** `dav-bridge leave <account>:<path>`: stop receiving a calendar someone shared with me. */
import { str, synopsis, parseCommandLine, type CommandLine } from '../command-line.js';
import { commandSpec } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { say } from '../words.js';
import { openTarget } from './share.js';

export async function leaveCommand(
  ctx: CliContext,
  argv: string[],
  line: CommandLine = parseCommandLine(commandSpec('leave'), argv),
): Promise<number> {
  const values = { config: str(line, 'config'), driver: str(line, 'driver') };
  const { shared } = await openTarget(ctx, line.positionals[0], synopsis(commandSpec('leave')), values);
  await shared.leave();
  ctx.out(say(ctx, 'cli.leave.done', { url: shared.url }));
  return 0;
}
