/**
 * What the To Do and contacts stores share: the sync engine's store contract over one Graph container the bridge
 * creates and owns (a To Do list, a contact folder), items found by the UID the store keeps on each of them.
 *
 * - Listing: the container's delta (`.../delta`), token = the deltaLink; an expired token (410 /
 *   syncStateNotFound) gives a full listing (`full: true`) the engine pairs by id: no duplicate.
 * - A UID index (UID -> id) is read once per run, on the run's first create, and checked before every create: a
 *   run that crashed between Graph's create and the status commit finds its item (PreconditionFailedError with
 *   the existing id, as the contract asks), never makes a second one.
 * - Reads go 20 to a `$batch`; writes are conditional (`If-Match` on the item's etag or change key).
 */
import { message, type Message } from '../i18n/index.js';
import {
  ItemError,
  PreconditionFailedError,
  type ChangeSet,
  type ItemRef,
  type ItemStore,
  type ReadResult,
} from '../sync/store.js';
import { errorOf, GraphClient } from './graph-client.js';
import { bothLanguages, isExpiredDelta, walkDelta, writeAnswer } from './graph-collection.js';
import { ItemMappingError } from './todo-mapping.js';

export interface GraphItemBase {
  id: string;
  '@odata.etag'?: string;
  changeKey?: string;
  '@removed'?: { reason: string };
}

export interface OwnedContainerOptions {
  client: GraphClient;
  name?: string;
  /** Told about every downgrade of an item written to Outlook (a catalog message, rendered by the shell). */
  onReport?: (m: Message) => void;
}

export abstract class OwnedContainerStore<Item extends GraphItemBase> implements ItemStore {
  readonly readOnly = false;
  readonly name: string | undefined;
  /** Writes in flight fill `$batch`es of 20; GraphClient keeps the HTTP requests to 4 at once. */
  readonly concurrency = 40;
  protected readonly client: GraphClient;
  private uidIndexRead: Promise<Map<string, string>> | undefined;

  constructor(protected readonly options: OwnedContainerOptions) {
    this.client = options.client;
    this.name = options.name;
  }

  /** The container's item collection, "/me/todo/lists/{id}/tasks". */
  protected abstract readonly collection: string;
  /** The URL of one item, for reads and writes. */
  protected abstract itemUrl(id: string): string;
  /** `$expand` (or `$select`) that brings what `toText` and `uidOf` need. */
  protected abstract readonly readQuery: string;
  /** The UID the store keeps on the item (read with `readQuery`). */
  protected abstract uidOf(item: Item): string | undefined;
  /** The item as text (iCalendar / vCard). */
  protected abstract toText(item: Item): string;
  /** The create body for a text: its UID, the Graph body, and what Outlook shows differently. */
  protected abstract createBody(id: string, text: string): { uid: string; body: unknown; downgrades: Message[] };
  /** The PATCH body for a text, and what else to write after it (an extension), if anything. */
  protected abstract updateRequests(
    id: string,
    text: string,
  ): { body: unknown; after?: { url: string; body: unknown }; downgrades: Message[] };

  protected versionOf(item: Item): string {
    return item['@odata.etag'] ?? item.changeKey ?? '';
  }

  async list(): Promise<ItemRef[]> {
    this.uidIndexRead = undefined;
    const out: ItemRef[] = [];
    let next: string | undefined = `${this.collection}?$top=1000`;
    while (next) {
      const page = (await this.client.ok('GET', next)) as { value: Item[]; '@odata.nextLink'?: string };
      for (const e of page.value) out.push({ id: e.id, version: this.versionOf(e) });
      next = page['@odata.nextLink'];
    }
    return out;
  }

  async changesSince(token: string | null): Promise<ChangeSet> {
    this.uidIndexRead = undefined; // a listing starts a run: the UID index is read again
    if (token !== null) {
      try {
        return await walkDelta(this.client, token, false, (e: Item) => this.versionOf(e));
      } catch (err) {
        if (!isExpiredDelta(err)) throw err;
        // The token expired: a full listing, paired by id by the engine (no duplicate).
      }
    }
    return walkDelta(this.client, `${this.collection}/delta`, true, (e: Item) => this.versionOf(e));
  }

  async getMany(ids: string[]): Promise<ReadResult[]> {
    const answers = await this.client.batch(
      ids.map((id) => ({ method: 'GET' as const, url: `${this.itemUrl(id)}?${this.readQuery}` })),
    );
    const out: ReadResult[] = [];
    answers.forEach((res, i) => {
      const id = ids[i]!;
      if (res.status === 404) return; // Graph knows it is gone: a deletion.
      if (res.status !== 200) {
        out.push({ id, unreadable: `HTTP ${res.status} ${errorOf(res).code}` });
        return;
      }
      const item = res.body as Item;
      try {
        out.push({ id, version: this.versionOf(item), data: this.toText(item) });
      } catch (err) {
        out.push({ id, unreadable: String(err) });
      }
    });
    return out;
  }

  async create(data: string): Promise<ItemRef> {
    const { uid, body, downgrades } = this.mapped('', () => this.createBody('', data));
    const index = await this.uidIndex();
    const existing = index.get(uid);
    if (existing) throw new PreconditionFailedError(existing, `an item with UID ${uid} already exists`);
    const res = await this.client.queued({ method: 'POST', url: this.collection, body });
    const created = writeAnswer('', res) as Item;
    index.set(uid, created.id);
    this.report(downgrades);
    return { id: created.id, version: this.versionOf(created) };
  }

  async update(id: string, data: string, ifVersion: string): Promise<{ version: string }> {
    const { body, after, downgrades } = this.mapped(id, () => this.updateRequests(id, data));
    const res = await this.client.queued({
      method: 'PATCH',
      url: this.itemUrl(id),
      body,
      headers: { 'If-Match': ifVersion },
    });
    const updated = writeAnswer(id, res) as Item;
    if (after) writeAnswer(id, await this.client.queued({ method: 'PATCH', url: after.url, body: after.body }));
    this.report(downgrades);
    return { version: this.versionOf(updated) };
  }

  async delete(id: string, ifVersion: string): Promise<void> {
    writeAnswer(
      id,
      await this.client.queued({ method: 'DELETE', url: this.itemUrl(id), headers: { 'If-Match': ifVersion } }),
    );
  }

  /** Runs a mapping; text that is no item of the kind becomes a per-item error in both languages. */
  private mapped<T>(id: string, map: () => T): T {
    try {
      return map();
    } catch (err) {
      if (err instanceof ItemMappingError) throw new ItemError(id, bothLanguages(message(err.key, { id })));
      throw err;
    }
  }

  private report(downgrades: Message[]): void {
    for (const m of downgrades) this.options.onReport?.(m);
  }

  /** UID -> id of every item of the container, read once per run (1,000 a page), fresh each run. */
  private uidIndex(): Promise<Map<string, string>> {
    this.uidIndexRead ??= (async () => {
      const index = new Map<string, string>();
      let next: string | undefined = `${this.collection}?$top=1000&${this.readQuery}`;
      while (next) {
        const page = (await this.client.ok('GET', next)) as { value: Item[]; '@odata.nextLink'?: string };
        for (const e of page.value) {
          const uid = this.uidOf(e);
          if (uid) index.set(uid, e.id);
        }
        next = page['@odata.nextLink'];
      }
      return index;
    })();
    this.uidIndexRead.catch(() => (this.uidIndexRead = undefined));
    return this.uidIndexRead;
  }
}
