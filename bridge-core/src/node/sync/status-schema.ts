/**
 * The schema version of the sync engine's SQLite status (sync_status, sync_token) and its forward migrations. The
 * status shares a database with other tables (the bridge server's), so its version is a row of its own
 * (sync_schema) rather than SQLite's user_version, which belongs to the database's owner. Each migration runs
 * once, in a transaction with the version bump; a status written by a newer version is refused, untouched, rather
 * than misread (a misread status could make the planner delete what it believes was deleted on the other side).
 */
import type Database from 'better-sqlite3';
import { message, render, type Lang, type Message } from '../../i18n/index.js';

type Db = InstanceType<typeof Database>;

interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    // The tables SqliteStatusStore has created (IF NOT EXISTS) since the first release: adopted as they are.
    name: 'sync_status and sync_token as written, unversioned, up to f4230b7',
    up: () => undefined,
  },
];

export const SYNC_STATUS_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** A status this code cannot read: a stable code, its parameters, and its catalog message. */
export class StatusSchemaError extends Error {
  readonly code = 'sync-status-too-new';
  readonly messageFr: string;
  /** The sentence as a catalog message; the shells render it in the user's language. */
  readonly text: Message;
  constructor(readonly params: { found: number; known: number }) {
    const text = message('sync.status-too-new', params);
    super(render('en', text));
    this.name = 'StatusSchemaError';
    this.messageFr = render('fr', text);
    this.text = text;
  }

  localized(lang: Lang): string {
    return render(lang, this.text);
  }
}

export function statusSchemaVersionOf(db: Db): number {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_schema'").get();
  if (!hasTable) return 0;
  const row = db.prepare("SELECT version FROM sync_schema WHERE component = 'sync-status'").get() as
    { version: number } | undefined;
  return row?.version ?? 0;
}

/** Brings the status tables to SYNC_STATUS_SCHEMA_VERSION; refuses (and leaves untouched) a newer one. */
export function migrateStatusSchema(db: Db): void {
  const found = statusSchemaVersionOf(db);
  if (found > SYNC_STATUS_SCHEMA_VERSION) throw new StatusSchemaError({ found, known: SYNC_STATUS_SCHEMA_VERSION });
  for (const m of MIGRATIONS) {
    if (m.version <= found) continue;
    db.transaction(() => {
      m.up(db);
      db.exec('CREATE TABLE IF NOT EXISTS sync_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL)');
      db.prepare(
        `INSERT INTO sync_schema (component, version) VALUES ('sync-status', ?)
         ON CONFLICT (component) DO UPDATE SET version = excluded.version`,
      ).run(m.version);
    })();
  }
}
