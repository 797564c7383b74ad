/** Each user's category memory (bridge-core colors) in PostgreSQL, as its JSON snapshot. */
import type { CategoryStore } from '../types.js';
import { row, type Pool } from './db.js';

export class PgCategoryStore implements CategoryStore {
  constructor(private readonly db: Pool) {}

  async getCategoryMemory(accountId: string): Promise<unknown> {
    const r = await row<{ snapshot: string }>(this.db, 'SELECT snapshot FROM category_memory WHERE account_id = $1', [
      accountId,
    ]);
    return r ? JSON.parse(r.snapshot) : undefined;
  }

  async saveCategoryMemory(accountId: string, snapshot: unknown): Promise<void> {
    await this.db.query(
      `INSERT INTO category_memory (account_id, snapshot) VALUES ($1, $2)
       ON CONFLICT (account_id) DO UPDATE SET snapshot = excluded.snapshot`,
      [accountId, JSON.stringify(snapshot)],
    );
  }
}
