/**
 * Turning "bob@example.com" or a principal path into the sharee's principal, the way the server knows its users:
 * 1. RFC 3744 principal-property-search on calendar-user-address-set (DAViCal, Sabre/Nextcloud);
 * 2. else the principal next to mine named after the address (bob or bob@example.com), accepted when its own
 *    calendar-user-address-set lists the address (SOGo), or, where the server hides other users' principals
 *    but answers 404 for users that do not exist (Cyrus), when it exists and the address is in my own domain.
 * An address matching nobody is an error: sharing with a stranger must never silently go nowhere.
 */
import type { Principal } from '../dav/discovery.js';
import { DavError } from '../dav/errors.js';
import { parseMultistatus, okProps, resolveHref, sameResource } from '../dav/multistatus.js';
import { NS, qname } from '../dav/namespaces.js';
import { propfind, report } from '../dav/propfind.js';
import type { Transport } from '../dav/transport.js';
import { hrefsIn } from '../dav/xml.js';
import { el, toXml } from '../dav/xml-write.js';
import { sharingError } from './errors.js';
import { asCollectionUrl, lastSegment, parentUrl } from './http.js';
import type { ResolvedSharee } from './types.js';

const D = (l: string) => qname(NS.DAV, l);
const C = (l: string) => qname(NS.CALDAV, l);

const EMAIL = /^(?:mailto:)?([^\s@/]+@[^\s@/]+\.[^\s@/]+)$/i;

export function emailOf(input: string): string | undefined {
  const m = EMAIL.exec(input.trim());
  return m ? (m[1] as string).toLowerCase() : undefined;
}

function hasAddress(addresses: string[], email: string): boolean {
  return addresses.some((a) => a.replace(/^mailto:/i, '').toLowerCase() === email);
}

async function searchByAddress(transport: Transport, collectionUrl: string, email: string): Promise<string[]> {
  const body = toXml(
    el(
      D('principal-property-search'),
      el(D('property-search'), el(D('prop'), el(C('calendar-user-address-set'))), el(D('match'), email)),
      el(D('prop'), el(D('displayname')), el(C('calendar-user-address-set'))),
    ),
  );
  try {
    const res = await report(transport, collectionUrl, body, '0', 'find-sharee');
    if (res.status !== 207) return [];
    const ms = parseMultistatus(res.text, res.url, res.status);
    return ms.responses
      .filter((r) => hasAddress(hrefsIn(okProps(r).get(C('calendar-user-address-set'))), email))
      .map((r) => r.href);
  } catch (err) {
    if (err instanceof DavError && err.code !== 'authentication-failed') return []; // REPORT not supported here
    throw err;
  }
}

type Probe = { status: number; href: string; addresses: string[] };

async function probePrincipal(transport: Transport, url: string): Promise<Probe> {
  try {
    const ms = await propfind(transport, url, [C('calendar-user-address-set')], '0');
    const r = ms.responses[0];
    return {
      status: 207,
      href: r?.href ?? url,
      addresses: r ? hrefsIn(okProps(r).get(C('calendar-user-address-set'))) : [],
    };
  } catch (err) {
    if (err instanceof DavError && err.status !== undefined && err.status !== 401)
      return { status: err.status, href: url, addresses: [] };
    throw err;
  }
}

function randomName(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return `no-such-user-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export async function resolveSharee(transport: Transport, me: Principal, who: string): Promise<ResolvedSharee> {
  const input = who.trim();
  const principals = parentUrl(me.url);
  const email = emailOf(input);
  const notFound = () => sharingError('unknown-sharee', me.url, 'sharing.unknown-sharee', { input });
  if (!email) {
    // A principal URL or path, or a bare user id.
    if (!input) throw notFound();
    const url =
      /^[a-z]+:\/\//i.test(input) || input.startsWith('/')
        ? asCollectionUrl(resolveHref(input, me.url))
        : asCollectionUrl(new URL(encodeURIComponent(input), principals).toString());
    const probe = await probePrincipal(transport, url);
    if (probe.status === 404 || (probe.status === 207 && !sameResource(probe.href, url))) throw notFound();
    const mail = probe.addresses.find((a) => /^mailto:/i.test(a));
    return { input, principal: url, email: mail ? mail.slice(7).toLowerCase() : undefined, userId: lastSegment(url) };
  }
  const found = await searchByAddress(transport, principals, email);
  const first = found[0];
  if (found.length === 1 && first)
    return { input, principal: asCollectionUrl(first), email, userId: lastSegment(first) };
  const local = email.split('@')[0] as string;
  const myDomains = me.addresses.map((a) => emailOf(a)?.split('@')[1]).filter((d): d is string => !!d);
  const sameDomain = myDomains.includes(email.split('@')[1] as string);
  let hidden: string | undefined;
  for (const name of [local, email]) {
    const url = new URL(`${encodeURIComponent(name)}/`, principals).toString();
    const probe = await probePrincipal(transport, url);
    if (probe.status === 207 && sameResource(probe.href, url) && hasAddress(probe.addresses, email)) {
      return { input, principal: url, email, userId: name };
    }
    if (probe.status === 403 && !hidden) hidden = url;
  }
  if (hidden && sameDomain) {
    // The server hides principals: trust a 403 only where a made-up user gives 404.
    const control = await probePrincipal(transport, new URL(`${randomName()}/`, principals).toString());
    if (control.status === 404) return { input, principal: hidden, email, userId: lastSegment(hidden) };
  }
  throw notFound();
}
