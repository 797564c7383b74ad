/** What the key guard reads at startup (a sealed sample, the key's fingerprint), in PostgreSQL. */
import type { KeyCheckStore } from '../types.js';
import { row, type Pool } from './db.js';

type Sample = { sealed: string; boundTo: string };

export class PgKeyCheckStore implements KeyCheckStore {
  constructor(private readonly db: Pool) {}

  async sealedSample(): Promise<Sample | undefined> {
    return (
      (await row<Sample>(this.db, 'SELECT sealed_password AS sealed, id AS "boundTo" FROM accounts LIMIT 1')) ??
      (await row<Sample>(this.db, 'SELECT sealed_token AS sealed, id AS "boundTo" FROM guest_links LIMIT 1'))
    );
  }

  async getKeyCheck(): Promise<string | undefined> {
    return (await row<{ value: string }>(this.db, "SELECT value FROM bridge_meta WHERE name = 'key_check'"))?.value;
  }

  async setKeyCheck(value: string): Promise<void> {
    await this.db.query(
      `INSERT INTO bridge_meta (name, value) VALUES ('key_check', $1)
       ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      [value],
    );
  }
}
