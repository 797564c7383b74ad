/** Each user's category memory (bridge-core colors) in SQLite, as its JSON snapshot. */
import type Database from 'better-sqlite3';
import type { CategoryStore } from '../types.js';

export class SqliteCategoryStore implements CategoryStore {
  constructor(private readonly db: Database.Database) {}

  async getCategoryMemory(accountId: string): Promise<unknown> {
    const row = this.db.prepare('SELECT snapshot FROM category_memory WHERE account_id = ?').get(accountId) as
      { snapshot: string } | undefined;
    return row ? JSON.parse(row.snapshot) : undefined;
  }

  async saveCategoryMemory(accountId: string, snapshot: unknown): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO category_memory (account_id, snapshot) VALUES (?, ?)
         ON CONFLICT (account_id) DO UPDATE SET snapshot = excluded.snapshot`,
      )
      .run(accountId, JSON.stringify(snapshot));
  }
}
