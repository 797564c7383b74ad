/**
 * The sync engine's ConflictLog for one subscription, kept in the bridge's store: the losing version of every
 * server-side conflict is committed there before the engine overwrites it, survives a restart, and is listed by
 * GET /api/v1/conflicts. (The engine's in-memory default dropped them all before issue 11.)
 */
import type { sync } from '@dav-bridge/core';
import type { ConflictEntry, ConflictStore } from '../store/types.js';

export class StoredConflictLog implements sync.ConflictLog {
  /**
   * The engine's sides in a subscription's pair: a is the DAV server (or feed); b is the bridge's mirror, or
   * Outlook for a pair synced with Microsoft Graph (`bSide` 'outlook').
   */
  constructor(
    private readonly store: ConflictStore,
    private readonly subscriptionId: string,
    private readonly now: () => number,
    private readonly bSide: Exclude<ConflictEntry['side'], 'server'> = 'bridge',
  ) {}

  async record(ident: string, side: sync.Side, data: string, reason: string, id?: string): Promise<string> {
    const kept = await this.store.addConflict({
      subscriptionId: this.subscriptionId,
      ident,
      side: side === 'a' ? 'server' : this.bSide,
      itemId: id,
      data,
      reason,
      at: this.now(),
    });
    return `conflict:${kept}`;
  }
}
