#!/usr/bin/env node
// The Outlook task pane's weight and speed (issue 13):
//  1. its JavaScript, gzipped, without office.js (Microsoft's CDN serves that): the pane's scripts against a budget
//     of 200 KB, and the function file (commands.js) beside it;
//  2. the time from opening the pane to the collection list on the demo data (the bridge of `npm start` in demo mode:
//     its own Radicale seeded with the team scenario), signed in as Gilles, in Debian's Chromium (playwright-core)
//     with Office.js replaced by the Outlook stand-in test/e2e/office-stub.js, as a ratio to a static page load from
//     the same bridge (/help) measured in the same run, so a loaded machine shows in both.
//   node test/bench/pane-bench.mjs [--quick] [--runs N]
// Needs the build (npm run build) and /usr/bin/chromium (test/e2e/install-chromium.sh) or CHROMIUM_PATH.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { onCleanup, stopPidSync } from './lib/cleanup.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runsArg = args.indexOf('--runs');
const runs = runsArg >= 0 && args[runsArg + 1] ? Number(args[runsArg + 1]) : quick ? 3 : 7;
const BUDGET_BYTES = 200 * 1024;
const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
// The list the pane shows once signed in: the pane being rewritten will carry data-testid="collection-list"; the
// current one is ul.collections. Either counts, once it names the scenario's calendar.
const COLLECTION_LIST = '[data-testid="collection-list"], ul.collections';
const TEAM_CALENDAR = 'Équipe technique';

const paneDir = join(repo, 'outlook-addin', 'dist', 'taskpane');
const startJs = join(repo, 'outlook-addin', 'dist', 'middle-tier', 'start.js');
if (!existsSync(join(paneDir, 'taskpane.js')) || !existsSync(startJs)) {
  process.stderr.write('pane-bench: build first (npm run build)\n');
  process.exit(1);
}

// ---------------------------------------------------------------- 1. size

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const jsFiles = readdirSync(paneDir).filter((f) => f.endsWith('.js'));
const gz = (f) => gzipSync(readFileSync(join(paneDir, f)), { level: 9 }).length;
const paneFiles = jsFiles.filter((f) => f !== 'commands.js');
const paneGzip = paneFiles.reduce((sum, f) => sum + gz(f), 0);
const paneRaw = paneFiles.reduce((sum, f) => sum + readFileSync(join(paneDir, f)).length, 0);
const commandsGzip = jsFiles.includes('commands.js') ? gz('commands.js') : 0;
process.stdout.write(
  `pane-bench: pane JS ${kb(paneGzip)} gzip (${kb(paneRaw)} raw; ${paneFiles.join(', ')}), office.js excluded; ` +
    `budget ${kb(BUDGET_BYTES)}: ${((100 * paneGzip) / BUDGET_BYTES).toFixed(0)}% of it (ratio ${(paneGzip / BUDGET_BYTES).toFixed(2)})\n` +
    `pane-bench: function file commands.js ${kb(commandsGzip)} gzip\n`,
);

// ---------------------------------------------------------------- 2. time to the collection list

function freePort() {
  return new Promise((ok, ko) => {
    const srv = createServer();
    srv.once('error', ko);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  process.stderr.write(
    `pane-bench: ${chromiumPath} is missing: run test/e2e/install-chromium.sh or set CHROMIUM_PATH\n`,
  );
  process.exit(1);
}

const dataDir = mkdtempSync(join(tmpdir(), 'pane-bench-'));
const removeDataDir = onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
let bridge;
let stopBridge = () => undefined;
let browser;
try {
  const [port, demoPort] = [await freePort(), await freePort()];
  const origin = `https://127.0.0.1:${port}`;
  const configFile = join(dataDir, 'config.json');
  // No DAV server configured: start.js runs in demo mode (its own Radicale on demoPort, seeded with the scenario).
  writeFileSync(
    configFile,
    JSON.stringify({ host: '127.0.0.1', port, publicBaseUrl: origin, dataDir, davServers: [] }),
  );
  bridge = spawn(process.execPath, [startJs], {
    env: {
      ...process.env,
      DAV_BRIDGE_SERVER_CONFIG: configFile,
      DAV_BRIDGE_DEMO_PORT: String(demoPort),
      DAV_BRIDGE_LOG_LEVEL: 'error',
      DAV_BRIDGE_PUBLIC_URL: '',
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stopBridge = onCleanup(() => {
    // SIGTERM lets start.js stop its demo Radicale; the pid file catches a Radicale left by a bridge that died.
    stopPidSync(bridge.pid, 10_000);
    const pidFile = join(dataDir, 'demo-radicale', 'pid');
    if (existsSync(pidFile)) stopPidSync(Number(readFileSync(pidFile, 'utf8')), 5_000);
  });
  let stderr = '';
  bridge.stderr.on('data', (d) => (stderr += d));
  const t0 = Date.now();
  await new Promise((ok, ko) => {
    let out = '';
    const timer = setTimeout(() => ko(new Error(`bridge did not start in 180 s: ${stderr}`)), 180_000);
    bridge.stdout.on('data', (d) => {
      out += d;
      if (out.includes('Stop with Ctrl+C')) {
        clearTimeout(timer);
        ok();
      }
    });
    bridge.once('exit', (code) => {
      clearTimeout(timer);
      ko(new Error(`bridge exited (${code}): ${stderr}`));
    });
  });
  process.stdout.write(
    `pane-bench: demo bridge and Radicale up and seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
  );

  const { DEMO_USERS } = await import(join(repo, 'outlook-addin', 'dist', 'middle-tier', 'demo', 'radicale.js'));
  const gilles = DEMO_USERS[0];
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: 60_000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 360, height: 900 },
    locale: 'fr-FR',
  });
  const officeStub = readFileSync(join(repo, 'test', 'e2e', 'office-stub.js'), 'utf8');
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS_URL) {
      return route.fulfill({
        status: 200,
        contentType: 'text/javascript; charset=utf-8',
        body: `window.__officeStubConfig = ${JSON.stringify({ displayLanguage: 'fr-FR', mode: 'compose', bodyType: 'html' })};\n${officeStub}`,
      });
    }
    return url.startsWith(`${origin}/`) ? route.continue() : route.abort('blockedbyclient');
  });
  // Signed in once through the API (the cookie lives in the context): what is timed is opening the pane.
  const signIn = await context.request.post(`${origin}/api/v1/session`, {
    data: { server: 'demo', username: gilles.username, password: gilles.password },
  });
  if (!signIn.ok()) throw new Error(`sign-in as ${gilles.username} failed: ${signIn.status()} ${await signIn.text()}`);

  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const paneTimes = [];
  const staticTimes = [];
  let matched;
  // One unmeasured round warms the browser's and the bridge's caches the same way for both pages.
  for (let i = 0; i <= runs; i++) {
    const s0 = performance.now();
    await page.goto(`${origin}/help`, { waitUntil: 'load' });
    const staticMs = performance.now() - s0;

    const p0 = performance.now();
    await page.goto(`${origin}/taskpane.html`, { waitUntil: 'commit' });
    const list = page.locator(COLLECTION_LIST).filter({ hasText: TEAM_CALENDAR }).first();
    await list.waitFor({ state: 'visible' });
    const paneMs = performance.now() - p0;
    matched ??= await list.evaluate((el) =>
      el.getAttribute('data-testid') ? '[data-testid="collection-list"]' : 'ul.collections',
    );
    if (i > 0) {
      staticTimes.push(staticMs);
      paneTimes.push(paneMs);
    }
  }
  const pane = median(paneTimes);
  const stat = median(staticTimes);
  process.stdout.write(
    `pane-bench: open pane -> collection list (${matched}, "${TEAM_CALENDAR}" shown): median ${pane.toFixed(0)} ms over ${runs} runs ` +
      `(min ${Math.min(...paneTimes).toFixed(0)}, max ${Math.max(...paneTimes).toFixed(0)})\n` +
      `pane-bench: static page /help load: median ${stat.toFixed(0)} ms (min ${Math.min(...staticTimes).toFixed(0)}, max ${Math.max(...staticTimes).toFixed(0)})\n` +
      `pane-bench: pane_js_gzip_kb=${(paneGzip / 1024).toFixed(1)} budget_ratio=${(paneGzip / BUDGET_BYTES).toFixed(2)} ` +
      `commands_js_gzip_kb=${(commandsGzip / 1024).toFixed(1)} open_to_list_ms=${pane.toFixed(0)} static_ms=${stat.toFixed(0)} ` +
      `open_vs_static=${(pane / stat).toFixed(1)}\n`,
  );
} catch (err) {
  process.stderr.write(`pane-bench: ${err.message}\n`);
  process.exitCode = 1;
} finally {
  await browser?.close().catch(() => undefined);
  stopBridge();
  removeDataDir();
}
