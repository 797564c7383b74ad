/**
 * The sync engine's per-item status (bridge-core's StatusStore contract) in PostgreSQL: the rows of one pair
 * ("sub:<subscription id>") in sync_status and sync_token (schema version 1). Each set/delete is its own statement;
 * applyBatch commits a batch in one transaction, all of it or none.
 */
import type { sync } from '@dav-bridge/core';
import { transaction, row, rows, type Pool } from './db.js';

type Side = sync.Side;
type StatusEntry = sync.StatusEntry;
type StatusChange = sync.StatusChange;

const UPSERT = `INSERT INTO sync_status (pair, ident, a_id, a_version, a_hash, b_id, b_version, b_hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (pair, ident) DO UPDATE SET a_id = excluded.a_id, a_version = excluded.a_version,
    a_hash = excluded.a_hash, b_id = excluded.b_id, b_version = excluded.b_version, b_hash = excluded.b_hash`;
const DELETE = 'DELETE FROM sync_status WHERE pair = $1 AND ident = $2';

interface Row {
  ident: string;
  a_id: string;
  a_version: string;
  a_hash: string;
  b_id: string;
  b_version: string;
  b_hash: string;
}

const toEntry = (r: Row): StatusEntry => ({
  a: { id: r.a_id, version: r.a_version, hash: r.a_hash },
  b: { id: r.b_id, version: r.b_version, hash: r.b_hash },
});

const values = (pair: string, ident: string, e: StatusEntry): unknown[] => [
  pair,
  ident,
  e.a.id,
  e.a.version,
  e.a.hash,
  e.b.id,
  e.b.version,
  e.b.hash,
];

export class PgStatusStore implements sync.StatusStore {
  constructor(
    private readonly db: Pool,
    private readonly pair: string,
  ) {}

  async get(ident: string): Promise<StatusEntry | undefined> {
    const r = await row<Row>(this.db, 'SELECT * FROM sync_status WHERE pair = $1 AND ident = $2', [this.pair, ident]);
    return r && toEntry(r);
  }

  async all(): Promise<Map<string, StatusEntry>> {
    const found = await rows<Row>(this.db, 'SELECT * FROM sync_status WHERE pair = $1', [this.pair]);
    return new Map(found.map((r) => [r.ident, toEntry(r)]));
  }

  async set(ident: string, entry: StatusEntry): Promise<void> {
    await this.db.query(UPSERT, values(this.pair, ident, entry));
  }

  async delete(ident: string): Promise<void> {
    await this.db.query(DELETE, [this.pair, ident]);
  }

  async applyBatch(batch: StatusChange[]): Promise<void> {
    if (batch.length === 0) return;
    await transaction(this.db, async (c) => {
      for (const { ident, entry } of batch) {
        if (entry) await c.query(UPSERT, values(this.pair, ident, entry));
        else await c.query(DELETE, [this.pair, ident]);
      }
    });
  }

  async getToken(side: Side): Promise<string | undefined> {
    const r = await row<{ token: string }>(this.db, 'SELECT token FROM sync_token WHERE pair = $1 AND side = $2', [
      this.pair,
      side,
    ]);
    return r?.token;
  }

  async setToken(side: Side, token: string | undefined): Promise<void> {
    if (token === undefined)
      await this.db.query('DELETE FROM sync_token WHERE pair = $1 AND side = $2', [this.pair, side]);
    else
      await this.db.query(
        `INSERT INTO sync_token (pair, side, token) VALUES ($1, $2, $3)
         ON CONFLICT (pair, side) DO UPDATE SET token = excluded.token`,
        [this.pair, side, token],
      );
  }
}
