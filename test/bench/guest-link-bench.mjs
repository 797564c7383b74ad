#!/usr/bin/env node
// Load run on a guest link's feed: /g/<token>.ics (the full path: token lookup, expiry check, feed cache, ETag)
// against the very same bytes served as a static file by the same bridge process, so the ratio shows what the
// guest-link layer costs over plain file serving. 50 connections, 30 s each (--quick: 5 s).
//   node test/bench/guest-link-bench.mjs [--quick] [--connections N] [--duration S] [--events N]
// Needs the built bridge (npm run build) and a DAV server: the harness's Radicale (started here if needed through
// test/harness/servers.sh), or DAV_BENCH_URL + DAV_BENCH_USER + DAV_BENCH_PASSWORD (a calendar is created there).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './lib/cleanup.mjs';
import { supportModule } from './lib/support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const quick = args.includes('--quick');
const connections = opt('connections', 50);
const duration = opt('duration', quick ? 5 : 30);
const eventCount = opt('events', 200);

const dist = join(repo, 'outlook-addin', 'dist', 'middle-tier');
if (!existsSync(join(dist, 'app.js'))) {
  process.stderr.write('guest-link-bench: build first (npm run build)\n');
  process.exit(1);
}
const { createBridgeInProcess } = await supportModule('bridge');
const { event } = await supportModule('items');
const { makeCalendar, putEvent } = await supportModule('dav-fixtures');
const { default: autocannon } = await import('autocannon');
const { default: fastifyStatic } = await import('@fastify/static');

let davUrl = process.env.DAV_BENCH_URL;
let stopRadicale = () => undefined;
let user = process.env.DAV_BENCH_USER;
let password = process.env.DAV_BENCH_PASSWORD;
if (!davUrl) {
  // The harness's Radicale: reused when it already runs (someone else started it and will stop it), else
  // started here and stopped here, on every way out (end, failure, Ctrl-C).
  const servers = join(repo, 'test', 'harness', 'servers.sh');
  const running = spawnSync('bash', [servers, 'status', 'radicale'], { stdio: 'ignore' }).status === 0;
  if (!running) {
    stopRadicale = onCleanup(() => {
      execFileSync('bash', [servers, 'stop', 'radicale'], { stdio: ['ignore', process.stderr, process.stderr] });
    });
    execFileSync('bash', [servers, 'start', 'radicale'], { stdio: ['ignore', process.stderr, process.stderr] });
  }
  davUrl = `http://127.0.0.1:${process.env.RADICALE_TEST_PORT || 15232}/`;
  user = 'alice';
  password = 'alicepw';
}
const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

// A calendar with `eventCount` events (a weekly recurring one included), created straight on the DAV server.
async function seedCalendar() {
  const home = `${davUrl}${user}/`;
  const url = await makeCalendar(home, auth, `bench-${Date.now().toString(36)}`, 'Bench');
  const base = Date.now();
  for (let i = 0; i < eventCount; i++) {
    const start = new Date(base + i * 5 * 3600_000);
    const ics = event({
      uid: `bench-${i}-${base}`,
      summary: `Réunion ${i}`,
      location: 'Salle 1',
      start,
      ...(i === 0 ? { rrule: 'FREQ=WEEKLY;COUNT=52' } : {}),
    });
    await putEvent(url, auth, `e${i}`, ics);
  }
  return url;
}

const dataDir = mkdtempSync(join(tmpdir(), 'guest-bench-'));
const removeDataDir = onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
const staticDir = join(dataDir, 'static');
let bridge;
try {
  const calendarUrl = await seedCalendar();
  // The product's feed cache (30 s), as a guest sees it; the data folder is ours (removed on every way out).
  bridge = await createBridgeInProcess({
    davServers: [{ id: 'bench', label: 'bench', url: davUrl }],
    guestCacheSeconds: 30,
    dataDir,
  });
  const { app } = bridge;
  // Registered before the first request boots the app; the file is written once the feed is known (wildcard serving).
  execFileSync('mkdir', ['-p', staticDir]);
  await app.register(fastifyStatic, { root: staticDir, prefix: '/bench-static/', decorateReply: false });

  // Set-up through the real API (in-process injection: no TLS trust needed for it).
  const signIn = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: user, password } });
  if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.body}`);
  const headers = {
    cookie: signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    'x-csrf-token': signIn.json().csrfToken,
  };
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/guest-links',
    headers,
    payload: { collectionUrl: calendarUrl },
  });
  if (created.statusCode !== 201) throw new Error(`guest link failed: ${created.body}`);
  const feedPath = new URL(created.json().guestLink.icsUrl).pathname;
  const feed = await app.inject({ method: 'GET', url: feedPath });
  if (feed.statusCode !== 200) throw new Error(`feed failed: ${feed.statusCode}`);
  writeFileSync(join(staticDir, 'feed.ics'), feed.body);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = app.server.address().port;

  const run = (path) =>
    autocannon({
      url: `https://127.0.0.1:${port}${path}`,
      connections,
      duration,
      headers: { accept: 'text/calendar' },
    });
  process.stdout.write(
    `guest-link-bench: ${eventCount} events, feed ${feed.body.length} bytes, ${connections} connections, ${duration} s each\n`,
  );
  const guest = await run(feedPath);
  const stat = await run('/bench-static/feed.ics');
  const line = (name, r) =>
    `${name.padEnd(22)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p99 ${String(r.latency.p99).padStart(5)} ms   non-2xx ${r.non2xx}  errors ${r.errors}\n`;
  process.stdout.write(line('/g/<token>.ics', guest));
  process.stdout.write(line('static feed.ics', stat));
  process.stdout.write(
    `ratio guest/static: throughput ${(guest.requests.average / stat.requests.average).toFixed(2)}x, p99 latency ${(guest.latency.p99 / Math.max(stat.latency.p99, 1)).toFixed(2)}x\n`,
  );
  if (guest.non2xx > 0 || guest.errors > 0) process.exitCode = 1;
} catch (err) {
  process.stderr.write(`guest-link-bench: ${err.message}\n`);
  process.exitCode = 1;
} finally {
  await bridge?.close();
  removeDataDir();
  stopRadicale();
}
