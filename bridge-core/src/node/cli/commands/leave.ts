/** `dav-bridge leave <account>:<path>`: stop receiving a calendar someone shared with me. */
import { parseArgs } from 'node:util';
import type { CliContext } from '../context.js';
import { usageError } from '../usage.js';
import { COMMON_OPTIONS, openTarget } from './share.js';

const SYNOPSIS = 'leave <account>:<path> [--config FILE]';

export async function leaveCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { ...COMMON_OPTIONS }, allowPositionals: true });
  const [spec, ...extra] = positionals;
  if (!spec || extra.length > 0) throw usageError(ctx, SYNOPSIS);
  const { shared } = await openTarget(ctx, spec, SYNOPSIS, values);
  await shared.leave();
  ctx.out(ctx.t(`You left the share ${shared.url}`, `Vous avez quitté le partage ${shared.url}`));
  return 0;
}
