/** The embedded default BridgeStore: one SQLite file (WAL) under the bridge's data folder. */
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { sync } from '@dav-bridge/core';
import { SqliteStatusStore } from '@dav-bridge/core/node';
import Database from 'better-sqlite3';
import { SqliteDeviceTokens } from './device-tokens.js';
import type {
  AccountRecord,
  BridgeStore,
  GuestLinkRecord,
  MirrorItem,
  MirrorWrite,
  SessionRecord,
  SubscriptionRecord,
  SyncRunRecord,
} from './types.js';

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
  revoked_at INTEGER,
  password_failures INTEGER NOT NULL DEFAULT 0,
  locked_at INTEGER
);
CREATE INDEX IF NOT EXISTS guest_links_owner ON guest_links(account_id, created_at);
CREATE TABLE IF NOT EXISTS category_memory (
  account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  snapshot TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS subscriptions (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  url TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  read_only INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  feed_etag TEXT,
  feed_last_modified TEXT,
  UNIQUE (account_id, url)
);
CREATE TABLE IF NOT EXISTS mirror_items (
  subscription_id TEXT NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  version TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (subscription_id, id)
);
CREATE TABLE IF NOT EXISTS bridge_meta (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sync_runs (
  subscription_id TEXT PRIMARY KEY REFERENCES subscriptions(id) ON DELETE CASCADE,
  last_run INTEGER NOT NULL,
  ok INTEGER NOT NULL,
  counts TEXT NOT NULL,
  conflicts INTEGER NOT NULL,
  error TEXT
);
`;

interface SubscriptionRow {
  id: string;
  account_id: string;
  type: SubscriptionRecord['type'];
  url: string;
  name: string;
  kind: SubscriptionRecord['kind'];
  read_only: number;
  created_at: number;
  feed_etag: string | null;
  feed_last_modified: string | null;
}

const subscriptionFromRow = (r: SubscriptionRow): SubscriptionRecord => ({
  id: r.id,
  accountId: r.account_id,
  type: r.type,
  url: r.url,
  name: r.name,
  kind: r.kind,
  readOnly: r.read_only === 1,
  createdAt: r.created_at,
  feedEtag: r.feed_etag ?? undefined,
  feedLastModified: r.feed_last_modified ?? undefined,
});

/** A mirror item's version: a digest of its content (changes exactly when the data does). */
const versionOf = (data: string): string => createHash('sha256').update(data).digest('base64url').slice(0, 22);

/** The sync engine's status of one subscription is the pair "sub:<id>" in the shared status tables. */
const pairOf = (subscriptionId: string): string => `sub:${subscriptionId}`;

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
  password_failures: number;
  locked_at: number | null;
  hide_private: number;
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
  passwordFailures: r.password_failures,
  lockedAt: r.locked_at ?? undefined,
  hidePrivateEvents: r.hide_private === 1,
});

/** Columns added after the first release, for databases made before them. */
const GUEST_LINK_COLUMNS: Record<string, string> = {
  password_failures: 'INTEGER NOT NULL DEFAULT 0',
  locked_at: 'INTEGER',
  // Links made before the option keep showing private items as busy blocks.
  hide_private: 'INTEGER NOT NULL DEFAULT 0',
};

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

/**
 * The database holds sealed credentials and every guest link: only the bridge's user may read it. SQLite creates
 * files with the umask (usually 0644); it gives its -wal and -shm files the mode of the database file.
 */
function restrictToOwner(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/**
 * The bridge's database in its data folder, the folder made private (0700) even when the administrator created it
 * beforehand with a looser mode: mkdir's mode applies only to a folder it creates.
 */
export function openBridgeDatabase(dataDir: string): SqliteStore {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  return new SqliteStore(join(dataDir, 'bridge.sqlite'));
}

export class SqliteStore implements BridgeStore {
  private readonly db: Database.Database;
  /** Per-device bearer tokens: their own table and module (store/device-tokens.ts). */
  readonly deviceTokens: SqliteDeviceTokens;

  constructor(file: string) {
    if (file !== ':memory:') restrictToOwner(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    this.addMissingColumns();
    this.deviceTokens = new SqliteDeviceTokens(this.db);
    // Creates the sync engine's status tables (sync_status, sync_token) before anything deletes from them.
    new SqliteStatusStore(this.db, 'init');
    this.keepDurable();
  }

  /**
   * synchronous=FULL: a commit returns only once it is on disk, so a revoked guest link stays revoked after a power
   * cut (NORMAL in WAL mode may roll back the last commits). The sync engine's status store sets NORMAL on the
   * connection it is handed, for speed on its own files: every time one is made on ours, FULL is put back.
   */
  private keepDurable(): void {
    this.db.pragma('synchronous = FULL');
  }

  private addMissingColumns(): void {
    const have = new Set(
      (this.db.prepare('PRAGMA table_info(guest_links)').all() as Array<{ name: string }>).map((c) => c.name),
    );
    for (const [name, type] of Object.entries(GUEST_LINK_COLUMNS))
      if (!have.has(name)) this.db.exec(`ALTER TABLE guest_links ADD COLUMN ${name} ${type}`);
  }

  /** What the connection actually runs with (read back from SQLite), for tests and diagnostics. */
  durability(): { journalMode: string; synchronous: 'off' | 'normal' | 'full' | 'extra' } {
    const journalMode = String(this.db.pragma('journal_mode', { simple: true }));
    const level = Number(this.db.pragma('synchronous', { simple: true }));
    return { journalMode, synchronous: (['off', 'normal', 'full', 'extra'] as const)[level] ?? 'off' };
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
           password_hash, expires_at, created_at, revoked_at, hide_private)
         VALUES (@id, @tokenHash, @sealedToken, @accountId, @collectionUrl, @collectionName, @kind,
           @passwordHash, @expiresAt, @createdAt, @revokedAt, @hidePrivate)`,
      )
      .run({
        id: g.id,
        tokenHash: g.tokenHash,
        sealedToken: g.sealedToken,
        accountId: g.accountId,
        collectionUrl: g.collectionUrl,
        collectionName: g.collectionName,
        kind: g.kind,
        createdAt: g.createdAt,
        passwordHash: g.passwordHash ?? null,
        expiresAt: g.expiresAt ?? null,
        revokedAt: g.revokedAt ?? null,
        hidePrivate: g.hidePrivateEvents ? 1 : 0,
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

  async claimGuestPasswordAttempt(id: string, cap: number, now: number): Promise<boolean> {
    return this.db.transaction((): boolean => {
      const claimed = this.db
        .prepare(
          `UPDATE guest_links SET password_failures = password_failures + 1
           WHERE id = ? AND locked_at IS NULL AND password_failures < ?`,
        )
        .run(id, cap).changes;
      if (claimed > 0) return true;
      this.db.prepare('UPDATE guest_links SET locked_at = ? WHERE id = ? AND locked_at IS NULL').run(now, id);
      return false;
    })();
  }

  async settleGuestPasswordAttempt(id: string, correct: boolean, cap: number, now: number): Promise<void> {
    if (correct) {
      this.db.prepare('UPDATE guest_links SET password_failures = MAX(0, password_failures - 1) WHERE id = ?').run(id);
    } else {
      this.db
        .prepare('UPDATE guest_links SET locked_at = ? WHERE id = ? AND locked_at IS NULL AND password_failures >= ?')
        .run(now, id, cap);
    }
  }

  async unlockGuestLink(id: string): Promise<boolean> {
    return (
      this.db.prepare('UPDATE guest_links SET locked_at = NULL, password_failures = 0 WHERE id = ?').run(id).changes > 0
    );
  }

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

  async createSubscription(s: SubscriptionRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO subscriptions (id, account_id, type, url, name, kind, read_only, created_at, feed_etag,
           feed_last_modified)
         VALUES (@id, @accountId, @type, @url, @name, @kind, @readOnly, @createdAt, @feedEtag, @feedLastModified)`,
      )
      .run({
        ...s,
        readOnly: s.readOnly ? 1 : 0,
        feedEtag: s.feedEtag ?? null,
        feedLastModified: s.feedLastModified ?? null,
      });
  }

  async getSubscription(id: string): Promise<SubscriptionRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE id = ?').get(id) as SubscriptionRow | undefined;
    return row && subscriptionFromRow(row);
  }

  async listSubscriptions(accountId: string): Promise<SubscriptionRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM subscriptions WHERE account_id = ? ORDER BY created_at, id')
      .all(accountId) as SubscriptionRow[];
    return rows.map(subscriptionFromRow);
  }

  async listAllSubscriptions(): Promise<SubscriptionRecord[]> {
    const rows = this.db.prepare('SELECT * FROM subscriptions ORDER BY created_at, id').all() as SubscriptionRow[];
    return rows.map(subscriptionFromRow);
  }

  async setFeedValidators(id: string, etag: string | undefined, lastModified: string | undefined): Promise<void> {
    this.db
      .prepare('UPDATE subscriptions SET feed_etag = ?, feed_last_modified = ? WHERE id = ?')
      .run(etag ?? null, lastModified ?? null, id);
  }

  async deleteSubscription(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM sync_status WHERE pair = ?').run(pairOf(id));
      this.db.prepare('DELETE FROM sync_token WHERE pair = ?').run(pairOf(id));
      // mirror_items and sync_runs go with the subscription (ON DELETE CASCADE).
      return this.db.prepare('DELETE FROM subscriptions WHERE id = ?').run(id).changes > 0;
    })();
  }

  async mirrorList(subscriptionId: string): Promise<Array<{ id: string; version: string }>> {
    return this.db
      .prepare('SELECT id, version FROM mirror_items WHERE subscription_id = ? ORDER BY id')
      .all(subscriptionId) as Array<{ id: string; version: string }>;
  }

  async mirrorGetMany(subscriptionId: string, ids: string[]): Promise<MirrorItem[]> {
    const get = this.db.prepare('SELECT id, version, data FROM mirror_items WHERE subscription_id = ? AND id = ?');
    const out: MirrorItem[] = [];
    for (const id of ids) {
      const row = get.get(subscriptionId, id) as MirrorItem | undefined;
      if (row) out.push(row);
    }
    return out;
  }

  async mirrorCreate(subscriptionId: string, id: string, data: string): Promise<MirrorWrite> {
    const version = versionOf(data);
    const done = this.db
      .prepare(
        `INSERT INTO mirror_items (subscription_id, id, version, data) VALUES (?, ?, ?, ?)
         ON CONFLICT (subscription_id, id) DO NOTHING`,
      )
      .run(subscriptionId, id, version, data);
    return done.changes > 0 ? { ok: true, version } : { ok: false, reason: 'exists' };
  }

  async mirrorUpdate(subscriptionId: string, id: string, data: string, ifVersion: string): Promise<MirrorWrite> {
    const version = versionOf(data);
    return this.db.transaction((): MirrorWrite => {
      const done = this.db
        .prepare('UPDATE mirror_items SET version = ?, data = ? WHERE subscription_id = ? AND id = ? AND version = ?')
        .run(version, data, subscriptionId, id, ifVersion);
      if (done.changes > 0) return { ok: true, version };
      return { ok: false, reason: this.mirrorExists(subscriptionId, id) ? 'changed' : 'missing' };
    })();
  }

  async mirrorDelete(subscriptionId: string, id: string, ifVersion: string): Promise<MirrorWrite> {
    return this.db.transaction((): MirrorWrite => {
      const done = this.db
        .prepare('DELETE FROM mirror_items WHERE subscription_id = ? AND id = ? AND version = ?')
        .run(subscriptionId, id, ifVersion);
      if (done.changes > 0) return { ok: true, version: '' };
      return { ok: false, reason: this.mirrorExists(subscriptionId, id) ? 'changed' : 'missing' };
    })();
  }

  private mirrorExists(subscriptionId: string, id: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM mirror_items WHERE subscription_id = ? AND id = ?').get(subscriptionId, id);
  }

  syncStatus(subscriptionId: string): sync.StatusStore {
    const status = new SqliteStatusStore(this.db, pairOf(subscriptionId));
    this.keepDurable();
    return status;
  }

  async setSyncRun(r: SyncRunRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO sync_runs (subscription_id, last_run, ok, counts, conflicts, error) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (subscription_id) DO UPDATE SET last_run = excluded.last_run, ok = excluded.ok,
           counts = excluded.counts, conflicts = excluded.conflicts, error = excluded.error`,
      )
      .run(
        r.subscriptionId,
        r.lastRun,
        r.ok ? 1 : 0,
        JSON.stringify({ server: r.server, bridge: r.bridge }),
        r.conflicts,
        r.error ? JSON.stringify(r.error) : null,
      );
  }

  async getSyncRun(subscriptionId: string): Promise<SyncRunRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM sync_runs WHERE subscription_id = ?').get(subscriptionId) as
      { last_run: number; ok: number; counts: string; conflicts: number; error: string | null } | undefined;
    if (!row) return undefined;
    const counts = JSON.parse(row.counts) as Pick<SyncRunRecord, 'server' | 'bridge'>;
    return {
      subscriptionId,
      lastRun: row.last_run,
      ok: row.ok === 1,
      server: counts.server,
      bridge: counts.bridge,
      conflicts: row.conflicts,
      error: row.error ? (JSON.parse(row.error) as SyncRunRecord['error']) : undefined,
    };
  }

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

  async close(): Promise<void> {
    this.db.close();
  }
}
