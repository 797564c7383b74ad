/** `dav-bridge discover <account> [--json]`: the principal and every collection the account can reach. */
import { parseArgs } from 'node:util';
import type { Collection } from '../../../dav/collections.js';
import { DavError } from '../../../dav/errors.js';
import { listRevokedShares, type RevokedShare } from '../../../sharing/invitations.js';
import type { CliContext } from '../context.js';
import { renderTable } from '../table.js';
import { usageError } from '../usage.js';

/** Words of this command (English and French side by side), for the coming message catalog. */
const MESSAGES = {
  withMe: (owner: string | undefined): [string, string] =>
    owner ? [`with me (${owner})`, `avec moi (${owner})`] : ['with me', 'avec moi'],
  byMe: ['by me', 'par moi'] as [string, string],
  unknownNote: [
    'unknown: the server does not say what you may do with this collection; sync treats it as read-only',
    'inconnu : le serveur ne dit pas ce que vous pouvez faire de cette collection ; la synchronisation la traite en lecture seule',
  ] as [string, string],
  noLongerShared: (owner: string, name: string): [string, string] => [
    `${owner} no longer shares "${name}" with you.`,
    `${owner} ne partage plus « ${name} » avec vous.`,
  ],
  davicalHint: (account: string): [string, string] => [
    `Nothing shared with you is listed: DAViCal does not tell you what colleagues share. Ask them for the address of the calendar or address book, then run "dav-bridge accept ${account} <address>" to add it here.`,
    `Rien de partagé avec vous n'apparaît : DAViCal ne signale pas ce que vos collègues partagent. Demandez-leur l'adresse de l'agenda ou du carnet, puis lancez « dav-bridge accept ${account} <adresse> » pour l'ajouter ici.`,
  ],
};

/** The short name of an owner principal: its last path segment ("/caldav.php/alice/" -> "alice"). */
function ownerName(owner: string | undefined): string | undefined {
  if (!owner) return undefined;
  try {
    const parts = new URL(owner).pathname.split('/').filter(Boolean);
    return decodeURIComponent(parts[parts.length - 1] ?? '') || owner;
  } catch {
    return owner;
  }
}

/** DAViCal tells a sharee nothing: without a hint a new user sees an empty list and gives up. */
function isDavical(principalUrl: string): boolean {
  return /\/caldav\.php\//.test(new URL(principalUrl).pathname);
}

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
  // What was taken back is said, not silently dropped from the list (Cyrus tells us with a notice).
  let revoked: RevokedShare[] = [];
  try {
    revoked = await listRevokedShares(account);
  } catch (err) {
    if (!(err instanceof DavError) || err.code === 'authentication-failed') throw err;
    warnings.push(err.localized(ctx.lang));
  }
  const hints: [string, string][] = [];
  if (isDavical(principal.url) && !collections.some((c) => c.sharedWithMe)) hints.push(MESSAGES.davicalHint(name));
  if (values.json) {
    ctx.out(
      JSON.stringify(
        {
          principal: principal.url,
          displayName: principal.displayName ?? null,
          addresses: principal.addresses,
          collections: collections.map(collectionJson),
          warnings,
          hints: hints.map(([en, fr]) => ctx.t(en, fr)),
          noLongerShared: revoked.map((r) => ({ collection: r.collection, owner: r.owner, name: r.name })),
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
    c.sharedWithMe ? ctx.t(...MESSAGES.withMe(ownerName(c.owner))) : c.sharedByMe ? ctx.t(...MESSAGES.byMe) : '-';
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
    unknown: ['unknown', 'inconnu'],
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
  if (collections.some((c) => c.access === 'unknown')) ctx.out(ctx.t(...MESSAGES.unknownNote));
  for (const r of revoked) ctx.out(ctx.t(...MESSAGES.noLongerShared(r.ownerName ?? ownerName(r.owner) ?? '?', r.name)));
  for (const [en, fr] of hints) ctx.out(ctx.t(en, fr));
  for (const w of warnings) ctx.err(`${ctx.t('warning', 'avertissement')}: ${w}`);
  return 0;
}
