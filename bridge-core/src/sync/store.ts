/**
 * The one interface every item container implements for the sync engine: a CalDAV/CardDAV collection,
 * a local vdir folder, the in-memory store used in tests, later Microsoft Graph and Thunderbird.
 *
 * An item is one calendar object resource (a VCALENDAR text: an event or task, a recurring series with its
 * overrides, ...) or one vCard, addressed by the store's own `id` (a DAV href, a file name, a Graph id) and
 * carrying an opaque `version` (an ETag, an mtime+size, a change key). The engine never interprets ids or
 * versions beyond equality; it identifies items by their UID itself (see item-identity.ts).
 *
 * Contract for implementers (keep it small):
 * - `list()` returns every item the store exposes (within its time window when `windowed` is true).
 * - `getMany(ids)` returns the items that still exist, in any order. An id is left out of the result only
 *   when the store KNOWS it no longer exists (404/410, no such file): absence means "deleted" to the engine.
 *   An id the store could not read (a per-item 500 inside a 207, no data, a file changing under the reader)
 *   comes back as an `UnreadableItem` with the reason: the engine then defers that item, it never takes it
 *   for a deletion. Implementations batch as they like (multiget).
 * - A listing (`list()`, `changesSince()`) includes every id that exists, also those whose entry in the
 *   answer failed (give them an empty version: the engine fetches them and finds out).
 * - `create(data, suggestedId)` never overwrites (If-None-Match: *). `suggestedId` is a file-name-safe base
 *   name without extension (derived from the UID); the store may use it (adding an extension) or ignore it.
 *   If the resource it tried to create already exists, throw `PreconditionFailedError` whose `id` is that
 *   existing resource's id, so the engine can fetch and compare it.
 * - `update(id, data, ifVersion)` and `delete(id, ifVersion)` are conditional (If-Match): throw
 *   `PreconditionFailedError` if the item's current version differs, `NotFoundError` if it is gone.
 * - Throw `ForbiddenError` when the store refuses a write (403, read-only), `ItemError` for any other
 *   per-item failure the run can go past (415, 507 on one item, server-side validation...).
 *   Any other exception (network down, bug) stops the run; everything already done is committed.
 * - Incremental stores implement `changesSince(token)`: `token === null` means "everything" and must return
 *   `full: true` with the complete listing in `changed`. With a token, return what changed and what was
 *   deleted since that token plus a new token; if the token is no longer valid, return `full: true` and the
 *   complete listing. Optionally implement `currentToken()` (a token to pair with a `list()`) and/or
 *   `unchanged(token)` (a cheap gate: one PROPFIND of getctag/sync-token) to make an idle run nearly free.
 */

export interface ItemRef {
  /** Store-specific identifier: DAV href, file name, Graph id. */
  id: string;
  /** Opaque version: ETag, mtime+size, change key. Compared for equality only. */
  version: string;
}

export interface StoredItem extends ItemRef {
  /** iCalendar (VCALENDAR) or vCard text. */
  data: string;
}

/**
 * An item that exists (or may exist) but could not be read this time. Never a deletion: the engine leaves its
 * status untouched, reports it and reads it again next run.
 */
export interface UnreadableItem {
  id: string;
  /** Why, for the report: "HTTP 500", "no calendar data in the answer", "changed while being read"... */
  unreadable: string;
}

export type ReadResult = StoredItem | UnreadableItem;

export function isUnreadable(item: ReadResult): item is UnreadableItem {
  return 'unreadable' in item;
}

export interface ChangeSet {
  /**
   * Items created or modified since the token (or every item when `full`). An entry may carry its `data` when
   * the store read it anyway (one query for a whole collection): the engine then does not ask getMany for it.
   */
  changed: (ItemRef & { data?: string })[];
  /** Ids deleted since the token (empty when `full`). */
  deleted: string[];
  /** Token to pass next time. */
  token: string;
  /** True when `changed` is the complete listing (first sync, or the old token was rejected). */
  full?: boolean;
}

export interface ItemStore {
  /** Nothing may be written to this store (the engine never tries). */
  readonly readOnly: boolean;
  /**
   * True when `list()` only shows the items of a time window (CalDAV time-range query). The engine then
   * never concludes that an item was deleted because it is missing from `list()`; only explicit deletions
   * (`changesSince().deleted`, 404 on a conditional write) count.
   */
  readonly windowed?: boolean;
  /** Human-readable name for reports ("Radicale: Work", "Outlook: Calendar"). */
  readonly name?: string;
  /**
   * How many writes this store takes at once (default 6). A local folder takes many (fsync latency overlaps);
   * a DAV store limits its own requests whatever the engine sends.
   */
  readonly concurrency?: number;

  list(): Promise<ItemRef[]>;
  getMany(ids: string[]): Promise<ReadResult[]>;
  create(data: string, suggestedId?: string): Promise<ItemRef>;
  update(id: string, data: string, ifVersion: string): Promise<{ version: string }>;
  delete(id: string, ifVersion: string): Promise<void>;

  /**
   * Optional: makes every write that returned before this call durable (e.g. one fsync pass and one directory
   * fsync for a whole batch of files). A store that has it may answer create/update/delete before the write is
   * durable, or even visible to list(); the engine commits the status of those writes only after flush()
   * resolved, so a crash before it leaves items without status (healed next run), never a status pointing at
   * an item that is not there. A flush that throws means "not durable": their status is not committed.
   */
  flush?(): Promise<void>;

  changesSince?(token: string | null): Promise<ChangeSet>;
  currentToken?(): Promise<string>;
  unchanged?(token: string): Promise<boolean>;
}

/** Base of the per-item errors a store throws. The engine reports them and goes on with the next item. */
export class StoreError extends Error {
  readonly id: string;
  constructor(id: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.id = id;
  }
}

/** The item's version is not the expected one (412), or a create found the item already there. */
export class PreconditionFailedError extends StoreError {}
/** The item does not exist (404/410). */
export class NotFoundError extends StoreError {}
/** The store refuses the write (403, read-only collection or item). */
export class ForbiddenError extends StoreError {}
/** Any other failure of one item (415 unsupported data, 507 too large, validation error...). */
export class ItemError extends StoreError {}
/** The item could not be read (see UnreadableItem): whatever was about to replace or delete it waits. */
export class UnreadableError extends StoreError {}

export function isStoreError(err: unknown): err is StoreError {
  return err instanceof StoreError;
}
