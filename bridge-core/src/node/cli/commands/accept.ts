/** `dav-bridge accept <account> <invite>`: accept a sharing invitation (id from `dav-bridge invites`). */
import { parseArgs } from 'node:util';
import { acceptInvitation } from '../../../sharing/invitations.js';
import type { CliContext } from '../context.js';
import { usageError } from '../usage.js';

export async function acceptCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean' }, config: { type: 'string' } },
    allowPositionals: true,
  });
  const [name, id, ...extra] = positionals;
  if (!name || !id || extra.length > 0) throw usageError(ctx, 'accept <account> <invite> [--json] [--config FILE]');
  const account = await ctx.openAccount(name, values.config);
  const { invitation, collection } = await acceptInvitation(account, id);
  if (values.json) {
    ctx.out(
      JSON.stringify(
        { id: invitation.id, collection: collection ?? null, owner: invitation.owner, access: invitation.access },
        null,
        2,
      ),
    );
    return 0;
  }
  ctx.out(
    collection
      ? ctx.t(
          `Accepted: the shared calendar is now at ${collection}`,
          `Acceptée : l'agenda partagé se trouve maintenant à ${collection}`,
        )
      : ctx.t(`Accepted the invitation to ${invitation.collection}`, `Invitation à ${invitation.collection} acceptée`),
  );
  return 0;
}
