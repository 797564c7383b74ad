/** `dav-bridge shares <account>:<path> [--json]`: who has access, with which rights, and the invitation status. */
import { parseArgs } from 'node:util';
import type { CliContext } from '../context.js';
import { renderTable } from '../table.js';
import { usageError } from '../usage.js';
import { say } from '../words.js';
import type { Share } from '../../../sharing/types.js';
import { COMMON_OPTIONS, accessLabel, openTarget, statusLabel } from './share.js';

/**
 * How a person is shown: the server's user name (from the principal) rather than the address the server made
 * up for it (Cyrus answers "mailto:bob@localhost" for a sharee typed as bob@example.com), never "mailto:".
 */
export function shareeLabel(s: Share): string {
  const fromPrincipal = s.principal ? new URL(s.principal).pathname.split('/').filter(Boolean).pop() : undefined;
  const user = fromPrincipal
    ? decodeURIComponent(fromPrincipal)
    : /^mailto:/i.test(s.sharee)
      ? // "@localhost" is an address the server made up from its user name, not one anybody typed: show the name.
        s.sharee.slice(7).replace(/@localhost$/i, '')
      : /^https?:\/\//i.test(s.sharee)
        ? decodeURIComponent(new URL(s.sharee).pathname.split('/').filter(Boolean).pop() ?? s.sharee)
        : s.sharee;
  return s.displayName ? `${user} (${s.displayName})` : user;
}

const SYNOPSIS = 'shares <account>:<path> [--json] [--driver NAME] [--config FILE]';

export async function sharesCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean' }, ...COMMON_OPTIONS },
    allowPositionals: true,
  });
  const [spec, ...extra] = positionals;
  if (!spec || extra.length > 0) throw usageError(ctx, SYNOPSIS);
  const { shared } = await openTarget(ctx, spec, SYNOPSIS, values);
  const shares = await shared.listShares();
  if (values.json) {
    ctx.out(
      JSON.stringify(
        shares.map((s) => ({ sharee: s.sharee, access: s.access, status: s.status })),
        null,
        2,
      ),
    );
    return 0;
  }
  if (shares.length === 0) {
    ctx.out(say(ctx, 'cli.shares.none', { url: shared.url }));
    return 0;
  }
  const yesNo = (v: boolean | undefined) => (v === undefined ? '-' : say(ctx, 'cli.yes-no', { value: v }));
  // The column only where the server keeps that setting (SOGo calendars), not for address books.
  const privateColumn = shares.some((s) => s.privateEvents !== undefined);
  ctx.out(
    renderTable(
      (['sharee', 'access', ...(privateColumn ? (['private-events'] as const) : []), 'status'] as const).map((column) =>
        say(ctx, 'cli.column', { column }),
      ),
      shares.map((s) => [
        shareeLabel(s),
        accessLabel(ctx, s.access),
        ...(privateColumn ? [yesNo(s.privateEvents)] : []),
        statusLabel(ctx, s.status),
      ]),
    ),
  );
  return 0;
}
