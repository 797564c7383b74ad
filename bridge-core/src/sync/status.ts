/**
 * What the last sync of a pair knew, item by item: for each ident (UID), the id, version and content hash
 * on side A and side B at the moment both sides were known equal. Plus one sync token per side.
 *
 * The engine commits one entry after each action it applies (set or delete), so a crash loses at most the
 * status of the action in flight, which the next run recovers from (see planner.ts).
 * Implementations: `MemoryStatusStore` here; SQLite and JSON-file ones in src/node/sync/.
 */
export type Side = 'a' | 'b';

export interface SideStatus {
  id: string;
  version: string;
  hash: string;
}

export interface StatusEntry {
  a: SideStatus;
  b: SideStatus;
}

/** Version marker meaning "this side's version is unknown; fetch and compare next run" (after a 412). */
export const STALE_VERSION = '';

/** One status change of a batch: `entry` to set it, none to delete the ident's entry. */
export interface StatusChange {
  ident: string;
  entry?: StatusEntry;
}

export interface StatusStore {
  get(ident: string): Promise<StatusEntry | undefined>;
  /** Every entry (one read at the start of a run). */
  all(): Promise<Map<string, StatusEntry>>;
  /** Commits one entry (durably, for persistent implementations). */
  set(ident: string, entry: StatusEntry): Promise<void>;
  delete(ident: string): Promise<void>;
  getToken(side: Side): Promise<string | undefined>;
  /** `undefined` forgets the token (the next run lists the side fully). */
  setToken(side: Side, token: string | undefined): Promise<void>;
  /**
   * Optional: commits several changes at once, all or none (one transaction instead of one per item). The
   * engine falls back to set/delete one by one when a store lacks it.
   */
  applyBatch?(changes: StatusChange[]): Promise<void>;
}

function clone(e: StatusEntry): StatusEntry {
  return { a: { ...e.a }, b: { ...e.b } };
}

export class MemoryStatusStore implements StatusStore {
  private readonly entries = new Map<string, StatusEntry>();
  private readonly tokens: Partial<Record<Side, string>> = {};

  async get(ident: string): Promise<StatusEntry | undefined> {
    const e = this.entries.get(ident);
    return e && clone(e);
  }
  async all(): Promise<Map<string, StatusEntry>> {
    return new Map([...this.entries].map(([k, v]) => [k, clone(v)]));
  }
  async set(ident: string, entry: StatusEntry): Promise<void> {
    this.entries.set(ident, clone(entry));
  }
  async delete(ident: string): Promise<void> {
    this.entries.delete(ident);
  }
  async getToken(side: Side): Promise<string | undefined> {
    return this.tokens[side];
  }
  async setToken(side: Side, token: string | undefined): Promise<void> {
    if (token === undefined) delete this.tokens[side];
    else this.tokens[side] = token;
  }
  /** Synchronous view for tests. */
  get size(): number {
    return this.entries.size;
  }
}
