/**
 * A bridge built in the test's own process, configured for Outlook sync against the Graph fake (written from
 * Graph's documented contract) and the OAuth stand-in (OAuth 2.0 auth code + PKCE): msal-node's client can only be
 * replaced by the stand-in in the process that builds the app, so these tests cannot use startBridge's child
 * process. Real Radicale is the configured DAV server. The calling test file must mock `@fastify/static` (ESM
 * only) and `@fastify/cookie` (the cookie plugin stand-in: the real one cannot load under Jest on Node 20).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../outlook-addin/src/middle-tier/app.js';
import type { AppContext } from '../../outlook-addin/src/middle-tier/http/context.js';
import { defaultConfig } from '../../outlook-addin/src/middle-tier/config.js';
import { openSqliteStore, type SqliteStore } from '../../outlook-addin/src/middle-tier/store/sqlite-store.js';
import { loadOrCreateTls } from '../../outlook-addin/src/middle-tier/tls.js';
import { testServers } from '../harness/servers.js';
import { freePort } from './bridge.js';
import { GraphFake } from './graph-fake/graph-fake.js';
import { OAuthStandin } from './graph-fake/oauth-standin.js';

export interface OutlookSyncBridge {
  app: FastifyInstance;
  ctx: AppContext;
  store: SqliteStore;
  fake: GraphFake;
  standin: OAuthStandin;
  /** https://127.0.0.1:<port> */
  base: string;
  /** The bridge's self-signed certificate, for HttpsClient. */
  ca: string;
  stop(): Promise<void>;
}

export interface OutlookSyncBridgeOptions {
  /** Background rounds (0: off, the default). */
  syncIntervalSeconds?: number;
  /**
   * Graph change notifications: the bridge's public URL is its own https://127.0.0.1:<port> (a port chosen before it
   * starts, since the URL is configuration) and the Graph fake trusts its self-signed certificate.
   */
  notifications?: boolean;
  /** The bridge's clock (renewal tests move it). */
  now?: () => number;
  /**
   * Listen on a port chosen first, so Microsoft's redirect (the OAuth stand-in's) comes back to the bridge itself:
   * a browser then follows it (the end-to-end dialog test). Otherwise the redirect names bridge.example.
   */
  publicOrigin?: boolean;
  /** Serve the built pane from there (the test then mocks @fastify/static with the static plugin stand-in). */
  paneDir?: string;
}

export async function startOutlookSyncBridge(
  name: string,
  options: OutlookSyncBridgeOptions = {},
): Promise<OutlookSyncBridge> {
  const radicale = testServers.radicale;
  const dir = mkdtempSync(join(tmpdir(), `dav-bridge-${name}-`));
  // A port chosen first when the bridge's own address is configuration (redirect back, notification URL).
  const port = options.publicOrigin || options.notifications ? await freePort() : 0;
  const origin = options.publicOrigin ? `https://127.0.0.1:${port}` : 'https://bridge.example';
  const fake = new GraphFake({ pageSize: 5 });
  await fake.start();
  const standin = new OAuthStandin();
  const store = openSqliteStore(join(dir, 'bridge.sqlite'));
  const tls = loadOrCreateTls(undefined, dir);
  const ca = readFileSync(join(dir, 'tls', 'localhost.crt'), 'utf8');
  if (options.notifications) fake.subscriptions.trust(ca);
  const { app, ctx } = await createApp({
    config: {
      ...defaultConfig(resolve(__dirname, '..', '..', 'outlook-addin')),
      dataDir: dir,
      paneDir: options.paneDir ?? join(dir, 'no-pane'),
      syncIntervalSeconds: options.syncIntervalSeconds ?? 0,
      // Notifications need a public https URL (graph/notification-url.ts); off with the default one.
      ...(options.notifications ? { publicBaseUrl: `https://127.0.0.1:${port}` } : {}),
      davServers: [{ id: 'radicale', label: 'Radicale', url: radicale.baseUrl }],
    },
    store,
    deviceTokens: store.deviceTokens,
    masterKey: Buffer.alloc(32, 7),
    tls,
    ...(options.now ? { now: options.now } : {}),
    logLevel: 'silent',
    dnsResolver: null,
    graph: {
      config: {
        tenant: 'organizations',
        clientId: 'bridge-client-id',
        clientSecret: 'client-secret',
        redirectUri: `${origin}/outlook-sync/callback`,
        cacheKey: Buffer.alloc(32, 3),
      },
      msalFactory: standin.factory,
      baseUrl: fake.url,
    },
  });
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  return {
    app,
    ctx,
    store,
    fake,
    standin,
    base: `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    ca,
    async stop() {
      await app.close();
      await store.close();
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
