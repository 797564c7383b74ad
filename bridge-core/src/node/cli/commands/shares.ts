/** `dav-bridge shares <account>:<path> [--json]`: who has access, with which rights, and the invitation status. */
import { parseArgs } from 'node:util';
import type { CliContext } from '../context.js';
import { renderTable } from '../table.js';
import { usageError } from '../usage.js';
import { COMMON_OPTIONS, accessLabel, openTarget, statusLabel } from './share.js';

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
    ctx.out(ctx.t(`${shared.url} is not shared with anyone.`, `${shared.url} n'est partagé avec personne.`));
    return 0;
  }
  const yesNo = (v: boolean | undefined) => (v === undefined ? '-' : v ? ctx.t('yes', 'oui') : ctx.t('no', 'non'));
  ctx.out(
    renderTable(
      [
        ctx.t('SHAREE', 'DESTINATAIRE'),
        ctx.t('ACCESS', 'DROITS'),
        ctx.t('PRIVATE EVENTS', 'ÉVÉN. PRIVÉS'),
        ctx.t('STATUS', 'ÉTAT'),
      ],
      shares.map((s) => [
        s.displayName ? `${s.sharee} (${s.displayName})` : s.sharee,
        accessLabel(ctx, s.access),
        yesNo(s.privateEvents),
        statusLabel(ctx, s.status),
      ]),
    ),
  );
  return 0;
}
