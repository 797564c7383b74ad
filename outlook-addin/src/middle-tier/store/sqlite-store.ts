/** The embedded default BridgeStore: one SQLite file (WAL) under the bridge's data folder. */
import Database from 'better-sqlite3';
import type { AccountRecord, BridgeStore, GuestLinkRecord, SessionRecord } from './types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY,
  server_id TEXT NOT NULL,
  username TEXT NOT NULL,
  sealed_password TEXT NOT NULL,
  principal_url TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (server_id, username)
);
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions(expires_at);
CREATE TABLE IF NOT EXISTS guest_links (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  sealed_token TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  collection_url TEXT NOT NULL,
  collection_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  password_hash TEXT,
  expires_at INTEGER,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX IF NOT EXISTS guest_links_owner ON guest_links(account_id, created_at);
`;

interface GuestRow {
  id: string;
  token_hash: string;
  sealed_token: string;
  account_id: string;
  collection_url: string;
  collection_name: string;
  kind: GuestLinkRecord['kind'];
  password_hash: string | null;
  expires_at: number | null;
  created_at: number;
  revoked_at: number | null;
}

const guestFromRow = (r: GuestRow): GuestLinkRecord => ({
  id: r.id,
  tokenHash: r.token_hash,
  sealedToken: r.sealed_token,
  accountId: r.account_id,
  collectionUrl: r.collection_url,
  collectionName: r.collection_name,
  kind: r.kind,
  passwordHash: r.password_hash ?? undefined,
  expiresAt: r.expires_at ?? undefined,
  createdAt: r.created_at,
  revokedAt: r.revoked_at ?? undefined,
});

interface AccountRow {
  id: string;
  server_id: string;
  username: string;
  sealed_password: string;
  principal_url: string;
  updated_at: number;
}

const accountFromRow = (r: AccountRow): AccountRecord => ({
  id: r.id,
  serverId: r.server_id,
  username: r.username,
  sealedPassword: r.sealed_password,
  principalUrl: r.principal_url,
  updatedAt: r.updated_at,
});

export class SqliteStore implements BridgeStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
  }

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
    const r = this.db.prepare('SELECT * FROM sessions WHERE id_hash = ?').get(idHash) as
      { id_hash: string; account_id: string; csrf_token: string; created_at: number; expires_at: number } | undefined;
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

  async createGuestLink(g: GuestLinkRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO guest_links (id, token_hash, sealed_token, account_id, collection_url, collection_name, kind,
           password_hash, expires_at, created_at, revoked_at)
         VALUES (@id, @tokenHash, @sealedToken, @accountId, @collectionUrl, @collectionName, @kind,
           @passwordHash, @expiresAt, @createdAt, @revokedAt)`,
      )
      .run({
        ...g,
        passwordHash: g.passwordHash ?? null,
        expiresAt: g.expiresAt ?? null,
        revokedAt: g.revokedAt ?? null,
      });
  }

  async getGuestLinkByTokenHash(tokenHash: string): Promise<GuestLinkRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM guest_links WHERE token_hash = ?').get(tokenHash) as
      GuestRow | undefined;
    return row && guestFromRow(row);
  }

  async getGuestLink(id: string): Promise<GuestLinkRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM guest_links WHERE id = ?').get(id) as GuestRow | undefined;
    return row && guestFromRow(row);
  }

  async listGuestLinks(accountId: string): Promise<GuestLinkRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM guest_links WHERE account_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id')
      .all(accountId) as GuestRow[];
    return rows.map(guestFromRow);
  }

  async revokeGuestLink(id: string, at: number): Promise<boolean> {
    return (
      this.db.prepare('UPDATE guest_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes >
      0
    );
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
