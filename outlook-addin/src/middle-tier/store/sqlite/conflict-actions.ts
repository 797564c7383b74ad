/** Finding one kept losing version through its subscription's owner, and dismissing it (issue 13 item 3). */
import type Database from 'better-sqlite3';
import type { ConflictActionStore } from '../pane-types.js';
import type { ConflictEntry } from '../types.js';
import { conflictFromRow, type ConflictRow } from './conflicts.js';

export class SqliteConflictActionStore implements ConflictActionStore {
  constructor(private readonly db: Database.Database) {}

  async getOwnConflict(accountId: string, id: number): Promise<ConflictEntry | undefined> {
    const r = this.db
      .prepare(
        `SELECT c.* FROM conflicts c JOIN subscriptions s ON s.id = c.subscription_id
         WHERE c.id = ? AND s.account_id = ?`,
      )
      .get(id, accountId) as ConflictRow | undefined;
    return r && conflictFromRow(r);
  }

  async deleteConflict(id: number): Promise<boolean> {
    return this.db.prepare('DELETE FROM conflicts WHERE id = ?').run(id).changes > 0;
  }
}
