/** `dav-bridge unpublish <account>:<path>`: the public link stops working. */
import { str, synopsis, parseCommandLine, type CommandLine } from '../command-line.js';
import { commandSpec } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { say } from '../words.js';
import { openTarget } from './share.js';

export async function unpublishCommand(
  ctx: CliContext,
  argv: string[],
  line: CommandLine = parseCommandLine(commandSpec('unpublish'), argv),
): Promise<number> {
  const values = { config: str(line, 'config'), driver: str(line, 'driver') };
  const { shared } = await openTarget(ctx, line.positionals[0], synopsis(commandSpec('unpublish')), values);
  await shared.unpublish();
  ctx.out(say(ctx, 'cli.unpublish.done', { url: shared.url }));
  return 0;
}
