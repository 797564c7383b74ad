// The bench's own Radicale: data set written straight into its multifilesystem storage (uploading 10,000
// items over HTTP takes minutes), reused across runs thanks to a marker file, started and stopped by PID.
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync, rmSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GENERATOR_VERSION } from './generate.mjs';
import { alive, onCleanup, stopPidSync } from './cleanup.mjs';
import { log, sleep } from './util.mjs';

export const USER = 'alice';
export const PASSWORD = 'alicepw';

export function radicalePaths(root) {
  const dir = join(root, 'radicale');
  return {
    dir,
    config: join(dir, 'config'),
    users: join(dir, 'users'),
    log: join(dir, 'log'),
    pid: join(dir, 'pid'),
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

/** A Radicale left over by an interrupted bench run (same config file) is stopped first. */
async function stopStale(p) {
  let pid;
  try {
    pid = Number(readFileSync(p.pid, 'utf8').trim());
  } catch {
    return;
  }
  if (!pid || !alive(pid)) return;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (cmdline.includes('radicale') && cmdline.includes(p.config)) {
    log(`stopping a Radicale left by an earlier bench run (pid ${pid})`);
    await stopPid(pid);
  }
}

async function stopPid(pid) {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 50 && alive(pid); i++) await sleep(100);
  if (alive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

export async function startRadicale(root, port) {
  const p = radicalePaths(root);
  await fs.mkdir(p.dir, { recursive: true });
  await stopStale(p);
  await fs.writeFile(p.users, `${USER}:${PASSWORD}\n`);
  await fs.writeFile(
    p.config,
    `[server]
hosts = 127.0.0.1:${port}
max_connections = 20
timeout = 600
[auth]
type = htpasswd
htpasswd_filename = ${p.users}
htpasswd_encryption = plain
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = ${p.storage}
[web]
type = none
[logging]
level = warning
mask_passwords = True
`,
  );
  const fd = openSync(p.log, 'a');
  // /usr/bin/python3 on purpose: a pyenv "python3" on PATH lacks the Debian radicale module.
  const child = spawn('/usr/bin/python3', ['-m', 'radicale', '--config', p.config], {
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  child.unref();
  const pid = child.pid;
  // Stopped on every way out (exception, Ctrl-C, SIGTERM), not only by stop() on the normal path.
  const stopNow = onCleanup(() => {
    stopPidSync(pid);
    rmSync(p.pid, { force: true });
  });
  await fs.writeFile(p.pid, String(pid));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    if (!alive(pid)) {
      stopNow();
      throw new Error(`Radicale exited at start; see ${p.log}`);
    }
    try {
      const r = await fetch(url, { method: 'OPTIONS' });
      await r.arrayBuffer();
      break;
    } catch {
      if (i > 150) {
        stopNow();
        throw new Error(`Radicale did not answer on ${url} within 30 s; see ${p.log}`);
      }
      await sleep(200);
    }
  }
  log(`Radicale pid ${pid} on ${url} (data under ${p.storage})`);
  return {
    pid,
    url,
    async stop() {
      stopNow();
    },
  };
}
