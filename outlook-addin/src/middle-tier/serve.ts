/**
 * Runs the bridge with the configuration as given (no demo server): what production and the integration tests use.
 * `node dist/middle-tier/serve.js` reads DAV_BRIDGE_SERVER_CONFIG / env (see config.ts) and prints one JSON line
 * {"listening": url} once ready, so a supervisor or a test can wait for it.
 */
import { dirname, resolve } from 'node:path';
import { StatusSchemaError } from '@dav-bridge/core/node';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { loadConfig, type ServerConfig } from './config.js';
import { openMasterKey } from './security/key-guard.js';
import { KeyError } from './security/keys.js';
import { openBridgeStore } from './store/open-store.js';
import { StoreSchemaError } from './store/sqlite-store.js';
import { loadOrCreateTls } from './tls.js';

/** outlook-addin/ (this file is outlook-addin/dist/middle-tier/serve.js once built). */
export const addinRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function runBridge(config: ServerConfig, logLevel = 'info') {
  const store = await openBridgeStore(config);
  let masterKey: Buffer;
  try {
    masterKey = await openMasterKey(config.encryptionKey, config.dataDir, store);
  } catch (err) {
    await store.close();
    throw err;
  }
  const tls = loadOrCreateTls(config.tls, config.dataDir);
  const { app, ctx } = await createApp({
    config,
    store,
    deviceTokens: store.deviceTokens,
    masterKey,
    tls,
    logLevel,
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const close = async () => {
    await app.close();
    await store.close();
  };
  /**
   * Graceful shutdown (SIGTERM from a supervisor or an orchestrator): readiness answers 503 at once so the load
   * balancer stops sending traffic, no new sync run starts, the runs in flight finish (at most graceMs: a run cut
   * short is run again by the next round), then the HTTP server closes (requests in flight are answered), then the
   * store. True when every run finished in time.
   */
  const shutdown = async (graceMs: number): Promise<boolean> => {
    ctx.lifecycle.beginShutdown();
    const finished = await ctx.syncs.stop(graceMs);
    if (!finished) app.log.warn(`shutdown: sync runs still in flight after ${graceMs} ms were left to the next round`);
    await close();
    return finished;
  };
  return { app, ctx, port, tls, close, shutdown };
}

/** How long a shutdown waits for the sync runs in flight (DAV_BRIDGE_SHUTDOWN_GRACE_SECONDS, default 30 s). */
export function shutdownGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env['DAV_BRIDGE_SHUTDOWN_GRACE_SECONDS'] || 30);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 30_000;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const config = loadConfig(addinRoot);
  const { port, shutdown } = await runBridge(config, process.env['DAV_BRIDGE_LOG_LEVEL'] ?? 'info').catch((err) => {
    // A key or database-version problem is the administrator's to fix: say what to do, without a stack trace.
    if (err instanceof StatusSchemaError) {
      process.stderr.write(`DAV Bridge: ${err.message}\n${err.messageFr}\n`);
      process.exit(1);
    }
    if (!(err instanceof KeyError) && !(err instanceof StoreSchemaError)) throw err;
    process.stderr.write(`DAV Bridge: ${err.message}\n`);
    process.exit(1);
  });
  process.stdout.write(`${JSON.stringify({ listening: `https://${config.host}:${port}` })}\n`);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      void shutdown(shutdownGraceMs()).then(
        () => process.exit(0),
        (err: unknown) => {
          process.stderr.write(`DAV Bridge: shutdown failed: ${(err as Error).message}\n`);
          process.exit(1);
        },
      );
    });
  }
}
