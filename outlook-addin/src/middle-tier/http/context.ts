/** What every route module receives: configuration, state and services, built once in app.ts. */
import type { DnsResolver } from '@dav-bridge/core';
import type { ServerConfig } from '../config.js';
import type { DavAccess } from '../dav/dav-access.js';
import type { GraphSetup } from '../graph/graph-setup.js';
import type { GuestFeedService } from '../guest/feed-service.js';
import type { Lifecycle } from './lifecycle.js';
import type { SecretBox } from '../security/secret-box.js';
import type { DeviceTokenStore } from '../store/device-tokens.js';
import type { BridgeStore } from '../store/types.js';
import type { SharingProvider } from '../sharing/provider.js';
import type { GraphWebhooks } from '../subscriptions/graph-webhooks.js';
import type { SyncService } from '../subscriptions/sync-service.js';

export interface AppContext {
  config: ServerConfig;
  store: BridgeStore;
  /** Per-device bearer tokens (store/device-tokens.ts). */
  deviceTokens: DeviceTokenStore;
  box: SecretBox;
  dav: DavAccess;
  guestFeeds: GuestFeedService;
  /** Sharing, invitations and publishing; undefined until bridge-core provides the drivers. */
  sharing: SharingProvider | undefined;
  /** Server-side sync of subscriptions (run now, background rounds). */
  syncs: SyncService;
  now: () => number;
  /** Microsoft 365 for the two-way Outlook sync: configuration or why none, sign-in, Graph's address. */
  graph: GraphSetup;
  /** Graph change notifications on the subscriptions' Outlook containers (off without a public https URL). */
  webhooks: GraphWebhooks;
  /** Shutting down or not (the readiness probe, routes/health.ts). */
  lifecycle: Lifecycle;
  /** DNS for RFC 6764 look-ups (suggesting a server from an address); undefined: well-known URIs only. */
  dnsResolver?: DnsResolver | undefined;
}
