/**
 * A CalDAV calendar or CardDAV address book as a sync-engine store. Cheap where it matters: an idle run is one
 * sync-collection REPORT (or a ctag PROPFIND on servers without it), a first run reads everything with one query
 * instead of thousands of GETs, and writes are always conditional.
 */
import { DavError } from '../dav/errors.js';
import { message, render, type Message } from '../i18n/index.js';
import { concurrencyLimit } from './limit.js';
import {
  createItem,
  deleteItem,
  itemExists,
  listItems,
  multiget,
  queryItemsReportingFailures,
  resourceNameFor,
  updateItem,
  type Item as DavItem,
  type ItemFamily,
  type ItemRef as DavItemRef,
  type TimeRange,
  type VCardVersion,
} from '../dav/items.js';
import { okProps } from '../dav/multistatus.js';
import { NS, qname } from '../dav/namespaces.js';
import { propfind } from '../dav/propfind.js';
import { syncCollection } from '../dav/sync-collection.js';
import type { Transport } from '../dav/transport.js';
import { textOf } from '../dav/xml.js';
import {
  ForbiddenError,
  ItemError,
  NotFoundError,
  PreconditionFailedError,
  type ChangeSet,
  type ItemRef,
  type ItemStore,
  type ReadResult,
  type StoredItem,
  type UnreadableItem,
} from '../sync/store.js';

export interface DavStoreOptions {
  transport: Transport;
  url: string;
  family: ItemFamily;
  readOnly: boolean;
  /** Whether the server offers sync-collection on this collection (from discovery). */
  supportsSyncCollection: boolean;
  /** Events only: a time window; tasks and contacts are always whole. */
  range?: TimeRange;
  name?: string;
  /** Hrefs per multiget REPORT. */
  batchSize?: number;
  /** Address books: ask for this vCard version (see items.ts: "4.0" where the server offers it). */
  vcardVersion?: VCardVersion;
  /**
   * Check that a name is free before creating there, for servers known to ignore If-None-Match (SOGo). Also
   * switched on by itself the first time a create answers 204 (an existing item was replaced).
   */
  checkBeforeCreate?: boolean;
  /**
   * The collection's sync-token as just read by the caller (e.g. with its other properties): saves the first
   * run a PROPFIND that costs Radicale a second at 10,000 items. Used once, for a first run only.
   */
  freshSyncToken?: string;
}

/** Prefix of ctag-based tokens, so a store never mistakes one for a sync-collection token. */
const CTAG_TOKEN = 'ctag:';

/**
 * The sync engine's store errors carry one string, and the executor (not yet moved to the catalog) copies it
 * into the run's issues: both languages, rendered by the catalog, until the executor renders the error's
 * `text` in the user's language.
 */
function bothLanguages(text: Message): string {
  return `${render('en', text)} / ${render('fr', text)}`;
}

export class DavCollectionStore implements ItemStore {
  readonly readOnly: boolean;
  readonly windowed: boolean;
  readonly name: string;
  /** Writes in flight at once: enough to hide latency, few enough for a small server (Radicale serves 8). */
  readonly concurrency = 6;
  private readonly limit = concurrencyLimit(this.concurrency);
  private readonly opts: DavStoreOptions;
  private lastListingSize = 0;

  constructor(opts: DavStoreOptions) {
    this.opts = opts;
    this.readOnly = opts.readOnly;
    this.windowed = !!(opts.range && (opts.range.start || opts.range.end));
    this.name = opts.name ?? opts.url;
  }

  private get collectionUrl(): string {
    return this.opts.url.endsWith('/') ? this.opts.url : `${this.opts.url}/`;
  }

  private refs(list: DavItemRef[]): ItemRef[] {
    return list.map((r) => ({ id: r.href, version: r.etag ?? '' }));
  }

  async list(): Promise<ItemRef[]> {
    const refs = this.refs(await listItems(this.opts.transport, this.collectionUrl, this.opts.family, this.opts.range));
    this.lastListingSize = refs.length;
    return refs;
  }

  async getMany(ids: string[]): Promise<ReadResult[]> {
    if (ids.length === 0) return [];
    return this.fetchFromServer(ids);
  }

  private async fetchFromServer(ids: string[]): Promise<ReadResult[]> {
    const { transport, family } = this.opts;
    const originalId = idLookup(ids);
    const stored = (i: DavItem): StoredItem => ({ id: originalId(i.href), version: i.etag ?? '', data: i.data });
    // Most of the collection wanted (a first sync): one query returning every item's data is an order of
    // magnitude cheaper than multigets (1 s for 10,000 events on Radicale).
    if (ids.length >= 200 && ids.length * 2 >= this.lastListingSize) {
      const wanted = new Set(ids.map((id) => normalizeHref(id)));
      const all = await queryItemsReportingFailures(
        transport,
        this.collectionUrl,
        family,
        this.opts.range,
        this.opts.vcardVersion,
      );
      const found = all.items.filter((i) => wanted.has(normalizeHref(i.href)));
      if (found.length === ids.length) return found.map(stored);
      // Ids outside the query (time window), or that failed in it: ask for those by href (a second chance).
      const got = new Set(found.map((i) => normalizeHref(i.href)));
      const rest = ids.filter((id) => !got.has(normalizeHref(id)));
      const more = await this.multigetResults(rest);
      return [...found.map(stored), ...more];
    }
    return this.multigetResults(ids);
  }

  /** Multiget, answering items, and unreadable entries for the hrefs the server could not give. */
  private async multigetResults(ids: string[]): Promise<ReadResult[]> {
    const originalId = idLookup(ids);
    const got = await multiget(
      this.opts.transport,
      this.collectionUrl,
      this.opts.family,
      ids,
      this.opts.batchSize ?? 500,
      this.opts.vcardVersion,
    );
    return [
      ...got.items.map((i): StoredItem => ({ id: originalId(i.href), version: i.etag ?? '', data: i.data })),
      ...got.failed.map((f): UnreadableItem => ({ id: originalId(f.href), unreadable: f.reason })),
    ];
  }

  async create(data: string, suggestedId?: string): Promise<ItemRef> {
    const name = resourceNameFor(suggestedId, this.opts.family);
    const url = new URL(name, this.collectionUrl).toString();
    let made: Awaited<ReturnType<typeof createItem>>;
    try {
      made = await this.limit(async () => {
        if (this.opts.checkBeforeCreate && (await itemExists(this.opts.transport, url))) {
          const text = message('store.item-exists', { url });
          throw Object.assign(new PreconditionFailedError(url, bothLanguages(text)), { text });
        }
        return createItem(this.opts.transport, this.collectionUrl, name, data, this.opts.family);
      });
    } catch (err) {
      throw this.storeError(err, url);
    }
    if (made.replaced) {
      // The server overwrote what was there despite If-None-Match: say so, and look before every later create.
      this.opts.checkBeforeCreate = true;
      const text = message('dav.server-ignores-if-none-match', { url: made.href });
      throw Object.assign(new ItemError(made.href, bothLanguages(text)), { text });
    }
    return { id: made.href, version: made.etag ?? (await this.versionOf(made.href)) };
  }

  async update(id: string, data: string, ifVersion: string): Promise<{ version: string }> {
    try {
      const done = await this.limit(() =>
        updateItem(this.opts.transport, id, data, ifVersion || undefined, this.opts.family),
      );
      return { version: done.etag ?? (await this.versionOf(id)) };
    } catch (err) {
      throw await this.conditionalWriteError(err, id);
    }
  }

  async delete(id: string, ifVersion: string): Promise<void> {
    try {
      await this.limit(() => deleteItem(this.opts.transport, id, ifVersion || undefined));
    } catch (err) {
      throw await this.conditionalWriteError(err, id);
    }
  }

  /**
   * An If-Match on a resource that is gone fails with 412 (RFC 7232 3.1: Radicale does so), not 404: the contract
   * tells "changed" (PreconditionFailed) from "gone" (NotFound), so a 412 is checked with one HEAD.
   */
  private async conditionalWriteError(err: unknown, id: string): Promise<unknown> {
    const mapped = this.storeError(err, id);
    if (!(mapped instanceof PreconditionFailedError)) return mapped;
    const exists = await this.limit(() => itemExists(this.opts.transport, id)).catch(() => true);
    return exists ? mapped : new NotFoundError(id, mapped.message);
  }

  async changesSince(token: string | null): Promise<ChangeSet> {
    const { transport } = this.opts;
    if (this.opts.supportsSyncCollection && !this.windowed && !token?.startsWith(CTAG_TOKEN)) {
      if (token === null) {
        // A first run: one query returns every item with its data (1 s for 10,000 events on Radicale), where
        // a sync-collection listing (2.8 s) and then a query would cost both. The token is read first, so what
        // changes during the query is reported again next run (harmless: versions are compared).
        const first = this.takeFreshToken() ?? (await this.currentToken());
        const { items, failed } = await queryItemsReportingFailures(
          transport,
          this.collectionUrl,
          this.opts.family,
          undefined,
          this.opts.vcardVersion,
        );
        this.lastListingSize = items.length + failed.length;
        return {
          // The data comes with the listing (the engine keeps it, no second request). Items the query named
          // without data exist: listed without a version and without data, getMany tries them again.
          changed: [
            ...items.map((i) => ({ id: i.href, version: i.etag ?? '', data: i.data })),
            ...failed.map((f) => ({ id: f.href, version: '' })),
          ],
          deleted: [],
          token: first,
          full: true,
        };
      }
      const changes = await syncCollection(transport, this.collectionUrl, token ?? undefined);
      if (changes.full) this.lastListingSize = changes.changed.length;
      return {
        changed: this.refs(changes.changed),
        deleted: changes.deleted,
        token: changes.token,
        full: changes.full,
      };
    }
    // No sync-collection (or a time window): a full listing, gated by the ctag in `unchanged`.
    const ctag = await this.currentToken();
    return { changed: await this.list(), deleted: [], token: ctag, full: true };
  }

  private takeFreshToken(): string | undefined {
    const token = this.opts.freshSyncToken;
    this.opts.freshSyncToken = undefined;
    return token;
  }

  async currentToken(): Promise<string> {
    const props = await this.collectionProps();
    const syncToken = textOf(props.get(qname(NS.DAV, 'sync-token')));
    if (this.opts.supportsSyncCollection && !this.windowed && syncToken) return syncToken;
    return `${CTAG_TOKEN}${textOf(props.get(qname(NS.CS, 'getctag'))) ?? syncToken ?? ''}`;
  }

  /** The ctag gate: only for stores that cannot ask sync-collection (one PROPFIND either way). */
  async unchanged(token: string): Promise<boolean> {
    if (!token.startsWith(CTAG_TOKEN) || token === CTAG_TOKEN) return false;
    return (await this.currentToken()) === token;
  }

  private async collectionProps() {
    const ms = await propfind(
      this.opts.transport,
      this.collectionUrl,
      [qname(NS.DAV, 'sync-token'), qname(NS.CS, 'getctag')],
      '0',
    );
    return ms.responses[0] ? okProps(ms.responses[0]) : new Map();
  }

  private async versionOf(href: string): Promise<string> {
    // Some servers answer a PUT without an ETag (the stored form differs from what was sent).
    const got = await multiget(
      this.opts.transport,
      this.collectionUrl,
      this.opts.family,
      [href],
      1,
      this.opts.vcardVersion,
    );
    return got.items[0]?.etag ?? '';
  }

  /** Per-item failures the run can go past become store errors; anything else stops the run. */
  private storeError(err: unknown, id: string): unknown {
    if (err instanceof PreconditionFailedError) return err;
    if (!(err instanceof DavError)) return err;
    const text = `${err.message}`;
    switch (err.code) {
      case 'precondition-failed':
        return new PreconditionFailedError(id, text);
      case 'not-found':
        return new NotFoundError(id, text);
      case 'forbidden':
        return new ForbiddenError(id, text);
      case 'bad-request':
      case 'conflict':
      case 'insufficient-storage':
        return new ItemError(id, text);
      default:
        return err;
    }
  }
}

function normalizeHref(href: string): string {
  try {
    return decodeURIComponent(new URL(href).pathname);
  } catch {
    return href;
  }
}

/** The engine knows items by the ids it was given: answer with those, not with the server's re-encoding. */
function idLookup(ids: string[]): (href: string) => string {
  const byPath = new Map(ids.map((id) => [normalizeHref(id), id]));
  return (href) => byPath.get(normalizeHref(href)) ?? href;
}
