/** `dav-bridge publish <account>:<path> [--json] [--expires DATE]`: an anonymous read-only link (ICS, webcal, HTML). */
import { parseArgs } from 'node:util';
import type { CliContext } from '../context.js';
import { usageError } from '../usage.js';
import { cliError, say } from '../words.js';
import { COMMON_OPTIONS, openTarget } from './share.js';

const SYNOPSIS = 'publish <account>:<path> [--json] [--expires DATE] [--config FILE]';

export function parseDate(_ctx: CliContext, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  // A bare date means the end of that day (UTC): "works until 2026-12-31" includes the 31st.
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59Z` : value);
  if (Number.isNaN(d.getTime())) {
    throw cliError('cli.bad-expires', { value }, 2);
  }
  return d;
}

export async function publishCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean' }, expires: { type: 'string' }, ...COMMON_OPTIONS },
    allowPositionals: true,
  });
  const [spec, ...extra] = positionals;
  if (!spec || extra.length > 0) throw usageError(ctx, SYNOPSIS);
  const expires = parseDate(ctx, values.expires);
  const { shared } = await openTarget(ctx, spec, SYNOPSIS, values);
  const links = await shared.publish(expires ? { expires } : {});
  if (values.json) {
    ctx.out(
      JSON.stringify(
        { ics: links.ics, webcal: links.webcal, html: links.html, ...(links.reused ? { reused: true } : {}) },
        null,
        2,
      ),
    );
    return 0;
  }
  if (links.reused) ctx.out(say(ctx, 'cli.publish.reused', {}));
  ctx.out(`ICS: ${links.ics}`);
  ctx.out(`webcal: ${links.webcal}`);
  ctx.out(`HTML: ${links.html ?? say(ctx, 'cli.publish.no-html', {})}`);
  if (links.expires) ctx.out(say(ctx, 'cli.publish.expires', { date: links.expires.toISOString() }));
  return 0;
}
