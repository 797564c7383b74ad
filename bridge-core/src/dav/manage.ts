/** Creating, renaming, recoloring and deleting calendars, task lists and address books. */
import { BadRequestError, DavError, type RequestPurpose } from './errors.js';
import { message } from '../i18n/index.js';
import { NS, qname, type QName } from './namespaces.js';
import { okProps } from './multistatus.js';
import { XML_CONTENT_TYPE, propfind, proppatch } from './propfind.js';
import type { Transport } from './transport.js';
import { textOf, type XmlElement } from './xml.js';
import { el, elWithAttrs, toXml, type XmlNode } from './xml-write.js';

const D = (l: string) => qname(NS.DAV, l);
const C = (l: string) => qname(NS.CALDAV, l);
const CARD = (l: string) => qname(NS.CARDDAV, l);
const APPLE = (l: string) => qname(NS.APPLE, l);

export interface NewCalendar {
  name: string;
  /** "#RRGGBB" or "#RRGGBBAA". */
  color?: string;
  description?: string;
  /** Default: events only. Tasks lists are ['VTODO']. */
  components?: ('VEVENT' | 'VTODO' | 'VJOURNAL')[];
  /** Path segment; derived from the name when absent. */
  slug?: string;
}

export interface NewAddressBook {
  name: string;
  description?: string;
  slug?: string;
}

/** A URL path segment from a display name: readable, ASCII, unique enough with a random suffix. */
export function slugFor(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  const suffix = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${base || 'collection'}-${suffix}`;
}

function childUrl(homeUrl: string, slug: string): string {
  const base = homeUrl.endsWith('/') ? homeUrl : `${homeUrl}/`;
  return new URL(`${encodeURIComponent(slug)}/`, base).toString();
}

function calendarProps(cal: NewCalendar): XmlNode[] {
  const components = cal.components ?? ['VEVENT'];
  return [
    el(D('displayname'), cal.name),
    cal.color ? el(APPLE('calendar-color'), cal.color) : undefined,
    cal.description ? el(C('calendar-description'), cal.description) : undefined,
    el(C('supported-calendar-component-set'), ...components.map((c) => elWithAttrs(C('comp'), { name: c }))),
  ].filter((n): n is XmlNode => n !== undefined);
}

/** Extended MKCOL (RFC 5689): a collection of the given type created with its properties in one request. */
async function extendedMkcol(transport: Transport, url: string, type: QName, props: XmlNode[], what: RequestPurpose) {
  await transport.request({
    method: 'MKCOL',
    url,
    headers: { 'Content-Type': XML_CONTENT_TYPE },
    body: toXml(
      el(D('mkcol'), el(D('set'), el(D('prop'), el(D('resourcetype'), el(D('collection')), el(type)), ...props))),
    ),
    what,
  });
}

/** MKCALENDAR with its properties; servers that refuse MKCALENDAR get an extended MKCOL (RFC 5689). */
export async function createCalendar(transport: Transport, homeUrl: string, cal: NewCalendar): Promise<string> {
  const url = childUrl(homeUrl, cal.slug ?? slugFor(cal.name));
  const props = calendarProps(cal);
  const what: RequestPurpose = 'create-calendar';
  const res = await transport.request({
    method: 'MKCALENDAR',
    url,
    headers: { 'Content-Type': XML_CONTENT_TYPE },
    body: toXml(el(C('mkcalendar'), el(D('set'), el(D('prop'), ...props)))),
    accept: [405, 501],
    what,
  });
  if (res.status === 405 || res.status === 501) await extendedMkcol(transport, url, C('calendar'), props, what);
  await settleCreatedProps(transport, url, cal.name, cal.color);
  return url;
}

export async function createAddressBook(transport: Transport, homeUrl: string, book: NewAddressBook): Promise<string> {
  const url = childUrl(homeUrl, book.slug ?? slugFor(book.name));
  await extendedMkcol(
    transport,
    url,
    CARD('addressbook'),
    [
      el(D('displayname'), book.name),
      ...(book.description ? [el(CARD('addressbook-description'), book.description)] : []),
    ],
    'create-address-book',
  );
  await settleCreatedProps(transport, url, book.name);
  return url;
}

export async function renameCollection(transport: Transport, url: string, name: string): Promise<void> {
  if (!name.trim()) {
    throw new BadRequestError('bad-request', message('dav.empty-name', {}), { url });
  }
  await proppatch(transport, url, [el(D('displayname'), name)]);
}

/** Sets the Apple calendar-color, the property every client reads ("#RRGGBB" or "#RRGGBBAA"). */
export async function recolorCollection(transport: Transport, url: string, color: string): Promise<void> {
  if (!/^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/.test(color)) {
    throw new BadRequestError('bad-request', message('dav.invalid-calendar-color', { color }), { url });
  }
  try {
    await proppatch(transport, url, [el(APPLE('calendar-color'), color)]);
  } catch (err) {
    // SOGo refuses "#RRGGBB" with 400 "Bad color format (should be '#XXXXXXXX')": the same color, opaque.
    if (!(err instanceof DavError && err.status === 400 && color.length === 7)) throw err;
    await proppatch(transport, url, [el(APPLE('calendar-color'), `${color}FF`)]);
  }
}

/** "#0082C9", "#0082c9ff" and "#0082C9FF" are the same color. */
function sameColor(a: string | undefined, b: string): boolean {
  const norm = (c: string) =>
    c
      .trim()
      .toLowerCase()
      .replace(/^(#[0-9a-f]{6})ff$/, '$1');
  return a !== undefined && norm(a) === norm(b);
}

/**
 * Some servers create the collection but drop properties sent with it: SOGo ignores an address book's
 * displayname in the extended MKCOL and a calendar's color in MKCALENDAR. Read them back and set what is
 * missing with PROPPATCH, which SOGo honours (with the color as #RRGGBBAA).
 */
async function settleCreatedProps(transport: Transport, url: string, name: string, color?: string): Promise<void> {
  const ms = await propfind(transport, url, [D('displayname'), APPLE('calendar-color')], '0');
  const props = ms.responses[0] ? okProps(ms.responses[0]) : new Map<QName, XmlElement>();
  if (textOf(props.get(D('displayname'))) !== name) await renameCollection(transport, url, name);
  if (color !== undefined && !sameColor(textOf(props.get(APPLE('calendar-color'))), color)) {
    await recolorCollection(transport, url, color);
  }
}

/** Deletes a collection (or a sharee's copy of a share, which is how one leaves it); already gone is fine. */
export async function deleteCollection(
  transport: Transport,
  url: string,
  what: RequestPurpose = 'delete-collection',
): Promise<void> {
  try {
    await transport.request({ method: 'DELETE', url, what });
  } catch (err) {
    if (err instanceof DavError && err.code === 'not-found') return; // already gone: the wish is fulfilled
    throw err;
  }
}
