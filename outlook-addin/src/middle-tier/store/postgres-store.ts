/**
 * The BridgeStore on PostgreSQL, for several bridge instances behind a load balancer sharing one database: every
 * aggregate of ./postgres/, over one connection pool, the schema migrated (once, under an advisory lock) when opened.
 */
import { PgAccountStore } from './postgres/accounts.js';
import { PgCategoryStore } from './postgres/categories.js';
import { PgConflictStore } from './postgres/conflicts.js';
import { createPool } from './postgres/db.js';
import { PgDeviceTokens } from './postgres/device-tokens.js';
import { PgGuestLinkOpenStore } from './postgres/guest-link-opens.js';
import { PgGuestLinkStore } from './postgres/guest-links.js';
import { PgKeyCheckStore } from './postgres/key-check.js';
import { PgMirrorItemStore } from './postgres/mirror.js';
import { PgOutlookFeedStore } from './postgres/outlook-feeds.js';
import { migratePostgres, schemaVersionOf } from './postgres/schema.js';
import { PgSubscriptionStore } from './postgres/subscriptions.js';
import { PgRateLimitStore } from './postgres/rate-limits.js';
import { PgGraphTokenCacheStore } from './postgres/graph-tokens.js';
import { PgGraphWebhookStore } from './postgres/graph-webhooks.js';
import { methodsOf } from './methods-of.js';
import type { DeviceTokenStore } from './device-tokens.js';
import type {
  AccountStore,
  BridgeStore,
  CategoryStore,
  ConflictStore,
  GraphTokenCacheStore,
  GraphWebhookStore,
  GuestLinkStore,
  KeyCheckStore,
  MirrorItemStore,
  SubscriptionStore,
} from './types.js';
import type { ConflictActionStore, GuestLinkOpenStore, OutlookFeedStore } from './pane-types.js';

export { PG_SCHEMA_VERSION } from './postgres/schema.js';

export type PostgresStore = BridgeStore & {
  schemaVersion(): Promise<number>;
  deviceTokens: DeviceTokenStore;
};

/** Connects to `url`, migrates it to this code's schema (a newer one is refused untouched) and returns the store. */
export async function openPostgresStore(url: string): Promise<PostgresStore> {
  const pool = createPool(url);
  try {
    await migratePostgres(pool, url);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const conflicts = new PgConflictStore(pool);
  return {
    ...methodsOf<AccountStore>(new PgAccountStore(pool)),
    ...methodsOf<GuestLinkStore>(new PgGuestLinkStore(pool)),
    ...methodsOf<CategoryStore>(new PgCategoryStore(pool)),
    ...methodsOf<SubscriptionStore>(new PgSubscriptionStore(pool)),
    ...methodsOf<MirrorItemStore>(new PgMirrorItemStore(pool)),
    ...methodsOf<ConflictStore>(conflicts),
    ...methodsOf<ConflictActionStore>(conflicts),
    ...methodsOf<KeyCheckStore>(new PgKeyCheckStore(pool)),
    ...methodsOf<OutlookFeedStore>(new PgOutlookFeedStore(pool)),
    ...methodsOf<GuestLinkOpenStore>(new PgGuestLinkOpenStore(pool)),
    ...methodsOf<GraphTokenCacheStore>(new PgGraphTokenCacheStore(pool)),
    ...methodsOf<GraphWebhookStore>(new PgGraphWebhookStore(pool)),
    schemaVersion: () => schemaVersionOf(pool),
    deviceTokens: new PgDeviceTokens(pool),
    rateLimits: new PgRateLimitStore(pool),
    close: () => pool.end(),
  };
}
