/** `dav-bridge share <account>:<path> --with <email|principal> --access read|read-write|admin`: its options are in command-specs.ts. */
import type { DavAccount } from '../../../dav/account.js';
import { openSharing, type SharedCollection } from '../../../sharing/session.js';
import type { DriverKind, ShareAccess, Share } from '../../../sharing/types.js';
import { flag, str, synopsis, parseCommandLine, type CommandLine } from '../command-line.js';
import { commandSpec } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { usageError } from '../usage.js';
import { cliError, say } from '../words.js';

/** The sharing protocols --driver names, as the command declarations list them. */
const DRIVERS = (commandSpec('share').options['driver']?.choices ?? []) as readonly DriverKind[];

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

export function parseDriver(_ctx: CliContext, value: string | undefined): DriverKind | undefined {
  if (value === undefined) return undefined;
  if (!DRIVERS.includes(value as DriverKind)) {
    throw cliError('cli.bad-driver', { drivers: DRIVERS }, 2);
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
  return say(ctx, 'cli.access', { access: a });
}

export function statusLabel(ctx: CliContext, s: Share['status']): string {
  return say(ctx, 'cli.share-status', { status: s });
}

/** parseArgs options of the commands that still read their raw arguments themselves (see command-specs.ts). */
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
  const lines = [
    say(ctx, 'cli.share.done', {
      url: shared.url,
      sharee,
      access: accessLabel(ctx, access),
      status: share ? statusLabel(ctx, share.status) : undefined,
      via: shared.capabilities.server,
    }),
  ];
  const waiting = share ? share.status === 'pending' : shared.capabilities.invitations;
  if (shared.capabilities.invitations && waiting) {
    lines.push(say(ctx, 'cli.share.must-accept', { sharee }));
  }
  return lines;
}

export async function shareCommand(
  ctx: CliContext,
  argv: string[],
  line: CommandLine = parseCommandLine(commandSpec('share'), argv),
): Promise<number> {
  const [spec] = line.positionals;
  const sharee = str(line, 'with') as string; // required: the parser checked it is there
  const access = str(line, 'access') as ShareAccess;
  const pe = str(line, 'private-events');
  const values = { config: str(line, 'config'), driver: str(line, 'driver') };
  const { shared } = await openTarget(ctx, spec, synopsis(commandSpec('share')), values);
  const share = await shared.share(sharee, {
    access,
    ...(pe !== undefined ? { privateEvents: pe === 'yes' } : {}),
  });
  if (flag(line, 'json')) {
    ctx.out(
      JSON.stringify(
        { sharee: share?.sharee ?? sharee, access: share?.access ?? access, status: share?.status ?? null },
        null,
        2,
      ),
    );
    return 0;
  }
  for (const text of shareOutcome(ctx, shared, sharee, access, share)) ctx.out(text);
  return 0;
}
