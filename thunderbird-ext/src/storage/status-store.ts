/**
 * The sync status of one pair (a CardDAV address book and a Thunderbird book) in extension storage
 * (`storage.local`), bridge-core's StatusStore contract (sync/status.ts).
 *
 * One key per item (`<prefix>e:<ident>`) and one per side's token (`<prefix>t:<side>`): a batch of status
 * changes is one `storage.local.set` (and one `remove` for deletions), whatever the book's size, instead of
 * rewriting a map of every contact. The engine commits a batch only after the stores' writes are done, so a
 * crash between the two leaves items without status, which the next run finds equal and records.
 * `storage.local` has no transaction across set and remove: a crash between them leaves deleted entries, whose
 * items the next run finds missing on both sides and drops (nothing is written for them).
 */
import { sync } from '@dav-bridge/core';
import type { StorageArea } from '../thunderbird-api.js';

export class StorageStatusStore implements sync.StatusStore {
  private readonly entryPrefix: string;
  private readonly tokenPrefix: string;

  constructor(
    private readonly area: StorageArea,
    /** Names the pair; every key of this store starts with it. */
    pairId: string,
  ) {
    this.entryPrefix = `status:${pairId}:e:`;
    this.tokenPrefix = `status:${pairId}:t:`;
  }

  async get(ident: string): Promise<sync.StatusEntry | undefined> {
    const key = this.entryPrefix + ident;
    return (await this.area.get(key))[key] as sync.StatusEntry | undefined;
  }

  async all(): Promise<Map<string, sync.StatusEntry>> {
    const everything = await this.area.get(null);
    const map = new Map<string, sync.StatusEntry>();
    for (const [key, value] of Object.entries(everything)) {
      if (key.startsWith(this.entryPrefix)) map.set(key.slice(this.entryPrefix.length), value as sync.StatusEntry);
    }
    return map;
  }

  async set(ident: string, entry: sync.StatusEntry): Promise<void> {
    await this.area.set({ [this.entryPrefix + ident]: entry });
  }

  async delete(ident: string): Promise<void> {
    await this.area.remove(this.entryPrefix + ident);
  }

  async getToken(side: sync.Side): Promise<string | undefined> {
    const key = this.tokenPrefix + side;
    return (await this.area.get(key))[key] as string | undefined;
  }

  async setToken(side: sync.Side, token: string | undefined): Promise<void> {
    if (token === undefined) await this.area.remove(this.tokenPrefix + side);
    else await this.area.set({ [this.tokenPrefix + side]: token });
  }

  /** A batch in one write (plus one removal): the engine's status commits after each flushed batch. */
  async applyBatch(changes: sync.StatusChange[]): Promise<void> {
    const toSet: Record<string, sync.StatusEntry> = {};
    const toRemove: string[] = [];
    for (const c of changes) {
      const key = this.entryPrefix + c.ident;
      if (c.entry) {
        toSet[key] = c.entry;
        const i = toRemove.indexOf(key);
        if (i >= 0) toRemove.splice(i, 1);
      } else {
        delete toSet[key];
        toRemove.push(key);
      }
    }
    if (Object.keys(toSet).length > 0) await this.area.set(toSet);
    if (toRemove.length > 0) await this.area.remove(toRemove);
  }

  /** Forgets the pair (unsubscribe). */
  async clear(): Promise<void> {
    const keys = Object.keys(await this.area.get(null)).filter(
      (k) => k.startsWith(this.entryPrefix) || k.startsWith(this.tokenPrefix),
    );
    if (keys.length > 0) await this.area.remove(keys);
  }
}
