/**
 * Graph change-notification subscriptions in PostgreSQL (schema version 8): the same rows as SQLite's
 * (sqlite/graph-webhooks.ts), so whichever instance Graph's notification reaches finds the subscription.
 */
import type { GraphWebhookRecord, GraphWebhookStore } from '../types.js';
import { graphWebhookFromRow, UPSERT_GRAPH_WEBHOOK, type GraphWebhookRow } from '../sqlite/graph-webhooks.js';
import { changes, row, type Pool } from './db.js';

export class PgGraphWebhookStore implements GraphWebhookStore {
  constructor(private readonly db: Pool) {}

  async getGraphWebhook(subscriptionId: string): Promise<GraphWebhookRecord | undefined> {
    const r = await row<GraphWebhookRow>(this.db, 'SELECT * FROM graph_webhooks WHERE subscription_id = $1', [
      subscriptionId,
    ]);
    return r && graphWebhookFromRow(r);
  }

  async findGraphWebhook(graphSubscriptionId: string): Promise<GraphWebhookRecord | undefined> {
    const r = await row<GraphWebhookRow>(this.db, 'SELECT * FROM graph_webhooks WHERE graph_subscription_id = $1', [
      graphSubscriptionId,
    ]);
    return r && graphWebhookFromRow(r);
  }

  async saveGraphWebhook(w: GraphWebhookRecord): Promise<void> {
    await this.db.query(UPSERT_GRAPH_WEBHOOK, [
      w.subscriptionId,
      w.graphSubscriptionId,
      w.resource,
      w.clientStateHash,
      w.expiresAt,
    ]);
  }

  async deleteGraphWebhook(subscriptionId: string): Promise<boolean> {
    return (await changes(this.db, 'DELETE FROM graph_webhooks WHERE subscription_id = $1', [subscriptionId])) > 0;
  }
}
