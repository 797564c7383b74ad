/** `dav-bridge unpublish <account>:<path>`: the public link stops working. */
import { parseArgs } from 'node:util';
import type { CliContext } from '../context.js';
import { usageError } from '../usage.js';
import { COMMON_OPTIONS, openTarget } from './share.js';

const SYNOPSIS = 'unpublish <account>:<path> [--config FILE]';

export async function unpublishCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { ...COMMON_OPTIONS }, allowPositionals: true });
  const [spec, ...extra] = positionals;
  if (!spec || extra.length > 0) throw usageError(ctx, SYNOPSIS);
  const { shared } = await openTarget(ctx, spec, SYNOPSIS, values);
  await shared.unpublish();
  ctx.out(ctx.t(`${shared.url} is no longer published`, `${shared.url} n'est plus publié`));
  return 0;
}
