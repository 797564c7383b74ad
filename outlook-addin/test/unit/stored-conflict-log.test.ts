// The conflict log names the engine's side b after what the pair syncs with: the bridge's mirror, or Outlook for a
// pair synced with Microsoft Graph (one class for both since the Graph sync's copy was removed).
import { StoredConflictLog } from '../../src/middle-tier/subscriptions/stored-conflict-log.js';
import type { ConflictEntry, ConflictStore } from '../../src/middle-tier/store/types.js';

/** A recording stand-in for the store (fake): only addConflict is called by the log. */
function recordingStore(): { store: ConflictStore; kept: Omit<ConflictEntry, 'id'>[] } {
  const kept: Omit<ConflictEntry, 'id'>[] = [];
  const store = {
    addConflict: async (c: Omit<ConflictEntry, 'id'>) => kept.push(c),
  } as unknown as ConflictStore;
  return { store, kept };
}

describe('StoredConflictLog (fake store)', () => {
  it("names side a 'server' and side b 'bridge' by default, 'outlook' for a Graph pair", async () => {
    const { store, kept } = recordingStore();
    const mirror = new StoredConflictLog(store, 'sub-1', () => 1000);
    const graph = new StoredConflictLog(store, 'sub-2', () => 2000, 'outlook');
    expect(await mirror.record('uid-1', 'a', 'A', 'conflict: b wins')).toBe('conflict:1');
    await mirror.record('uid-1', 'b', 'B', 'conflict: a wins', 'item-1');
    await graph.record('uid-2', 'a', 'A', 'conflict: b wins');
    await graph.record('uid-2', 'b', 'B', 'conflict: a wins', 'event-2');
    expect(kept.map((c) => [c.subscriptionId, c.side, c.itemId, c.at])).toEqual([
      ['sub-1', 'server', undefined, 1000],
      ['sub-1', 'bridge', 'item-1', 1000],
      ['sub-2', 'server', undefined, 2000],
      ['sub-2', 'outlook', 'event-2', 2000],
    ]);
  });
});
