// The harness's PostgreSQL (test/harness/servers/postgres.sh, started for DAV_TEST_DATABASES="postgres"): it takes
// connections on 127.0.0.1 with the trust role, and a test file's fresh database is its own and is dropped after.
import pg from 'pg';
import { freshPostgresDatabase, postgresAdminUrl, postgresUnderTest } from '../harness/databases.js';

const describeIfPostgres = postgresUnderTest() ? describe : describe.skip;

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return r.rowCount === 1;
  } finally {
    await client.end();
  }
}

describeIfPostgres('harness PostgreSQL (real PostgreSQL; skipped unless DAV_TEST_DATABASES names postgres)', () => {
  test('a fresh database is empty, separate from another, and gone after drop (even with a client left open)', async () => {
    const a = await freshPostgresDatabase('harness a');
    const b = await freshPostgresDatabase('harness b');
    expect(a.url).not.toBe(b.url);
    await query(a.url, 'CREATE TABLE only_in_a (x int)');
    const inB = await query(b.url, "SELECT 1 FROM information_schema.tables WHERE table_name = 'only_in_a'");
    expect(inB.rowCount).toBe(0);
    const leftOpen = new pg.Client({ connectionString: a.url });
    leftOpen.on('error', () => undefined); // the drop terminates it
    await leftOpen.connect();
    const nameA = a.url.slice(a.url.lastIndexOf('/') + 1);
    expect(await databaseExists(nameA)).toBe(true);
    await a.drop();
    await b.drop();
    expect(await databaseExists(nameA)).toBe(false);
    await leftOpen.end().catch(() => undefined);
  });
});
