/**
 * `dav-bridge link <account>:<path> --lang fr|en --format html|text [--password-note TEXT] [--expires DATE]`:
 * the text to paste into a mail for the collection's public link. Uses the current public link; with --expires
 * (servers whose links can expire) a new expiring link is made. Never publishes silently otherwise.
 */
import { parseArgs } from 'node:util';
import { NS, qname } from '../../../dav/namespaces.js';
import { textOf } from '../../../dav/xml.js';
import { sharingError } from '../../../sharing/errors.js';
import { readProps } from '../../../sharing/http.js';
import { renderLinkSnippet } from '../../../sharing/snippet.js';
import type { CliContext } from '../context.js';
import { usageError } from '../usage.js';
import { parseDate } from './publish.js';
import { COMMON_OPTIONS, openTarget } from './share.js';

const SYNOPSIS =
  'link <account>:<path> --lang fr|en --format html|text [--password-note TEXT] [--expires DATE] [--config FILE]';

export async function linkCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      lang: { type: 'string' },
      format: { type: 'string' },
      'password-note': { type: 'string' },
      expires: { type: 'string' },
      ...COMMON_OPTIONS,
    },
    allowPositionals: true,
  });
  const [spec, ...extra] = positionals;
  const lang = values.lang ?? ctx.lang;
  const format = values.format ?? 'text';
  if (!spec || extra.length > 0 || !['fr', 'en'].includes(lang) || !['html', 'text'].includes(format))
    throw usageError(ctx, SYNOPSIS);
  const expires = parseDate(ctx, values.expires);
  const { account, shared } = await openTarget(ctx, spec, SYNOPSIS, values);
  const links = expires ? await shared.publish({ expires }) : await shared.published();
  if (!links) {
    throw sharingError('not-published', shared.url, 'sharing.no-public-link-yet', { url: shared.url });
  }
  const { props } = await readProps(account.transport, shared.url, [qname(NS.DAV, 'displayname')]);
  const snippet = renderLinkSnippet({
    link: links,
    lang: lang as 'fr' | 'en',
    calendarName: textOf(props.get(qname(NS.DAV, 'displayname'))) || undefined,
    from: account.discovery.principal.displayName,
    ...(values['password-note'] ? { passwordNote: values['password-note'] } : {}),
    expires: links.expires ?? expires ?? null,
  });
  ctx.out(format === 'html' ? snippet.html : snippet.text);
  return 0;
}
