#!/usr/bin/env node
// Scale-out (issue 16): (1) subscriptions synced per minute by one and by two bridge processes on the same
// PostgreSQL job queue (pg-boss), against the harness's real Radicale: N subscriptions with a few events each; a
// round is started by hand (the round job the cluster's cron schedule would send, so no waiting for a cron minute);
// the time runs from the round's start until every subscription's run is recorded. The ratio two/one is printed.
// (2) The guest-link feed's requests per second on a bridge process on PostgreSQL beside one on SQLite (autocannon).
//   node test/bench/cluster-bench.mjs [--quick] [--subscriptions N] [--events N] [--duration S] [--connections N]
// Needs the built bridge (npm run build); starts the harness's Radicale and PostgreSQL when they are not running
// (RADICALE_TEST_PORT, POSTGRES_TEST_PORT) and stops what it started, on every way out.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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
const subscriptionCount = opt('subscriptions', quick ? 8 : 60);
const eventsEach = opt('events', 3);
const duration = opt('duration', quick ? 3 : 15);
const connections = opt('connections', 20);

if (!existsSync(join(repo, 'outlook-addin', 'dist', 'middle-tier', 'app.js'))) {
  process.stderr.write('cluster-bench: build first (npm run build)\n');
  process.exit(1);
}
const { startBridge } = await supportModule('bridge');
const { clusterSettings, queueSyncRound } = await supportModule('cluster');
const { event } = await supportModule('items');
const { makeCalendar, putEvent, basic } = await supportModule('dav-fixtures');
const { default: autocannon } = await import('autocannon');
const { default: PgBoss } = await import('pg-boss');
const { default: pg } = await import('pg');

// The harness's servers: reused when running (someone else stops them), else started and stopped here.
const servers = join(repo, 'test', 'harness', 'servers.sh');
const stops = [];
for (const name of ['radicale', 'postgres']) {
  if (spawnSync('bash', [servers, 'status', name], { stdio: 'ignore' }).status === 0) continue;
  stops.push(
    onCleanup(() =>
      execFileSync('bash', [servers, 'stop', name], { stdio: ['ignore', process.stderr, process.stderr] }),
    ),
  );
  execFileSync('bash', [servers, 'start', name], { stdio: ['ignore', process.stderr, process.stderr] });
}
const davUrl = `http://127.0.0.1:${process.env.RADICALE_TEST_PORT || 15232}/`;
const davServers = [{ id: 'radicale', label: 'Radicale', url: davUrl }];
const user = 'alice';
const password = 'alicepw';
const auth = basic(user, password);
const adminUrl = `postgres://bridge_test@127.0.0.1:${Number(process.env.POSTGRES_TEST_PORT || 25432)}/postgres`;

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
let dbCounter = 0;
/** A new empty database (name from [a-z0-9_] only), dropped on every way out (drop() on the normal path). */
async function freshDatabase() {
  const name = `bench_cluster_${process.pid}_${++dbCounter}`;
  await admin(`CREATE DATABASE "${name}"`);
  const sql = `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`;
  // On a signal (cleanups are synchronous): psql, best effort; a cluster started here goes away with its server.
  const psql = spawnSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1'])
    .stdout?.toString()
    .trim();
  const unregister = onCleanup(() => {
    if (psql) spawnSync(join(psql, 'psql'), [adminUrl, '-c', sql], { stdio: 'ignore' });
  });
  const drop = async () => {
    unregister();
  };
  return { url: adminUrl.replace(/\/postgres$/, `/${name}`), drop };
}

const stamp = Date.now().toString(36);
// Gilles's calendars, each with a few events, created once on Radicale and subscribed anew for each measurement.
async function seedCalendars() {
  const home = `${davUrl}${user}/`;
  const urls = [];
  for (let i = 0; i < subscriptionCount; i++) {
    const url = await makeCalendar(home, auth, `bench-cluster-${stamp}-${i}`, `Équipe technique ${i}`);
    for (let k = 0; k < eventsEach; k++) {
      const uid = `bench-cluster-${stamp}-${i}-${k}`;
      await putEvent(
        url,
        auth,
        uid,
        event({ uid, summary: `Réunion ${k}`, start: new Date(Date.now() + (k + 1) * 86_400_000) }),
      );
    }
    urls.push(url);
  }
  return urls;
}

/** startBridge, and the process killed on a signal to this benchmark (the normal path calls stop()). */
async function bridgeProcess(options) {
  const b = await startBridge(options);
  const unregister = onCleanup(() => b.process.kill('SIGKILL'));
  return { ...b, stop: () => b.stop().finally(unregister) };
}

/** Subscriptions per minute for one round worked by `instances` bridge processes on one fresh database. */
async function measureRound(instances, calendarUrls) {
  const db = await freshDatabase();
  const bridges = [];
  try {
    for (let i = 0; i < instances; i++)
      bridges.push(await bridgeProcess({ davServers, extra: clusterSettings(db.url) }));
    const c = bridges[0].client();
    const signIn = await c.signIn(user, password, 'radicale');
    if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status}`);
    const ids = new Set();
    for (const url of calendarUrls) {
      const created = await c.send('POST', '/api/v1/subscriptions', { json: { url } });
      if (created.status !== 201) throw new Error(`subscription failed: ${created.status} ${created.body}`);
      ids.add(created.json().subscription.id);
    }
    const roundStart = Date.now();
    await queueSyncRound(PgBoss, db.url);
    for (;;) {
      const subs = (await c.get('/api/v1/subscriptions')).json().subscriptions.filter((s) => ids.has(s.id));
      const done = subs.filter((s) => !s.sync.running && s.sync.lastRun && Date.parse(s.sync.lastRun) >= roundStart);
      if (done.length === ids.size) {
        const failed = done.filter((s) => !s.sync.ok).length;
        if (failed) throw new Error(`${failed} runs failed`);
        break;
      }
      if (Date.now() - roundStart > 600_000) throw new Error(`round not finished: ${done.length}/${ids.size}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (Date.now() - roundStart) / 1000;
    return { seconds, perMinute: (ids.size / seconds) * 60 };
  } finally {
    for (const b of bridges) await b.stop().catch(() => undefined);
    await db.drop();
  }
}

/** The guest feed's load figures on one bridge process (SQLite when dbUrl is undefined). */
async function measureFeed(dbUrl, calendarUrl) {
  const db = dbUrl ? await freshDatabase() : undefined;
  const extra = db ? clusterSettings(db.url) : {};
  const bridge = await bridgeProcess({
    davServers,
    guestCacheSeconds: 30,
    extra: { ...extra, syncIntervalSeconds: 0 },
  });
  try {
    const c = bridge.client();
    if ((await c.signIn(user, password, 'radicale')).status !== 200) throw new Error('sign-in failed');
    const created = await c.send('POST', '/api/v1/guest-links', { json: { collectionUrl: calendarUrl } });
    if (created.status !== 201) throw new Error(`guest link failed: ${created.status} ${created.body}`);
    const feedPath = new URL(created.json().guestLink.icsUrl).pathname;
    return await autocannon({
      url: `${bridge.baseUrl}${feedPath}`,
      connections,
      duration,
      headers: { accept: 'text/calendar' },
    });
  } finally {
    await bridge.stop().catch(() => undefined);
    await db?.drop();
  }
}

try {
  const calendarUrls = await seedCalendars();
  process.stdout.write(
    `cluster-bench: ${subscriptionCount} subscriptions x ${eventsEach} events, one round each, real Radicale, PostgreSQL job queue\n`,
  );
  const round = (name, r) =>
    `${name.padEnd(26)} ${r.seconds.toFixed(1).padStart(7)} s   ${r.perMinute.toFixed(0).padStart(7)} subscriptions/min\n`;
  // Two series: the product's default (DAV_BRIDGE_SYNC_WORKERS=1: one run at a time per instance) and 4 workers per
  // instance, where the machine (CPU shared with Radicale and PostgreSQL) bounds the round instead of the queue.
  const ratios = {};
  for (const workers of [1, 4]) {
    process.env['DAV_BRIDGE_SYNC_WORKERS'] = String(workers);
    const one = await measureRound(1, calendarUrls);
    const two = await measureRound(2, calendarUrls);
    delete process.env['DAV_BRIDGE_SYNC_WORKERS'];
    process.stdout.write(round(`1 instance,  ${workers} worker(s)`, one));
    process.stdout.write(round(`2 instances, ${workers} worker(s)`, two));
    ratios[workers] = { one, two, ratio: two.perMinute / one.perMinute };
    process.stdout.write(
      `ratio 2/1 instances, ${workers} worker(s): ${ratios[workers].ratio.toFixed(2)}x (goal 1.7x)\n`,
    );
  }
  const ratio = ratios[1].ratio;
  const one = ratios[1].one;
  const two = ratios[1].two;

  process.stdout.write(`guest feed: ${connections} connections, ${duration} s each\n`);
  const sqlite = await measureFeed(undefined, calendarUrls[0]);
  const postgres = await measureFeed(true, calendarUrls[0]);
  const feed = (name, r) =>
    `${name.padEnd(12)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p99 ${String(r.latency.p99).padStart(5)} ms   non-2xx ${r.non2xx}  errors ${r.errors}\n`;
  process.stdout.write(feed('SQLite', sqlite));
  process.stdout.write(feed('PostgreSQL', postgres));
  const feedRatio = postgres.requests.average / sqlite.requests.average;
  process.stdout.write(`ratio PostgreSQL/SQLite feed: ${feedRatio.toFixed(2)}x\n`);
  process.stdout.write(
    `cluster-bench: sync_per_min_1=${one.perMinute.toFixed(1)} sync_per_min_2=${two.perMinute.toFixed(1)} ` +
      `cluster_ratio=${ratio.toFixed(2)} cluster_ratio_4_workers=${ratios[4].ratio.toFixed(2)} feed_rps_sqlite=${sqlite.requests.average.toFixed(0)} ` +
      `feed_rps_postgres=${postgres.requests.average.toFixed(0)} feed_ratio=${feedRatio.toFixed(2)}\n`,
  );
  if (sqlite.non2xx + sqlite.errors + postgres.non2xx + postgres.errors > 0) process.exitCode = 1;
} catch (err) {
  process.stderr.write(`cluster-bench: ${err.stack || err.message}\n`);
  process.exitCode = 1;
} finally {
  for (const stop of stops.reverse()) stop();
}
