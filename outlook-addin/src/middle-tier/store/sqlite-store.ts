/**
 * The embedded default BridgeStore: one SQLite file (WAL) under the bridge's data folder, migrated to this code's
 * schema version when opened (see sqlite/schema.ts). Each aggregate has its own implementation in ./sqlite/; this
 * module opens the database and puts them together behind the BridgeStore interface.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStatusStore } from '@dav-bridge/core/node';
import Database from 'better-sqlite3';
import { SqliteAccountStore } from './sqlite/accounts.js';
import { SqliteCategoryStore } from './sqlite/categories.js';
import { SqliteConflictActionStore } from './sqlite/conflict-actions.js';
import { SqliteConflictStore } from './sqlite/conflicts.js';
import { SqliteGuestLinkStore } from './sqlite/guest-links.js';
import { SqliteKeyCheckStore } from './sqlite/key-check.js';
import { SqliteGraphTokenCacheStore } from './sqlite/graph-tokens.js';
import { SqliteGuestLinkOpenStore } from './sqlite/guest-link-opens.js';
import { SqliteMirrorItemStore } from './sqlite/mirror.js';
import { SqliteOutlookFeedStore } from './sqlite/outlook-feeds.js';
import { migrate, schemaVersionOf } from './sqlite/schema.js';
import { SqliteSubscriptionStore } from './sqlite/subscriptions.js';
import { SqliteRateLimitStore } from './sqlite/rate-limits.js';
import { SqliteDeviceTokens } from './device-tokens.js';
import { SqliteGraphWebhookStore } from './sqlite/graph-webhooks.js';
import { methodsOf } from './methods-of.js';
import type {
  AccountStore,
  BridgeStore,
  CategoryStore,
  ConflictStore,
  GraphTokenCacheStore,
  GraphWebhookStore,
  GuestLinkStore,
  KeyCheckStore,
  MirrorItemStore,
  SubscriptionStore,
} from './types.js';
import type { ConflictActionStore, GuestLinkOpenStore, OutlookFeedStore } from './pane-types.js';

export { BRIDGE_SCHEMA_VERSION, StoreSchemaError } from './sqlite/schema.js';

export interface Durability {
  journalMode: string;
  synchronous: 'off' | 'normal' | 'full' | 'extra';
}

/** The SQLite BridgeStore, with what tests and diagnostics read back from the connection. */
export type SqliteStore = BridgeStore & {
  durability(): Durability;
  schemaVersion(): number;
  /** Per-device bearer tokens (their table is schema version 3). */
  deviceTokens: SqliteDeviceTokens;
};

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
  return openSqliteStore(join(dataDir, 'bridge.sqlite'));
}

/** Opens (or creates) a bridge database file, migrated to this code's schema; a newer one is refused untouched. */
export function openSqliteStore(file: string): SqliteStore {
  if (file !== ':memory:') restrictToOwner(file);
  const db = new Database(file);
  try {
    migrate(db, file);
    // Creates (or migrates; a newer one is refused) the sync engine's status tables (sync_status, sync_token),
    // versioned on their own, before anything deletes from them.
    new SqliteStatusStore(db, 'init');
  } catch (err) {
    db.close();
    throw err;
  }
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  /**
   * synchronous=FULL: a commit returns only once it is on disk, so a revoked guest link stays revoked after a power
   * cut (NORMAL in WAL mode may roll back the last commits). The sync engine's status store sets NORMAL on the
   * connection it is handed, for speed on its own files: every time one is made on ours, FULL is put back.
   */
  const keepDurable = () => void db.pragma('synchronous = FULL');
  keepDurable();
  return {
    ...methodsOf<AccountStore>(new SqliteAccountStore(db)),
    ...methodsOf<GuestLinkStore>(new SqliteGuestLinkStore(db)),
    ...methodsOf<CategoryStore>(new SqliteCategoryStore(db)),
    ...methodsOf<SubscriptionStore>(new SqliteSubscriptionStore(db, keepDurable)),
    ...methodsOf<MirrorItemStore>(new SqliteMirrorItemStore(db)),
    ...methodsOf<ConflictStore>(new SqliteConflictStore(db)),
    ...methodsOf<KeyCheckStore>(new SqliteKeyCheckStore(db)),
    ...methodsOf<OutlookFeedStore>(new SqliteOutlookFeedStore(db)),
    ...methodsOf<GuestLinkOpenStore>(new SqliteGuestLinkOpenStore(db)),
    ...methodsOf<ConflictActionStore>(new SqliteConflictActionStore(db)),
    ...methodsOf<GraphTokenCacheStore>(new SqliteGraphTokenCacheStore(db)),
    ...methodsOf<GraphWebhookStore>(new SqliteGraphWebhookStore(db)),
    durability: () => {
      const journalMode = String(db.pragma('journal_mode', { simple: true }));
      const level = Number(db.pragma('synchronous', { simple: true }));
      return { journalMode, synchronous: (['off', 'normal', 'full', 'extra'] as const)[level] ?? 'off' };
    },
    schemaVersion: () => schemaVersionOf(db),
    deviceTokens: new SqliteDeviceTokens(db),
    rateLimits: new SqliteRateLimitStore(db),
    close: async () => void db.close(),
  };
}
