// The bridge store suites run unchanged against every engine: SQLite always, PostgreSQL when the harness started it
// (DAV_TEST_DATABASES="postgres", as `npm test` sets; test/harness/servers/postgres.sh). A suite written with
// describeEachEngine gets, per engine, a store it can open, close and reopen over the same data, and a way to
// look at what the engine keeps at rest.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { freshPostgresDatabase, postgresUnderTest, type TestDatabase } from '../../../test/harness/databases';
import type { DeviceTokenStore } from '../../src/middle-tier/store/device-tokens';
import { openPostgresStore } from '../../src/middle-tier/store/postgres-store';
import { openBridgeDatabase } from '../../src/middle-tier/store/sqlite-store';
import type { BridgeStore } from '../../src/middle-tier/store/types';

export type TestStore = BridgeStore & { deviceTokens: DeviceTokenStore };

export interface StoreEngine {
  name: 'sqlite' | 'postgres';
  /** Opens the engine's store over this suite's data (the same data on every call until the suite ends). */
  open(): Promise<TestStore>;
  /** Every value kept at rest, as text (to check a secret never lands there). */
  restText(): Promise<string>;
  /** The columns of one table, sorted. */
  columns(table: string): Promise<string[]>;
}

interface EngineFactory {
  title: string;
  enabled: boolean;
  /** Fresh, empty data for one test (SQLite: a folder; PostgreSQL: a database of the harness's cluster). */
  create(): Promise<{ engine: StoreEngine; dispose(): Promise<void> }>;
}

function sqlite(): EngineFactory {
  return {
    title: 'SQLite',
    enabled: true,
    async create() {
      const dir = mkdtempSync(join(tmpdir(), 'dav-bridge-store-'));
      const file = join(dir, 'bridge.sqlite');
      const engine: StoreEngine = {
        name: 'sqlite',
        open: async () => openBridgeDatabase(dir),
        restText: async () => readFileSync(file).toString('latin1'),
        columns: async (table) => {
          const db = new Database(file, { readonly: true });
          try {
            const cols = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
            return cols.map((c) => c.name).sort();
          } finally {
            db.close();
          }
        },
      };
      return { engine, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function postgres(): EngineFactory {
  const enabled = postgresUnderTest();
  return {
    title: enabled
      ? 'PostgreSQL (real server started by the harness)'
      : 'PostgreSQL (skipped: DAV_TEST_DATABASES does not name postgres)',
    enabled,
    async create() {
      const db: TestDatabase = await freshPostgresDatabase('store');
      const engine: StoreEngine = {
        name: 'postgres',
        open: () => openPostgresStore(db.url),
        restText: () =>
          withClient(db.url, async (c) => {
            const tables = await c.query<{ t: string }>(
              "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public'",
            );
            let text = '';
            for (const { t } of tables.rows) {
              const dump = await c.query(`SELECT row_to_json(x)::text AS j FROM "${t.replace(/"/g, '')}" x`);
              text += dump.rows.map((r: { j: string }) => r.j).join('\n');
            }
            return text;
          }),
        columns: (table) =>
          withClient(db.url, async (c) => {
            const cols = await c.query<{ c: string }>(
              "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
              [table],
            );
            return cols.rows.map((r) => r.c).sort();
          }),
      };
      return { engine, dispose: () => db.drop() };
    },
  };
}

/**
 * Declares `suite` once per engine, each in a describe named after the engine; `engine()` gives the current
 * test's engine over fresh data (made before each test, removed after).
 */
export function describeEachEngine(title: string, suite: (engine: () => StoreEngine) => void): void {
  for (const factory of [sqlite(), postgres()]) {
    (factory.enabled ? describe : describe.skip)(`${title} [${factory.title}]`, () => {
      let current: { engine: StoreEngine; dispose(): Promise<void> } | undefined;
      beforeEach(async () => {
        current = await factory.create();
      });
      afterEach(async () => {
        await current?.dispose();
        current = undefined;
      });
      suite(() => {
        if (!current) throw new Error('no store engine outside a test');
        return current.engine;
      });
    });
  }
}
