/** `dav-bridge decline <account> <invite>`: decline a sharing invitation. */
import { declineInvitation } from '../../../sharing/invitations.js';
import { str, parseCommandLine, type CommandLine } from '../command-line.js';
import { commandSpec } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { say } from '../words.js';

export async function declineCommand(
  ctx: CliContext,
  argv: string[],
  line: CommandLine = parseCommandLine(commandSpec('decline'), argv),
): Promise<number> {
  const [name, id] = line.positionals as [string, string]; // the parser checked there are two
  const account = await ctx.openAccount(name, str(line, 'config'));
  const inv = await declineInvitation(account, id);
  ctx.out(say(ctx, 'cli.decline.done', { collection: inv.collection }));
  return 0;
}
