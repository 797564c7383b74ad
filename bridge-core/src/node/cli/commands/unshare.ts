/** `dav-bridge unshare <account>:<path> --with <email|principal>` */
import { parseArgs } from 'node:util';
import type { CliContext } from '../context.js';
import { usageError } from '../usage.js';
import { COMMON_OPTIONS, openTarget } from './share.js';

const SYNOPSIS = 'unshare <account>:<path> --with <email|principal> [--driver NAME] [--config FILE]';

export async function unshareCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { with: { type: 'string' }, ...COMMON_OPTIONS },
    allowPositionals: true,
  });
  const [spec, ...extra] = positionals;
  if (!spec || extra.length > 0 || !values.with) throw usageError(ctx, SYNOPSIS);
  const { shared } = await openTarget(ctx, spec, SYNOPSIS, values);
  await shared.unshare(values.with);
  ctx.out(
    ctx.t(`${values.with} no longer has access to ${shared.url}`, `${values.with} n'a plus accès à ${shared.url}`),
  );
  return 0;
}
