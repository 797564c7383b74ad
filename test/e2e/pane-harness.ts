/**
 * End-to-end harness for the Outlook task pane: the built bridge (real HTTPS, real DAV servers from test/harness) and
 * Debian's Chromium driven by playwright-core, with Office.js replaced by the Outlook host stand-in in office-stub.js.
 * Used by test/integration/e2e-taskpane-*.test.ts (they run in the "integration" Jest project).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import { newestMtime, startBridge, withBuildLock, type RunningBridge } from '../support/bridge.js';

const repoRoot = resolve(__dirname, '..', '..');
const addinRoot = join(repoRoot, 'outlook-addin');
export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// ---------------------------------------------------------------- build

/** Builds the pane with webpack when src/taskpane is newer than dist/taskpane (under a lock: parallel workers). */
export function ensurePaneBuilt(): void {
  const out = join(addinRoot, 'dist', 'taskpane', 'taskpane.js');
  const stale = () =>
    !existsSync(out) ||
    !existsSync(join(addinRoot, 'dist', 'taskpane', 'taskpane.html')) ||
    statSync(out).mtimeMs < newestMtime(join(addinRoot, 'src', 'taskpane'));
  if (!stale()) return;
  withBuildLock(() => {
    if (stale()) {
      execFileSync('npx', ['webpack', '--config', join(addinRoot, 'webpack.config.cjs')], {
        cwd: addinRoot,
        stdio: 'pipe',
      });
    }
  }, 'dav-bridge-taskpane-build.lock');
}

// ---------------------------------------------------------------- bridge

export type PaneBridge = Pick<RunningBridge, 'origin' | 'client' | 'stop'>;

/**
 * The bridge (test/support/bridge.ts) with the pane built, on a port chosen first so the bridge's publicBaseUrl is
 * its real address: guest links the pane inserts are then URLs a guest can fetch.
 */
export async function startPaneBridge(
  davServers: Array<{ id: string; label: string; url: string }>,
  /** Keep the bridge's data there (kept after stop), e.g. to prepare its store between two runs. */
  dataDir?: string,
): Promise<RunningBridge> {
  ensurePaneBuilt();
  return startBridge({
    davServers,
    publicOrigin: true,
    limits: { signInPerIp: { max: 50, windowMs: 60_000 } },
    ...(dataDir ? { dataDir } : {}),
  });
}

// ---------------------------------------------------------------- browser

/** Debian's Chromium, headless, with a fresh profile (playwright-core's launch() makes a temporary user-data-dir). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: run test/e2e/install-chromium.sh (as root) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: 30_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors',
    ],
  });
}

export interface StubConfig {
  displayLanguage: string;
  mode?: 'compose' | 'read';
  bodyType?: 'html' | 'text';
  /** Highest Mailbox requirement set the host supports (default "1.8": master categories). */
  mailbox?: string;
  /** The mailbox's own address (Office.context.mailbox.userProfile.emailAddress). */
  email?: string;
  categories?: Array<{ displayName: string; color: string }>;
  /** The page is an Office dialog's (Office.context.ui.messageParent is there). */
  dialog?: boolean;
}

export interface StubRecord {
  calls: Array<{ method: string; coercionType?: string }>;
  inserted: Array<{ data: string; coercionType: string }>;
  body: string;
  newMessages: Array<{ htmlBody?: string; subject?: string }>;
  categories: Array<{ displayName: string; color: string }>;
}

export interface OpenPane {
  context: BrowserContext;
  page: Page;
  /** Dialogs (alert/confirm/prompt) the page opened: each one is dismissed and recorded. */
  dialogs: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
  /** Every console message, of any level (what a script could have logged, e.g. a secret). */
  console: string[];
  /** Requests the page tried outside the bridge (all refused: the pane must not need third parties). */
  foreignRequests: string[];
  stub(): Promise<StubRecord>;
  close(): Promise<void>;
}

const officeStubSource = readFileSync(join(__dirname, 'office-stub.js'), 'utf8');

/**
 * A new browser context (own cookies and storage) showing the pane, with Office.js answered by the Outlook host
 * stand-in. Every request other than the bridge's own and office.js is aborted and recorded.
 */
export async function openPane(
  browser: Browser,
  bridge: PaneBridge,
  stub: StubConfig,
  viewport = { width: 360, height: 900 },
): Promise<OpenPane> {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport,
    locale: stub.displayLanguage,
    serviceWorkers: 'block',
  });
  const foreignRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS_URL) {
      return route.fulfill({
        status: 200,
        contentType: 'text/javascript; charset=utf-8',
        body: `window.__officeStubConfig = ${JSON.stringify(stub)};\n${officeStubSource}`,
      });
    }
    if (url.startsWith(`${bridge.origin}/`)) return route.continue();
    foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  const consoleMessages: string[] = [];
  page.on('console', (m) => {
    consoleMessages.push(`${m.type()}: ${m.text()}`);
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(`${bridge.origin}/taskpane.html`);
  return {
    context,
    page,
    dialogs,
    errors,
    console: consoleMessages,
    foreignRequests,
    // Expressions as strings: Jest's coverage instrumentation must never reach code that runs in the browser.
    stub: () => page.evaluate('JSON.parse(JSON.stringify(window.__officeStub))') as Promise<StubRecord>,
    close: () => context.close().catch(() => undefined),
  };
}

export interface OfficeDialogWindow {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors. */
  errors: string[];
  /** Requests outside the bridge and the identity provider (all refused). */
  foreignRequests: string[];
  close(): Promise<void>;
}

/**
 * The window an Office dialog opens (displayDialogAsync): a top-level window of its own, so a context of its own
 * (the pane's partitioned session cookie does not travel there), showing `url`. Office.js is the host stand-in in
 * dialog mode, its messageParent relayed to `toParent` (the test hands it to the pane's dialog). The identity
 * provider (`identityProvider.origin`) is played by the test: the bridge's redirect there is followed by what
 * `identityProvider.signIn(url)` gives (the OAuth stand-in's authorize: the redirect back to the bridge).
 */
export async function openOfficeDialog(
  browser: Browser,
  bridge: PaneBridge,
  url: string,
  stub: StubConfig,
  identityProvider: { origin: string; signIn(url: string): string },
  toParent: (message: string) => Promise<void>,
): Promise<OfficeDialogWindow> {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 480, height: 640 },
    locale: stub.displayLanguage,
    serviceWorkers: 'block',
  });
  const foreignRequests: string[] = [];
  // Playwright routes only the first address of a redirect chain: a bridge answer redirecting to the identity
  // provider is taken here (its cookies kept), and the window sent on to where the provider's sign-in sends it back.
  const viaIdentityProvider = async (route: Route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const location = response.headers()['location'] ?? '';
    if (response.status() < 300 || response.status() >= 400 || !location.startsWith(`${identityProvider.origin}/`))
      return route.fulfill({ response });
    const cookies = response.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie');
    return route.fulfill({
      status: 302,
      headers: {
        location: identityProvider.signIn(location),
        ...(cookies.length ? { 'set-cookie': cookies.map((c) => c.value).join('\n') } : {}),
      },
    });
  };
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (target === OFFICE_JS_URL) {
      return route.fulfill({
        status: 200,
        contentType: 'text/javascript; charset=utf-8',
        body: `window.__officeStubConfig = ${JSON.stringify({ ...stub, dialog: true })};\n${officeStubSource}`,
      });
    }
    if (target.startsWith(`${bridge.origin}/`)) return viaIdentityProvider(route);
    foreignRequests.push(target);
    return route.abort('blockedbyclient');
  });
  await context.exposeBinding('__officeStubToParent', (_source, message: string) => toParent(message));
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  return { context, page, errors, foreignRequests, close: () => context.close().catch(() => undefined) };
}

/** Fills the sign-in form (Fluent text inputs: their inner input) and submits it. */
export async function signIn(page: Page, server: string, username: string, password: string): Promise<void> {
  await page.locator('#server').selectOption(server);
  await page.locator('#username input').fill(username);
  await page.locator('#password input').fill(password);
  await page.locator('form fluent-button[type=submit]').click();
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core over the page as it is (open shadow roots included): the serious and critical violations, each as
 * "rule: target (summary)". axe is evaluated through the DevTools protocol rather than a <script> tag, which the
 * pane's CSP (script-src 'self') rightly refuses.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const found = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => v.id + ': ' + JSON.stringify(n.target) + ' (' + n.failureSummary + ')')))`)) as string[];
  return found;
}

/** Everything a script in the page can read that could hold a secret: storage, cookies, the DOM and form values. */
export async function scriptReadableState(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const storage = (s) => Object.keys(s).map((k) => k + '=' + s.getItem(k));
    const values = [...document.querySelectorAll('input, select, textarea')].map((e) => e.value);
    return JSON.stringify({
      cookie: document.cookie,
      local: storage(localStorage),
      session: storage(sessionStorage),
      html: document.documentElement.outerHTML,
      values,
      name: window.name,
    });
  })()`) as Promise<string>;
}
