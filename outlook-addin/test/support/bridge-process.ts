/**
 * Starts the real bridge (outlook-addin/dist/middle-tier/serve.js) as a child process on a free port, over real HTTPS
 * with its self-signed certificate, for the integration tests. The bridge is built first when its sources are newer
 * than the build (under a lock: Jest runs test files in parallel workers).
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
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HttpsClient } from './https-client.js';

const addinRoot = resolve(__dirname, '..', '..');
const repoRoot = resolve(addinRoot, '..');

/** The newest modification time under a folder (to tell whether a build is stale). */
export function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Runs a build under a lock folder: Jest's parallel workers must not build the same output at once. */
export function withBuildLock(fn: () => void, name = 'dav-bridge-outlook-addin-build.lock'): void {
  const lock = join(tmpdir(), name);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
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
  const entry = join(addinRoot, 'dist', 'middle-tier', 'serve.js');
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
  guestCacheSeconds?: number;
  limits?: Record<string, { max: number; windowMs: number }>;
  /** Any other configuration keys (feedOrigins, feedMaxBytes, syncIntervalSeconds...). */
  extra?: Record<string, unknown>;
  /** Use this data folder (kept on stop) instead of a fresh temporary one: restarts over the same state. */
  dataDir?: string;
}

export interface RunningBridge {
  baseUrl: string;
  client(): HttpsClient;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  ensureBuilt();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dav-bridge-it-'));
  const configFile = join(dataDir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      host: '127.0.0.1',
      port: 0,
      dataDir,
      davServers: options.davServers,
      sessionTtlSeconds: options.sessionTtlSeconds ?? 3600,
      guestCacheSeconds: options.guestCacheSeconds ?? 0,
      limits: options.limits ?? {},
      // Background sync off unless a test asks for it: runs then happen only when a test says so.
      syncIntervalSeconds: 0,
      ...(options.extra ?? {}),
    }),
  );
  const child: ChildProcess = spawn(process.execPath, [join(addinRoot, 'dist', 'middle-tier', 'serve.js')], {
    env: {
      ...process.env,
      DAV_BRIDGE_SERVER_CONFIG: configFile,
      DAV_BRIDGE_LOG_LEVEL: 'warn',
      DAV_BRIDGE_PUBLIC_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolvePort, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`bridge did not start: ${stderr}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"listening":"https:\/\/[^:]+:(\d+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bridge exited (${code}): ${stderr}`));
    });
  });
  const baseUrl = `https://127.0.0.1:${port}`;
  const ca = readFileSync(join(dataDir, 'tls', 'localhost.crt'), 'utf8');
  return {
    baseUrl,
    dataDir,
    client: () => new HttpsClient(baseUrl, ca),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
