// Issue 16 item 2: the PostgreSQL bridge database has the same schema versions as SQLite's; bridges starting
// together on a fresh database migrate it once (an advisory lock: without it, the second CREATE TABLE fails); a
// database written by a newer bridge is refused, in English and French, untouched.
import pg from 'pg';
import { freshPostgresDatabase, postgresUnderTest, type TestDatabase } from '../../../test/harness/databases';
import { openPostgresStore, PG_SCHEMA_VERSION } from '../../src/middle-tier/store/postgres-store';
import { BRIDGE_SCHEMA_VERSION, StoreSchemaError } from '../../src/middle-tier/store/sqlite-store';

const describeIfPostgres = postgresUnderTest() ? describe : describe.skip;

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

describeIfPostgres('PostgreSQL bridge schema (real PostgreSQL started by the harness)', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await freshPostgresDatabase('schema');
  });
  afterEach(async () => {
    await db.drop();
  });

  it('has the same schema version as SQLite', () => {
    expect(PG_SCHEMA_VERSION).toBe(BRIDGE_SCHEMA_VERSION);
  });

  it('three bridges opening a fresh database at once migrate it once, and all work', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(db.url)));
    try {
      for (const s of stores) expect(await s.schemaVersion()).toBe(PG_SCHEMA_VERSION);
      expect(await query(db.url, 'SELECT version FROM schema_version')).toEqual([{ version: PG_SCHEMA_VERSION }]);
      await stores[0]!.setKeyCheck('fp');
      expect(await stores[2]!.getKeyCheck()).toBe('fp');
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('refuses a database written by a newer bridge, untouched', async () => {
    const first = await openPostgresStore(db.url);
    await first.setKeyCheck('fp');
    await first.close();
    await query(db.url, 'UPDATE schema_version SET version = $1', [PG_SCHEMA_VERSION + 1]);
    await query(db.url, 'CREATE TABLE from_the_future (x int)');
    const before = await query(
      db.url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );

    const err = await openPostgresStore(db.url).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreSchemaError);
    const text = (err as StoreSchemaError).text;
    expect(text.en).toContain(String(PG_SCHEMA_VERSION + 1));
    expect(text.fr).toContain(String(PG_SCHEMA_VERSION + 1));
    // The address is named without any password.
    expect(text.en).toContain('127.0.0.1');
    expect(await query(db.url, 'SELECT version FROM schema_version')).toEqual([{ version: PG_SCHEMA_VERSION + 1 }]);
    expect(
      await query(db.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"),
    ).toEqual(before);
    expect(await query(db.url, "SELECT value FROM bridge_meta WHERE name = 'key_check'")).toEqual([{ value: 'fp' }]);
  });
});
