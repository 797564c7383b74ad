/**
 * Per-device bearer tokens (the Thunderbird extension, scripts): a device gets a secret once, the database keeps
 * only its SHA-256, and the user lists and revokes their devices. Its own table and file, so the rest of the store
 * can be split or replaced without touching it; SqliteStore creates it in its constructor.
 */
import type Database from 'better-sqlite3';

export interface DeviceTokenRecord {
  id: string;
  accountId: string;
  /** The name the user gave the device ("Thunderbird at the office"). */
  name: string;
  /** SHA-256 of the secret (security/tokens.ts digest): a stolen database hands out no working token. */
  tokenHash: string;
  createdAt: number;
  lastUsedAt: number | undefined;
}

export interface DeviceTokenStore {
  createDeviceToken(t: DeviceTokenRecord): Promise<void>;
  /** The token with this hash, or undefined (unknown or revoked: revoked rows are deleted). */
  findDeviceToken(tokenHash: string): Promise<DeviceTokenRecord | undefined>;
  listDeviceTokens(accountId: string): Promise<DeviceTokenRecord[]>;
  /** True when the account had this token; someone else's id deletes nothing. */
  revokeDeviceToken(accountId: string, id: string): Promise<boolean>;
  touchDeviceToken(id: string, now: number): Promise<void>;
}

export const DEVICE_TOKENS_SCHEMA = `
CREATE TABLE IF NOT EXISTS device_tokens (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
);
CREATE INDEX IF NOT EXISTS device_tokens_account ON device_tokens(account_id);
`;

export interface DeviceTokenRow {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
}

export const deviceTokenFromRow = (r: DeviceTokenRow): DeviceTokenRecord => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  tokenHash: r.token_hash,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at ?? undefined,
});

export class SqliteDeviceTokens implements DeviceTokenStore {
  constructor(private readonly db: Database.Database) {
    // Also made by migration 3 (sqlite/schema.ts); idempotent, so the class works on its own in tests.
    db.exec(DEVICE_TOKENS_SCHEMA);
  }

  async createDeviceToken(t: DeviceTokenRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO device_tokens (id, account_id, name, token_hash, created_at, last_used_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(t.id, t.accountId, t.name, t.tokenHash, t.createdAt, t.lastUsedAt ?? null);
  }

  async findDeviceToken(tokenHash: string): Promise<DeviceTokenRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM device_tokens WHERE token_hash = ?').get(tokenHash) as
      DeviceTokenRow | undefined;
    return row && deviceTokenFromRow(row);
  }

  async listDeviceTokens(accountId: string): Promise<DeviceTokenRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM device_tokens WHERE account_id = ? ORDER BY created_at, id')
      .all(accountId) as DeviceTokenRow[];
    return rows.map(deviceTokenFromRow);
  }

  async revokeDeviceToken(accountId: string, id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM device_tokens WHERE id = ? AND account_id = ?').run(id, accountId).changes > 0;
  }

  async touchDeviceToken(id: string, now: number): Promise<void> {
    this.db.prepare('UPDATE device_tokens SET last_used_at = ? WHERE id = ?').run(now, id);
  }
}
