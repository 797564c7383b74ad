/** Sessions and accounts in PostgreSQL: a session made by one bridge instance is found by every other. */
import { accountFromRow, type AccountRow, type SessionRow } from '../sqlite/accounts.js';
import type { AccountRecord, AccountStore, SessionRecord } from '../types.js';
import { changes, row, type Pool } from './db.js';

export class PgAccountStore implements AccountStore {
  constructor(private readonly db: Pool) {}

  async upsertAccount(a: AccountRecord): Promise<AccountRecord> {
    // The id of an existing (server, username) pair is kept, so sessions and guest links stay attached to it.
    const stored = await row<AccountRow>(
      this.db,
      `INSERT INTO accounts (id, server_id, username, sealed_password, principal_url, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (server_id, username) DO UPDATE SET sealed_password = excluded.sealed_password,
         principal_url = excluded.principal_url, updated_at = excluded.updated_at
       RETURNING *`,
      [a.id, a.serverId, a.username, a.sealedPassword, a.principalUrl, a.updatedAt],
    );
    if (!stored) throw new Error('account upsert failed');
    return accountFromRow(stored);
  }

  async getAccount(id: string): Promise<AccountRecord | undefined> {
    const r = await row<AccountRow>(this.db, 'SELECT * FROM accounts WHERE id = $1', [id]);
    return r && accountFromRow(r);
  }

  async findAccount(serverId: string, username: string): Promise<AccountRecord | undefined> {
    const r = await row<AccountRow>(this.db, 'SELECT * FROM accounts WHERE server_id = $1 AND username = $2', [
      serverId,
      username,
    ]);
    return r && accountFromRow(r);
  }

  async createSession(s: SessionRecord): Promise<void> {
    await this.db.query(
      'INSERT INTO sessions (id_hash, account_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [s.idHash, s.accountId, s.csrfToken, s.createdAt, s.expiresAt],
    );
  }

  async getSession(idHash: string): Promise<SessionRecord | undefined> {
    const r = await row<SessionRow>(this.db, 'SELECT * FROM sessions WHERE id_hash = $1', [idHash]);
    return (
      r && {
        idHash: r.id_hash,
        accountId: r.account_id,
        csrfToken: r.csrf_token,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
      }
    );
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    return changes(this.db, 'DELETE FROM sessions WHERE expires_at <= $1', [now]);
  }
}
