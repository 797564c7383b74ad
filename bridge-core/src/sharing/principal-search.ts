/**
 * The people picker's search (issue 13 item 4): RFC 3744 principal-property-search on the server's principal
 * collection, where the server offers it. Whether it does is read from the server itself (a 200
 * principal-search-property-set report naming the searchable properties), never guessed from its name. A server
 * may answer with only the principals its privacy rules let the user see (Cyrus lists the user alone).
 */
import type { Principal } from '../dav/discovery.js';
import { DavError } from '../dav/errors.js';
import { okProps, parseMultistatus, resolveHref } from '../dav/multistatus.js';
import { NS, qname, type QName } from '../dav/namespaces.js';
import { report } from '../dav/propfind.js';
import type { Transport } from '../dav/transport.js';
import { hrefsIn, parseXml, textOf, type XmlElement } from '../dav/xml.js';
import { el, elWithAttrs, toXml } from '../dav/xml-write.js';
import { asCollectionUrl, parentUrl } from './http.js';

const D = (l: string) => qname(NS.DAV, l);
const C = (l: string) => qname(NS.CALDAV, l);

export interface PrincipalMatch {
  /** The name the server gives the person (its displayname), else the principal's last path segment. */
  name: string;
  /** The first mailto: address of calendar-user-address-set, when the server gives one. */
  email: string | undefined;
  principalUrl: string;
}

export type PrincipalSearch = { supported: false } | { supported: true; people: PrincipalMatch[] };

/** Statuses that mean "this report is not offered here" (answered, not thrown). */
const NOT_OFFERED = [400, 403, 404, 405, 409, 415, 422, 500, 501];

/** The properties the server lets clients search on; undefined when it offers no principal search. */
async function searchableProperties(transport: Transport, url: string): Promise<QName[] | undefined> {
  const body = toXml(el(D('principal-search-property-set')));
  const res = await report(transport, url, body, '0', 'request', NOT_OFFERED);
  if (res.status !== 200) return undefined;
  let root: XmlElement;
  try {
    root = parseXml(res.text, res.url, res.status);
  } catch {
    return undefined;
  }
  if (root.name !== D('principal-search-property-set')) return undefined;
  const props: QName[] = [];
  for (const p of root.children) {
    const prop = p.children.find((c) => c.name === D('prop'));
    for (const c of prop?.children ?? []) props.push(c.name);
  }
  return props;
}

const lastSegment = (url: string): string => decodeURIComponent(url.replace(/\/+$/, '').split('/').pop() ?? url);

/** People whose name or address contains `query` (at most `limit`), or `{ supported: false }`. */
export async function searchPrincipals(
  transport: Transport,
  me: Principal,
  query: string,
  limit = 20,
): Promise<PrincipalSearch> {
  const collection = parentUrl(me.url);
  let searchable: QName[] | undefined;
  try {
    searchable = await searchableProperties(transport, collection);
  } catch (err) {
    if (err instanceof DavError && err.code !== 'authentication-failed' && err.code !== 'timeout')
      return { supported: false };
    throw err;
  }
  const on = [D('displayname'), C('calendar-user-address-set')].filter((p) => searchable?.includes(p));
  if (on.length === 0) return { supported: false };
  const match = query.trim();
  if (!match) return { supported: true, people: [] };
  const body = toXml(
    elWithAttrs(
      D('principal-property-search'),
      { test: 'anyof' },
      ...on.map((p) => el(D('property-search'), el(D('prop'), el(p)), el(D('match'), match))),
      el(D('prop'), el(D('displayname')), el(C('calendar-user-address-set'))),
    ),
  );
  const res = await report(transport, collection, body, '0', 'request', NOT_OFFERED);
  if (res.status !== 207) return { supported: false };
  const people: PrincipalMatch[] = [];
  for (const r of parseMultistatus(res.text, res.url, res.status).responses) {
    const props = okProps(r);
    const principalUrl = asCollectionUrl(resolveHref(r.href, collection));
    const mail = hrefsIn(props.get(C('calendar-user-address-set'))).find((a) => /^mailto:/i.test(a));
    people.push({
      name: textOf(props.get(D('displayname')))?.trim() || lastSegment(principalUrl),
      email: mail ? mail.slice(7).toLowerCase() : undefined,
      principalUrl,
    });
    if (people.length >= limit) break;
  }
  return { supported: true, people };
}
