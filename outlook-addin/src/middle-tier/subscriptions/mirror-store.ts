/**
 * The bridge-side store the sync engine writes a subscription's items into: its server-side mirror, in the
 * bridge's own store (SQLite by default). Until Outlook's own store (Microsoft Graph) takes its place, this is the
 * second side of every subscription's syncPair. Ids are the engine's suggested names; versions are content digests;
 * every write is conditional, as the ItemStore contract asks.
 */
import { sync } from '@dav-bridge/core';
import type { MirrorItemStore, MirrorWrite } from '../store/types.js';

export class MirrorStore implements sync.ItemStore {
  readonly readOnly = false;
  readonly name: string;
  private counter = 0;

  constructor(
    private readonly store: MirrorItemStore,
    private readonly subscriptionId: string,
    name = 'DAV Bridge',
  ) {
    this.name = name;
  }

  list(): Promise<sync.ItemRef[]> {
    return this.store.mirrorList(this.subscriptionId);
  }

  getMany(ids: string[]): Promise<sync.StoredItem[]> {
    return this.store.mirrorGetMany(this.subscriptionId, ids);
  }

  async create(data: string, suggestedId?: string): Promise<sync.ItemRef> {
    const id = suggestedId ?? `item-${Date.now().toString(36)}-${++this.counter}`;
    const done = await this.store.mirrorCreate(this.subscriptionId, id, data);
    return { id, version: this.check(done, id) };
  }

  async update(id: string, data: string, ifVersion: string): Promise<{ version: string }> {
    return { version: this.check(await this.store.mirrorUpdate(this.subscriptionId, id, data, ifVersion), id) };
  }

  async delete(id: string, ifVersion: string): Promise<void> {
    this.check(await this.store.mirrorDelete(this.subscriptionId, id, ifVersion), id);
  }

  private check(w: MirrorWrite, id: string): string {
    if (w.ok) return w.version;
    if (w.reason === 'missing') throw new sync.NotFoundError(id, `${id} is not in the mirror`);
    throw new sync.PreconditionFailedError(
      id,
      w.reason === 'exists' ? `${id} already exists` : `${id} changed in the mirror`,
    );
  }
}
