/** Subscriptions, their last run and the sync engine's per-item status, in SQLite. */
import type { sync } from '@dav-bridge/core';
import { SqliteStatusStore } from '@dav-bridge/core/node';
import type Database from 'better-sqlite3';
import type { SubscriptionRecord, SubscriptionStore, SyncRunRecord } from '../types.js';

export interface SubscriptionRow {
  id: string;
  account_id: string;
  type: SubscriptionRecord['type'];
  url: string;
  name: string;
  kind: SubscriptionRecord['kind'];
  read_only: number;
  created_at: number;
  feed_etag: string | null;
  feed_last_modified: string | null;
}

export const subscriptionFromRow = (r: SubscriptionRow): SubscriptionRecord => ({
  id: r.id,
  accountId: r.account_id,
  type: r.type,
  url: r.url,
  name: r.name,
  kind: r.kind,
  readOnly: r.read_only === 1,
  createdAt: r.created_at,
  feedEtag: r.feed_etag ?? undefined,
  feedLastModified: r.feed_last_modified ?? undefined,
});

/** The sync engine's status of one subscription is the pair "sub:<id>" in the shared status tables. */
export const pairOf = (subscriptionId: string): string => `sub:${subscriptionId}`;

export class SqliteSubscriptionStore implements SubscriptionStore {
  /** `keepDurable` puts the connection's durability back after the status store lowered it (see sqlite-store.ts). */
  constructor(
    private readonly db: Database.Database,
    private readonly keepDurable: () => void,
  ) {}

  async createSubscription(s: SubscriptionRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO subscriptions (id, account_id, type, url, name, kind, read_only, created_at, feed_etag,
           feed_last_modified)
         VALUES (@id, @accountId, @type, @url, @name, @kind, @readOnly, @createdAt, @feedEtag, @feedLastModified)`,
      )
      .run({
        ...s,
        readOnly: s.readOnly ? 1 : 0,
        feedEtag: s.feedEtag ?? null,
        feedLastModified: s.feedLastModified ?? null,
      });
  }

  async getSubscription(id: string): Promise<SubscriptionRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE id = ?').get(id) as SubscriptionRow | undefined;
    return row && subscriptionFromRow(row);
  }

  async listSubscriptions(accountId: string): Promise<SubscriptionRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM subscriptions WHERE account_id = ? ORDER BY created_at, id')
      .all(accountId) as SubscriptionRow[];
    return rows.map(subscriptionFromRow);
  }

  async listAllSubscriptions(): Promise<SubscriptionRecord[]> {
    const rows = this.db.prepare('SELECT * FROM subscriptions ORDER BY created_at, id').all() as SubscriptionRow[];
    return rows.map(subscriptionFromRow);
  }

  async setFeedValidators(id: string, etag: string | undefined, lastModified: string | undefined): Promise<void> {
    this.db
      .prepare('UPDATE subscriptions SET feed_etag = ?, feed_last_modified = ? WHERE id = ?')
      .run(etag ?? null, lastModified ?? null, id);
  }

  async deleteSubscription(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      // The subscription's pair, and the pairs of its other sides ("<id>:outlook": subscriptions/graph-sync.ts).
      const sides = `${pairOf(id)}:`;
      for (const table of ['sync_status', 'sync_token'])
        this.db
          .prepare(`DELETE FROM ${table} WHERE pair = ? OR substr(pair, 1, length(?)) = ?`)
          .run(pairOf(id), sides, sides);
      // mirror_items, sync_runs and conflicts go with the subscription (ON DELETE CASCADE).
      return this.db.prepare('DELETE FROM subscriptions WHERE id = ?').run(id).changes > 0;
    })();
  }

  syncStatus(subscriptionId: string): sync.StatusStore {
    const status = new SqliteStatusStore(this.db, pairOf(subscriptionId));
    this.keepDurable();
    return status;
  }

  async setSyncRun(r: SyncRunRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO sync_runs (subscription_id, last_run, ok, counts, conflicts, error) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (subscription_id) DO UPDATE SET last_run = excluded.last_run, ok = excluded.ok,
           counts = excluded.counts, conflicts = excluded.conflicts, error = excluded.error`,
      )
      .run(
        r.subscriptionId,
        r.lastRun,
        r.ok ? 1 : 0,
        // The run's notes ride in the counts' JSON: no schema change for a short list read with them.
        JSON.stringify({ server: r.server, bridge: r.bridge, ...(r.notices?.length ? { notices: r.notices } : {}) }),
        r.conflicts,
        r.error ? JSON.stringify(r.error) : null,
      );
  }

  async getSyncRun(subscriptionId: string): Promise<SyncRunRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM sync_runs WHERE subscription_id = ?').get(subscriptionId) as
      { last_run: number; ok: number; counts: string; conflicts: number; error: string | null } | undefined;
    if (!row) return undefined;
    const counts = JSON.parse(row.counts) as Pick<SyncRunRecord, 'server' | 'bridge' | 'notices'>;
    return {
      subscriptionId,
      lastRun: row.last_run,
      ok: row.ok === 1,
      server: counts.server,
      bridge: counts.bridge,
      conflicts: row.conflicts,
      error: row.error ? (JSON.parse(row.error) as SyncRunRecord['error']) : undefined,
      ...(counts.notices?.length ? { notices: counts.notices } : {}),
    };
  }
}
