// The Outlook task pane end to end, in Debian's Chromium driven by playwright-core: the built pane served by the real
// bridge (HTTPS, self-signed) against the real Radicale of the test harness. Outlook itself cannot run here, so
// office.js is answered by an Outlook host stand-in built from Microsoft's documented contract (test/e2e/office-stub.js).
// Chromium: test/e2e/install-chromium.sh (as root) or CHROMIUM_PATH.
import type { Browser } from 'playwright-core';
import { connectAccount } from '../../bridge-core/src/dav/account.js';
import { createCalendar } from '../../bridge-core/src/dav/manage.js';
import { basic, putEvent } from '../support/dav-fixtures.js';
import { event } from '../support/items.js';
import { startedServers, uniqueName } from '../harness/servers.js';
import {
  launchChromium,
  openPane,
  scriptReadableState,
  signIn,
  type OpenPane,
  type PaneBridge,
  type StubConfig,
  startPaneBridge,
} from '../e2e/pane-harness.js';

jest.setTimeout(60_000);

const HOST = 'Outlook host stand-in (documented Office.js contract)';
const HOSTILE = '<img src=x onerror=alert(1)>';
const SCREENSHOT = '/tmp/dav-bridge-e2e-taskpane-signed-in.png';
const SCREENSHOT_LINKS = '/tmp/dav-bridge-e2e-taskpane-guest-links.png';
const radicale = startedServers().find((s) => s.name === 'radicale');
const describeIfRadicale = radicale ? describe : describe.skip;

// Chromium reports every non-2xx fetch as a console error ("Failed to load resource"): expected for a 401.
const realErrors = (pane: OpenPane) => pane.errors.filter((e) => !/Failed to load resource/.test(e));

describeIfRadicale(`Outlook task pane in Chromium, ${HOST}`, () => {
  const server = radicale!;
  const alice = server.users.alice;
  const tag = uniqueName('e2e');
  const blueName = `Équipe bleue ${tag}`;
  const tasksName = `Tâches ${tag}`;
  const eventSummary = `Réunion e2e ${tag}`;
  let bridge: PaneBridge | undefined;
  let browser: Browser | undefined;
  const panes: OpenPane[] = [];
  let hostileUrl = '';

  const open = async (stub: StubConfig) => {
    const pane = await openPane(browser!, bridge!, stub);
    panes.push(pane);
    return pane;
  };

  beforeAll(async () => {
    const account = await connectAccount({
      serverUrl: server.rootUrl,
      auth: { type: 'basic', username: 'alice', password: alice.password },
    });
    const home = account.discovery.principal.calendarHomes[0]!;
    // allSettled, not all: whatever did start is kept for afterAll to stop, even when something else failed
    // (a Chromium nobody closes would keep Jest from ever exiting).
    const results = await Promise.allSettled([
      // Cyrus (when started) only to give the sign-in form a real choice of servers.
      startPaneBridge(startedServers().map((s) => ({ id: s.name, label: `${s.name} server`, url: s.baseUrl }))).then(
        (b) => (bridge = b),
      ),
      launchChromium().then((b) => (browser = b)),
      createCalendar(account.transport, home, { name: blueName, color: '#3366CC' }),
      createCalendar(account.transport, home, { name: tasksName, color: '#FF2968', components: ['VTODO'] }),
      (async () => {
        hostileUrl = await createCalendar(account.transport, home, { name: HOSTILE, color: '#00AA55' });
        const start = new Date(Date.now() + 24 * 3600_000);
        start.setUTCHours(9, 0, 0, 0);
        await putEvent(
          hostileUrl,
          basic('alice', alice.password),
          uniqueName('ev'),
          event({ uid: uniqueName('ev-uid'), summary: eventSummary, start }),
        );
      })(),
    ]);
    for (const r of results) if (r.status === 'rejected') throw r.reason;
  });

  afterAll(async () => {
    await Promise.allSettled(panes.map((p) => p.close()));
    await browser?.close().catch(() => undefined);
    await bridge?.stop();
  });

  it.each([
    ['fr-FR', 'fr', "Connexion à votre serveur d'agendas", 'Identifiant', "Mot de passe d'application", 'Se connecter'],
    ['en-US', 'en', 'Sign in to your calendar server', 'User name', 'App password', 'Sign in'],
  ])(
    'loads in the Office display language %s (sign-in form, labels, server list)',
    async (displayLanguage, lang, title, user, pw, button) => {
      const pane = await open({ displayLanguage });
      const { page } = pane;
      await page.getByRole('heading', { name: title }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.title()).toBe('DAV Bridge');
      await expect(page.getByLabel(user).isVisible()).resolves.toBe(true);
      await expect(page.getByLabel(pw, { exact: true }).getAttribute('type')).resolves.toBe('password');
      await expect(page.getByRole('button', { name: button }).isVisible()).resolves.toBe(true);
      const options = await page.locator('#server option').allTextContents();
      expect(options).toContain('radicale server');
      expect(pane.foreignRequests).toEqual([]);
      expect(realErrors(pane)).toEqual([]);
      const stub = await pane.stub();
      expect(stub.inserted).toEqual([]);
    },
  );

  it.each([
    [
      'fr-FR',
      "Le serveur a refusé cet identifiant ou ce mot de passe. Vérifiez-les ou créez un nouveau mot de passe d'application.",
    ],
    ['en-US', 'The server rejected this user name or password. Check them, or create a new app password.'],
  ])(
    'wrong password (%s): a clear error in the pane language, no credential readable by script',
    async (displayLanguage, message) => {
      const pane = await open({ displayLanguage });
      const { page, context } = pane;
      const wrong = `wrong-${tag}-Pw`;
      await page.locator('#username').waitFor();
      await signIn(page, 'radicale', 'alice', wrong);
      const status = page.locator('#status.error');
      await status.waitFor();
      expect(await status.textContent()).toBe(message);
      // Still on the sign-in form, user name kept for the next try.
      expect(await page.locator('#username').inputValue()).toBe('alice');
      const state = await scriptReadableState(page);
      expect(state).not.toContain(wrong);
      expect(state).not.toContain(alice.password);
      expect(await context.cookies()).toEqual([]);
      expect(pane.dialogs).toEqual([]);
      expect(realErrors(pane)).toEqual([]);
    },
  );

  describe('signed in as alice on Radicale (French Outlook, HTML mail being composed)', () => {
    let pane: OpenPane;

    beforeAll(async () => {
      pane = await open({ displayLanguage: 'fr-FR', bodyType: 'html' });
      await pane.page.locator('#username').waitFor();
      await signIn(pane.page, 'radicale', 'alice', alice.password);
      await pane.page.getByRole('heading', { name: 'Vos agendas' }).waitFor();
    });

    it('keeps the password out of reach of scripts: HttpOnly session cookie, nothing in storage or DOM', async () => {
      const state = await scriptReadableState(pane.page);
      expect(state).not.toContain(alice.password);
      expect(JSON.parse(state)).toMatchObject({ cookie: '', local: [], session: [] });
      const cookies = await pane.context.cookies();
      expect(cookies.map((c) => c.name)).toEqual(['__Host-davbridge-session']);
      expect(cookies[0]).toMatchObject({ httpOnly: true, secure: true });
      expect(cookies[0]!.value).not.toContain(alice.password);
    });

    it('lists her calendars with names, colors and rights', async () => {
      const { page } = pane;
      const row = (name: string) => page.locator('ul.collections li').filter({ hasText: name });
      await expect(row(blueName).count()).resolves.toBe(1);
      expect(await row(blueName).locator('.name').textContent()).toBe(blueName);
      expect(await row(blueName).locator('.meta').textContent()).toBe('agenda · propriétaire');
      expect(
        await row(blueName)
          .locator('.swatch')
          .evaluate((e) => getComputedStyle(e).backgroundColor),
      ).toBe('rgb(51, 102, 204)');
      expect(await row(tasksName).locator('.meta').textContent()).toBe('liste de tâches · propriétaire');
      expect(
        await row(tasksName)
          .locator('.swatch')
          .evaluate((e) => getComputedStyle(e).backgroundColor),
      ).toBe('rgb(255, 41, 104)');
      // Both can be shared with a guest link.
      const options = await page.locator('#gl-collection option').allTextContents();
      expect(options).toEqual(expect.arrayContaining([blueName, tasksName]));
    });

    it(`shows the calendar named ${HOSTILE} as text: no img element, no dialog`, async () => {
      const { page } = pane;
      const names = await page.locator('ul.collections .name').allTextContents();
      expect(names).toContain(HOSTILE);
      const option = page.locator(`#gl-collection option[value="${hostileUrl}"]`);
      expect(await option.textContent()).toBe(HOSTILE);
      expect(await page.locator('img').count()).toBe(0);
      await page.waitForTimeout(200); // an onerror handler would have fired by now
      expect(pane.dialogs).toEqual([]);
      expect(realErrors(pane)).toEqual([]);
    });

    it('creates a guest link with password and expiry, inserts it escaped; a guest fetches the .ics with the password', async () => {
      const { page } = pane;
      const guestPassword = `guest-${tag}`;
      const expiry = new Date(Date.now() + 30 * 24 * 3600_000).toISOString().slice(0, 10);
      await page.locator('#gl-collection').selectOption(hostileUrl);
      await page.locator('#gl-password').fill(guestPassword);
      await page.locator('#gl-expiry').fill(expiry);
      await page.getByRole('button', { name: 'Créer', exact: true }).click();
      await page.locator('#status').filter({ hasText: 'Lien inséré.' }).waitFor();

      const stub = await pane.stub();
      expect(stub.inserted).toHaveLength(1);
      const { data, coercionType } = stub.inserted[0]!;
      expect(coercionType).toBe('html');
      // The name is escaped in the mail: text, never markup.
      expect(data).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(data).not.toContain('<img');
      expect(data).toContain('Le mot de passe vous sera communiqué séparément.');
      expect(data).not.toContain(guestPassword);
      // Core's snippet (one wording for every client): the ICS link, its webcal form, the agenda page.
      const hrefs = [...data.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
      expect(hrefs).toHaveLength(3);
      const [icsLink, webcalUrl, pageUrl] = hrefs as [string, string, string];
      expect(pageUrl).toMatch(new RegExp(`^${bridge!.origin.replace(/\./g, '\\.')}/g/[A-Za-z0-9_-]{20,}$`));
      expect(icsLink).toBe(`${pageUrl}.ics`);
      expect(webcalUrl).toBe(`${pageUrl.replace(/^https:/, 'webcal:')}.ics`);

      // The pane lists it, with its password and expiry noted.
      const item = page.locator('ul.links li').filter({ hasText: HOSTILE });
      await item.first().waitFor();
      // Valid through the chosen day in the user's time zone (browser and Jest share this machine's zone).
      const shownExpiry = new Date(`${expiry}T23:59:59`).toLocaleDateString('fr');
      expect(await item.first().textContent()).toContain(`(avec mot de passe · ${shownExpiry})`);

      // A guest: no session, no cookie; only the link and the password.
      const icsUrl = webcalUrl.replace(/^webcal:/, 'https:');
      const guest = bridge!.client();
      const path = new URL(icsUrl).pathname;
      const denied = await guest.get(path);
      expect(denied.status).toBe(401);
      const feed = await guest.send('GET', path, { headers: { authorization: basic('guest', guestPassword) } });
      expect(feed.status).toBe(200);
      expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
      expect(feed.text).toContain('BEGIN:VCALENDAR');
      expect(feed.text).toContain(eventSummary);

      // The pane as a user sees it (Outlook's pane is about 350 px wide): top, then the guest-link part.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: SCREENSHOT });
      await page.locator('#gl-title').scrollIntoViewIfNeeded();
      await page.screenshot({ path: SCREENSHOT_LINKS });
      expect(pane.dialogs).toEqual([]);
      expect(pane.foreignRequests).toEqual([]);
      expect(realErrors(pane)).toEqual([]);
    });

    it('copies a guest link, and says so when the clipboard is refused', async () => {
      const { page, context } = pane;
      const item = page.locator('ul.links li').filter({ hasText: HOSTILE }).first();
      const stub = await pane.stub();
      // The agenda page's link, the last one of the snippet, is what "Copy the link" copies.
      const inserted = [...stub.inserted[0]!.data.matchAll(/href="([^"]*)"/g)][2]![1]!;
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: bridge!.origin });
      await item.getByRole('button', { name: 'Copier le lien' }).click();
      await page.locator('#status').filter({ hasText: 'Lien copié.' }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(inserted);
      await context.clearPermissions();
      await page.evaluate(() => {
        // What Outlook's frames may do: a clipboard that refuses.
        Object.defineProperty(navigator, 'clipboard', {
          value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
        });
      });
      await item.getByRole('button', { name: 'Copier le lien' }).click();
      await page.locator('#status.error').filter({ hasText: "Le lien n'a pas pu être copié ici" }).waitFor();
      expect(realErrors(pane)).toEqual([]);
    });
  });

  it('inserts a plain-text link when the mail body is plain text (English Outlook, getTypeAsync → Text)', async () => {
    const pane = await open({ displayLanguage: 'en-US', bodyType: 'text' });
    const { page } = pane;
    await page.locator('#username').waitFor();
    await signIn(page, 'radicale', 'alice', alice.password);
    await page.getByRole('heading', { name: 'Your calendars' }).waitFor();
    expect(await page.locator('ul.collections li').filter({ hasText: blueName }).locator('.meta').textContent()).toBe(
      'calendar · owner',
    );
    await page.locator('#gl-collection').selectOption({ label: blueName });
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.locator('#status').filter({ hasText: 'Link inserted.' }).or(page.locator('#status.error')).waitFor();
    expect(await page.locator('#status').textContent()).toBe('Link inserted.');
    const stub = await pane.stub();
    expect(stub.calls.map((c) => c.method)).toContain('body.getTypeAsync');
    expect(stub.inserted).toHaveLength(1);
    expect(stub.inserted[0]!.coercionType).toBe('text');
    const text = stub.inserted[0]!.data;
    expect(text).toContain(blueName);
    expect(text).toMatch(new RegExp(`${bridge!.origin.replace(/\./g, '\\.')}/g/[A-Za-z0-9_-]{20,}`));
    expect(text).not.toMatch(/<[a-z/]/i);
    expect(realErrors(pane)).toEqual([]);
  });

  it('in a mail being read (no body setter), explains that insertion needs a mail being written', async () => {
    const pane = await open({ displayLanguage: 'en-US', mode: 'read' });
    const { page } = pane;
    await page.locator('#username').waitFor();
    await signIn(page, 'radicale', 'alice', alice.password);
    const first = page.locator('ul.links li').filter({ hasText: blueName }).first();
    await first.getByRole('button', { name: 'Insert into my mail' }).click();
    await page
      .locator('#status.error')
      .filter({ hasText: 'Open a mail you are writing to insert the link.' })
      .waitFor();
    expect((await pane.stub()).inserted).toEqual([]);
    expect(realErrors(pane)).toEqual([]);
  });
});
