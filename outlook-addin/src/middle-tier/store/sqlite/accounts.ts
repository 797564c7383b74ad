/** Sessions and accounts in SQLite. */
import type Database from 'better-sqlite3';
import type { AccountRecord, AccountStore, SessionRecord } from '../types.js';

export interface AccountRow {
  id: string;
  server_id: string;
  username: string;
  sealed_password: string;
  principal_url: string;
  updated_at: number;
}

export const accountFromRow = (r: AccountRow): AccountRecord => ({
  id: r.id,
  serverId: r.server_id,
  username: r.username,
  sealedPassword: r.sealed_password,
  principalUrl: r.principal_url,
  updatedAt: r.updated_at,
});

export interface SessionRow {
  id_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export class SqliteAccountStore implements AccountStore {
  constructor(private readonly db: Database.Database) {}

  async upsertAccount(a: AccountRecord): Promise<AccountRecord> {
    // The id of an existing (server, username) pair is kept, so sessions and guest links stay attached to it.
    this.db
      .prepare(
        `INSERT INTO accounts (id, server_id, username, sealed_password, principal_url, updated_at)
         VALUES (@id, @serverId, @username, @sealedPassword, @principalUrl, @updatedAt)
         ON CONFLICT (server_id, username) DO UPDATE SET sealed_password = excluded.sealed_password,
           principal_url = excluded.principal_url, updated_at = excluded.updated_at`,
      )
      .run(a);
    const stored = await this.findAccount(a.serverId, a.username);
    if (!stored) throw new Error('account upsert failed');
    return stored;
  }

  async getAccount(id: string): Promise<AccountRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
    return row && accountFromRow(row);
  }

  async findAccount(serverId: string, username: string): Promise<AccountRecord | undefined> {
    const row = this.db
      .prepare('SELECT * FROM accounts WHERE server_id = ? AND username = ?')
      .get(serverId, username) as AccountRow | undefined;
    return row && accountFromRow(row);
  }

  async createSession(s: SessionRecord): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO sessions (id_hash, account_id, csrf_token, created_at, expires_at) VALUES (@idHash, @accountId, @csrfToken, @createdAt, @expiresAt)',
      )
      .run(s);
  }

  async getSession(idHash: string): Promise<SessionRecord | undefined> {
    const r = this.db.prepare('SELECT * FROM sessions WHERE id_hash = ?').get(idHash) as SessionRow | undefined;
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
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    return this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
  }
}
