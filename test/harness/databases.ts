// The databases the harness starts (test/harness/servers/postgres.sh), for the suites that run against them:
// whether PostgreSQL is under test (DAV_TEST_DATABASES names it) and a fresh database per test file, dropped after.
// Mirrors POSTGRES_TEST_PORT and the "bridge_test" trust role of postgres.sh; keep both sides in sync.
import pg from 'pg';

const env = process.env;

/** The cluster's maintenance database; every test database is created and dropped through it. */
export const postgresAdminUrl = `postgres://bridge_test@127.0.0.1:${Number(env.POSTGRES_TEST_PORT || 25432)}/postgres`;

/** DAV_TEST_DATABASES names "postgres" (`npm test` does): the PostgreSQL side of the store suites runs. */
export function postgresUnderTest(): boolean {
  return (env.DAV_TEST_DATABASES || '').split(/[\s,]+/).includes('postgres');
}

export interface TestDatabase {
  /** postgres://… URL of a database nobody else uses. */
  url: string;
  /** Drops it, closing whatever connections a test left open. */
  drop(): Promise<void>;
}

let counter = 0;

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is not answering at ${postgresAdminUrl} (${(err as Error).message}): start it with ` +
        `DAV_TEST_DATABASES=postgres (the Jest setups do) or bash test/harness/servers.sh start postgres`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new empty database (one per test file: call in beforeAll, drop in afterAll). */
export async function freshPostgresDatabase(label = 'test'): Promise<TestDatabase> {
  counter += 1;
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 24);
  const name = `t_${slug}_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
  // A database name cannot be a bound parameter: it is built from [a-z0-9_] only, and quoted.
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = postgresAdminUrl.replace(/\/postgres$/, `/${name}`);
  let dropped = false;
  return {
    url,
    async drop() {
      if (dropped) return;
      dropped = true;
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
