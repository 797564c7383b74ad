/**
 * The PostgreSQL bridge database's schema: the same versions as SQLite's (sqlite/schema.ts), each migration run
 * once in a transaction with the version bump, kept in a one-row `schema_version` table. Several bridges starting
 * together on one database migrate once: the whole check-and-migrate holds a session advisory lock, so the others
 * wait and then find the database current. A database written by a newer bridge is refused untouched.
 */
import { message } from '../../words.js';
import { StoreSchemaError } from '../sqlite/schema.js';
import { RATE_LIMITS_TABLE } from '../rate-limits.js';
import { GRAPH_TOKEN_CACHES_SCHEMA } from '../sqlite/graph-tokens.js';
import { GRAPH_WEBHOOKS_SCHEMA } from '../sqlite/graph-webhooks.js';
import { redactedUrl, row, type Pool, type Queryable } from './db.js';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Timestamps are milliseconds since 1970 (BIGINT); flags are 0/1 INTEGERs as in SQLite, so rows read the same.
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "the first releases' schema (accounts, sessions, guest links, categories, subscriptions, mirror, runs) and the sync engine's status",
    sql: `
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        server_id TEXT NOT NULL,
        username TEXT NOT NULL,
        sealed_password TEXT NOT NULL,
        principal_url TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        UNIQUE (server_id, username)
      );
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX sessions_expiry ON sessions(expires_at);
      CREATE TABLE guest_links (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        sealed_token TEXT NOT NULL,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        collection_url TEXT NOT NULL,
        collection_name TEXT NOT NULL,
        kind TEXT NOT NULL,
        password_hash TEXT,
        expires_at BIGINT,
        created_at BIGINT NOT NULL,
        revoked_at BIGINT,
        password_failures INTEGER NOT NULL DEFAULT 0,
        locked_at BIGINT,
        hide_private INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX guest_links_owner ON guest_links(account_id, created_at);
      CREATE TABLE category_memory (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        snapshot TEXT NOT NULL
      );
      CREATE TABLE subscriptions (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        url TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        read_only INTEGER NOT NULL,
        created_at BIGINT NOT NULL,
        feed_etag TEXT,
        feed_last_modified TEXT,
        UNIQUE (account_id, url)
      );
      CREATE TABLE mirror_items (
        subscription_id TEXT NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        version TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (subscription_id, id)
      );
      CREATE TABLE bridge_meta (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE sync_runs (
        subscription_id TEXT PRIMARY KEY REFERENCES subscriptions(id) ON DELETE CASCADE,
        last_run BIGINT NOT NULL,
        ok INTEGER NOT NULL,
        counts TEXT NOT NULL,
        conflicts INTEGER NOT NULL,
        error TEXT
      );
      CREATE TABLE sync_status (
        pair TEXT NOT NULL, ident TEXT NOT NULL,
        a_id TEXT NOT NULL, a_version TEXT NOT NULL, a_hash TEXT NOT NULL,
        b_id TEXT NOT NULL, b_version TEXT NOT NULL, b_hash TEXT NOT NULL,
        PRIMARY KEY (pair, ident)
      );
      CREATE TABLE sync_token (
        pair TEXT NOT NULL, side TEXT NOT NULL, token TEXT NOT NULL,
        PRIMARY KEY (pair, side)
      );`,
  },
  {
    version: 2,
    name: 'losing versions of server-side conflicts, kept durably (issue 11 item 3)',
    sql: `
      CREATE TABLE conflicts (
        id BIGSERIAL PRIMARY KEY,
        subscription_id TEXT NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        ident TEXT NOT NULL,
        side TEXT NOT NULL,
        item_id TEXT,
        data TEXT NOT NULL,
        reason TEXT NOT NULL,
        at BIGINT NOT NULL
      );
      CREATE INDEX conflicts_subscription ON conflicts(subscription_id, at);`,
  },
  {
    version: 3,
    name: 'per-device bearer tokens, stored hashed (issue 11 item 5)',
    sql: `
      CREATE TABLE device_tokens (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at BIGINT NOT NULL,
        last_used_at BIGINT
      );
      CREATE INDEX device_tokens_account ON device_tokens(account_id);`,
  },
  {
    version: 4,
    name: 'private "Add to Outlook" feeds, tokens stored hashed (issue 13 item 1)',
    sql: `
      CREATE TABLE outlook_feeds (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        sealed_token TEXT NOT NULL,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        collection_url TEXT NOT NULL,
        collection_name TEXT NOT NULL,
        kind TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        revoked_at BIGINT,
        last_fetched_at BIGINT,
        fetch_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX outlook_feeds_owner ON outlook_feeds(account_id, created_at);`,
  },
  {
    version: 5,
    name: 'guest link open counts, counts only (issue 13 item 2)',
    sql: `
      CREATE TABLE guest_link_opens (
        link_id TEXT PRIMARY KEY REFERENCES guest_links(id) ON DELETE CASCADE,
        open_count INTEGER NOT NULL,
        last_opened_at BIGINT NOT NULL
      );`,
  },
  {
    version: 6,
    name: 'Microsoft 365 connections: sealed MSAL token caches and their state (issue 15)',
    sql: GRAPH_TOKEN_CACHES_SCHEMA,
  },
  {
    version: 7,
    name: 'rate-limit counters shared by every bridge on the database (issue 16)',
    sql: RATE_LIMITS_TABLE,
  },
  {
    version: 8,
    name: 'Graph change-notification subscriptions, clientState stored hashed (issue 15)',
    sql: GRAPH_WEBHOOKS_SCHEMA,
  },
];

/** The version this code writes and reads (equal to SQLite's BRIDGE_SCHEMA_VERSION: a test checks it). */
export const PG_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** One constant key for every bridge on any database: the advisory lock is per database, so it never clashes. */
const MIGRATION_LOCK_KEY = 0x0dab_b41d;

export async function schemaVersionOf(db: Queryable): Promise<number> {
  const table = await row<{ t: string | null }>(db, "SELECT to_regclass('schema_version')::text AS t");
  if (!table?.t) return 0;
  return (await row<{ version: number }>(db, 'SELECT version FROM schema_version'))?.version ?? 0;
}

/** Brings the database to PG_SCHEMA_VERSION under the migration lock; refuses a newer one untouched. */
export async function migratePostgres(pool: Pool, url: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const found = await schemaVersionOf(client);
      if (found > PG_SCHEMA_VERSION)
        throw new StoreSchemaError(
          message('server.database-too-new', { file: redactedUrl(url), found, known: PG_SCHEMA_VERSION }),
        );
      for (const m of MIGRATIONS) {
        if (m.version <= found) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
          await client.query('DELETE FROM schema_version');
          await client.query('INSERT INTO schema_version (version) VALUES ($1)', [m.version]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
