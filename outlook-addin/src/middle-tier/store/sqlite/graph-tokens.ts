/**
 * Microsoft 365 connections in SQLite (schema version 6): one row per account with MSAL's sealed token cache, the
 * connection state and the Microsoft user; and the Outlook calendar each subscription syncs with. Plain columns
 * and portable SQL (ON CONFLICT upsert) only: postgres/graph-tokens.ts keeps the same rows.
 */
import type Database from 'better-sqlite3';
import type { GraphConnectionRecord, GraphReconnectReason, GraphTokenCacheStore } from '../types.js';

/** One DDL for both engines: SQLite reads BIGINT as an INTEGER column, PostgreSQL needs it for milliseconds. */
export const GRAPH_TOKEN_CACHES_SCHEMA = `
CREATE TABLE graph_token_caches (
  account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  sealed_cache TEXT NOT NULL,
  state TEXT NOT NULL,
  state_since BIGINT NOT NULL,
  reason TEXT,
  graph_user_id TEXT,
  graph_user_name TEXT
);
CREATE TABLE graph_calendars (
  subscription_id TEXT PRIMARY KEY REFERENCES subscriptions(id) ON DELETE CASCADE,
  calendar_id TEXT NOT NULL
);`;

export interface GraphConnectionRow {
  account_id: string;
  sealed_cache: string;
  state: GraphConnectionRecord['state'];
  state_since: number;
  reason: GraphReconnectReason | null;
  graph_user_id: string | null;
  graph_user_name: string | null;
}

export const graphConnectionFromRow = (r: GraphConnectionRow): GraphConnectionRecord => ({
  accountId: r.account_id,
  sealedCache: r.sealed_cache,
  state: r.state,
  stateSince: r.state_since,
  reason: r.reason ?? undefined,
  graphUserId: r.graph_user_id ?? undefined,
  graphUserName: r.graph_user_name ?? undefined,
});

export class SqliteGraphTokenCacheStore implements GraphTokenCacheStore {
  constructor(private readonly db: Database.Database) {}

  async getGraphConnection(accountId: string): Promise<GraphConnectionRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM graph_token_caches WHERE account_id = ?').get(accountId) as
      GraphConnectionRow | undefined;
    return row && graphConnectionFromRow(row);
  }

  async saveGraphTokenCache(accountId: string, sealedCache: string, now: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO graph_token_caches (account_id, sealed_cache, state, state_since) VALUES (?, ?, 'connected', ?)
         ON CONFLICT (account_id) DO UPDATE SET sealed_cache = excluded.sealed_cache`,
      )
      .run(accountId, sealedCache, now);
  }

  async markGraphConnected(accountId: string, graphUserId: string, graphUserName: string, now: number) {
    return (
      this.db
        .prepare(
          `UPDATE graph_token_caches SET state = 'connected', state_since = ?, reason = NULL, graph_user_id = ?,
             graph_user_name = ? WHERE account_id = ?`,
        )
        .run(now, graphUserId, graphUserName, accountId).changes > 0
    );
  }

  async markGraphReconnect(accountId: string, reason: GraphReconnectReason, now: number) {
    return (
      this.db
        .prepare(`UPDATE graph_token_caches SET state = 'reconnect', state_since = ?, reason = ? WHERE account_id = ?`)
        .run(now, reason, accountId).changes > 0
    );
  }

  async getOutlookCalendarId(subscriptionId: string): Promise<string | undefined> {
    const row = this.db
      .prepare('SELECT calendar_id FROM graph_calendars WHERE subscription_id = ?')
      .get(subscriptionId) as { calendar_id: string } | undefined;
    return row?.calendar_id;
  }

  async setOutlookCalendarId(subscriptionId: string, calendarId: string): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO graph_calendars (subscription_id, calendar_id) VALUES (?, ?)
         ON CONFLICT (subscription_id) DO UPDATE SET calendar_id = excluded.calendar_id`,
      )
      .run(subscriptionId, calendarId);
  }

  async deleteGraphConnection(accountId: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM graph_token_caches WHERE account_id = ?').run(accountId).changes > 0;
  }
}
