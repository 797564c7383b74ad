/**
 * Where the losing versions of a pair are kept in the extension (bridge-core's ConflictLog, sync/conflict-log.ts):
 * a conflict's loser, a local edit reverted because the server book is read-only. One `storage.local` key per
 * record, so the user (and the popup) can list and restore them; never an in-memory default that forgets.
 */
import { sync } from '@dav-bridge/core';
import type { StorageArea } from '../thunderbird-api.js';

export class StorageConflictLog implements sync.ConflictLog {
  private readonly prefix: string;
  private seq = 0;

  constructor(
    private readonly area: StorageArea,
    pairId: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.prefix = `conflict:${pairId}:`;
  }

  async record(ident: string, side: sync.Side, data: string, reason: string, id?: string): Promise<string> {
    const at = this.now().toISOString();
    // Time first so keys sort by age; the counter and a random tail keep two records of one millisecond apart.
    const key = `${this.prefix}${at}:${String(this.seq++).padStart(6, '0')}:${Math.random().toString(36).slice(2, 8)}`;
    const record: sync.ConflictRecord = { ident, side, data, reason, at, ...(id === undefined ? {} : { id }) };
    await this.area.set({ [key]: record });
    return `storage:${key}`;
  }

  /** Every record kept for this pair, oldest first. */
  async records(): Promise<sync.ConflictRecord[]> {
    const all = await this.area.get(null);
    return Object.keys(all)
      .filter((k) => k.startsWith(this.prefix))
      .sort()
      .map((k) => all[k] as sync.ConflictRecord);
  }
}
