/**
 * Where a version that loses is kept so the user can restore it: the loser of a conflict, a local edit
 * reverted because the other side is read-only, a local creation the read-only side will not accept.
 * The engine records BEFORE it overwrites or deletes anything, so no write loses data without a record.
 * Node implementation: src/node/sync/conflict-folder.ts (one file per record next to the state).
 */
import type { Side } from './status.js';

export interface ConflictRecord {
  ident: string;
  /** The side the kept data came from. */
  side: Side;
  /** The store id the data had on that side, when known. */
  id?: string;
  data: string;
  /** Why it was set aside, plain words ("conflict: b wins (newest)", "read-only: local change reverted"). */
  reason: string;
  /** ISO time of the record. */
  at: string;
}

export interface ConflictLog {
  /** Keeps the version; resolves to where it is kept (a file path), for reports, when there is such a place. */
  record(ident: string, side: Side, data: string, reason: string, id?: string): Promise<string | undefined>;
}

export class MemoryConflictLog implements ConflictLog {
  readonly records: ConflictRecord[] = [];
  constructor(private readonly now: () => Date = () => new Date()) {}
  async record(ident: string, side: Side, data: string, reason: string, id?: string): Promise<string> {
    this.records.push({ ident, side, data, reason, at: this.now().toISOString(), ...(id === undefined ? {} : { id }) });
    return `memory:${this.records.length - 1}`;
  }
}
