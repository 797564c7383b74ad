/** Per-device bearer tokens in PostgreSQL (schema version 3): only each secret's SHA-256 is stored. */
import {
  deviceTokenFromRow,
  type DeviceTokenRecord,
  type DeviceTokenRow,
  type DeviceTokenStore,
} from '../device-tokens.js';
import { changes, row, rows, type Pool } from './db.js';

export class PgDeviceTokens implements DeviceTokenStore {
  constructor(private readonly db: Pool) {}

  async createDeviceToken(t: DeviceTokenRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO device_tokens (id, account_id, name, token_hash, created_at, last_used_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [t.id, t.accountId, t.name, t.tokenHash, t.createdAt, t.lastUsedAt ?? null],
    );
  }

  async findDeviceToken(tokenHash: string): Promise<DeviceTokenRecord | undefined> {
    const r = await row<DeviceTokenRow>(this.db, 'SELECT * FROM device_tokens WHERE token_hash = $1', [tokenHash]);
    return r && deviceTokenFromRow(r);
  }

  async listDeviceTokens(accountId: string): Promise<DeviceTokenRecord[]> {
    const found = await rows<DeviceTokenRow>(
      this.db,
      'SELECT * FROM device_tokens WHERE account_id = $1 ORDER BY created_at, id',
      [accountId],
    );
    return found.map(deviceTokenFromRow);
  }

  async revokeDeviceToken(accountId: string, id: string): Promise<boolean> {
    return (await changes(this.db, 'DELETE FROM device_tokens WHERE id = $1 AND account_id = $2', [id, accountId])) > 0;
  }

  async touchDeviceToken(id: string, now: number): Promise<void> {
    await this.db.query('UPDATE device_tokens SET last_used_at = $1 WHERE id = $2', [now, id]);
  }
}
