#!/usr/bin/env node
// Issue 14's benchmark: N contacts (default 5,000; --quick 50; --contacts N) on Radicale, synced into a Thunderbird
// address book, in real headless Thunderbird (Debian's, test/e2e/install-thunderbird.sh):
//   1. our extension: first sync (subscribe: the book is made and filled) and a no-change resync, driven through
//      the extension's test-only control channel (the end-to-end build, test/e2e/thunderbird-harness.ts);
//   2. Thunderbird's OWN CardDAV sync of the same collection, in a second profile (a CardDAV book in prefs:
//      ldap_2.servers.<x>.dirType 102 with carddav.url), in the same run: its first sync (30 s after start-up, as
//      Thunderbird schedules it) and its next, no-change one (carddav.syncinterval 1 minute); --skip-thunderbird-own
//      leaves it out.
// Time, and DAV requests counted by a counting proxy in front of Radicale (one per contender: the proxy of
// Thunderbird's own book adds the Basic credentials, since no password is in that profile's login manager). The
// longest pause of Thunderbird's MAIN event loop (the parent process, where address books live; the extensions'
// backgrounds run in another process) is measured by a small probe extension installed beside ours: an experiment
// whose 10 ms timer in the parent process records every gap over 15 ms (goal: no pause over 100 ms).
//
// Radicale is the test harness's (test/harness/servers.sh), with its own storage under $DAV_TB_BENCH_ROOT
// (default /tmp/dav-bridge-tb-bench) on $DAV_TB_BENCH_PORT (default 15334); the contacts are created there with
// bridge-core's DAV client (8 PUTs at a time) and kept for the next run when their count matches. The control
// channel listens on $TB_E2E_CONTROL_PORT (the harness's; default 33769).
//
// Prints a table, the ratios ours / Thunderbird's own, and one machine-readable line:
//   tb-contacts-bench: contacts=N ours_initial_s=… ours_idle_s=… ours_initial_requests=… ours_idle_requests=…
//   own_initial_s=… own_idle_s=… own_initial_requests=… own_idle_requests=… initial_ratio=… idle_ratio=…
//   ours_max_pause_ms=… own_max_pause_ms=… idle_max_pause_ms=… ours_cards=… own_cards=…
// (own_* and ratios are "-" when Thunderbird's own sync was skipped or did not run.)
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, openSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { onCleanup, stopPidSync } from './lib/cleanup.mjs';
import { startRadicale, USER, PASSWORD } from './lib/radicale.mjs';
import { log, sleep } from './lib/util.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(here, '..', '..');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const QUICK = flag('--quick');
const CONTACTS = Number(option('--contacts') ?? (QUICK ? 50 : 5000));
const SKIP_OWN = flag('--skip-thunderbird-own');
// --breakdown: every pause of our first sync over 50 ms with what was in flight (calls, collections, CPU).
const BREAKDOWN = flag('--breakdown');
const ROOT = process.env.DAV_TB_BENCH_ROOT || '/tmp/dav-bridge-tb-bench';
const PORT = Number(process.env.DAV_TB_BENCH_PORT || 15334);
const BOOK = `tb-bench-${CONTACTS}`;
if (!Number.isInteger(CONTACTS) || CONTACTS < 1) throw new Error(`--contacts: a positive number, got ${CONTACTS}`);

// ---------------------------------------------------------------------------------------------------------------
// The Thunderbird harness and the test support are TypeScript: transpiled once into a temporary folder (same
// layout, so the harness's ../support/bridge.js import holds), as lib/support.mjs does for test/support alone.
function loadTypeScript() {
  const out = mkdtempSync(join(tmpdir(), 'dav-bridge-tb-bench-ts-'));
  onCleanup(() => rmSync(out, { recursive: true, force: true }));
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  const files = [
    ...readdirSync(join(REPO, 'test', 'support'))
      .filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))
      .map((n) => ['support', n]),
    ['e2e', 'thunderbird-harness.ts'],
  ];
  for (const [dir, name] of files) {
    const source = readFileSync(join(REPO, 'test', dir, name), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
      fileName: name,
    });
    mkdirSync(join(out, dir), { recursive: true });
    // These files locate the repository from __dirname (they run as CommonJS under Jest): give them theirs.
    const prelude = `const __dirname = ${JSON.stringify(join(REPO, 'test', dir))};\n`;
    writeFileSync(join(out, dir, name.replace(/\.ts$/, '.js')), prelude + outputText);
  }
  const load = (dir, name) => import(pathToFileURL(join(out, dir, `${name}.js`)).href);
  return Promise.all([load('e2e', 'thunderbird-harness'), load('support', 'items')]);
}

// ---------------------------------------------------------------------------------------------------------------
// A counting proxy per contender: requests, methods, and the time from the first request of a phase to the end of
// its last response. `auth` (Basic) is added to requests that carry none (Thunderbird's own book).
async function countingProxy(targetPort, auth) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  let phase = { name: 'setup', total: 0, methods: {}, status: {}, first: 0, last: 0 };
  const server = http.createServer((req, res) => {
    const b = phase;
    b.total++;
    b.first ||= performance.now();
    b.methods[req.method] = (b.methods[req.method] ?? 0) + 1;
    const headers = { ...req.headers };
    delete headers.connection;
    delete headers['keep-alive'];
    if (auth && !headers.authorization) headers.authorization = auth;
    const up = http.request(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers, agent },
      (ures) => {
        b.status[ures.statusCode] = (b.status[ures.statusCode] ?? 0) + 1;
        const h = { ...ures.headers };
        delete h.connection;
        delete h['keep-alive'];
        res.writeHead(ures.statusCode ?? 502, h);
        ures.pipe(res);
        ures.on('end', () => (b.last = performance.now()));
      },
    );
    up.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bench proxy: ${e.message}`);
    });
    req.pipe(up);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  const stop = onCleanup(() => server.close());
  return {
    url: `http://127.0.0.1:${port}`,
    phase(name) {
      phase = { name, total: 0, methods: {}, status: {}, first: 0, last: 0 };
      return phase;
    },
    close() {
      server.closeAllConnections?.();
      stop();
      agent.destroy();
    },
  };
}

const describeMethods = (b) =>
  Object.entries(b.methods)
    .map(([m, n]) => `${m} ${n}`)
    .join(', ') || 'none';

// ---------------------------------------------------------------------------------------------------------------
// The probe: a small unsigned extension whose experiment runs a 10 ms timer in Thunderbird's parent process and
// notes every gap over 15 ms, and Thunderbird's own CardDAV "synced" notifications (with the book's card count).
// Its background posts what it saw to the bench's probe server every 500 ms.
const PROBE_ID = 'tb-bench-probe@dav-bridge.invalid';

function probeFiles(port) {
  const manifest = {
    manifest_version: 2,
    name: 'DAV Bridge bench probe',
    version: '1.0',
    browser_specific_settings: { gecko: { id: PROBE_ID, strict_max_version: '160.*' } },
    background: { scripts: ['background.js'] },
    permissions: ['http://127.0.0.1/*'],
    experiment_apis: {
      benchProbe: {
        schema: 'schema.json',
        parent: { scopes: ['addon_parent'], paths: [['benchProbe']], script: 'implementation.js' },
      },
    },
  };
  const schema = [
    {
      namespace: 'benchProbe',
      functions: [
        { name: 'start', type: 'function', async: true, parameters: [], returns: { type: 'any' } },
        { name: 'take', type: 'function', async: true, parameters: [], returns: { type: 'any' } },
      ],
    },
  ];
  const implementation = `
"use strict";
var { setInterval, clearInterval } = ChromeUtils.importESModule("resource://gre/modules/Timer.sys.mjs");
var { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
// A high-resolution clock where this Gecko has one, else milliseconds.
const clock = typeof ChromeUtils.now === "function" ? () => ChromeUtils.now() : () => Date.now();
// The process's CPU time (all its threads), where this Gecko has it: a pause with little CPU is the machine's
// scheduler (other processes on the cores), not work done by Thunderbird.
const cpu = () => {
  try {
    return ChromeUtils.cpuTimeSinceProcessStart;
  } catch (e) {
    return NaN;
  }
};
let timer = null;
let pauses = [];
let events = [];
let collections = [];
let ticks = 0;
const observer = {
  observe(subject, topic) {
    let cards = -1;
    let uri = "";
    try {
      const dir = subject.QueryInterface(Ci.nsIAbDirectory);
      cards = dir.childCardCount;
      uri = dir.URI;
    } catch (e) {}
    events.push({ at: Date.now(), topic, cards, uri });
  },
};
// Garbage and cycle collections of the parent process (javascript.options.mem.notify): when they end, how long
// their longest slice held the main loop.
const collectionObserver = {
  observe(subject, topic, data) {
    try {
      const d = JSON.parse(data);
      if (topic === "garbage-collection-statistics")
        collections.push({ at: Date.now(), kind: "gc", maxPause: d.max_pause, total: d.total_time, reason: d.reason, nonIncremental: d.nonincremental_reason });
      else collections.push({ at: Date.now(), kind: "cc", maxPause: d.max_slice_pause ?? d.duration, total: d.duration });
    } catch (e) {}
  },
};
this.benchProbe = class extends ExtensionCommon.ExtensionAPI {
  onShutdown() {
    if (timer) clearInterval(timer);
    Services.obs.removeObserver(observer, "addrbook-directory-synced");
    Services.obs.removeObserver(observer, "addrbook-directory-sync-failed");
    Services.obs.removeObserver(collectionObserver, "garbage-collection-statistics");
    Services.obs.removeObserver(collectionObserver, "cycle-collection-statistics");
  }
  getAPI(context) {
    return {
      benchProbe: {
        async start() {
          try {
            startTimer();
            return "";
          } catch (e) {
            return String(e) + " " + (e && e.stack);
          }
        },
        async take() {
          const out = { pauses, events, collections, ticks };
          pauses = [];
          events = [];
          collections = [];
          return out;
        },
      },
    };
  }
};
function startTimer() {
          if (timer) return;
          Services.obs.addObserver(observer, "addrbook-directory-synced");
          Services.obs.addObserver(observer, "addrbook-directory-sync-failed");
          Services.obs.addObserver(collectionObserver, "garbage-collection-statistics");
          Services.obs.addObserver(collectionObserver, "cycle-collection-statistics");
          let last = clock();
          let lastCpu = cpu();
          timer = setInterval(() => {
            const now = clock();
            const nowCpu = cpu();
            ticks++;
            if (now - last > 15)
              pauses.push({ at: Date.now(), ms: Math.round((now - last - 10) * 10) / 10, cpuMs: Math.round((nowCpu - lastCpu) * 10) / 10 });
            last = now;
            lastCpu = nowCpu;
          }, 10);
}
`;
  const background = `
const post = (body) => fetch("http://127.0.0.1:${port}/probe", { method: "POST", body: JSON.stringify(body) }).catch(() => {});
browser.benchProbe.start().then(
  (failure) => {
    if (failure) return post({ error: failure, pauses: [], events: [], ticks: 0 });
    post({ started: true, pauses: [], events: [], ticks: 0 });
    setInterval(async () => post(await browser.benchProbe.take()), 500);
  },
  (e) => post({ error: String(e), pauses: [], events: [], ticks: 0 }),
);
`;
  return {
    'manifest.json': JSON.stringify(manifest),
    'schema.json': JSON.stringify(schema),
    'implementation.js': implementation,
    'background.js': background,
  };
}

/** The bench's end of the probe: everything it posted, with this process's clock (Date.now is shared). */
async function probeServer() {
  const seen = { started: false, pauses: [], events: [], collections: [], ticks: 0, lastPost: 0 };
  let onPost = () => {};
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.end('{}');
      try {
        const p = JSON.parse(body);
        if (p.started) seen.started = true;
        if (p.error) process.stderr.write(`[bench] !!! the probe failed: ${p.error}\n`);
        seen.pauses.push(...p.pauses);
        seen.events.push(...p.events);
        seen.collections.push(...(p.collections ?? []));
        seen.ticks += p.ticks;
        seen.lastPost = Date.now();
        onPost();
      } catch {
        /* ignore */
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const stop = onCleanup(() => server.close());
  return {
    port: server.address().port,
    seen,
    /** Resolves at the probe's next post (so what it saw until now has arrived). */
    nextPost: () => new Promise((r) => (onPost = r)),
    maxPause(from, to) {
      return seen.pauses.filter((p) => p.at >= from && p.at <= to + 100).reduce((m, p) => Math.max(m, p.ms), 0);
    },
    pausesOver(limit, from, to) {
      return seen.pauses.filter((p) => p.at >= from && p.at <= to + 100 && p.ms > limit).length;
    },
    close() {
      server.closeAllConnections?.();
      stop();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Thunderbird launcher for this bench. It reuses the harness's build check, control channel and profile defaults,
// but needs two things the harness does not take (yet): a second extension (the probe) and extra prefs (Thunderbird's
// own CardDAV book). So the profile is made here, the same way the harness makes it.
const BASE_USER_JS = `
user_pref("xpinstall.signatures.required", false);
user_pref("extensions.autoDisableScopes", 0);
user_pref("extensions.enabledScopes", 15);
user_pref("extensions.experiments.enabled", true);
user_pref("mail.shell.checkDefaultClient", false);
user_pref("mail.provider.suppress_dialog_on_startup", true);
user_pref("mailnews.start_page.enabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
user_pref("devtools.console.stdout.chrome", true);
// The probe's record of garbage and cycle collections (observer notifications sent only with this pref).
user_pref("javascript.options.mem.notify", true);
// The extension's MV3 background is an event page, suspended after 30 s without events: a long-polling control
// channel does not keep it alive, and a command sent into a suspended page's dead poll is lost.
user_pref("extensions.background.idle.enabled", false);
user_pref("extensions.background.idle.timeout", 3600000);
user_pref("devtools.console.stdout.content", true);
user_pref("mail.accountmanager.accounts", "account2");
user_pref("mail.accountmanager.localfoldersserver", "server2");
user_pref("mail.account.account2.server", "server2");
user_pref("mail.server.server2.type", "none");
user_pref("mail.server.server2.hostname", "Local Folders");
user_pref("mail.server.server2.userName", "nobody");
user_pref("mail.server.server2.name", "Local Folders");
`;

function zipDir(dir, xpi) {
  execFileSync('zip', ['-qr', xpi, '.', '-x', '*.map'], { cwd: dir });
}

async function launchThunderbird(harness, { prefs = '', withExtension, probePort }) {
  const profile = mkdtempSync(join(tmpdir(), 'dav-bridge-tb-bench-profile-'));
  onCleanup(() => rmSync(profile, { recursive: true, force: true }));
  writeFileSync(join(profile, 'user.js'), BASE_USER_JS + prefs);
  mkdirSync(join(profile, 'extensions'));
  const work = mkdtempSync(join(tmpdir(), 'dav-bridge-tb-bench-ext-'));
  try {
    const probeDir = join(work, 'probe');
    mkdirSync(probeDir);
    for (const [name, text] of Object.entries(probeFiles(probePort))) writeFileSync(join(probeDir, name), text);
    zipDir(probeDir, join(profile, 'extensions', `${PROBE_ID}.xpi`));
    if (withExtension) {
      // $DAV_TB_BENCH_EXTENSION_DIST: another end-to-end build of the extension (a copy of an older
      // thunderbird-ext/e2e-build/dist), to compare two versions under the same load.
      const dist = process.env.DAV_TB_BENCH_EXTENSION_DIST;
      if (!dist) harness.ensureE2eBuild();
      const extDir = join(work, 'ext');
      cpSync(dist || join(REPO, 'thunderbird-ext', 'e2e-build', 'dist'), extDir, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(extDir, 'manifest.json'), 'utf8'));
      manifest.host_permissions = ['http://127.0.0.1/*'];
      writeFileSync(join(extDir, 'manifest.json'), JSON.stringify(manifest));
      writeFileSync(join(extDir, 'e2e-control.json'), JSON.stringify({ port: withExtension.port }));
      zipDir(extDir, join(profile, 'extensions', `${harness.GECKO_ID}.xpi`));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  // Thunderbird's console (extension and experiment errors) goes to $DAV_TB_BENCH_LOG when set.
  const logFd = process.env.DAV_TB_BENCH_LOG ? openSync(process.env.DAV_TB_BENCH_LOG, 'a') : 'ignore';
  const tb = spawn(harness.thunderbirdPath, ['--headless', '--no-remote', '--profile', profile], {
    stdio: ['ignore', logFd, logFd],
  });
  const stopNow = onCleanup(() => {
    if (tb.exitCode === null && tb.signalCode === null) stopPidSync(tb.pid, 10_000);
  });
  return {
    process: tb,
    async stop() {
      stopNow();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A control call that fails with its name after `seconds` instead of waiting for ever. */
function within(what, seconds, promise) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${seconds} s`)), seconds * 1000);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function until(what, cond, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// What paused the main loop (--breakdown): for each pause of our first sync over 50 ms, its time since the sync
// started, the process's CPU time during it (all threads; much less than the pause = the cores were busy with
// other processes), the parent's garbage/cycle collections that ended around it (their longest slice), and the
// extension's API calls in flight (from the end-to-end build's trace).
function printBreakdown(out, probe, ours) {
  const { from, to, trace } = ours;
  const pauses = probe.seen.pauses.filter((p) => p.at >= from && p.at <= to + 100);
  const calls = Array.isArray(trace) ? trace : [];
  const byOp = {};
  for (const c of calls) {
    const o = (byOp[c.op] ??= { n: 0, ms: 0, max: 0 });
    o.n++;
    o.ms += c.end - c.start;
    o.max = Math.max(o.max, c.end - c.start);
  }
  const rel = (t) => ((t - from) / 1000).toFixed(2);
  out(`breakdown of our first sync (${rel(to)} s): calls by the extension (count, total ms, longest ms):`);
  for (const [op, o] of Object.entries(byOp))
    out(`  ${op.padEnd(16)} ${String(o.n).padStart(6)} ${String(o.ms).padStart(9)} ${String(o.max).padStart(6)}`);
  const writes = calls.filter((c) => c.op === 'contacts.create' || c.op === 'contacts.update');
  if (writes.length)
    out(
      `  writes from ${rel(Math.min(...writes.map((c) => c.start)))} s to ${rel(Math.max(...writes.map((c) => c.end)))} s`,
    );
  const gcs = probe.seen.collections.filter((c) => c.at >= from && c.at <= to + 100);
  const longGc = gcs.filter((c) => c.maxPause > 50);
  out(
    `  parent collections: ${gcs.filter((c) => c.kind === 'gc').length} GC, ${gcs.filter((c) => c.kind === 'cc').length} CC; longest slice ${fmt(Math.max(0, ...gcs.map((c) => c.maxPause)), 1)} ms; over 50 ms: ${longGc.map((c) => `${c.kind} ${fmt(c.maxPause, 1)} at ${rel(c.at)} s (${c.reason ?? ''}${c.nonIncremental ? `, non-incremental: ${c.nonIncremental}` : ''})`).join('; ') || 'none'}`,
  );
  const cpuTotal = pauses.reduce((sum, p) => sum + (Number.isFinite(p.cpuMs) ? p.cpuMs : 0), 0);
  out(
    `  pauses over 15 ms: ${pauses.length}, ${fmt(
      pauses.reduce((sum, p) => sum + p.ms, 0),
      0,
    )} ms in all, process CPU in them ${fmt(cpuTotal, 0)} ms`,
  );
  const over100 = pauses.filter((p) => p.ms > 100);
  const busy = over100.filter((p) => p.cpuMs >= p.ms / 2);
  out(
    `  pauses over 100 ms: ${over100.length}, with Thunderbird's process busy in them (CPU at least half the pause): ${busy.length}; the others are mostly the cores given to other processes`,
  );
  out(`  pauses over 50 ms (at s, pause ms, process CPU ms, collections ending within it, calls in flight):`);
  for (const p of pauses.filter((x) => x.ms > 50)) {
    const begin = p.at - p.ms - 10;
    const inGap = gcs
      .filter((c) => c.at >= begin - 5 && c.at <= p.at + 5)
      .map((c) => `${c.kind} ${fmt(c.maxPause, 1)}`);
    const flying = {};
    for (const c of calls) if (c.start <= p.at && c.end >= begin) flying[c.op] = (flying[c.op] ?? 0) + 1;
    out(
      `    ${rel(p.at).padStart(7)} ${fmt(p.ms, 1).padStart(7)} ${fmt(p.cpuMs, 1).padStart(7)}  ${inGap.join(', ') || '-'}  ${
        Object.entries(flying)
          .map(([op, n]) => `${op} ${n}`)
          .join(', ') || 'none'
      }`,
    );
  }
}

const fmt = (n, d = 2) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(d));
const ratio = (a, b) => (a === undefined || b === undefined || !b ? undefined : a / b);

async function main() {
  const [harness, items] = await loadTypeScript();
  const missing = harness.thunderbirdMissing();
  if (missing) throw new Error(missing);
  const { createTransport } = await import(pathToFileURL(join(REPO, 'bridge-core/dist/dav/transport.js')).href);
  const { listItems } = await import(pathToFileURL(join(REPO, 'bridge-core/dist/dav/items.js')).href);

  const radicale = await startRadicale(ROOT, PORT);
  // Radicale takes minutes to store 5,000 cards sent in one PUT: no 30 s limit on these set-up requests.
  const dav = createTransport({ auth: { type: 'basic', username: USER, password: PASSWORD }, timeoutMs: 1_800_000 });
  const bookUrl = `${radicale.url}${USER}/${BOOK}/`;
  let present = -1;
  try {
    present = (await listItems(dav, bookUrl, 'addressbook')).length;
  } catch {
    /* no book yet */
  }
  if (present !== CONTACTS) {
    // In bulk: one PUT of every card to the collection's URL (Radicale takes a whole address book that way and
    // names each item after its UID); one PUT per card takes about 140 ms each on this machine under load.
    const t0 = performance.now();
    const cards = Array.from({ length: CONTACTS }, (_, n) =>
      items.vcard(`tb-${n}`, `Contact ${n} Équipe`, [
        `EMAIL:contact${n}@example.org`,
        `TEL:+33 1 23 45 ${String(n).padStart(4, '0')}`,
      ]),
    );
    await dav.request({
      method: 'PUT',
      url: bookUrl,
      headers: { 'content-type': 'text/vcard; charset=utf-8' },
      body: cards.map((c) => (c.endsWith('\r\n') ? c : `${c}\r\n`)).join(''),
    });
    await dav.request({
      method: 'PROPPATCH',
      url: bookUrl,
      headers: { 'content-type': 'application/xml; charset=utf-8' },
      body: `<?xml version="1.0" encoding="utf-8"?><d:propertyupdate xmlns:d="DAV:"><d:set><d:prop><d:displayname>Équipe technique (${CONTACTS})</d:displayname></d:prop></d:set></d:propertyupdate>`,
    });
    const now = (await listItems(dav, bookUrl, 'addressbook')).length;
    if (now !== CONTACTS) throw new Error(`Radicale holds ${now} contacts in ${bookUrl}, ${CONTACTS} expected`);
    log(`put ${CONTACTS} contacts with bridge-core's DAV client in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } else log(`${CONTACTS} contacts already on Radicale (${bookUrl})`);
  const collectionPath = new URL(bookUrl).pathname;

  const probe = await probeServer();
  const results = {};

  // 1. Our extension.
  {
    const proxy = await countingProxy(PORT);
    const control = new harness.ControlChannel(harness.controlPortFromEnv());
    await control.listen();
    const tb = await launchThunderbird(harness, { withExtension: { port: control.port }, probePort: probe.port });
    try {
      await Promise.race([
        Promise.all([
          control.started.then(() => log('our extension started')),
          until('the probe', () => probe.seen.started, 120_000).then(() => log('the probe started')),
        ]),
        sleep(120_000).then(() => {
          throw new Error('Thunderbird (our extension, the probe) did not start within 120 s');
        }),
      ]);
      // Thunderbird idle with our extension loaded, once start-up has settled (its first seconds pause the main
      // loop for most of a second here): the reference pause.
      await sleep(10_000);
      const idleFrom = Date.now();
      await sleep(5000);
      await probe.nextPost();
      results.idleMaxPause = probe.maxPause(idleFrom, Date.now());

      log('connecting our extension');
      const account = await control.ask({
        type: 'connect',
        serverUrl: `${proxy.url}/`,
        username: USER,
        password: PASSWORD,
      });
      const url = `${proxy.url}${collectionPath}`;
      const initial = proxy.phase('ours-initial');
      const from = Date.now();
      let t0 = performance.now();
      log(`subscribing: first sync of ${CONTACTS} contacts`);
      const first = await within(
        'our first sync',
        Math.max(180, CONTACTS / 2),
        control.ask({ type: 'subscribe', accountId: account.id, url }),
      );
      const initialS = (performance.now() - t0) / 1000;
      const to = Date.now();
      // A build without the trace (older, or $DAV_TB_BENCH_EXTENSION_DIST) answers "unknown op".
      const trace = await control.call('trace').catch(() => []);
      const outcome = { ok: first?.ok, error: first?.error, thunderbird: first?.thunderbird };
      log(`first sync: ${initialS.toFixed(2)} s, ${initial.total} requests, outcome ${JSON.stringify(outcome)}`);
      log('resync with no change');
      const idle = proxy.phase('ours-idle');
      t0 = performance.now();
      const again = await within(
        'our no-change sync',
        Math.max(180, CONTACTS / 5),
        control.call('syncPair', { pairId: `${account.id}|${url}` }),
      );
      const idleS = (performance.now() - t0) / 1000;
      log(`no-change sync: ${idleS.toFixed(2)} s, ${idle.total} requests; counting the cards in Thunderbird`);
      await probe.nextPost();
      await probe.nextPost();
      const pairs = await control.call('pairs');
      const pair = pairs.find((p) => p.collection.url === url);
      const cards = pair ? (await control.call('contacts', { bookId: pair.bookId })).length : -1;
      results.ours = {
        initialS,
        idleS,
        initial,
        idle,
        cards,
        maxPause: probe.maxPause(from, to),
        pausesOver100: probe.pausesOver(100, from, to),
        outcome: { first, again },
        from,
        to,
        trace,
      };
      if (!first?.ok || !again?.ok) log(`!!! our sync outcome: ${JSON.stringify({ first, again })}`);
    } finally {
      control.close();
      await tb.stop();
      proxy.close();
    }
  }

  // 2. Thunderbird's own CardDAV sync of the same collection, in a fresh profile.
  if (!SKIP_OWN) {
    const proxy = await countingProxy(PORT, `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);
    const prefs = `
user_pref("ldap_2.servers.benchown.description", "Équipe technique (Thunderbird CardDAV)");
user_pref("ldap_2.servers.benchown.dirType", 102);
user_pref("ldap_2.servers.benchown.filename", "benchown.sqlite");
user_pref("ldap_2.servers.benchown.carddav.url", ${JSON.stringify(`${proxy.url}${collectionPath}`)});
user_pref("ldap_2.servers.benchown.carddav.username", ${JSON.stringify(USER)});
user_pref("ldap_2.servers.benchown.carddav.syncinterval", 1);
`;
    const initial = proxy.phase('own-initial');
    const eventsBefore = probe.seen.events.length;
    const tb = await launchThunderbird(harness, { prefs, probePort: probe.port });
    try {
      const synced = () => probe.seen.events.slice(eventsBefore).filter((e) => e.uri.includes('benchown'));
      // Thunderbird starts a configured CardDAV book's sync 30 s after start-up, the next one a minute after that.
      await until("Thunderbird's own first CardDAV sync", () => synced().length >= 1, (QUICK ? 180 : 900) * 1000);
      const firstEvent = synced()[0];
      const idle = proxy.phase('own-idle');
      await until("Thunderbird's own second CardDAV sync", () => synced().length >= 2, (QUICK ? 180 : 900) * 1000);
      const secondEvent = synced()[1];
      await probe.nextPost();
      // Wall time: from its first request to the "synced" notification (cards written); the proxy's clock and the
      // probe's (Date.now in Thunderbird) are the same machine's.
      const startWall = (p) => Date.now() - (performance.now() - p.first);
      const initialFrom = startWall(initial);
      const idleFrom = startWall(idle);
      results.own = {
        initialS: (firstEvent.at - initialFrom) / 1000,
        idleS: (secondEvent.at - idleFrom) / 1000,
        initial,
        idle,
        cards: secondEvent.cards,
        failed: synced().some((e) => e.topic.endsWith('failed')),
        maxPause: probe.maxPause(initialFrom, firstEvent.at),
        pausesOver100: probe.pausesOver(100, initialFrom, firstEvent.at),
      };
    } finally {
      await tb.stop();
      proxy.close();
    }
  }
  probe.close();
  await radicale.stop();

  // ---------------------------------------------------------------------------------------------------------------
  const { ours, own } = results;
  const rows = [
    ['contender', 'sync', 'time s', 'requests', 'methods', 'longest pause ms', 'pauses >100 ms', 'cards'],
    [
      'ours',
      'initial',
      fmt(ours.initialS),
      String(ours.initial.total),
      describeMethods(ours.initial),
      fmt(ours.maxPause, 1),
      String(ours.pausesOver100),
      String(ours.cards),
    ],
    ['ours', 'no change', fmt(ours.idleS), String(ours.idle.total), describeMethods(ours.idle), '', '', ''],
  ];
  if (own)
    rows.push(
      [
        'thunderbird',
        'initial',
        fmt(own.initialS),
        String(own.initial.total),
        describeMethods(own.initial),
        fmt(own.maxPause, 1),
        String(own.pausesOver100),
        String(own.cards),
      ],
      ['thunderbird', 'no change', fmt(own.idleS), String(own.idle.total), describeMethods(own.idle), '', '', ''],
    );
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const out = (s) => process.stdout.write(`${s}\n`);
  out(
    `Thunderbird contacts: ${CONTACTS} contacts on Radicale, real headless Thunderbird (${new Date().toISOString().slice(0, 10)})`,
  );
  for (const r of rows)
    out(r.map((v, c) => (c < 2 || c === 4 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  '));
  out(
    `  Thunderbird idle with our extension loaded: longest main-loop pause ${fmt(results.idleMaxPause, 1)} ms (5 s, from 10 s after start-up)`,
  );
  if (BREAKDOWN) printBreakdown(out, probe, ours);
  // $DAV_TB_BENCH_TRACE_FILE: what the breakdown reads (calls, pauses, collections of our first sync), as JSON.
  if (process.env.DAV_TB_BENCH_TRACE_FILE)
    writeFileSync(
      process.env.DAV_TB_BENCH_TRACE_FILE,
      JSON.stringify({ from: ours.from, to: ours.to, calls: ours.trace, ...probe.seen }),
    );
  const ri = ratio(ours.initialS, own?.initialS);
  const rn = ratio(ours.idleS, own?.idleS);
  if (own) {
    out(`ratios (ours / Thunderbird's own CardDAV sync, same run; below 1 = faster):`);
    out(
      `  first sync  ${fmt(ri)} (${fmt(ours.initialS)} s / ${fmt(own.initialS)} s)   requests ${ours.initial.total} / ${own.initial.total}`,
    );
    out(
      `  no change   ${fmt(rn)} (${fmt(ours.idleS)} s / ${fmt(own.idleS)} s)   requests ${ours.idle.total} / ${own.idle.total}`,
    );
    if (own.failed) out(`  !!! Thunderbird reported a failed CardDAV sync`);
  } else out(`Thunderbird's own CardDAV sync: skipped (--skip-thunderbird-own)`);
  out(
    `goal: no main-loop pause over 100 ms during our sync: ${ours.pausesOver100 === 0 ? 'met' : `NOT met (${ours.pausesOver100} pauses, longest ${fmt(ours.maxPause, 1)} ms)`}`,
  );
  const kv = {
    contacts: CONTACTS,
    ours_initial_s: fmt(ours.initialS),
    ours_idle_s: fmt(ours.idleS),
    ours_initial_requests: ours.initial.total,
    ours_idle_requests: ours.idle.total,
    own_initial_s: fmt(own?.initialS),
    own_idle_s: fmt(own?.idleS),
    own_initial_requests: own ? own.initial.total : '-',
    own_idle_requests: own ? own.idle.total : '-',
    initial_ratio: fmt(ri),
    idle_ratio: fmt(rn),
    ours_max_pause_ms: fmt(ours.maxPause, 1),
    own_max_pause_ms: fmt(own?.maxPause, 1),
    idle_max_pause_ms: fmt(results.idleMaxPause, 1),
    ours_cards: ours.cards,
    own_cards: own ? own.cards : '-',
  };
  out(
    `tb-contacts-bench: ${Object.entries(kv)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`tb-contacts-bench: ${e?.stack ?? e}\n`);
    process.exit(1);
  },
);
