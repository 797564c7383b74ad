/** Losing versions of server-side conflicts in PostgreSQL (listing, and the pane's find-own and dismiss). */
import type { ConflictActionStore } from '../pane-types.js';
import { conflictFromRow, type ConflictRow } from '../sqlite/conflicts.js';
import type { ConflictEntry, ConflictStore } from '../types.js';
import { changes, row, rows, type Pool } from './db.js';

export class PgConflictStore implements ConflictStore, ConflictActionStore {
  constructor(private readonly db: Pool) {}

  async addConflict(c: Omit<ConflictEntry, 'id'>): Promise<number> {
    const r = await row<{ id: number }>(
      this.db,
      `INSERT INTO conflicts (subscription_id, ident, side, item_id, data, reason, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [c.subscriptionId, c.ident, c.side, c.itemId ?? null, c.data, c.reason, c.at],
    );
    return Number(r!.id);
  }

  async listConflicts(accountId: string, subscriptionId?: string): Promise<ConflictEntry[]> {
    // Through the subscription's owner: a user never sees another user's kept versions.
    const found = await rows<ConflictRow>(
      this.db,
      `SELECT c.* FROM conflicts c JOIN subscriptions s ON s.id = c.subscription_id
       WHERE s.account_id = $1 AND ($2::text IS NULL OR c.subscription_id = $2::text)
       ORDER BY c.at DESC, c.id DESC`,
      [accountId, subscriptionId ?? null],
    );
    return found.map(conflictFromRow);
  }

  async getOwnConflict(accountId: string, id: number): Promise<ConflictEntry | undefined> {
    const r = await row<ConflictRow>(
      this.db,
      `SELECT c.* FROM conflicts c JOIN subscriptions s ON s.id = c.subscription_id
       WHERE c.id = $1 AND s.account_id = $2`,
      [id, accountId],
    );
    return r && conflictFromRow(r);
  }

  async deleteConflict(id: number): Promise<boolean> {
    return (await changes(this.db, 'DELETE FROM conflicts WHERE id = $1', [id])) > 0;
  }
}
