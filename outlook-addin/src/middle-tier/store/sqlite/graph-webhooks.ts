/**
 * Graph change-notification subscriptions in SQLite (schema version 8): one row per bridge subscription whose
 * Outlook container Graph notifies the bridge about. The clientState secret is kept as its SHA-256 only (a
 * notification's clientState is hashed and compared), so a copy of the database cannot forge notifications.
 * Plain columns and portable SQL: postgres/graph-webhooks.ts keeps the same rows.
 */
import type Database from 'better-sqlite3';
import type { GraphWebhookRecord, GraphWebhookStore } from '../types.js';

/** One DDL for both engines (BIGINT: milliseconds). Gone with the subscription (and so with the account). */
export const GRAPH_WEBHOOKS_SCHEMA = `
CREATE TABLE graph_webhooks (
  subscription_id TEXT PRIMARY KEY REFERENCES subscriptions(id) ON DELETE CASCADE,
  graph_subscription_id TEXT NOT NULL UNIQUE,
  resource TEXT NOT NULL,
  client_state_hash TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);`;

export interface GraphWebhookRow {
  subscription_id: string;
  graph_subscription_id: string;
  resource: string;
  client_state_hash: string;
  expires_at: number | string;
}

export const graphWebhookFromRow = (r: GraphWebhookRow): GraphWebhookRecord => ({
  subscriptionId: r.subscription_id,
  graphSubscriptionId: r.graph_subscription_id,
  resource: r.resource,
  clientStateHash: r.client_state_hash,
  // PostgreSQL returns BIGINT as a string.
  expiresAt: Number(r.expires_at),
});

export const UPSERT_GRAPH_WEBHOOK = `
INSERT INTO graph_webhooks (subscription_id, graph_subscription_id, resource, client_state_hash, expires_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (subscription_id) DO UPDATE SET graph_subscription_id = excluded.graph_subscription_id,
  resource = excluded.resource, client_state_hash = excluded.client_state_hash, expires_at = excluded.expires_at`;

export class SqliteGraphWebhookStore implements GraphWebhookStore {
  constructor(private readonly db: Database.Database) {}

  async getGraphWebhook(subscriptionId: string): Promise<GraphWebhookRecord | undefined> {
    const r = this.db.prepare('SELECT * FROM graph_webhooks WHERE subscription_id = ?').get(subscriptionId) as
      GraphWebhookRow | undefined;
    return r && graphWebhookFromRow(r);
  }

  async findGraphWebhook(graphSubscriptionId: string): Promise<GraphWebhookRecord | undefined> {
    const r = this.db
      .prepare('SELECT * FROM graph_webhooks WHERE graph_subscription_id = ?')
      .get(graphSubscriptionId) as GraphWebhookRow | undefined;
    return r && graphWebhookFromRow(r);
  }

  async saveGraphWebhook(w: GraphWebhookRecord): Promise<void> {
    this.db
      .prepare(UPSERT_GRAPH_WEBHOOK.replace(/\$\d/g, '?'))
      .run(w.subscriptionId, w.graphSubscriptionId, w.resource, w.clientStateHash, w.expiresAt);
  }

  async deleteGraphWebhook(subscriptionId: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM graph_webhooks WHERE subscription_id = ?').run(subscriptionId).changes > 0;
  }
}
