/**
 * `dav-bridge accept <account> <invite|address>`: accept a sharing invitation (id from `dav-bridge invites`), or,
 * on servers without invitations (SOGo, DAViCal), subscribe to the address of a collection shared with me so
 * that it shows in my account (and in `discover`).
 */
import { parseArgs } from 'node:util';
import { acceptInvitation, listInvitations } from '../../../sharing/invitations.js';
import { subscribe } from '../../../sharing/subscribe.js';
import type { CliContext } from '../context.js';
import { usageError } from '../usage.js';
import { say } from '../words.js';

function looksLikeAddress(id: string): boolean {
  return id.includes('/');
}

function shortOwner(owner: string | undefined): string {
  if (!owner) return '?';
  const parts = new URL(owner).pathname.split('/').filter(Boolean);
  return decodeURIComponent(parts[parts.length - 1] ?? owner);
}

export async function acceptCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean' }, config: { type: 'string' } },
    allowPositionals: true,
  });
  const [name, id, ...extra] = positionals;
  if (!name || !id || extra.length > 0)
    throw usageError(ctx, 'accept <account> <invite|address> [--json] [--config FILE]');
  const account = await ctx.openAccount(name, values.config);
  // An address with no pending invitation for it: the server's subscription step (SOGo, DAViCal).
  if (looksLikeAddress(id)) {
    const pending = account.discovery.principal.notificationUrl ? await listInvitations(account) : [];
    const invited = pending.some((i) => i.id === id || i.url === id || i.collection.endsWith(id));
    if (!invited) {
      const s = await subscribe(account, id);
      if (values.json) {
        ctx.out(
          JSON.stringify({ id: null, collection: s.collection, source: s.source, owner: s.owner ?? null }, null, 2),
        );
        return 0;
      }
      ctx.out(say(ctx, 'cli.accept.subscribed', { name: s.name, owner: shortOwner(s.owner), url: s.collection }));
      return 0;
    }
  }
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
  const kind = /\/addressbooks?\//i.test(invitation.collection) ? 'contacts' : 'calendar';
  ctx.out(
    collection
      ? say(ctx, 'cli.accept.accepted-at', { kind, url: collection })
      : say(ctx, 'cli.accept.accepted', { url: invitation.collection }),
  );
  return 0;
}
