/**
 * The bridge database's schema version (SQLite's user_version) and its forward migrations. Each migration is
 * numbered, runs once, in a transaction with the version bump: a crash leaves the database at the version before
 * it, never half-migrated. A database written by a newer bridge is refused rather than misread (a downgrade would
 * otherwise write rows the newer code cannot trust).
 */
import type Database from 'better-sqlite3';
import { DEVICE_TOKENS_SCHEMA } from '../device-tokens.js';
import { inBothLanguages, message, type Message, type Text } from '../../words.js';
import { GRAPH_TOKEN_CACHES_SCHEMA } from './graph-tokens.js';
import { GRAPH_WEBHOOKS_SCHEMA } from './graph-webhooks.js';
import { RATE_LIMITS_TABLE } from '../rate-limits.js';
import { GUEST_LINK_OPENS_SCHEMA } from './guest-link-opens.js';
import { OUTLOOK_FEEDS_SCHEMA } from './outlook-feeds.js';

type Db = Database.Database;

interface Migration {
  version: number;
  /** What it brings, for people reading the history. */
  name: string;
  up(db: Db): void;
}

/**
 * Version 1 is the schema written, without a version, by every bridge up to f4230b7 (user_version 0). It is
 * written with IF NOT EXISTS and the late guest-link columns are added when missing, so that such a database is
 * adopted as it is.
 */
const V1_TABLES = `
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

/** Guest-link columns added during the unversioned releases, for databases made before them. */
const V1_LATE_GUEST_COLUMNS: Record<string, string> = {
  password_failures: 'INTEGER NOT NULL DEFAULT 0',
  locked_at: 'INTEGER',
  // Links made before the option keep showing private items as busy blocks.
  hide_private: 'INTEGER NOT NULL DEFAULT 0',
};

function addMissingGuestColumns(db: Db): void {
  const have = new Set(
    (db.prepare('PRAGMA table_info(guest_links)').all() as Array<{ name: string }>).map((c) => c.name),
  );
  for (const [name, type] of Object.entries(V1_LATE_GUEST_COLUMNS))
    if (!have.has(name)) db.exec(`ALTER TABLE guest_links ADD COLUMN ${name} ${type}`);
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'the unversioned schema of the first releases (up to f4230b7), adopted as is',
    up: (db) => {
      db.exec(V1_TABLES);
      addMissingGuestColumns(db);
    },
  },
  {
    version: 2,
    name: 'losing versions of server-side conflicts, kept durably (issue 11 item 3)',
    up: (db) =>
      db.exec(`
        CREATE TABLE conflicts (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          subscription_id TEXT NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
          ident TEXT NOT NULL,
          side TEXT NOT NULL,
          item_id TEXT,
          data TEXT NOT NULL,
          reason TEXT NOT NULL,
          at INTEGER NOT NULL
        );
        CREATE INDEX conflicts_subscription ON conflicts(subscription_id, at);`),
  },
  {
    version: 3,
    name: 'per-device bearer tokens, stored hashed (issue 11 item 5)',
    up: (db) => db.exec(DEVICE_TOKENS_SCHEMA),
  },
  {
    version: 4,
    name: 'private "Add to Outlook" feeds, tokens stored hashed (issue 13 item 1)',
    up: (db) => db.exec(OUTLOOK_FEEDS_SCHEMA),
  },
  {
    version: 5,
    name: 'guest link open counts, counts only (issue 13 item 2)',
    up: (db) => db.exec(GUEST_LINK_OPENS_SCHEMA),
  },
  {
    version: 6,
    name: 'Microsoft 365 connections: sealed MSAL token caches and their state (issue 15)',
    up: (db) => db.exec(GRAPH_TOKEN_CACHES_SCHEMA),
  },
  {
    version: 7,
    name: 'rate-limit counters shared by every bridge on the database (issue 16)',
    up: (db) => db.exec(RATE_LIMITS_TABLE),
  },
  {
    version: 8,
    name: 'Graph change-notification subscriptions, clientState stored hashed (issue 15)',
    up: (db) => db.exec(GRAPH_WEBHOOKS_SCHEMA),
  },
];

/** The version this code writes and reads. */
export const BRIDGE_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The database cannot be used by this code: the bridge does not start, and says why in both languages. */
export class StoreSchemaError extends Error {
  readonly code = 'database-schema-too-new';
  readonly text: Text;
  constructor(msg: Message) {
    const text = inBothLanguages(msg);
    super(`${text.en}\n${text.fr}`);
    this.text = text;
    this.name = 'StoreSchemaError';
  }
}

export function schemaVersionOf(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Brings the database to BRIDGE_SCHEMA_VERSION, one migration at a time; refuses a newer one untouched. */
export function migrate(db: Db, file: string): void {
  const found = schemaVersionOf(db);
  if (found > BRIDGE_SCHEMA_VERSION)
    throw new StoreSchemaError(message('server.database-too-new', { file, found, known: BRIDGE_SCHEMA_VERSION }));
  for (const m of MIGRATIONS) {
    if (m.version <= found) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
