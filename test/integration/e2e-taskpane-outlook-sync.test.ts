// Issue 15 clicked through: the pane's "Connect Outlook for two-way sync", end to end in Debian's Chromium
// (playwright-core). The bridge runs in this process (msal-node's client can only be replaced by the OAuth stand-in
// where the app is built: test/support/outlook-sync-bridge.ts) with Graph configured against the Graph fake and the
// OAuth stand-in, and serves the built pane; Radicale is real. Office.js is the Outlook host stand-in
// (test/e2e/office-stub.js): its displayDialogAsync is strict (https, same origin, one dialog) and the dialog's
// window is played here as Office does it: a top-level window of its own showing the bridge's dialog address, where
// the test plays Microsoft's sign-in (the OAuth stand-in's authorize), and whose messageParent reaches the pane.
//
// Gilles is alice on Radicale. In the pane he has the bridge sync "Équipe technique", connects Outlook, syncs: the
// events are in the Graph fake's Outlook calendar and no mail was sent. No token reaches anything the pane's page
// can read. A refused refresh (consent revoked at the OAuth stand-in) shows "reconnect Outlook"; Reconnect and
// Disconnect work; closing the sign-in window is said; he stops the sync.
import { resolve, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { i18n } from '@dav-bridge/core';
import { GraphClient } from '../../bridge-core/src/graph/graph-client.js';
import { ensureGraphCalendar } from '../../bridge-core/src/graph/graph-store.js';
import { testServers, uniqueName } from '../harness/servers.js';
import { basic, makeCalendar, putEvent } from '../support/dav-fixtures.js';
import { HttpsClient } from '../support/https-client.js';
import { event } from '../support/items.js';
import { startOutlookSyncBridge, type OutlookSyncBridge } from '../support/outlook-sync-bridge.js';
import { formatDate } from '../../outlook-addin/src/taskpane/view-model.js';
import {
  axeViolations,
  ensurePaneBuilt,
  launchChromium,
  openOfficeDialog,
  openPane,
  scriptReadableState,
  signIn,
  type OfficeDialogWindow,
  type OpenPane,
  type PaneBridge,
} from '../e2e/pane-harness.js';

// The pane's files through the static plugin stand-in (@fastify/static is ESM only), and the cookie plugin
// stand-in (@fastify/cookie cannot load under Jest's CommonJS runtime on Node 20).
jest.mock('@fastify/static', () => jest.requireActual('../support/static-plugin-standin'));
jest.mock('@fastify/cookie', () => jest.requireActual('../support/cookie-plugin-standin'));
jest.setTimeout(120_000);

const HOST = 'Outlook host stand-in';
const GRAPH = 'Graph fake';
const OAUTH = 'OAuth stand-in';
const SIGN_IN_ORIGIN = 'https://login.standin.example';
const SCREENSHOTS = resolve(__dirname, '..', '..', 'docs', 'screenshots');
const radicale = testServers.radicale;
const alice = radicale.users.alice;
const auth = basic('alice', alice.password);
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);
const sync = { fr: i18n.catalog('fr').outlookSync, en: i18n.catalog('en').outlookSync };
const pane = { fr: i18n.catalog('fr').pane, en: i18n.catalog('en').pane };

const exactly = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
/** A Fluent button by its text (Playwright's role engine cannot read ElementInternals' role). */
const fbutton = (scope: Page | Locator, name: string) =>
  scope.locator('fluent-button, fluent-anchor-button').filter({ hasText: exactly(name) });
const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
// Chromium reports every non-2xx fetch as a console error ("Failed to load resource").
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource/.test(e));
const status = (page: Page, text: string) =>
  page.locator('#status').filter({ hasText: text }).waitFor({ timeout: 60_000 });
const syncStatus = (page: Page) => page.locator('#outlook-sync-status');
/**
 * Waits until `expression` is true in the page. Not page.waitForFunction: its polling evaluates a string inside the
 * page, which the pane's CSP rightly refuses (no unsafe-eval); page.evaluate goes through the DevTools protocol.
 */
async function until(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > end) throw new Error(`still false after ${timeoutMs} ms: ${expression}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What a script in the page can read (DOM, storage, form values), its whole markup, and its context's cookies. */
async function readableBy(w: { page: Page; context: BrowserContext }): Promise<string> {
  if (w.page.isClosed()) return '';
  return [await scriptReadableState(w.page), await w.page.content(), JSON.stringify(await w.context.cookies())].join(
    '\n',
  );
}

describe(`Outlook task pane: "Connect Outlook for two-way sync" in Chromium (${HOST}, ${GRAPH}, ${OAUTH}, real Radicale)`, () => {
  const tag = uniqueName('e2e-sync');
  // The plain name (as in the README's screenshots): its address is this run's own, and the bridge and the Graph
  // fake are new for each run, so the one subscription and the one Outlook calendar are this run's.
  const team = 'Équipe technique';
  const mailbox = { username: 'gilles@contoso.example', accessToken: uniqueName('graph-mailbox-gilles') };
  const uids = [uniqueName('revue'), uniqueName('point')];
  let bridge: OutlookSyncBridge | undefined;
  let paneBridge: PaneBridge;
  let browser: Browser | undefined;
  let api: HttpsClient;
  let calUrl = '';
  let gilles: OpenPane;
  let dialog: OfficeDialogWindow | undefined;
  const opened: Array<OpenPane | OfficeDialogWindow> = [];
  /** Every response body the pane's page received (what its script could read with fetch). */
  const paneResponses: string[] = [];
  /** The authorize addresses the dialog was sent to. */
  const authorizeUrls: string[] = [];

  const openGilles = async (displayLanguage: 'fr-FR' | 'en-US') => {
    const p = await openPane(browser!, paneBridge, { displayLanguage, email: mailbox.username });
    opened.push(p);
    p.page.on('response', (r) => {
      void r.text().then(
        (t) => paneResponses.push(t),
        () => undefined, // a redirect or an aborted request has no body
      );
    });
    await p.page.locator('#username input').waitFor();
    await signIn(p.page, 'radicale', 'alice', alice.password);
    await p.page.getByRole('tablist').waitFor();
    return p;
  };

  /**
   * The Office dialog the pane asked for (the stand-in's dialogs[index]): its window opens the bridge's address,
   * Gilles signs in at Microsoft (the OAuth stand-in), and its page's messageParent reaches the pane's handler.
   */
  const playDialog = async (page: Page, index: number): Promise<OfficeDialogWindow> => {
    await until(page, `window.__officeStub.dialogs.length === ${index + 1}`);
    const url = (await page.evaluate(`window.__officeStub.dialogs[${index}].url`)) as string;
    expect(url.startsWith(`${bridge!.base}/outlook-sync/start?ticket=`)).toBe(true);
    const window = await openOfficeDialog(
      browser!,
      paneBridge,
      url,
      { displayLanguage: 'fr-FR' },
      {
        origin: SIGN_IN_ORIGIN,
        signIn: (authorizeUrl) => {
          authorizeUrls.push(authorizeUrl);
          return bridge!.standin.authorize(authorizeUrl, mailbox);
        },
      },
      // Office carries the dialog's message to the handler the pane added on that dialog.
      (message) => page.evaluate(`window.__officeStub.dialogs[${index}].messageParent(${JSON.stringify(message)})`),
    );
    opened.push(window);
    return window;
  };

  /** "Connected as ... since <date>: ..." in the language, with the connection's date the bridge gives. */
  const connectedAs = async (lang: 'fr' | 'en') => {
    const { since } = (await api.get('/api/v1/outlook-sync')).json() as { since: string };
    return sync[lang].connectedAs(mailbox.username, formatDate(since, lang));
  };

  /** No token the OAuth stand-in issued is in anything the pane's pages (or the dialog's) could read. */
  const expectNoTokenReadable = async () => {
    const secrets = bridge!.standin.issuedSecrets;
    expect(secrets.length).toBeGreaterThanOrEqual(2); // an access and a refresh token were issued
    const readable = [
      ...(await Promise.all(opened.map((p) => readableBy(p)))),
      ...paneResponses,
      ...opened.flatMap((p) => ('console' in p ? p.console : [])),
    ].join('\n');
    expect(paneResponses.length).toBeGreaterThan(5);
    for (const s of secrets) expect(readable).not.toContain(s);
  };

  beforeAll(async () => {
    ensurePaneBuilt();
    const results = await Promise.allSettled([
      startOutlookSyncBridge('e2e-outlook-sync', {
        publicOrigin: true,
        paneDir: resolve(__dirname, '..', '..', 'outlook-addin', 'dist', 'taskpane'),
      }).then((b) => (bridge = b)),
      launchChromium().then((b) => (browser = b)),
      (async () => {
        calUrl = await makeCalendar(radicale.calendarHomeUrl('alice'), auth, tag, team, { color: '#00679E' });
        await putEvent(calUrl, auth, uids[0]!, event({ uid: uids[0]!, summary: 'Revue de code', start: inDays(2) }));
        await putEvent(
          calUrl,
          auth,
          uids[1]!,
          event({
            uid: uids[1]!,
            summary: 'Point équipe',
            start: inDays(3),
            extra: [
              'ORGANIZER;CN=Gilles:mailto:gilles@example.org',
              'ATTENDEE;CN=Alexandre:mailto:alexandre@example.org',
              'ATTENDEE;CN=David:mailto:david@example.org',
            ],
          }),
        );
      })(),
    ]);
    for (const r of results) if (r.status === 'rejected') throw r.reason;
    const b = bridge!;
    paneBridge = { origin: b.base, client: () => new HttpsClient(b.base, b.ca) as never, stop: () => b.stop() };
    api = new HttpsClient(b.base, b.ca);
    expect((await api.signIn('alice', alice.password, 'radicale')).status).toBe(200);
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    if (calUrl) await fetch(calUrl, { method: 'DELETE', headers: { Authorization: auth } }).catch(() => undefined);
    await Promise.allSettled(opened.map((p) => p.close()));
    await browser?.close().catch(() => undefined);
    await bridge?.stop();
  });

  it('Gilles has the bridge sync "Équipe technique" from the pane (before Outlook is connected: nothing sent to it)', async () => {
    gilles = await openGilles('fr-FR');
    const { page } = gilles;
    await tab(page, 'Ajouter à Outlook').click();
    await page.getByRole('heading', { name: pane.fr.subscriptionsTitle }).waitFor();
    expect(await page.locator('li.subscription').count()).toBe(0);
    await page.locator('#subscribe-collection').selectOption(calUrl);
    await fbutton(page, pane.fr.subscribe).click();
    await status(page, pane.fr.subscribed(team));
    const row = page.locator('li.subscription').filter({ hasText: team });
    await row.waitFor();
    // Synced once already (the bridge's first run), and no longer offered.
    expect(await row.locator('.meta').textContent()).toMatch(/· à jour$/);
    expect(await page.locator(`#subscribe-collection option[value="${calUrl}"]`).count()).toBe(0);
    const subs = (await api.get('/api/v1/subscriptions')).json().subscriptions as Array<{ url: string }>;
    expect(subs.map((x) => x.url)).toEqual([calUrl]);
    expect(bridge!.fake.requests).toHaveLength(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(realErrors(gilles.errors)).toEqual([]);
  });

  it(`Gilles connects Outlook from the pane: the ${HOST}'s dialog opens the bridge's page, the ${OAUTH}'s sign-in comes back to it, its page messages the pane, which shows "connected"`, async () => {
    const { page } = gilles;
    await page.getByRole('heading', { name: sync.fr.title }).waitFor();
    expect(await syncStatus(page).textContent()).toBe(sync.fr.notConnected);

    await fbutton(page, sync.fr.connect).click();
    dialog = await playDialog(page, 0);
    await status(page, sync.fr.connecting);
    // Microsoft's sign-in was asked for with PKCE (S256), back to the bridge's callback.
    expect(authorizeUrls).toHaveLength(1);
    const authorize = new URL(authorizeUrls[0]!);
    expect(authorize.origin).toBe(SIGN_IN_ORIGIN);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${bridge!.base}/outlook-sync/callback`);
    // The dialog's page is the bridge's callback, in French, and it told the pane how the sign-in ended.
    expect(new URL(dialog.page.url()).pathname).toBe('/outlook-sync/callback');
    await dialog.page.getByRole('heading', { name: 'Connecter Outlook' }).waitFor();
    await until(page, 'window.__officeStub.dialogs[0].closed === true');
    expect(await dialog.page.evaluate('window.__officeStub.toParent')).toEqual([
      JSON.stringify({ outlookSync: 'connected' }),
    ]);

    await status(page, sync.fr.connected);
    await syncStatus(page)
      .filter({ hasText: await connectedAs('fr') })
      .waitFor();
    await fbutton(page, sync.fr.disconnect).waitFor();
    expect(await fbutton(page, sync.fr.connect).count()).toBe(0);
    expect((await api.get('/api/v1/outlook-sync')).json()).toMatchObject({
      state: 'connected',
      user: mailbox.username,
    });
    expect(await axeViolations(page)).toEqual([]);
    expect(await axeViolations(dialog.page)).toEqual([]);
    expect(dialog.foreignRequests).toEqual([]);
    expect(gilles.foreignRequests).toEqual([]);
    expect(realErrors(dialog.errors)).toEqual([]);
    expect(realErrors(gilles.errors)).toEqual([]);
    expect(gilles.dialogs).toEqual([]);
  });

  it(`"Sync now" in the pane: the events are in the ${GRAPH}'s Outlook calendar with the calendar's category, no mail sent`, async () => {
    const { page } = gilles;
    await fbutton(page, pane.fr.syncNow(team)).click();
    await status(page, pane.fr.syncDone(team));
    const client = new GraphClient({ baseUrl: bridge!.fake.url, getToken: async () => mailbox.accessToken });
    const calendarId = await ensureGraphCalendar(client, team);
    const events = bridge!.fake.eventsOf(mailbox.accessToken, calendarId);
    expect(events.map((e) => e['subject']).sort()).toEqual(['Point équipe', 'Revue de code']);
    // The calendar's Outlook category, as the bridge names it (other "Équipe technique" calendars of earlier runs
    // on the same Radicale make it "Équipe technique (DAV)" and so on).
    const collections = (await api.get('/api/v1/collections')).json().collections as Array<{
      url: string;
      category: string | null;
    }>;
    const category = collections.find((c) => c.url === calUrl)?.category;
    expect(category).toMatch(/^Équipe technique/);
    for (const e of events) expect(e['categories']).toEqual([category]);
    expect(bridge!.fake.mails).toEqual([]);
    expect(realErrors(gilles.errors)).toEqual([]);
  });

  it(`no token of the ${OAUTH} reaches anything the pane's page can read (DOM, storage, its responses, console)`, async () => {
    await expectNoTokenReadable();
  });

  it('the connected view in French and English: no serious axe violation, screenshots', async () => {
    await gilles.page.screenshot({ path: join(SCREENSHOTS, 'pane-outlook-sync-fr.png'), fullPage: true });
    const english = await openGilles('en-US');
    await tab(english.page, 'Add to Outlook').click();
    await syncStatus(english.page)
      .filter({ hasText: await connectedAs('en') })
      .waitFor();
    await fbutton(english.page, sync.en.disconnect).waitFor();
    expect(await axeViolations(english.page)).toEqual([]);
    await english.page.screenshot({ path: join(SCREENSHOTS, 'pane-outlook-sync-en.png'), fullPage: true });
    expect(realErrors(english.errors)).toEqual([]);
  });

  it(`consent revoked at the ${OAUTH}: after a sync the pane says "reconnect Outlook" (French and English), Disconnect works`, async () => {
    bridge!.standin.revoke(mailbox.username);
    const { page } = gilles;
    await fbutton(page, pane.fr.syncNow(team)).click();
    // The run fails (its row says why), and the section, read again, says to reconnect with the bridge's reason.
    await page
      .locator('li.subscription')
      .filter({ hasText: team })
      .locator('.meta.failed')
      .waitFor({ timeout: 60_000 });
    const state = (await api.get('/api/v1/outlook-sync')).json();
    expect(state).toMatchObject({ state: 'reconnect' });
    await syncStatus(page)
      .filter({ hasText: sync.fr.reconnectNeeded(state.reasons.fr) })
      .waitFor();
    await fbutton(page, sync.fr.reconnect).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const english = await openGilles('en-US');
    await tab(english.page, 'Add to Outlook').click();
    await syncStatus(english.page)
      .filter({ hasText: sync.en.reconnectNeeded(state.reasons.en) })
      .waitFor();
    await fbutton(english.page, sync.en.reconnect).waitFor();
    expect(await axeViolations(english.page)).toEqual([]);

    // Reconnect: a second dialog (the first one is closed), a new sign-in, connected again.
    await fbutton(page, sync.fr.reconnect).click();
    const again = await playDialog(page, 1);
    expect(new URL(again.page.url()).pathname).toBe('/outlook-sync/callback');
    await until(page, 'window.__officeStub.dialogs[1].closed === true');
    await status(page, sync.fr.connected);
    await syncStatus(page)
      .filter({ hasText: await connectedAs('fr') })
      .waitFor();
    expect(authorizeUrls).toHaveLength(2);

    await fbutton(page, sync.fr.disconnect).click();
    await status(page, sync.fr.disconnected);
    await syncStatus(page).filter({ hasText: sync.fr.notConnected }).waitFor();
    await fbutton(page, sync.fr.connect).waitFor();
    expect((await api.get('/api/v1/outlook-sync')).json()).toMatchObject({ state: 'disconnected', user: null });
    expect(realErrors(gilles.errors)).toEqual([]);
    expect(realErrors(english.errors)).toEqual([]);
    await expectNoTokenReadable();
  });

  it(`the sign-in window closed by the user (the ${HOST}'s 12006): the pane says so, Outlook stays disconnected`, async () => {
    const { page } = gilles;
    const before = authorizeUrls.length;
    await fbutton(page, sync.fr.connect).click();
    await until(page, 'window.__officeStub.dialogs.length === 3');
    await page.evaluate('window.__officeStub.dialogs[2].closeByUser()');
    await status(page, sync.fr.dialogClosed);
    await syncStatus(page).filter({ hasText: sync.fr.notConnected }).waitFor();
    await fbutton(page, sync.fr.connect).waitFor();
    expect(authorizeUrls).toHaveLength(before);
    expect((await api.get('/api/v1/outlook-sync')).json()).toMatchObject({ state: 'disconnected' });
    expect(realErrors(gilles.errors)).toEqual([]);
  });

  it('Gilles stops the sync of "Équipe technique": no longer listed, offered again', async () => {
    const { page } = gilles;
    await fbutton(page, pane.fr.unsubscribe(team)).click();
    await status(page, pane.fr.unsubscribed(team));
    await page.locator('li.subscription').filter({ hasText: team }).waitFor({ state: 'detached' });
    await page.locator(`#subscribe-collection option[value="${calUrl}"]`).waitFor({ state: 'attached' });
    expect((await api.get('/api/v1/subscriptions')).json().subscriptions).toEqual([]);
    expect(realErrors(gilles.errors)).toEqual([]);
  });
});
