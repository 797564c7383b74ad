#!/usr/bin/env node
// Outlook sync through Microsoft Graph, measured against the Graph fake (no Microsoft service is reachable here;
// the fake is written from Graph's documented contract and applies its documented throttling: 4 concurrent
// requests per mailbox, the fifth answered 429 with Retry-After, batches of at most 20).
//
//   node test/bench/graph-bench.mjs [--quick] [--events N]
//
// The sync benchmark's events (test/bench/lib/generate.mjs: 10,000, or 1,000 with --quick; 5% series, some with
// overrides, a quarter with attendees) are synced from an in-memory DAV side into one Outlook calendar: the Graph
// requests of a first sync (goal: at most 600 for 10,000 events, thanks to batching) and of a sync with no change
// (goal: at most 2 per calendar), wall time, peak memory, and the mails Graph would have sent (must be 0). It
// needs bridge-core built (npm run build -w bridge-core). It never fails on its figures, only when it cannot
// measure (exit 1) or when the sync itself is wrong (a duplicate, a missing event, a mail: exit 1).
import { parseArgs } from 'node:util';
import { clearInterval, setInterval } from 'node:timers';
import { performance } from 'node:perf_hooks';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeEvents } from './lib/generate.mjs';
import { supportModule } from './lib/support.mjs';
import { log } from './lib/util.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', '..', 'bridge-core', 'dist');
const load = (path) => import(pathToFileURL(join(dist, path)).href);

const { values: opts } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, events: { type: 'string' } },
});
const N = Number(opts.events ?? (opts.quick ? 1000 : 10000));
/** The goals of issue 15, scaled to the event count for the first sync (600 for 10,000). */
const FIRST_GOAL = Math.ceil((600 * N) / 10000);
const IDLE_GOAL = 2;

async function main() {
  const [
    { GraphClient },
    { GraphEventStore, ensureGraphCalendar },
    { MemoryStore },
    { MemoryStatusStore },
    sync,
    log_,
  ] = await Promise.all([
    load('graph/graph-client.js'),
    load('graph/graph-store.js'),
    load('sync/memory-store.js'),
    load('sync/status.js'),
    load('sync/sync.js'),
    load('sync/conflict-log.js'),
  ]);
  const { GraphFake } = await supportModule('graph-fake/graph-fake');

  const fake = new GraphFake({ pageSize: 100 });
  await fake.start();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    const events = makeEvents(N);
    const dav = new MemoryStore({ name: 'DAV', incremental: true });
    for (const e of events) dav.put(e.name, e.text);
    const client = new GraphClient({ baseUrl: fake.url, getToken: async () => 'bench-mailbox' });
    const calendarId = await ensureGraphCalendar(client, 'Équipe technique', '#1E88E5');
    const graph = new GraphEventStore({ client, calendarId, name: 'Outlook', category: 'Équipe technique' });
    const status = new MemoryStatusStore();
    const run = async () => {
      const before = client.requestCount;
      const t0 = performance.now();
      const report = await sync.syncPair({ a: dav, b: graph, status, conflictLog: new log_.MemoryConflictLog() });
      return { report, requests: client.requestCount - before, ms: performance.now() - t0 };
    };

    log(`graph-bench: ${N} events into the Graph fake`);
    const problems = [];
    const first = await run();
    // The run after a first sync reads the bridge's own writes back through delta (the token was taken before
    // them) and pairs them by version, writing nothing; the no-change sync is the one after it.
    const settle = await run();
    const idle = await run();
    for (const r of [settle, idle]) {
      const writes = [r.report.a, r.report.b].reduce((n, s) => n + s.created + s.updated + s.deleted, 0);
      if (writes) problems.push(`a run with no change wrote ${writes} item(s)`);
    }
    const stored = fake.eventsOf('bench-mailbox', calendarId).length;
    if (first.report.b.created !== N) problems.push(`first sync created ${first.report.b.created} of ${N}`);
    if (stored !== N) problems.push(`the fake holds ${stored} events, not ${N}`);
    if (fake.mails.length) problems.push(`${fake.mails.length} mail(s) recorded by the fake`);

    const row = (what, value, goal) =>
      `${what.padEnd(34)}${String(value).padStart(12)}${goal === undefined ? '' : `   goal ${goal}: ${value <= goal ? 'met' : 'NOT met'}`}`;
    const lines = [
      `Graph sync benchmark (${N} events, 1 calendar, Graph fake with 4 concurrent requests per mailbox)`,
      row('first sync: Graph requests', first.requests, FIRST_GOAL),
      row('first sync: wall time (s)', (first.ms / 1000).toFixed(1)),
      row('next sync (reads own writes back)', settle.requests),
      row('no-change sync: Graph requests', idle.requests, IDLE_GOAL),
      row('no-change sync: wall time (s)', (idle.ms / 1000).toFixed(2)),
      row('429 answers (throttled)', client.throttledCount),
      row('peak memory (RSS, MB)', Math.round(peakRss / 1048576)),
      row('mails Graph would have sent', fake.mails.length, 0),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (problems.length) {
      process.stderr.write(`graph-bench: the sync is wrong: ${problems.join('; ')}\n`);
      process.exitCode = 1;
    }
  } finally {
    clearInterval(sampler);
    await fake.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`graph-bench: ${e.stack ?? e}\n`);
  process.exit(1);
});
