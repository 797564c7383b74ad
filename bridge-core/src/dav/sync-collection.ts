/**
 * RFC 6578 sync-collection: what changed since a token. Pages through truncated answers (507 on the request
 * URI) and, when the server no longer knows the token, starts over with a full listing and says so.
 */
import { DavError, malformedResponse } from './errors.js';
import { okProps, parseMultistatus, sameResource } from './multistatus.js';
import { NS, qname } from './namespaces.js';
import { report } from './propfind.js';
import type { Transport } from './transport.js';
import { textOf } from './xml.js';
import { el, toXml } from './xml-write.js';
import type { ItemRef } from './items.js';

const D = (l: string) => qname(NS.DAV, l);

export interface SyncChanges {
  changed: ItemRef[];
  deleted: string[];
  token: string;
  /** True when the listing is complete (no token, or the old token was refused): absent items are gone. */
  full: boolean;
  pages: number;
}

function isInvalidToken(err: unknown): boolean {
  if (!(err instanceof DavError)) return false;
  if (err.status !== 403 && err.status !== 409 && err.status !== 400) return false;
  return /valid-sync-token|sync-token/i.test(`${err.detail ?? ''}`) || err.status === 409;
}

export async function syncCollection(
  transport: Transport,
  collectionUrl: string,
  token: string | undefined,
  options: { maxPages?: number; limit?: number } = {},
): Promise<SyncChanges> {
  try {
    return await pages(transport, collectionUrl, token, options);
  } catch (err) {
    if (token && isInvalidToken(err)) {
      return { ...(await pages(transport, collectionUrl, undefined, options)), full: true };
    }
    throw err;
  }
}

async function pages(
  transport: Transport,
  collectionUrl: string,
  startToken: string | undefined,
  options: { maxPages?: number; limit?: number },
): Promise<SyncChanges> {
  const maxPages = options.maxPages ?? 1000;
  const changed = new Map<string, ItemRef>();
  const deleted = new Set<string>();
  let token = startToken;
  for (let page = 1; page <= maxPages; page++) {
    const body = toXml(
      el(
        D('sync-collection'),
        el(D('sync-token'), token ?? ''),
        el(D('sync-level'), '1'),
        options.limit ? el(D('limit'), el(D('nresults'), String(options.limit))) : undefined,
        el(D('prop'), el(D('getetag'))),
      ),
    );
    const res = await report(transport, collectionUrl, body, '0', 'ask-changes');
    const ms = parseMultistatus(res.text, res.url, res.status);
    let truncated = false;
    for (const r of ms.responses) {
      if (sameResource(r.href, collectionUrl)) {
        if (r.status === 507) truncated = true;
        continue;
      }
      if (r.status === 404 || r.status === 410) {
        changed.delete(r.href);
        deleted.add(r.href);
        continue;
      }
      const props = okProps(r);
      if (props.has(D('resourcetype')) && props.get(D('resourcetype'))?.children.some((c) => c.local === 'collection'))
        continue;
      deleted.delete(r.href);
      changed.set(r.href, { href: r.href, etag: textOf(props.get(D('getetag'))) || undefined });
    }
    if (!ms.syncToken)
      throw malformedResponse(collectionUrl, 'sync-collection answer without a sync-token', res.status);
    const progressed = ms.syncToken !== token;
    token = ms.syncToken;
    if (!truncated) {
      return {
        changed: [...changed.values()],
        deleted: [...deleted],
        token,
        full: startToken === undefined,
        pages: page,
      };
    }
    if (!progressed) throw malformedResponse(collectionUrl, 'sync-collection stays truncated without progress');
  }
  throw malformedResponse(collectionUrl, `sync-collection still truncated after ${maxPages} pages`);
}
