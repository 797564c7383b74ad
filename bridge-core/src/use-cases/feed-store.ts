/** A fetched, split feed as a read-only sync-engine store: versions are content digests, so they change with the data. */
import { message, render } from '../i18n/index.js';
import { ForbiddenError, type ItemRef, type ItemStore, type StoredItem } from '../sync/store.js';
import { sha256Base64url, type FeedItems } from './feed-split.js';

export class FeedStore implements ItemStore {
  readonly readOnly = true;

  private constructor(
    private readonly items: Map<string, StoredItem>,
    readonly name: string,
  ) {}

  /** The store of a split feed (async: versions are SHA-256 digests, computed with Web Crypto). */
  static async of(feed: FeedItems, name: string): Promise<FeedStore> {
    const items = new Map<string, StoredItem>();
    for (const i of feed.items) items.set(i.id, { id: i.id, data: i.data, version: await sha256Base64url(i.data) });
    return new FeedStore(items, name);
  }

  async list(): Promise<ItemRef[]> {
    return [...this.items.values()].map(({ id, version }) => ({ id, version }));
  }

  async getMany(ids: string[]): Promise<StoredItem[]> {
    return ids.flatMap((id) => {
      const it = this.items.get(id);
      return it ? [it] : [];
    });
  }

  create(): Promise<ItemRef> {
    return Promise.reject(this.refused(''));
  }

  update(id: string): Promise<{ version: string }> {
    return Promise.reject(this.refused(id));
  }

  delete(id: string): Promise<void> {
    return Promise.reject(this.refused(id));
  }

  // The engine reports a refused write with the store's message (in English, like every store's).
  private refused(id: string): ForbiddenError {
    return new ForbiddenError(id, render('en', message('feed.read-only', { name: this.name })));
  }
}
