/**
 * Subscribing to a collection shared with me, on servers whose shares need no invitation but show in my home
 * only once I add them (the "accept" of servers without invitations):
 * - SOGo: POST <subscribe/> (inverse-dav) to the owner's folder; it then appears in my home as "<owner>_<folder>".
 * - DAViCal: BIND the owner's collection into my home (RFC 5842; DAViCal lists bindings with their owner).
 * The shared collection must be readable by me first: subscribing to what is not shared is an error, not a no-op.
 */
import { readCollection } from '../dav/collections.js';
import { AuthenticationError, DavError } from '../dav/errors.js';
import { okProps, resolveHref, sameResource } from '../dav/multistatus.js';
import { NS, qname } from '../dav/namespaces.js';
import { propfind } from '../dav/propfind.js';
import { hrefsIn } from '../dav/xml.js';
import { el, toXml } from '../dav/xml-write.js';
import { sharingError } from './errors.js';
import { asCollectionUrl, lastSegment, postXml } from './http.js';
import type { SharingAccount } from './invitations.js';

const D = (l: string) => qname(NS.DAV, l);

export interface Subscription {
  /** The owner's collection. */
  source: string;
  /** Where it now shows in my home. */
  collection: string;
  owner: string | undefined;
  name: string;
  kind: 'events' | 'tasks' | 'events+tasks' | 'contacts';
}

function ownerId(owner: string | undefined, source: string): string {
  if (owner) return lastSegment(owner);
  const parts = new URL(source).pathname.split('/').filter(Boolean);
  return decodeURIComponent(parts[parts.length - 2] ?? 'shared');
}

/** The collections in my homes, by URL and owner (to find a subscription once made). */
async function myHomeListing(account: SharingAccount): Promise<{ url: string; owner: string | undefined }[]> {
  const me = account.discovery.principal;
  const out: { url: string; owner: string | undefined }[] = [];
  for (const home of [...new Set([...me.calendarHomes, ...me.addressbookHomes])]) {
    const ms = await propfind(account.transport, home, [D('owner'), D('resourcetype')], '1');
    for (const r of ms.responses) {
      const o = okProps(r).get(D('owner'));
      const href = hrefsIn(o)[0];
      out.push({ url: asCollectionUrl(r.href), owner: href ? resolveHref(href, r.href) : undefined });
    }
  }
  return out;
}

export async function subscribe(account: SharingAccount, target: string): Promise<Subscription> {
  const me = account.discovery.principal;
  const source = asCollectionUrl(resolveHref(target, me.url));
  let info;
  try {
    info = await readCollection(account.transport, source, {
      myPrincipal: me.url,
      foreignHome: true,
      fallbackAccess: 'unknown',
    });
  } catch (err) {
    if (err instanceof AuthenticationError || !(err instanceof DavError)) throw err;
    throw sharingError('not-shared', source, 'sharing.not-shared-with-you', { url: source }, { cause: err });
  }
  if (!info) throw sharingError('not-shared', source, 'sharing.not-shared-with-you', { url: source });
  if (info.owner && sameResource(info.owner, me.url))
    throw sharingError('refused', source, 'sharing.own-collection', { url: source });
  const id = ownerId(info.owner, source);
  const folder = lastSegment(source);
  const base = { source, owner: info.owner, name: info.name, kind: info.kind };

  if (new URL(source).pathname.startsWith('/SOGo/dav/')) {
    await postXml(
      account.transport,
      source,
      `<?xml version="1.0" encoding="utf-8"?>\n<subscribe xmlns="${NS.SOGO}"/>`,
      'application/xml; charset=utf-8',
      'subscribe-shared',
    );
    const mine = (await myHomeListing(account)).find((c) => lastSegment(c.url) === `${id}_${folder}`);
    return { ...base, collection: mine?.url ?? source };
  }

  const options = await account.transport.request({ method: 'OPTIONS', url: source });
  if (options.headers.get('x-davical-version')) {
    const home = (info.kind === 'contacts' ? me.addressbookHomes[0] : me.calendarHomes[0]) ?? me.url;
    const existing = (await myHomeListing(account)).find((c) => lastSegment(c.url) === `${id}-${folder}`);
    if (existing) return { ...base, collection: existing.url };
    const segment = `${id}-${folder}`;
    await postXml(
      account.transport,
      home,
      toXml(el(D('bind'), el(D('segment'), segment), el(D('href'), new URL(source).pathname))),
      'application/xml; charset=utf-8',
      'bind-shared',
      'BIND',
    );
    return {
      ...base,
      collection: asCollectionUrl(new URL(`${encodeURIComponent(segment)}/`, asCollectionUrl(home)).toString()),
    };
  }
  throw sharingError('refused', source, 'sharing.no-subscription-needed', {});
}
