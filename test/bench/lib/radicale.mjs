// The bench's own Radicale: data set written straight into its multifilesystem storage (uploading 10,000
// items over HTTP takes minutes), reused across runs thanks to a marker file, started and stopped by the test
// harness (test/harness/servers.sh) on the bench's port, with that storage.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION } from './generate.mjs';
import { onCleanup } from './cleanup.mjs';
import { log } from './util.mjs';

const SERVERS_SH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'harness', 'servers.sh');

export const USER = 'alice';
export const PASSWORD = 'alicepw';

export function radicalePaths(root) {
  const dir = join(root, 'radicale');
  return {
    dir,
    // The harness's folder for this instance (wiped at each start); the storage below is kept.
    harnessRoot: join(root, 'harness'),
    log: join(root, 'harness', 'radicale', 'log'),
    pid: join(root, 'harness', 'radicale', 'pid'),
    storage: join(dir, 'collections'),
    home: join(dir, 'collections', 'collection-root', USER),
    markers: join(dir, 'datasets'),
  };
}

/**
 * Make sure alice/<name> holds exactly the generated items (rebuilds when the marker is missing or stale).
 * Must run while Radicale is stopped. Returns true if it (re)built the collection.
 */
export async function ensureCollection(root, name, kind, items) {
  const p = radicalePaths(root);
  const marker = join(p.markers, `${name}.json`);
  const want = { generator: GENERATOR_VERSION, kind, count: items.length };
  try {
    const have = JSON.parse(readFileSync(marker, 'utf8'));
    if (have.generator === want.generator && have.count === want.count && existsSync(join(p.home, name))) return false;
  } catch {
    /* rebuild */
  }
  const t0 = performance.now();
  await fs.mkdir(p.home, { recursive: true });
  await fs.mkdir(p.markers, { recursive: true });
  await fs.rm(marker, { force: true });
  const dest = join(p.home, name);
  const tmp = join(p.home, `.${name}.building`);
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.mkdir(tmp);
  const props =
    kind === 'events'
      ? {
          tag: 'VCALENDAR',
          'D:displayname': `Bench events (${items.length})`,
          'C:supported-calendar-component-set': 'VEVENT',
        }
      : { tag: 'VADDRESSBOOK', 'D:displayname': `Bench contacts (${items.length})` };
  await fs.writeFile(join(tmp, '.Radicale.props'), JSON.stringify(props));
  const batch = 200;
  for (let i = 0; i < items.length; i += batch) {
    await Promise.all(items.slice(i, i + batch).map((it) => fs.writeFile(join(tmp, it.name), it.text)));
  }
  await fs.rm(dest, { recursive: true, force: true });
  await fs.rename(tmp, dest);
  await fs.writeFile(marker, JSON.stringify({ ...want, built: new Date().toISOString() }));
  log(`wrote ${items.length} ${kind} into ${dest} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return true;
}

/** The environment under which test/harness/servers.sh runs this bench's own Radicale. */
function harnessEnv(root, port) {
  const p = radicalePaths(root);
  return {
    ...process.env,
    DAV_TEST_ROOT: p.harnessRoot,
    RADICALE_TEST_PORT: String(port),
    RADICALE_TEST_STORAGE: p.storage,
    RADICALE_TEST_MAX_CONNECTIONS: '20',
    RADICALE_TEST_TIMEOUT: '600',
  };
}

function harness(command, env) {
  // stdout to our stderr: the harness's progress lines must not mix with a benchmark's figures (a status check
  // says nothing: its exit code is the answer).
  const out = command === 'status' ? 'ignore' : process.stderr;
  return spawnSync('bash', [SERVERS_SH, command, 'radicale'], { env, stdio: ['ignore', out, 'pipe'] });
}

/**
 * This bench's own Radicale, started by the test harness on `port` with the bench's storage (test/harness/servers.sh,
 * the one server launcher), and stopped on every way out (exception, Ctrl-C, SIGTERM), not only by stop().
 */
export async function startRadicale(root, port) {
  const p = radicalePaths(root);
  const env = harnessEnv(root, port);
  // One left by an interrupted run of this bench (same folder) is stopped first: the data set may have been rebuilt.
  if (harness('status', env).status === 0) {
    log('stopping a Radicale left by an earlier bench run');
    harness('stop', env);
  }
  const stopNow = onCleanup(() => {
    harness('stop', env);
  });
  const started = harness('start', env);
  if (started.status !== 0) {
    stopNow();
    throw new Error(`Radicale did not start: ${started.stderr.toString().trim()}; see ${p.log}`);
  }
  const pid = Number(readFileSync(p.pid, 'utf8').trim());
  const url = `http://127.0.0.1:${port}/`;
  log(`Radicale pid ${pid} on ${url} (data under ${p.storage})`);
  return {
    pid,
    url,
    async stop() {
      stopNow();
    },
  };
}
