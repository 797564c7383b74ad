/** What the key guard reads at startup (a sealed sample, the key's fingerprint), in SQLite. */
import type Database from 'better-sqlite3';
import type { KeyCheckStore } from '../types.js';

export class SqliteKeyCheckStore implements KeyCheckStore {
  constructor(private readonly db: Database.Database) {}

  async sealedSample(): Promise<{ sealed: string; boundTo: string } | undefined> {
    const row = (this.db.prepare('SELECT sealed_password AS sealed, id AS boundTo FROM accounts LIMIT 1').get() ??
      this.db.prepare('SELECT sealed_token AS sealed, id AS boundTo FROM guest_links LIMIT 1').get()) as
      { sealed: string; boundTo: string } | undefined;
    return row;
  }

  async getKeyCheck(): Promise<string | undefined> {
    const row = this.db.prepare("SELECT value FROM bridge_meta WHERE name = 'key_check'").get() as
      { value: string } | undefined;
    return row?.value;
  }

  async setKeyCheck(value: string): Promise<void> {
    this.db
      .prepare(
        "INSERT INTO bridge_meta (name, value) VALUES ('key_check', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
      )
      .run(value);
  }
}
