/** Private "Add to Outlook" feeds in PostgreSQL (schema version 4): hashed token, sealed copy, fetch counters. */
import type { OutlookFeedRecord, OutlookFeedStore } from '../pane-types.js';
import { outlookFeedFromRow, type OutlookFeedRow } from '../sqlite/outlook-feeds.js';
import { changes, row, rows, type Pool } from './db.js';

export class PgOutlookFeedStore implements OutlookFeedStore {
  constructor(private readonly db: Pool) {}

  async createOutlookFeed(f: OutlookFeedRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO outlook_feeds (id, token_hash, sealed_token, account_id, collection_url, collection_name, kind,
         created_at, revoked_at, last_fetched_at, fetch_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        f.id,
        f.tokenHash,
        f.sealedToken,
        f.accountId,
        f.collectionUrl,
        f.collectionName,
        f.kind,
        f.createdAt,
        f.revokedAt ?? null,
        f.lastFetchedAt ?? null,
        f.fetchCount,
      ],
    );
  }

  async getOutlookFeed(id: string): Promise<OutlookFeedRecord | undefined> {
    const r = await row<OutlookFeedRow>(this.db, 'SELECT * FROM outlook_feeds WHERE id = $1', [id]);
    return r && outlookFeedFromRow(r);
  }

  async getOutlookFeedByTokenHash(tokenHash: string): Promise<OutlookFeedRecord | undefined> {
    const r = await row<OutlookFeedRow>(this.db, 'SELECT * FROM outlook_feeds WHERE token_hash = $1', [tokenHash]);
    return r && outlookFeedFromRow(r);
  }

  async listOutlookFeeds(accountId: string): Promise<OutlookFeedRecord[]> {
    const found = await rows<OutlookFeedRow>(
      this.db,
      'SELECT * FROM outlook_feeds WHERE account_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id',
      [accountId],
    );
    return found.map(outlookFeedFromRow);
  }

  async revokeOutlookFeed(id: string, at: number): Promise<boolean> {
    return (
      (await changes(this.db, 'UPDATE outlook_feeds SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
        at,
        id,
      ])) > 0
    );
  }

  async countOutlookFeedFetch(id: string, at: number): Promise<void> {
    await this.db.query('UPDATE outlook_feeds SET fetch_count = fetch_count + 1, last_fetched_at = $1 WHERE id = $2', [
      at,
      id,
    ]);
  }
}
