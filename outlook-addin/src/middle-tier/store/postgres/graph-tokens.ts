/**
 * Microsoft 365 connections in PostgreSQL (schema version 6): the same tables and rows as SQLite's
 * (sqlite/graph-tokens.ts), so a cluster's instances share one sealed MSAL cache per account and its state.
 */
import type { GraphConnectionRecord, GraphReconnectReason, GraphTokenCacheStore } from '../types.js';
import { graphConnectionFromRow, type GraphConnectionRow } from '../sqlite/graph-tokens.js';
import { changes, row, type Pool } from './db.js';

export class PgGraphTokenCacheStore implements GraphTokenCacheStore {
  constructor(private readonly db: Pool) {}

  async getGraphConnection(accountId: string): Promise<GraphConnectionRecord | undefined> {
    const r = await row<GraphConnectionRow>(this.db, 'SELECT * FROM graph_token_caches WHERE account_id = $1', [
      accountId,
    ]);
    return r && graphConnectionFromRow(r);
  }

  async saveGraphTokenCache(accountId: string, sealedCache: string, now: number): Promise<void> {
    await this.db.query(
      `INSERT INTO graph_token_caches (account_id, sealed_cache, state, state_since) VALUES ($1, $2, 'connected', $3)
       ON CONFLICT (account_id) DO UPDATE SET sealed_cache = excluded.sealed_cache`,
      [accountId, sealedCache, now],
    );
  }

  async markGraphConnected(accountId: string, graphUserId: string, graphUserName: string, now: number) {
    const n = await changes(
      this.db,
      `UPDATE graph_token_caches SET state = 'connected', state_since = $1, reason = NULL, graph_user_id = $2,
         graph_user_name = $3 WHERE account_id = $4`,
      [now, graphUserId, graphUserName, accountId],
    );
    return n > 0;
  }

  async markGraphReconnect(accountId: string, reason: GraphReconnectReason, now: number) {
    const n = await changes(
      this.db,
      `UPDATE graph_token_caches SET state = 'reconnect', state_since = $1, reason = $2 WHERE account_id = $3`,
      [now, reason, accountId],
    );
    return n > 0;
  }

  async getOutlookCalendarId(subscriptionId: string): Promise<string | undefined> {
    const r = await row<{ calendar_id: string }>(
      this.db,
      'SELECT calendar_id FROM graph_calendars WHERE subscription_id = $1',
      [subscriptionId],
    );
    return r?.calendar_id;
  }

  async setOutlookCalendarId(subscriptionId: string, calendarId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO graph_calendars (subscription_id, calendar_id) VALUES ($1, $2)
       ON CONFLICT (subscription_id) DO UPDATE SET calendar_id = excluded.calendar_id`,
      [subscriptionId, calendarId],
    );
  }

  async deleteGraphConnection(accountId: string): Promise<boolean> {
    return (await changes(this.db, 'DELETE FROM graph_token_caches WHERE account_id = $1', [accountId])) > 0;
  }
}
