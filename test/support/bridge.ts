/**
 * The one bridge launcher of the tests and benchmarks (issue 11 item 6). It starts the real bridge server
 * (outlook-addin's middle tier) on a free port with a fresh data folder and the given configuration, waits for it,
 * reads its log and stops it:
 * - startBridge: a child process (dist/middle-tier/serve.js) over real HTTPS with its self-signed certificate, for
 *   the integration and end-to-end tests (built first when its sources are newer than the build, under a lock:
 *   Jest runs test files in parallel workers);
 * - createBridgeInProcess: the same configuration in this process, not yet listening (a benchmark registers its own
 *   routes first, and measures the server without a process boundary). It loads the built ESM modules, so it
 *   serves ESM callers (the benchmarks, through test/bench/lib/support.mjs), not Jest's CommonJS runtime.
 * Both build the configuration with bridgeConfig(), so a test and a benchmark run the bridge the same way.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HttpsClient } from './https-client.js';

const repoRoot = resolve(__dirname, '..', '..');
export const addinRoot = join(repoRoot, 'outlook-addin');
const middleTierDist = join(addinRoot, 'dist', 'middle-tier');

/** The newest modification time under a folder (to tell whether a build is stale). */
export function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * A lock folder left by a run that was killed while building: its owner's pid (written right after the folder)
 * is no longer running, or it has no pid at all after a few seconds. Without this, every later run waited the
 * whole deadline and failed (seen after an interrupted test run).
 */
export function staleBuildLock(lock: string, now = Date.now()): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    try {
      return now - statSync(lock).mtimeMs > 10_000;
    } catch {
      return false; // gone meanwhile: the next mkdir takes it
    }
  }
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Runs a build under a lock folder: Jest's parallel workers must not build the same output at once. */
export function withBuildLock(fn: () => void, name = 'dav-bridge-outlook-addin-build.lock'): void {
  const lock = join(tmpdir(), name);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      if (staleBuildLock(lock)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`build lock ${lock} held too long`);
      execFileSync('sleep', ['0.2']);
    }
  }
  try {
    fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function ensureBuilt(): void {
  const entry = join(middleTierDist, 'serve.js');
  const stale = () =>
    !existsSync(entry) || statSync(entry).mtimeMs < newestMtime(join(addinRoot, 'src', 'middle-tier'));
  if (!stale() && existsSync(join(repoRoot, 'bridge-core', 'dist', 'index.js'))) return;
  withBuildLock(() => {
    if (!existsSync(join(repoRoot, 'bridge-core', 'dist', 'index.js'))) {
      execFileSync('npm', ['run', 'build', '-w', 'bridge-core'], { cwd: repoRoot, stdio: 'pipe' });
    }
    if (stale()) execFileSync('npx', ['tsc', '-p', join(addinRoot, 'tsconfig.json')], { cwd: repoRoot, stdio: 'pipe' });
  });
}

export interface BridgeOptions {
  davServers: Array<{ id: string; label: string; url: string }>;
  sessionTtlSeconds?: number;
  /** Default 0 (every request reads the server); the product's default is 30. */
  guestCacheSeconds?: number;
  /** Merged over the product's limits, as the bridge's own configuration loader does. */
  limits?: Record<string, { max: number; windowMs: number }>;
  /** Any other configuration keys (feedOrigins, feedMaxBytes, syncIntervalSeconds...). */
  extra?: Record<string, unknown>;
  /** Use this data folder (kept on stop) instead of a fresh temporary one: restarts over the same state. */
  dataDir?: string;
  /**
   * Listen on a port chosen before the start and make https://127.0.0.1:<port> the bridge's public base URL:
   * guest links it hands out are then addresses a guest (a browser in the test) can fetch.
   */
  publicOrigin?: boolean;
  /** The bridge's log level (default warn: the log stays short enough to show when a test fails). */
  logLevel?: string;
}

/** The configuration file's content for these options (the bridge fills the rest with its defaults). */
export function bridgeConfig(
  options: BridgeOptions,
  where: { dataDir: string; port: number; publicBaseUrl?: string },
): Record<string, unknown> {
  return {
    host: '127.0.0.1',
    port: where.port,
    ...(where.publicBaseUrl ? { publicBaseUrl: where.publicBaseUrl } : {}),
    dataDir: where.dataDir,
    davServers: options.davServers,
    sessionTtlSeconds: options.sessionTtlSeconds ?? 3600,
    guestCacheSeconds: options.guestCacheSeconds ?? 0,
    limits: options.limits ?? {},
    // Background sync off unless a test asks for it: runs then happen only when a test says so.
    syncIntervalSeconds: 0,
    ...(options.extra ?? {}),
  };
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((ok, ko) => {
    const srv = createServer();
    srv.once('error', ko);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export interface RunningBridge {
  /** https://127.0.0.1:<port> */
  baseUrl: string;
  /** The same address; with publicOrigin it is also the bridge's public base URL. */
  origin: string;
  /** Trusts only the bridge's self-signed certificate. */
  client(): HttpsClient;
  dataDir: string;
  /** What the bridge wrote on stdout and stderr so far. */
  log(): string;
  /** The bridge's process (to signal it: a graceful shutdown, a crash). */
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  ensureBuilt();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dav-bridge-it-'));
  const chosenPort = options.publicOrigin ? await freePort() : 0;
  const configFile = join(dataDir, 'config.json');
  const publicBaseUrl = options.publicOrigin ? `https://127.0.0.1:${chosenPort}` : undefined;
  writeFileSync(configFile, JSON.stringify(bridgeConfig(options, { dataDir, port: chosenPort, publicBaseUrl })));
  const child: ChildProcess = spawn(process.execPath, [join(middleTierDist, 'serve.js')], {
    env: {
      ...process.env,
      DAV_BRIDGE_SERVER_CONFIG: configFile,
      DAV_BRIDGE_LOG_LEVEL: options.logLevel ?? 'warn',
      DAV_BRIDGE_PUBLIC_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  let port: number;
  try {
    port = await new Promise<number>((resolvePort, reject) => {
      const timer = setTimeout(() => reject(new Error(`bridge did not start: ${log}`)), 20_000);
      const onData = () => {
        const m = /"listening":"https:\/\/[^:]+:(\d+)"/.exec(log);
        if (!m) return;
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolvePort(Number(m[1]));
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`bridge exited (${code}): ${log}`));
      });
    });
  } catch (err) {
    await stop();
    throw err;
  }
  const baseUrl = `https://127.0.0.1:${port}`;
  const ca = readFileSync(join(dataDir, 'tls', 'localhost.crt'), 'utf8');
  return {
    baseUrl,
    origin: baseUrl,
    dataDir,
    client: () => new HttpsClient(baseUrl, ca),
    log: () => log,
    process: child,
    stop,
  };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the built JavaScript modules are loaded untyped */
export interface InProcessBridge {
  /** The Fastify instance, not listening yet: register routes, inject requests, then app.listen(). */
  app: any;
  store: any;
  config: Record<string, unknown>;
  dataDir: string;
  /** Closes the server and the database, and removes a temporary data folder. */
  close(): Promise<void>;
}

export async function createBridgeInProcess(options: BridgeOptions): Promise<InProcessBridge> {
  const load = (file: string): Promise<any> => import(pathToFileURL(join(middleTierDist, file)).href);
  if (!existsSync(join(middleTierDist, 'app.js'))) throw new Error('the bridge is not built: run npm run build');
  const [{ createApp }, { defaultConfig }, { openSqliteStore }, { loadOrCreateTls }] = await Promise.all([
    load('app.js'),
    load('config.js'),
    load('store/sqlite-store.js'),
    load('tls.js'),
  ]);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dav-bridge-inproc-'));
  const base = defaultConfig(addinRoot);
  const own = bridgeConfig(options, { dataDir, port: 0 });
  // Merged like the bridge's loadConfig merges a configuration file over its defaults.
  const config = { ...base, ...own, limits: { ...base.limits, ...(own['limits'] as object) } };
  const store = openSqliteStore(join(dataDir, 'bridge.sqlite'));
  const { app } = await createApp({
    config,
    store,
    masterKey: Buffer.alloc(32, 7),
    tls: loadOrCreateTls(undefined, dataDir),
    deviceTokens: store.deviceTokens,
    logLevel: options.logLevel ?? 'error',
  });
  return {
    app,
    store,
    config,
    dataDir,
    close: async () => {
      await app.close();
      await store.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */
