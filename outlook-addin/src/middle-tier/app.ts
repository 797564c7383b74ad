/** Builds the bridge's HTTPS application: security plugins, routes, error shape. Listening is the caller's job. */
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerConfig } from './config.js';
import type { DnsResolver } from '@dav-bridge/core';
import { nodeDnsResolver } from '@dav-bridge/core/node';
import { DavAccess } from './dav/dav-access.js';
import { graphSetup, type GraphOptions } from './graph/graph-setup.js';
import { notificationUrlOf } from './graph/notification-url.js';
import { GuestFeedService } from './guest/feed-service.js';
import { errorBody, toApiError, ApiError } from './http/api-error.js';
import type { AppContext } from './http/context.js';
import { Lifecycle } from './http/lifecycle.js';
import { OPENAPI_PATH, openApiOptions } from './http/openapi.js';
import { fastifyTrustProxy, redirectPlainHttp } from './http/trust-proxy.js';
import { pickLang } from './i18n.js';
import { redactUrl } from './redact.js';
import { authRoutes } from './routes/auth.js';
import { capabilityRoutes } from './routes/capabilities.js';
import { healthRoutes } from './routes/health.js';
import { collectionRoutes } from './routes/collections.js';
import { conflictRoutes } from './routes/conflicts.js';
import { deviceRoutes } from './routes/devices.js';
import { graphNotificationRoutes } from './routes/graph-notifications.js';
import { guestLinkRoutes } from './routes/guest-links.js';
import { guestViewRoutes } from './routes/guest-view.js';
import { outlookFeedRoutes } from './routes/outlook-feeds.js';
import { outlookSyncRoutes } from './routes/outlook-sync.js';
import { paneRoutes } from './routes/pane.js';
import { principalRoutes } from './routes/principals.js';
import { sharingRoutes } from './routes/sharing.js';
import { subscriptionRoutes } from './routes/subscriptions.js';
import { SecretBox } from './security/secret-box.js';
import { coreSharing, type SharingProvider } from './sharing/provider.js';
import type { DeviceTokenStore } from './store/device-tokens.js';
import type { BridgeStore } from './store/types.js';
import { GraphSync } from './subscriptions/graph-sync.js';
import { GraphWebhooks } from './subscriptions/graph-webhooks.js';
import { syncJobsFor } from './subscriptions/jobs/choose-jobs.js';
import { SyncService } from './subscriptions/sync-service.js';
import { message } from './words.js';

export interface AppOptions {
  config: ServerConfig;
  store: BridgeStore;
  /** Per-device bearer tokens (SqliteStore.deviceTokens). */
  deviceTokens: DeviceTokenStore;
  masterKey: Buffer;
  tls: { cert: string; key: string };
  sharing?: SharingProvider;
  now?: () => number;
  logLevel?: string;
  /** DNS for suggesting a server from a mailbox address; Node's resolver unless given (null: none). */
  dnsResolver?: DnsResolver | null;
  /** Microsoft 365 (two-way Outlook sync): DAV_BRIDGE_GRAPH_* from the environment unless given. */
  graph?: GraphOptions;
}

export { redactUrl };

export async function createApp(opts: AppOptions): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const { config } = opts;
  const now = opts.now ?? Date.now;
  const box = new SecretBox(opts.masterKey);
  // The background runs' problems (a failed round, the job queue's database gone for a moment) go to stderr.
  const syncLog = (msg: string) => process.stderr.write(`DAV Bridge: ${msg}\n`);
  const dav = new DavAccess(config.davServers, box, config.davTimeoutMs);
  const graph = graphSetup(opts.store, now, opts.graph);
  // A notification queues a run through the sync service's job runner (ctx.syncs, called only once serving).
  const webhooks = new GraphWebhooks(
    opts.store,
    graph,
    notificationUrlOf(config),
    now,
    config.syncIntervalSeconds * 1000,
    (id) => ctx.syncs.queueRun(id),
    syncLog,
  );
  const ctx: AppContext = {
    config,
    store: opts.store,
    deviceTokens: opts.deviceTokens,
    box,
    dav,
    guestFeeds: new GuestFeedService(
      opts.store,
      dav,
      config.guestCacheSeconds * 1000,
      now,
      opts.masterKey,
      config.displayTimeZone,
    ),
    sharing: opts.sharing ?? coreSharing,
    syncs: new SyncService(
      opts.store,
      dav,
      config,
      now,
      syncLog,
      syncJobsFor(config, opts.store, syncLog),
      new GraphSync(opts.store, graph, now, webhooks),
    ),
    now,
    graph,
    webhooks,
    lifecycle: new Lifecycle(),
    dnsResolver: opts.dnsResolver === null ? undefined : (opts.dnsResolver ?? nodeDnsResolver),
  };

  const app = Fastify({
    https: {
      cert: opts.tls.cert,
      key: opts.tls.key,
      // Node checks running requests against requestTimeout only every connectionsCheckingInterval (30 s by
      // default): check often enough for the limit to mean what it says. Headers count towards the same limit.
      connectionsCheckingInterval: Math.max(250, Math.min(30_000, Math.round(config.requestTimeoutMs / 4))),
      headersTimeout: Math.min(60_000, config.requestTimeoutMs),
    },
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    bodyLimit: 64 * 1024,
    // The route schemas (contract/) are the validation: JSON types are taken as sent (no "42" -> 42 or
    // "true" -> true coercion, which would let malformed clients through); unknown properties are dropped.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: true, useDefaults: true, allErrors: false } },
    // Off by default: X-Forwarded-For is believed only from the proxies the administrator names (else anyone
    // could pick the address rate limits count against).
    trustProxy: fastifyTrustProxy(config.trustProxy),
    logger: {
      level: opts.logLevel ?? 'info',
      // Only method, redacted URL and status: no headers (cookies, Authorization) and no bodies (passwords).
      serializers: {
        req: (req) => ({ method: req.method, url: redactUrl(req.url) }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
  });

  // JSON bodies carry names from DAV servers and feeds: <, > and & go out as \u escapes (still the same JSON),
  // so no response, even one mis-sniffed or pasted into a page, ever contains live markup.
  app.setReplySerializer((payload) =>
    JSON.stringify(payload).replace(
      /[<>&\u2028\u2029]/g,
      (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ),
  );

  redirectPlainHttp(app, config.trustProxy, config.publicBaseUrl);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  // Before any route: @fastify/swagger collects the routes' schemas as they are added.
  await app.register(fastifySwagger, openApiOptions());
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async (_req, reply) =>
    reply.header('cache-control', 'no-cache').send(app.swagger()),
  );
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: 4096 });

  app.setErrorHandler((err, req, reply) => {
    const apiErr = toApiError(err);
    if (apiErr.status >= 500 && !(err instanceof ApiError))
      req.log.error({ err: (err as Error).message }, 'request failed');
    const lang = pickLang((req.query as Record<string, unknown> | undefined)?.['lang'], req.headers['accept-language']);
    reply.code(apiErr.status).headers(apiErr.headers).header('cache-control', 'no-store');
    return reply.send(errorBody(apiErr, lang));
  });

  app.setNotFoundHandler((req, reply) => {
    const lang = pickLang(undefined, req.headers['accept-language']);
    const err = new ApiError(404, 'not-found', message('server.not-found', {}));
    return reply.code(404).send(errorBody(err, lang));
  });

  authRoutes(app, ctx);
  collectionRoutes(app, ctx);
  deviceRoutes(app, ctx);
  guestLinkRoutes(app, ctx);
  sharingRoutes(app, ctx);
  subscriptionRoutes(app, ctx);
  conflictRoutes(app, ctx);
  outlookFeedRoutes(app, ctx);
  outlookSyncRoutes(app, ctx, ctx.graph);
  graphNotificationRoutes(app, ctx, webhooks);
  capabilityRoutes(app, ctx);
  healthRoutes(app, ctx);
  principalRoutes(app, ctx);
  guestViewRoutes(app, ctx, opts.masterKey);
  await paneRoutes(app, ctx);

  const sweep = setInterval(() => void opts.store.deleteExpiredSessions(now()).catch(() => undefined), 10 * 60_000);
  sweep.unref();
  app.addHook('onReady', async () => ctx.syncs.start());
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    // A graceful shutdown (serve.ts) already stopped the runs, with its time limit.
    if (!ctx.lifecycle.shuttingDown) await ctx.syncs.stop();
  });
  return { app, ctx };
}
