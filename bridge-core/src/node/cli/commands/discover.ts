/** `dav-bridge discover <account> [--json]`: the principal and every collection the account can reach. */
import { parseArgs } from 'node:util';
import type { Collection } from '../../../dav/collections.js';
import type { CliContext } from '../context.js';
import { renderTable } from '../table.js';
import { usageError } from '../usage.js';

export function collectionJson(c: Collection) {
  return {
    url: c.url,
    kind: c.kind,
    name: c.name,
    color: c.color ?? null,
    access: c.access,
    owner: c.owner ?? null,
    sharedWithMe: c.sharedWithMe,
    sharedByMe: c.sharedByMe,
    description: c.description ?? null,
    components: c.components,
    privileges: c.privileges,
    syncToken: c.syncToken ?? null,
    ctag: c.ctag ?? null,
  };
}

export async function discoverCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean' }, config: { type: 'string' } },
    allowPositionals: true,
  });
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0) throw usageError(ctx, 'discover <account> [--json] [--config FILE]');
  const account = await ctx.openAccount(name, values.config);
  const { collections, warnings } = await account.listCollections();
  const principal = account.discovery.principal;
  if (values.json) {
    ctx.out(
      JSON.stringify(
        {
          principal: principal.url,
          displayName: principal.displayName ?? null,
          addresses: principal.addresses,
          collections: collections.map(collectionJson),
          warnings,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  ctx.out(
    `${ctx.t('Principal', 'Principal')}: ${principal.url}${principal.displayName ? ` (${principal.displayName})` : ''}`,
  );
  const shared = (c: Collection) =>
    c.sharedWithMe ? ctx.t('with me', 'avec moi') : c.sharedByMe ? ctx.t('by me', 'par moi') : '-';
  const kindLabel: Record<Collection['kind'], [string, string]> = {
    events: ['events', 'événements'],
    tasks: ['tasks', 'tâches'],
    'events+tasks': ['events+tasks', 'événements+tâches'],
    contacts: ['contacts', 'contacts'],
  };
  const accessLabel: Record<Collection['access'], [string, string]> = {
    read: ['read', 'Lecture'],
    'read-write': ['read-write', 'Ecriture'],
    admin: ['admin', 'Gestion'],
  };
  ctx.out(
    renderTable(
      [
        ctx.t('KIND', 'TYPE'),
        ctx.t('ACCESS', 'DROITS'),
        ctx.t('SHARED', 'PARTAGÉ'),
        ctx.t('COLOR', 'COULEUR'),
        ctx.t('NAME', 'NOM'),
        'URL',
      ],
      collections.map((c) => [
        ctx.t(...kindLabel[c.kind]),
        ctx.t(...accessLabel[c.access]),
        shared(c),
        c.color ?? '-',
        c.name,
        c.url,
      ]),
    ),
  );
  for (const w of warnings) ctx.err(`${ctx.t('warning', 'avertissement')}: ${w}`);
  return 0;
}
