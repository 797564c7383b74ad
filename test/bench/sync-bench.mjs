#!/usr/bin/env node
// Sync benchmark: `dav-bridge sync` against vdirsyncer 0.19, both syncing a Radicale collection (10,000 events,
// 5,000 contacts) to a local folder through a counting proxy: initial sync, no-change sync, sync after 10
// server-side edits; wall time, peak RSS (GNU time), HTTP requests. Also measures the "floor" (one REPORT with
// all the data, one no-change sync-collection). A benchmark, not a test: targets are reported, never asserted.
// It exits non-zero only when it could not measure (a tool failed, or a tool's folder is wrong after a sync:
// figures of a broken sync are worthless).
//
//   node test/bench/sync-bench.mjs [--quick] [--skip-vdirsyncer] [--skip-ours] [--events N] [--contacts N]
//   env: DAV_BENCH_ROOT (default /tmp/dav-bridge-bench; the data set is built there once and reused),
//        DAV_BENCH_PORT (Radicale's port, default 15332),
//        DAV_BENCH_BASELINE_MAIN (optional: another build's bridge-core/dist/node/cli/main.js, e.g. before a change,
//        measured in the same run as "baseline")
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fold, makeContacts, makeEvents } from './lib/generate.mjs';
import {
  davRequest,
  parseItems,
  propfindEtags,
  propfindSyncToken,
  queryAll,
  syncCollection,
  countResponses,
} from './lib/dav.mjs';
import { changedFiles, checkAgainst, contentDiffs, markerHits, scanFolder, serverTexts } from './lib/folder.mjs';
import { describeMethods, startCountingProxy } from './lib/proxy.mjs';
import { ensureCollection, PASSWORD, radicalePaths, startRadicale, USER } from './lib/radicale.mjs';
import { davBridge, davBridgeHasSync, vdirsyncer, VDIRSYNCER, DAV_BRIDGE_MAIN } from './lib/tools.mjs';
import { ensurePackages, GNU_TIME, log, runMeasured, warn } from './lib/util.mjs';
import { printTable } from './lib/table.mjs';

let opts;
try {
  ({ values: opts } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      'skip-vdirsyncer': { type: 'boolean', default: false },
      'skip-ours': { type: 'boolean', default: false },
      events: { type: 'string' },
      contacts: { type: 'string' },
      edits: { type: 'string', default: '10' },
    },
  }));
} catch (e) {
  process.stderr.write(
    `sync-bench: ${e.message}\nusage: node test/bench/sync-bench.mjs [--quick] [--skip-vdirsyncer] [--skip-ours] [--events N] [--contacts N] [--edits N]\n`,
  );
  process.exit(2);
}

const ROOT = process.env.DAV_BENCH_ROOT || '/tmp/dav-bridge-bench';
const PORT = Number(process.env.DAV_BENCH_PORT || 15332);
const N_EVENTS = Number(opts.events ?? (opts.quick ? 1000 : 10000));
const N_CONTACTS = Number(opts.contacts ?? (opts.quick ? 500 : 5000));
const N_EDITS = Number(opts.edits);
const AUTH = `${USER}:${PASSWORD}`;
const WORK = join(ROOT, 'work');
const t0 = performance.now();

/** Problems that make the figures meaningless (reported loudly, exit 1). */
const broken = [];
/** Observations worth a look that do not invalidate the figures. */
const notes = [];

function secs(ms) {
  return ms / 1000;
}

async function timed(fn) {
  const t = performance.now();
  const v = await fn();
  return [secs(performance.now() - t), v];
}

/** Apply `n` server-side edits (GET + PUT If-Match through the proxy); returns the markers written. */
async function serverEdits(proxyUrl, c, n, runId, restore) {
  const chosen = [];
  const firstRecurring = c.items.findIndex((i) => i.recurring);
  if (c.kind === 'events' && firstRecurring >= 0) chosen.push(firstRecurring);
  for (let k = 0; chosen.length < Math.min(n, c.items.length); k++) {
    const idx = (Math.floor((k * c.items.length) / n) + 7) % c.items.length;
    if (!chosen.includes(idx)) chosen.push(idx);
  }
  const markers = [];
  for (const [k, idx] of chosen.entries()) {
    const it = c.items[idx];
    const href = c.path + encodeURIComponent(it.name);
    const g = await davRequest(proxyUrl, AUTH, 'GET', href);
    if (g.status !== 200) throw new Error(`edit: GET ${href} gave ${g.status}`);
    const marker = `benchedit-${runId}-${k}`;
    const prop = c.kind === 'events' ? 'SUMMARY' : 'FN';
    const unfolded = g.body
      .replace(/\r?\n[ \t]/g, '')
      .split(/\r?\n/)
      .filter((l) => l !== '');
    let done = false;
    const edited = unfolded.map((l) => {
      if (!done && l.startsWith(`${prop}:`)) {
        done = true;
        return `${l} ${marker}`;
      }
      if (c.kind === 'events' && l.startsWith('DTSTAMP:'))
        return `DTSTAMP:${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
      return l;
    });
    if (!done) throw new Error(`edit: no ${prop} line in ${href}`);
    const body = edited.map(fold).join('\r\n') + '\r\n';
    const p = await davRequest(proxyUrl, AUTH, 'PUT', href, {
      headers: {
        'content-type': c.kind === 'events' ? 'text/calendar; charset=utf-8' : 'text/vcard; charset=utf-8',
        'if-match': g.headers.etag,
      },
      body,
    });
    if (p.status < 200 || p.status > 204)
      throw new Error(`edit: PUT ${href} gave ${p.status}: ${p.body.slice(0, 200)}`);
    markers.push(marker);
    restore.push({ href, original: g.body });
  }
  return markers;
}

/**
 * What any run of a Node command pays before its first request, measured in this run (the machine's load
 * changes it from run to run): Node alone, and `dav-bridge --help` (Node plus our entry module). An idle sync's
 * wall time minus its HTTP time minus this is what the sync itself costs (status read, folder stat, plan).
 */
async function measureStartup(runs = 5) {
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const nodeS = [];
  const helpS = [];
  for (let i = 0; i < runs; i++) {
    nodeS.push((await runMeasured(process.execPath, ['-e', '0'])).wallS);
    helpS.push((await runMeasured(process.execPath, [DAV_BRIDGE_MAIN, '--help'])).wallS);
  }
  return { nodeS: median(nodeS), helpS: median(helpS), runs };
}

async function measureFloor(proxy, c) {
  proxy.setPhase(`floor-${c.kind}`);
  const [reportS, r] = await timed(() => queryAll(proxy.url, AUTH, c.path, c.kind));
  if (r.status !== 207) throw new Error(`floor: REPORT ${c.path} gave ${r.status}`);
  const dir = join(WORK, 'floor', c.kind);
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  // "writing the files": parse the multistatus and write one file per item, as a sync tool must
  const [writeS, written] = await timed(async () => {
    const items = parseItems(r.body);
    c.server = serverTexts(items);
    const ext = c.kind === 'events' ? '.ics' : '.vcf';
    for (let i = 0; i < items.length; i += 256) {
      await Promise.all(
        items
          .slice(i, i + 256)
          .map((it) =>
            fs.writeFile(
              join(dir, decodeURIComponent(it.href.split('/').pop()).replace(/\.(ics|vcf)$/, '') + ext),
              it.data,
            ),
          ),
      );
    }
    return items.length;
  });
  if (written !== c.items.length)
    broken.push(`floor: the REPORT on ${c.path} returned ${written} items, expected ${c.items.length}`);
  const [etagListS, e] = await timed(() => propfindEtags(proxy.url, AUTH, c.path));
  const token = await propfindSyncToken(proxy.url, AUTH, c.path);
  const [idleS, s] = await timed(() => syncCollection(proxy.url, AUTH, c.path, token));
  if (s.status !== 207 || countResponses(s.body) !== 0)
    notes.push(
      `floor: no-change sync-collection on ${c.path} gave HTTP ${s.status} with ${countResponses(s.body)} responses`,
    );
  await fs.rm(dir, { recursive: true, force: true });
  return {
    reportS,
    writeS,
    etagListS,
    etagListItems: countResponses(e.body) - 1,
    idleS,
    bytes: Buffer.byteLength(r.body),
  };
}

async function main() {
  ensurePackages([
    { bin: '/usr/lib/python3/dist-packages/radicale/__init__.py', pkg: 'radicale' },
    { bin: GNU_TIME, pkg: 'time' },
    ...(opts['skip-vdirsyncer'] ? [] : [{ bin: VDIRSYNCER, pkg: 'vdirsyncer' }]),
  ]);
  let runOurs = !opts['skip-ours'];
  if (runOurs && !(await davBridgeHasSync())) {
    broken.push(
      `${DAV_BRIDGE_MAIN} has no "sync" command (build it: npm run build -w bridge-core); only vdirsyncer measured`,
    );
    runOurs = false;
  }
  const runVdir = !opts['skip-vdirsyncer'];

  const collections = [
    { kind: 'events', name: `events-${N_EVENTS}`, items: makeEvents(N_EVENTS) },
    { kind: 'contacts', name: `contacts-${N_CONTACTS}`, items: makeContacts(N_CONTACTS) },
  ].map((c) => ({ ...c, path: `/${USER}/${c.name}/` }));

  const built = [];
  for (const c of collections) if (await ensureCollection(ROOT, c.name, c.kind, c.items)) built.push(c);
  const radicale = await startRadicale(ROOT, PORT);
  const proxy = await startCountingProxy(PORT);
  const results = {
    date: new Date().toISOString(),
    events: N_EVENTS,
    contacts: N_CONTACTS,
    edits: N_EDITS,
    floor: {},
    rows: [],
  };
  try {
    // warm Radicale's item cache (the first read of a fresh data set parses every item: slow, not measured)
    for (const c of collections) {
      const [s, r] = await timed(() => queryAll(radicale.url, AUTH, c.path, c.kind));
      const n = countResponses(r.body);
      if (r.status !== 207 || n !== c.items.length)
        throw new Error(
          `Radicale returned ${n} items (HTTP ${r.status}) for ${c.path}, expected ${c.items.length}; see ${radicalePaths(ROOT).log}`,
        );
      log(
        `${c.path}: ${n} items, warm-up query ${s.toFixed(1)} s${built.includes(c) ? ' (fresh data set: Radicale built its cache)' : ''}`,
      );
    }
    if (runOurs) {
      results.startup = await measureStartup();
      log(
        `start-up: node alone ${results.startup.nodeS.toFixed(2)} s, dav-bridge --help ${results.startup.helpS.toFixed(2)} s (median of ${results.startup.runs})`,
      );
    }
    for (const c of collections) {
      results.floor[c.kind] = await measureFloor(proxy, c);
      const f = results.floor[c.kind];
      log(
        `floor ${c.kind}: REPORT all ${f.reportS.toFixed(2)} s (${(f.bytes / 1e6).toFixed(1)} MB) + write files ${f.writeS.toFixed(2)} s; no-change sync-collection ${f.idleS.toFixed(2)} s; PROPFIND etags ${f.etagListS.toFixed(2)} s`,
      );
    }

    const common = { work: WORK, proxyUrl: proxy.url, user: USER, password: PASSWORD };
    // DAV_BENCH_BASELINE_MAIN: another build's main.js (e.g. before a change), measured in the same run.
    const baseline = process.env.DAV_BENCH_BASELINE_MAIN;
    const tools = [
      ...(runOurs ? [davBridge(common)] : []),
      ...(runOurs && baseline ? [davBridge(common, { name: 'baseline', main: baseline })] : []),
      ...(runVdir ? [vdirsyncer(common)] : []),
    ];
    for (const t of tools) {
      proxy.setPhase(`${t.name}-setup`);
      await t.reset(collections);
    }
    const runId = Date.now().toString(36);

    for (const c of collections) {
      const scans = {};
      const record = (tool, phase, r, extra = {}) => {
        const b = proxy.get(`${tool.name}-${c.kind}-${phase}`);
        const row = {
          kind: c.kind,
          phase,
          tool: tool.name,
          wallS: r.wallS,
          peakMb: r.peakMb,
          requests: b.total,
          methods: describeMethods(b),
          httpS: b.inflightMs / 1000,
          responseMb: b.bytesOut / 1e6,
          code: r.code,
          command: r.command,
          ...(r.summary ? { summary: r.summary } : {}),
          ...extra,
        };
        results.rows.push(row);
        log(
          `${tool.name} ${c.kind} ${phase}: ${r.wallS.toFixed(2)} s (HTTP in flight ${row.httpS.toFixed(2)} s), ${b.total} requests (${row.methods}), peak ${r.peakMb.toFixed(0)} MB, exit ${r.code}`,
        );
        if (r.failure) broken.push(`${tool.name} ${c.kind} ${phase} sync failed (${r.command}): ${r.failure}`);
        return row;
      };

      for (const t of tools) {
        proxy.setPhase(`${t.name}-${c.kind}-initial`);
        const r = await t.sync(c);
        record(t, 'initial', r);
        const scan = await scanFolder(t.folder(c));
        for (const p of checkAgainst(scan, c.items))
          broken.push(`${t.name} ${c.kind} after the initial sync: ${p} (folder ${t.folder(c)})`);
        const [diff, example] = contentDiffs(scan, c.server);
        if (diff)
          notes.push(
            `${t.name} ${c.kind}: ${diff} files differ from the server's data after the initial sync (unfolded, CRLF-normalized), e.g. ${join(t.folder(c), example)}`,
          );
        scans[t.name] = scan;
      }
      for (const t of tools) {
        proxy.setPhase(`${t.name}-${c.kind}-idle`);
        const r = await t.sync(c);
        const scan = await scanFolder(t.folder(c));
        const changed = changedFiles(scans[t.name], scan);
        record(t, 'idle', r, { filesChanged: changed });
        if (changed) notes.push(`${t.name} ${c.kind}: the no-change sync rewrote/added/removed ${changed} local files`);
        for (const p of checkAgainst(scan, c.items)) broken.push(`${t.name} ${c.kind} after the no-change sync: ${p}`);
        scans[t.name] = scan;
      }
      proxy.setPhase(`edits-${c.kind}`);
      const restore = [];
      const markers = await serverEdits(proxy.url, c, N_EDITS, runId, restore);
      log(`${c.kind}: ${markers.length} server-side edits done (${markers[0]} ...)`);
      for (const t of tools) {
        proxy.setPhase(`${t.name}-${c.kind}-edits`);
        const r = await t.sync(c);
        const scan = await scanFolder(t.folder(c));
        const changed = changedFiles(scans[t.name], scan);
        record(t, 'edits', r, { filesChanged: changed });
        const hits = markerHits(scan, markers);
        const missing = markers.filter((m) => hits.get(m) !== 1);
        if (missing.length)
          broken.push(
            `${t.name} ${c.kind}: after ${markers.length} server edits, ${missing.length} edited items are not (exactly once) in the folder: ${missing.map((m) => `${m}:${hits.get(m)}`).join(', ')}`,
          );
        if (changed !== markers.length)
          notes.push(`${t.name} ${c.kind}: the sync after ${markers.length} edits changed ${changed} local files`);
        for (const p of checkAgainst(scan, c.items)) broken.push(`${t.name} ${c.kind} after the edits sync: ${p}`);
      }
      // put the edited items back as they were, so the stored data set stays the same from run to run
      proxy.setPhase(`restore-${c.kind}`);
      for (const { href, original } of restore) {
        const p = await davRequest(proxy.url, AUTH, 'PUT', href, {
          headers: {
            'content-type': c.kind === 'events' ? 'text/calendar; charset=utf-8' : 'text/vcard; charset=utf-8',
          },
          body: original,
        });
        if (p.status < 200 || p.status > 204) warn(`could not restore ${href}: HTTP ${p.status}`);
      }
    }
  } finally {
    await proxy.close();
    await radicale.stop();
  }

  const totalS = secs(performance.now() - t0);
  await fs.mkdir(join(ROOT, 'results'), { recursive: true });
  const resultFile = join(ROOT, 'results', `sync-${results.date.replace(/[:.]/g, '-')}.json`);
  await fs.writeFile(resultFile, JSON.stringify({ ...results, broken, notes, totalS }, null, 2));

  const summary = printTable(results, { runOurs, runVdir });
  for (const n of notes) process.stdout.write(`note: ${n}\n`);
  if (broken.length) {
    process.stdout.write(`\n!!!!! THE FIGURES ABOVE ARE NOT VALID: ${broken.length} problem(s) !!!!!\n`);
    for (const b of broken) process.stdout.write(`!!! ${b}\n`);
    process.stdout.write('\n');
  }
  process.stdout.write(`(total ${totalS.toFixed(0)} s; details in ${resultFile})\n`);
  process.stdout.write(
    `sync-bench: initial_ratio=${summary.initialRatio} idle_ratio=${summary.idleRatio} initial_vs_floor=${summary.initialVsFloor} idle_vs_floor=${summary.idleVsFloor} idle_requests=${summary.idleRequests} peak_rss_mb=${summary.peakMb}\n`,
  );
  return broken.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    warn(`sync-bench failed: ${err?.stack ?? err}`);
    process.stdout.write(
      'sync-bench: initial_ratio=n/a idle_ratio=n/a initial_vs_floor=n/a idle_vs_floor=n/a idle_requests=n/a peak_rss_mb=n/a\n',
    );
    process.exitCode = 1;
  },
);
