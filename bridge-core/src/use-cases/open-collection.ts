/**
 * Opening a CalDAV/CardDAV collection as a sync store: the one way every shell (the CLI, the bridge server, the
 * Thunderbird background) does it, so a server's quirks and the engine's options are applied once, the same way.
 */
import {
  mayWrite,
  readCollection,
  type Collection,
  type CollectionAccess,
  type CollectionKind,
} from '../dav/collections.js';
import type { TimeRange } from '../dav/items.js';
import type { Transport } from '../dav/transport.js';
import { DavCollectionStore } from '../stores/dav-store.js';
import { quirksOf, type QuirkId } from './server-quirks.js';

/** What a store needs to know about a collection (a subset of Collection, cacheable as JSON). */
export interface CollectionProfile {
  url: string;
  kind: CollectionKind;
  access: CollectionAccess;
  supportsSyncCollection: boolean;
  /** Address books: the vCard versions the server offers. */
  vcardVersions?: string[];
  name: string;
}

export interface OpenCollectionInput {
  transport: Transport;
  collection: CollectionProfile;
  /** Read-only whatever the rights say (a subscription the user made read-only). */
  readOnly?: boolean;
  /** Events only: sync a time window (tasks and contacts are always whole). */
  range?: TimeRange;
  /** A sync-token just read with the collection's properties: saves a first run one PROPFIND. */
  freshSyncToken?: string;
  /** Name in reports; default the collection's. */
  name?: string;
}

export interface OpenedCollection {
  store: DavCollectionStore;
  readOnly: boolean;
  /** The server quirks worked around for this collection (see server-quirks.ts). */
  quirks: QuirkId[];
}

export function openCollectionStore(input: OpenCollectionInput): OpenedCollection {
  const { collection } = input;
  const quirks = quirksOf(collection);
  // Only rights that allow writing items make a writable store; anything less (or unknown) is read-only.
  const readOnly = input.readOnly === true || !mayWrite(collection.access);
  const store = new DavCollectionStore({
    transport: input.transport,
    url: collection.url,
    family: collection.kind === 'contacts' ? 'addressbook' : 'calendar',
    readOnly,
    supportsSyncCollection: collection.supportsSyncCollection,
    name: input.name ?? collection.name,
    ...quirks.storeOptions,
    ...(input.freshSyncToken ? { freshSyncToken: input.freshSyncToken } : {}),
    // A window on a collection that also holds tasks would hide undated tasks: events-only collections only.
    ...(input.range && collection.kind === 'events' ? { range: input.range } : {}),
  });
  return { store, readOnly, quirks: quirks.ids };
}

/** The profile of the collection at `url` (one PROPFIND), or undefined when it is not a collection of items. */
export async function readCollectionProfile(
  transport: Transport,
  url: string,
  options: { myPrincipal: string; fallbackAccess: CollectionAccess },
): Promise<(CollectionProfile & { syncToken: string | undefined; collection: Collection }) | undefined> {
  const collection = await readCollection(transport, url, {
    myPrincipal: options.myPrincipal,
    foreignHome: false,
    fallbackAccess: options.fallbackAccess,
  });
  if (!collection) return undefined;
  return {
    url,
    kind: collection.kind,
    access: collection.access,
    supportsSyncCollection: collection.supportsSyncCollection,
    vcardVersions: collection.vcardVersions,
    name: collection.name,
    syncToken: collection.syncToken,
    collection,
  };
}
