/**
 * Listing calendars, task lists and address books with what a user needs to see: kind, name, color, owner,
 * whether it is shared, and the rights the server really grants (current-user-privilege-set), never a guess.
 */
import type { Discovery } from './discovery.js';
import { AuthenticationError } from './errors.js';
import { lastSegment, okProps, resolveHref, sameResource, type MultistatusResponse } from './multistatus.js';
import { NS, qname, type QName } from './namespaces.js';
import { propfind } from './propfind.js';
import { establishAccess, isSogoUrl, type CollectionAccess } from './rights.js';
import { dropSubscribedDuplicates, findOthersSharedWithMe, isSogoPrincipal, sogoSharedByMe } from './shared-with-me.js';
import type { Transport } from './transport.js';
import { child, hrefsIn, textOf, type XmlElement } from './xml.js';

export type CollectionKind = 'events' | 'tasks' | 'events+tasks' | 'contacts';
export type Access = 'read' | 'read-write' | 'admin';
export type { CollectionAccess } from './rights.js';

/** What callers that write must assume: rights the server would not tell are treated as read-only. */
export function mayWrite(access: CollectionAccess): boolean {
  return access === 'read-write' || access === 'admin';
}

export interface Collection {
  url: string;
  kind: CollectionKind;
  name: string;
  description: string | undefined;
  /** The server's calendar-color as it stores it ("#RRGGBB" or "#RRGGBBAA"), untouched. */
  color: string | undefined;
  order: number | undefined;
  /** Principal URL of the owner, when the server says. */
  owner: string | undefined;
  sharedWithMe: boolean;
  sharedByMe: boolean;
  /** 'unknown': shared with me, and the server would not say how (behave as read-only until a write succeeds). */
  access: CollectionAccess;
  /** Privilege names from current-user-privilege-set ("read", "write-content", "all"...); empty if not given. */
  privileges: string[];
  /** iCalendar components the collection accepts (calendars only). */
  components: string[];
  syncToken: string | undefined;
  ctag: string | undefined;
  supportsSyncCollection: boolean;
  /** Address books: vCard versions the server can hand out (supported-address-data), e.g. ["3.0", "4.0"]. */
  vcardVersions: string[];
  /** The home set the collection was found in. */
  homeUrl: string;
}

const D = (l: string) => qname(NS.DAV, l);
const C = (l: string) => qname(NS.CALDAV, l);
const CARD = (l: string) => qname(NS.CARDDAV, l);
const CS = (l: string) => qname(NS.CS, l);
const APPLE = (l: string) => qname(NS.APPLE, l);

export const COLLECTION_PROPS: QName[] = [
  D('resourcetype'),
  D('displayname'),
  D('owner'),
  D('current-user-privilege-set'),
  D('sync-token'),
  D('supported-report-set'),
  D('share-access'),
  D('acl'),
  CS('getctag'),
  CS('invite'),
  C('calendar-description'),
  C('supported-calendar-component-set'),
  CARD('addressbook-description'),
  CARD('supported-address-data'),
  APPLE('calendar-color'),
  APPLE('calendar-order'),
];

function privilegeNames(set: XmlElement | undefined): string[] {
  if (!set) return [];
  return set.children.filter((p) => p.local === 'privilege').flatMap((p) => p.children.map((c) => c.local));
}

/** Rights from privileges: admin may change who has access; read-write may change items. */
export function accessFromPrivileges(privileges: string[]): Access | undefined {
  if (privileges.length === 0) return undefined;
  const has = (p: string) => privileges.includes(p);
  if (has('all') || has('write-acl') || has('admin') || has('share')) return 'admin';
  if (has('write') || has('write-content') || (has('bind') && has('unbind'))) return 'read-write';
  return 'read';
}

export function kindFromComponents(components: string[]): CollectionKind | undefined {
  const events = components.includes('VEVENT');
  const tasks = components.includes('VTODO');
  if (events && tasks) return 'events+tasks';
  if (events) return 'events';
  if (tasks) return 'tasks';
  return undefined;
}

function componentsOf(prop: XmlElement | undefined): string[] | undefined {
  if (!prop) return undefined;
  return prop.children.filter((c) => c.local === 'comp').map((c) => (c.attrs['name'] ?? '').toUpperCase());
}

export interface CollectionContext {
  homeUrl: string;
  myPrincipal: string;
  /** Found in someone else's home (delegation, group): shared with me whatever the owner property says. */
  foreignHome: boolean;
  /** Rights to assume when the server publishes no privilege set. */
  fallbackAccess: CollectionAccess;
}

/**
 * Whether the ACL (readable by owners: DAViCal, Cyrus) grants anything to a principal other than me and the
 * owner: that is what "shared by me" means on servers whose sharing is plain WebDAV ACL.
 */
function grantsToOthers(acl: XmlElement | undefined, base: string, me: string, owner: string | undefined): boolean {
  if (!acl || !me) return false;
  return acl.children
    .filter((ace) => ace.local === 'ace' && ace.ns === NS.DAV)
    .some((ace) => {
      if (child(ace, D('protected')) || child(ace, D('inherited'))) return false;
      const href = hrefsIn(child(ace, D('principal')))[0];
      if (!href) return false;
      const who = resolveHref(href, base);
      if (sameResource(who, me) || (owner !== undefined && sameResource(who, owner))) return false;
      return (child(ace, D('grant'))?.children.length ?? 0) > 0;
    });
}

export function collectionFromResponse(r: MultistatusResponse, ctx: CollectionContext): Collection | undefined {
  if (sameResource(r.href, ctx.homeUrl)) return undefined;
  const props = okProps(r);
  const type = props.get(D('resourcetype'));
  const isCalendar = !!child(type, C('calendar'));
  const isAddressBook = !!child(type, CARD('addressbook'));
  if (!isCalendar && !isAddressBook) return undefined;

  let kind: CollectionKind | undefined = 'contacts';
  let components: string[] = [];
  if (isCalendar) {
    // No component set means "all components" (RFC 4791 5.2.3).
    components = componentsOf(props.get(C('supported-calendar-component-set'))) ?? ['VEVENT', 'VTODO'];
    kind = kindFromComponents(components);
    if (!kind) return undefined; // journals only: nothing Outlook or Thunderbird can show
  }
  const ownerHref = hrefsIn(props.get(D('owner')))[0];
  const owner = ownerHref ? resolveHref(ownerHref, r.href) : undefined;
  const shareAccess = props.get(D('share-access'))?.children[0]?.local;
  const privileges = privilegeNames(props.get(D('current-user-privilege-set')));
  const invite = props.get(CS('invite'));
  const reports = (props.get(D('supported-report-set'))?.children ?? []).flatMap((s) =>
    (child(s, D('report'))?.children ?? []).map((c) => c.local),
  );
  const sharedWithMe =
    ctx.foreignHome ||
    !!child(type, CS('shared')) ||
    shareAccess === 'read' ||
    shareAccess === 'read-write' ||
    (owner !== undefined && !sameResource(owner, ctx.myPrincipal));
  const sharedByMe =
    !sharedWithMe &&
    (shareAccess === 'shared-owner' ||
      !!child(type, CS('shared-owner')) ||
      (invite?.children.length ?? 0) > 0 ||
      grantsToOthers(props.get(D('acl')), r.href, ctx.myPrincipal, owner));
  const order = Number(textOf(props.get(APPLE('calendar-order'))));
  return {
    url: r.href,
    kind,
    name: textOf(props.get(D('displayname'))) || lastSegment(r.href),
    description:
      textOf(props.get(C('calendar-description'))) || textOf(props.get(CARD('addressbook-description'))) || undefined,
    color: textOf(props.get(APPLE('calendar-color'))) || undefined,
    order: Number.isFinite(order) && textOf(props.get(APPLE('calendar-order'))) ? order : undefined,
    owner: owner ?? (ctx.foreignHome ? undefined : ctx.myPrincipal),
    sharedWithMe,
    sharedByMe,
    // A share in my own home (a SOGo subscription, a DAViCal binding) with no privilege set: its rights are
    // the owner's grant, not mine as the home's owner.
    access: accessFromPrivileges(privileges) ?? (sharedWithMe && !ctx.foreignHome ? 'unknown' : ctx.fallbackAccess),
    privileges,
    components,
    syncToken: textOf(props.get(D('sync-token'))) || undefined,
    ctag: textOf(props.get(CS('getctag'))) || undefined,
    supportsSyncCollection: reports.includes('sync-collection'),
    vcardVersions: (props.get(CARD('supported-address-data'))?.children ?? [])
      .filter((t) => (t.attrs['content-type'] ?? 'text/vcard') === 'text/vcard')
      .map((t) => t.attrs['version'] ?? '3.0'),
    homeUrl: ctx.homeUrl,
  };
}

/** SOGo answers 501 to a Depth 1 PROPFIND naming DAV:acl; its sharing is read through acl-query instead. */
function propsFor(url: string): QName[] {
  return isSogoUrl(url) ? COLLECTION_PROPS.filter((p) => p !== D('acl')) : COLLECTION_PROPS;
}

export async function listCollectionsIn(transport: Transport, ctx: CollectionContext): Promise<Collection[]> {
  const ms = await propfind(transport, ctx.homeUrl, propsFor(ctx.homeUrl), '1', 'list-collections');
  return ms.responses.map((r) => collectionFromResponse(r, ctx)).filter((c): c is Collection => c !== undefined);
}

/** Reads one collection's properties (e.g. to refresh its sync-token or ctag). */
export async function readCollection(
  transport: Transport,
  url: string,
  ctx: Omit<CollectionContext, 'homeUrl'> & { homeUrl?: string },
): Promise<Collection | undefined> {
  const ms = await propfind(transport, url, propsFor(url), '0');
  const r = ms.responses[0];
  return r ? collectionFromResponse(r, { ...ctx, homeUrl: ctx.homeUrl ?? '' }) : undefined;
}

/**
 * Every collection the user can reach: their own homes, then delegates' homes. A delegate's home that cannot be
 * read is reported in `warnings`, not fatal: one colleague's broken rights must not hide everything else.
 */
export async function listAllCollections(
  transport: Transport,
  discovery: Discovery,
): Promise<{ collections: Collection[]; warnings: string[] }> {
  const me = discovery.principal;
  const warnings = [...discovery.warnings];
  const collections: Collection[] = [];
  const add = (list: Collection[]) => {
    for (const c of list) if (!collections.some((x) => sameResource(x.url, c.url))) collections.push(c);
  };
  const ownHomes = [...new Set([...me.calendarHomes, ...me.addressbookHomes])];
  for (const homeUrl of ownHomes) {
    add(
      await listCollectionsIn(transport, { homeUrl, myPrincipal: me.url, foreignHome: false, fallbackAccess: 'admin' }),
    );
  }
  // Collections other users share with me that no home lists yet (SOGo before subscribing).
  const others = await findOthersSharedWithMe(transport, discovery, collections, warnings);
  add(others);
  for (const delegate of discovery.delegates) {
    const canWrite = me.proxyWriteFor.some((u) => sameResource(u, delegate.url));
    for (const homeUrl of [...new Set([...delegate.calendarHomes, ...delegate.addressbookHomes])]) {
      if (ownHomes.some((h) => sameResource(h, homeUrl))) continue;
      try {
        add(
          await listCollectionsIn(transport, {
            homeUrl,
            myPrincipal: me.url,
            foreignHome: true,
            fallbackAccess: canWrite ? 'read-write' : 'read',
          }),
        );
      } catch (err) {
        if (err instanceof AuthenticationError) throw err;
        warnings.push(`${homeUrl}: ${(err as Error).message}`);
      }
    }
  }
  const listed = dropSubscribedDuplicates(collections);
  // Rights the server did not publish: ask it another way, rather than assume read-write.
  for (const c of listed) {
    if (c.access !== 'unknown') continue;
    c.access = await establishAccess(transport, c.url, {
      myPrincipal: me.url,
      family: c.kind === 'contacts' ? 'addressbook' : 'calendar',
    });
  }
  // SOGo has no ACL property to read: its own acl-query says whether anyone else has roles on my collection.
  if (isSogoPrincipal(me.url)) {
    for (const c of listed) if (!c.sharedWithMe && !c.sharedByMe) c.sharedByMe = await sogoSharedByMe(transport, c.url);
  }
  return { collections: listed, warnings };
}
