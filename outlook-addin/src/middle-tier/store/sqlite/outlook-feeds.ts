/** Private "Add to Outlook" feeds in SQLite (schema version 4): hashed token, sealed copy, fetch counters. */
import type Database from 'better-sqlite3';
import type { OutlookFeedRecord, OutlookFeedStore } from '../pane-types.js';

export const OUTLOOK_FEEDS_SCHEMA = `
CREATE TABLE outlook_feeds (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  sealed_token TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  collection_url TEXT NOT NULL,
  collection_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  last_fetched_at INTEGER,
  fetch_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outlook_feeds_owner ON outlook_feeds(account_id, created_at);`;

export interface OutlookFeedRow {
  id: string;
  token_hash: string;
  sealed_token: string;
  account_id: string;
  collection_url: string;
  collection_name: string;
  kind: OutlookFeedRecord['kind'];
  created_at: number;
  revoked_at: number | null;
  last_fetched_at: number | null;
  fetch_count: number;
}

export const outlookFeedFromRow = (r: OutlookFeedRow): OutlookFeedRecord => ({
  id: r.id,
  tokenHash: r.token_hash,
  sealedToken: r.sealed_token,
  accountId: r.account_id,
  collectionUrl: r.collection_url,
  collectionName: r.collection_name,
  kind: r.kind,
  createdAt: r.created_at,
  revokedAt: r.revoked_at ?? undefined,
  lastFetchedAt: r.last_fetched_at ?? undefined,
  fetchCount: r.fetch_count,
});

export class SqliteOutlookFeedStore implements OutlookFeedStore {
  constructor(private readonly db: Database.Database) {}

  async createOutlookFeed(f: OutlookFeedRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO outlook_feeds (id, token_hash, sealed_token, account_id, collection_url, collection_name, kind,
           created_at, revoked_at, last_fetched_at, fetch_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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
      );
  }

  async getOutlookFeed(id: string): Promise<OutlookFeedRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM outlook_feeds WHERE id = ?').get(id) as OutlookFeedRow | undefined;
    return row && outlookFeedFromRow(row);
  }

  async getOutlookFeedByTokenHash(tokenHash: string): Promise<OutlookFeedRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM outlook_feeds WHERE token_hash = ?').get(tokenHash) as
      OutlookFeedRow | undefined;
    return row && outlookFeedFromRow(row);
  }

  async listOutlookFeeds(accountId: string): Promise<OutlookFeedRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM outlook_feeds WHERE account_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id')
      .all(accountId) as OutlookFeedRow[];
    return rows.map(outlookFeedFromRow);
  }

  async revokeOutlookFeed(id: string, at: number): Promise<boolean> {
    return (
      this.db.prepare('UPDATE outlook_feeds SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id)
        .changes > 0
    );
  }

  async countOutlookFeedFetch(id: string, at: number): Promise<void> {
    this.db
      .prepare('UPDATE outlook_feeds SET fetch_count = fetch_count + 1, last_fetched_at = ? WHERE id = ?')
      .run(at, id);
  }
}
