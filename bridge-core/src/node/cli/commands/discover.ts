/** `dav-bridge discover <account> [--json]`: the principal and every collection the account can reach. */
import { parseArgs } from 'node:util';
import type { Collection } from '../../../dav/collections.js';
import { DavError } from '../../../dav/errors.js';
import { listRevokedShares, type RevokedShare } from '../../../sharing/invitations.js';
import type { CliContext } from '../context.js';
import { renderTable } from '../table.js';
import { usageError } from '../usage.js';
import { say } from '../words.js';

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
  const hints: string[] = [];
  if (isDavical(principal.url) && !collections.some((c) => c.sharedWithMe)) {
    hints.push(say(ctx, 'cli.discover.davical-hint', { account: name }));
  }
  if (values.json) {
    ctx.out(
      JSON.stringify(
        {
          principal: principal.url,
          displayName: principal.displayName ?? null,
          addresses: principal.addresses,
          collections: collections.map(collectionJson),
          warnings,
          hints,
          noLongerShared: revoked.map((r) => ({ collection: r.collection, owner: r.owner, name: r.name })),
        },
        null,
        2,
      ),
    );
    return 0;
  }
  ctx.out(say(ctx, 'cli.discover.principal', { url: principal.url, displayName: principal.displayName }));
  const shared = (c: Collection) =>
    c.sharedWithMe
      ? say(ctx, 'cli.discover.shared-with-me', { owner: ownerName(c.owner) })
      : c.sharedByMe
        ? say(ctx, 'cli.discover.shared-by-me', {})
        : '-';
  const columns = (['kind', 'access', 'shared', 'color', 'name'] as const).map((column) =>
    say(ctx, 'cli.column', { column }),
  );
  ctx.out(
    renderTable(
      [...columns, 'URL'],
      collections.map((c) => [
        say(ctx, 'cli.kind', { kind: c.kind }),
        say(ctx, 'cli.access', { access: c.access }),
        shared(c),
        c.color ?? '-',
        c.name,
        c.url,
      ]),
    ),
  );
  if (collections.some((c) => c.access === 'unknown')) ctx.out(say(ctx, 'cli.discover.unknown-access', {}));
  for (const r of revoked) {
    const owner = r.ownerName ?? ownerName(r.owner) ?? '?';
    ctx.out(say(ctx, 'cli.discover.no-longer-shared', { owner, name: r.name }));
  }
  for (const hint of hints) ctx.out(hint);
  for (const w of warnings) ctx.err(say(ctx, 'cli.warning', { text: w }));
  return 0;
}
