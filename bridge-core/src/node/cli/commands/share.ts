/** `dav-bridge share <account>:<path> --with <email|principal> --access read|read-write|admin [--private-events yes|no]` */
import { parseArgs } from 'node:util';
import type { DavAccount } from '../../../dav/account.js';
import { openSharing, type SharedCollection } from '../../../sharing/session.js';
import { ACCESS_LABEL } from '../../../sharing/errors.js';
import type { DriverKind, ShareAccess, Share } from '../../../sharing/types.js';
import { UserFacingError } from '../../localized-error.js';
import type { CliContext } from '../context.js';
import { usageError } from '../usage.js';

const DRIVERS: DriverKind[] = ['calendarserver', 'resource-sharing', 'webdav-acl', 'davical', 'sogo', 'nextcloud'];

/** "<account>:<path>" -> account name and collection path/URL (the path may itself be a URL with ':'). */
export function splitTarget(
  ctx: CliContext,
  spec: string | undefined,
  synopsis: string,
): { account: string; path: string } {
  const i = spec?.indexOf(':') ?? -1;
  if (!spec || i <= 0 || i === spec.length - 1) throw usageError(ctx, synopsis);
  return { account: spec.slice(0, i), path: spec.slice(i + 1) };
}

export function parseDriver(ctx: CliContext, value: string | undefined): DriverKind | undefined {
  if (value === undefined) return undefined;
  if (!DRIVERS.includes(value as DriverKind)) {
    throw new UserFacingError(
      `--driver must be one of ${DRIVERS.join(', ')}`,
      `--driver doit valoir ${DRIVERS.join(', ')}`,
      2,
    );
  }
  return value as DriverKind;
}

export async function openTarget(
  ctx: CliContext,
  spec: string | undefined,
  synopsis: string,
  values: { config?: string | undefined; driver?: string | undefined },
): Promise<{ account: DavAccount; shared: SharedCollection }> {
  const { account: name, path } = splitTarget(ctx, spec, synopsis);
  const account = await ctx.openAccount(name, values.config);
  const prefer = parseDriver(ctx, values.driver);
  const shared = await openSharing(account, path, prefer ? { prefer } : {});
  return { account, shared };
}

export function accessLabel(ctx: CliContext, a: ShareAccess): string {
  return ctx.t(ACCESS_LABEL[a].en, ACCESS_LABEL[a].fr);
}

export function statusLabel(ctx: CliContext, s: Share['status']): string {
  const labels: Record<Share['status'], [string, string]> = {
    pending: ['pending', 'en attente'],
    accepted: ['accepted', 'acceptée'],
    declined: ['declined', 'refusée'],
    active: ['active', 'actif'],
  };
  return ctx.t(...labels[s]);
}

export const COMMON_OPTIONS = { config: { type: 'string' }, driver: { type: 'string' } } as const;

/**
 * What `share` prints: the grant, and the invitation step only while it is still to come. Re-sharing with a
 * sharee who already accepted (Cyrus keeps the acceptance) says so instead of asking to accept again.
 */
export function shareOutcome(
  ctx: CliContext,
  shared: Pick<SharedCollection, 'url' | 'capabilities'>,
  sharee: string,
  access: ShareAccess,
  share: Share | undefined,
): string[] {
  const status = share ? `, ${statusLabel(ctx, share.status)}` : '';
  const via = shared.capabilities.server;
  const lines = [
    ctx.t(
      `Shared ${shared.url} with ${sharee} (${accessLabel(ctx, access)}${status}, via ${via})`,
      `${shared.url} partagé avec ${sharee} (${accessLabel(ctx, access)}${status}, via ${via})`,
    ),
  ];
  const waiting = share ? share.status === 'pending' : shared.capabilities.invitations;
  if (shared.capabilities.invitations && waiting) {
    lines.push(
      ctx.t(
        `${sharee} must accept the invitation (dav-bridge invites / accept).`,
        `${sharee} doit accepter l'invitation (dav-bridge invites / accept).`,
      ),
    );
  }
  return lines;
}

const SYNOPSIS =
  'share <account>:<path> --with <email|principal> --access read|read-write|admin [--private-events yes|no] [--driver NAME] [--config FILE]';

export async function shareCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      with: { type: 'string' },
      access: { type: 'string' },
      'private-events': { type: 'string' },
      json: { type: 'boolean' },
      ...COMMON_OPTIONS,
    },
    allowPositionals: true,
  });
  const [spec, ...extra] = positionals;
  const access = values.access as ShareAccess | undefined;
  if (!spec || extra.length > 0 || !values.with || !access || !['read', 'read-write', 'admin'].includes(access))
    throw usageError(ctx, SYNOPSIS);
  const pe = values['private-events'];
  if (pe !== undefined && !['yes', 'no'].includes(pe)) throw usageError(ctx, SYNOPSIS);
  const { shared } = await openTarget(ctx, spec, SYNOPSIS, values);
  const share = await shared.share(values.with, {
    access,
    ...(pe !== undefined ? { privateEvents: pe === 'yes' } : {}),
  });
  if (values.json) {
    ctx.out(
      JSON.stringify(
        { sharee: share?.sharee ?? values.with, access: share?.access ?? access, status: share?.status ?? null },
        null,
        2,
      ),
    );
    return 0;
  }
  for (const line of shareOutcome(ctx, shared, values.with, access, share)) ctx.out(line);
  return 0;
}
