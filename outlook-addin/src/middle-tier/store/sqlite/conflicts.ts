/** Losing versions of server-side conflicts in SQLite: one committed row each, gone with their subscription. */
import type Database from 'better-sqlite3';
import type { ConflictEntry, ConflictStore } from '../types.js';

export interface ConflictRow {
  id: number;
  subscription_id: string;
  ident: string;
  side: ConflictEntry['side'];
  item_id: string | null;
  data: string;
  reason: string;
  at: number;
}

export const conflictFromRow = (r: ConflictRow): ConflictEntry => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  ident: r.ident,
  side: r.side,
  itemId: r.item_id ?? undefined,
  data: r.data,
  reason: r.reason,
  at: r.at,
});

export class SqliteConflictStore implements ConflictStore {
  constructor(private readonly db: Database.Database) {}

  async addConflict(c: Omit<ConflictEntry, 'id'>): Promise<number> {
    const done = this.db
      .prepare(
        `INSERT INTO conflicts (subscription_id, ident, side, item_id, data, reason, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.subscriptionId, c.ident, c.side, c.itemId ?? null, c.data, c.reason, c.at);
    return Number(done.lastInsertRowid);
  }

  async listConflicts(accountId: string, subscriptionId?: string): Promise<ConflictEntry[]> {
    // Through the subscription's owner: a user never sees another user's kept versions.
    const rows = this.db
      .prepare(
        `SELECT c.* FROM conflicts c JOIN subscriptions s ON s.id = c.subscription_id
         WHERE s.account_id = ? AND (? IS NULL OR c.subscription_id = ?)
         ORDER BY c.at DESC, c.id DESC`,
      )
      .all(accountId, subscriptionId ?? null, subscriptionId ?? null) as ConflictRow[];
    return rows.map(conflictFromRow);
  }
}
