/**
 * The PostgreSQL connection pool of the bridge store (node-postgres) and the two helpers every aggregate uses:
 * one parameterised query, and a transaction on one connection. SQL is never built from values: every value is a
 * bound parameter ($1, $2...).
 */
import pg from 'pg';

export type Pool = pg.Pool;
export type Queryable = Pick<pg.PoolClient, 'query'>;

// BIGINT (int8) holds the store's millisecond timestamps and counters; node-postgres returns it as a string by
// default (it may exceed 2^53): these values never do, so this pool reads them as numbers. Per pool, not global.
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function createPool(url: string, max = 10): Pool {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle connection the server closed (restart, failover) must not crash the bridge: the pool drops it and the
  // next query opens a new one.
  pool.on('error', () => undefined);
  return pool;
}

/** The database's address without its password, for messages (credentials are never logged). */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres (unparseable URL)';
  }
}

export async function rows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)).rows as T[];
}

export async function row<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T | undefined> {
  return (await db.query(sql, params)).rows[0] as T | undefined;
}

/** Rows changed by an INSERT/UPDATE/DELETE. */
export async function changes(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  return (await db.query(sql, params)).rowCount ?? 0;
}

/** Runs `fn` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
export async function transaction<T>(pool: Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
