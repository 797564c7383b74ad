/** Subscriptions, their last run and the sync engine's per-item status, in PostgreSQL. */
import type { sync } from '@dav-bridge/core';
import { pairOf, subscriptionFromRow, type SubscriptionRow } from '../sqlite/subscriptions.js';
import type { SubscriptionRecord, SubscriptionStore, SyncRunRecord } from '../types.js';
import { changes, row, rows, transaction, type Pool } from './db.js';
import { PgStatusStore } from './status.js';

export class PgSubscriptionStore implements SubscriptionStore {
  constructor(private readonly db: Pool) {}

  async createSubscription(s: SubscriptionRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO subscriptions (id, account_id, type, url, name, kind, read_only, created_at, feed_etag,
         feed_last_modified)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        s.id,
        s.accountId,
        s.type,
        s.url,
        s.name,
        s.kind,
        s.readOnly ? 1 : 0,
        s.createdAt,
        s.feedEtag ?? null,
        s.feedLastModified ?? null,
      ],
    );
  }

  async getSubscription(id: string): Promise<SubscriptionRecord | undefined> {
    const r = await row<SubscriptionRow>(this.db, 'SELECT * FROM subscriptions WHERE id = $1', [id]);
    return r && subscriptionFromRow(r);
  }

  async listSubscriptions(accountId: string): Promise<SubscriptionRecord[]> {
    const found = await rows<SubscriptionRow>(
      this.db,
      'SELECT * FROM subscriptions WHERE account_id = $1 ORDER BY created_at, id',
      [accountId],
    );
    return found.map(subscriptionFromRow);
  }

  async listAllSubscriptions(): Promise<SubscriptionRecord[]> {
    const found = await rows<SubscriptionRow>(this.db, 'SELECT * FROM subscriptions ORDER BY created_at, id');
    return found.map(subscriptionFromRow);
  }

  async setFeedValidators(id: string, etag: string | undefined, lastModified: string | undefined): Promise<void> {
    await this.db.query('UPDATE subscriptions SET feed_etag = $1, feed_last_modified = $2 WHERE id = $3', [
      etag ?? null,
      lastModified ?? null,
      id,
    ]);
  }

  async deleteSubscription(id: string): Promise<boolean> {
    return transaction(this.db, async (c) => {
      // The subscription's pair, and the pairs of its other sides ("<id>:outlook": subscriptions/graph-sync.ts).
      const sides = `${pairOf(id)}:`;
      for (const table of ['sync_status', 'sync_token'])
        await c.query(`DELETE FROM ${table} WHERE pair = $1 OR left(pair, length($2)) = $2`, [pairOf(id), sides]);
      // mirror_items, sync_runs and conflicts go with the subscription (ON DELETE CASCADE).
      return (await changes(c, 'DELETE FROM subscriptions WHERE id = $1', [id])) > 0;
    });
  }

  syncStatus(subscriptionId: string): sync.StatusStore {
    return new PgStatusStore(this.db, pairOf(subscriptionId));
  }

  async setSyncRun(r: SyncRunRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO sync_runs (subscription_id, last_run, ok, counts, conflicts, error) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (subscription_id) DO UPDATE SET last_run = excluded.last_run, ok = excluded.ok,
         counts = excluded.counts, conflicts = excluded.conflicts, error = excluded.error`,
      [
        r.subscriptionId,
        r.lastRun,
        r.ok ? 1 : 0,
        // The run's notes ride in the counts' JSON: no schema change for a short list read with them.
        JSON.stringify({ server: r.server, bridge: r.bridge, ...(r.notices?.length ? { notices: r.notices } : {}) }),
        r.conflicts,
        r.error ? JSON.stringify(r.error) : null,
      ],
    );
  }

  async getSyncRun(subscriptionId: string): Promise<SyncRunRecord | undefined> {
    const r = await row<{ last_run: number; ok: number; counts: string; conflicts: number; error: string | null }>(
      this.db,
      'SELECT * FROM sync_runs WHERE subscription_id = $1',
      [subscriptionId],
    );
    if (!r) return undefined;
    const counts = JSON.parse(r.counts) as Pick<SyncRunRecord, 'server' | 'bridge' | 'notices'>;
    return {
      subscriptionId,
      lastRun: r.last_run,
      ok: r.ok === 1,
      server: counts.server,
      bridge: counts.bridge,
      conflicts: r.conflicts,
      error: r.error ? (JSON.parse(r.error) as SyncRunRecord['error']) : undefined,
      ...(counts.notices?.length ? { notices: counts.notices } : {}),
    };
  }
}
