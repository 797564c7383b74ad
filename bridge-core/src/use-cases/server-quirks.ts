/**
 * Every known way a DAV server departs from the standards that the bridge works around (or knows it cannot),
 * in one place, each a named record: what the server does, how to recognise it, and what the bridge does about
 * it. Store-level workarounds are applied by openCollectionStore(); those that live in the DAV layer say where,
 * so a reader finds every quirk here and the code that handles it from here.
 */
import { isSogoUrl } from '../dav/rights.js';
import type { DavStoreOptions } from '../stores/dav-store.js';
import type { CollectionProfile } from './open-collection.js';

export type QuirkId =
  | 'sogo-ignores-if-none-match'
  | 'vcard3-conversion-drops-photos'
  | 'cyrus-undeclared-cs-prefix'
  | 'sogo-empty-calendar-query'
  | 'davical-bogus-token-not-full'
  | 'radicale-vcard4-uri-photo-destroyed';

export interface ServerQuirk {
  id: QuirkId;
  /** What the server does, as seen on the Debian packages this project tests against. */
  behaviour: string;
  /** Whether a collection is known to be affected (from its URL and the properties it reported). */
  affects(c: CollectionProfile): boolean;
  /** The store options that work around it, when the workaround lives in the store. */
  storeOptions?: (c: CollectionProfile) => Partial<DavStoreOptions>;
  /** Where the workaround lives when it is not a store option, or why there is none. */
  handledIn?: string;
}

const isSogo = (c: CollectionProfile): boolean => isSogoUrl(c.url);

export const SERVER_QUIRKS: readonly ServerQuirk[] = [
  {
    id: 'sogo-ignores-if-none-match',
    behaviour: 'SOGo 5 answers a PUT with If-None-Match: * by replacing the item already there (204)',
    affects: isSogo,
    // Look before creating; the store also switches this on by itself after a 204 to a create.
    storeOptions: () => ({ checkBeforeCreate: true }),
  },
  {
    id: 'vcard3-conversion-drops-photos',
    behaviour: 'Cyrus hands address books out as vCard 3 by default, and its 4 -> 3 conversion drops data: URI photos',
    affects: (c) => c.kind === 'contacts' && (c.vcardVersions ?? []).includes('4.0'),
    storeOptions: () => ({ vcardVersion: '4.0' }),
  },
  {
    id: 'cyrus-undeclared-cs-prefix',
    behaviour: 'Cyrus answers with a CS: prefix it never declares (not well-formed XML namespaces)',
    affects: () => true,
    handledIn: 'dav/xml.ts (the CS prefix is taken as the CalendarServer namespace when undeclared)',
  },
  {
    id: 'sogo-empty-calendar-query',
    behaviour: 'SOGo answers a calendar-query without an inner component filter with nothing at all',
    affects: isSogo,
    handledIn: 'dav/items.ts (an empty answer is confirmed with PROPFIND)',
  },
  {
    id: 'davical-bogus-token-not-full',
    behaviour: 'DAViCal answers an unknown sync-token with a listing not flagged as complete',
    affects: (c) => new URL(c.url).pathname.includes('/caldav.php/'),
    handledIn: 'not worked around: deletions made while the token was lost stay unseen until a full listing',
  },
  {
    id: 'radicale-vcard4-uri-photo-destroyed',
    behaviour: 'Radicale 3.1 destroys vCard 4 data: URI photos on PUT (PHOTO:data:image/png\\;base64)',
    affects: () => false, // not recognisable from the collection; a server defect, documented in the tests
    handledIn: 'not worked around: a server defect (the round-trip test names it)',
  },
];

/** The quirks that apply to a collection, and the store options they call for (merged in order). */
export function quirksOf(c: CollectionProfile): { ids: QuirkId[]; storeOptions: Partial<DavStoreOptions> } {
  const applying = SERVER_QUIRKS.filter((q) => q.affects(c));
  return {
    ids: applying.map((q) => q.id),
    storeOptions: Object.assign({}, ...applying.map((q) => q.storeOptions?.(c) ?? {})) as Partial<DavStoreOptions>,
  };
}
