/** `dav-bridge decline <account> <invite>`: decline a sharing invitation. */
import { parseArgs } from 'node:util';
import { declineInvitation } from '../../../sharing/invitations.js';
import type { CliContext } from '../context.js';
import { usageError } from '../usage.js';

export async function declineCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { config: { type: 'string' } },
    allowPositionals: true,
  });
  const [name, id, ...extra] = positionals;
  if (!name || !id || extra.length > 0) throw usageError(ctx, 'decline <account> <invite> [--config FILE]');
  const account = await ctx.openAccount(name, values.config);
  const inv = await declineInvitation(account, id);
  ctx.out(ctx.t(`Declined the invitation to ${inv.collection}`, `Invitation à ${inv.collection} refusée`));
  return 0;
}
