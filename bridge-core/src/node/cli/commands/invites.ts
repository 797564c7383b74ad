/** `dav-bridge invites <account> [--json]`: sharing invitations waiting for my answer. */
import { parseArgs } from 'node:util';
import { listInvitations } from '../../../sharing/invitations.js';
import type { CliContext } from '../context.js';
import { renderTable } from '../table.js';
import { usageError } from '../usage.js';
import { say } from '../words.js';
import { accessLabel } from './share.js';

export async function invitesCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean' }, config: { type: 'string' } },
    allowPositionals: true,
  });
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0) throw usageError(ctx, 'invites <account> [--json] [--config FILE]');
  const account = await ctx.openAccount(name, values.config);
  const list = await listInvitations(account);
  if (values.json) {
    ctx.out(
      JSON.stringify(
        list.map((i) => ({ id: i.id, collection: i.collection, owner: i.owner, access: i.access })),
        null,
        2,
      ),
    );
    return 0;
  }
  if (list.length === 0) {
    ctx.out(say(ctx, 'cli.invites.none', {}));
    return 0;
  }
  ctx.out(
    renderTable(
      [
        'ID',
        ...(['from', 'access', 'name', 'collection'] as const).map((column) => say(ctx, 'cli.column', { column })),
      ],
      list.map((i) => [i.id, i.ownerName ?? i.owner, accessLabel(ctx, i.access), i.summary ?? '-', i.collection]),
    ),
  );
  return 0;
}
