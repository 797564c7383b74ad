// The Outlook task pane end to end, in Debian's Chromium driven by playwright-core: the built pane (Fluent 2 web
// components) served by the real bridge (HTTPS, self-signed) against the real Radicale and Cyrus of the test harness.
// Outlook itself cannot run here, so office.js is answered by an Outlook host stand-in built from Microsoft's
// documented contract (test/e2e/office-stub.js). Chromium: test/e2e/install-chromium.sh (as root) or CHROMIUM_PATH.
//
// The seeds' scenario, with the harness's accounts: Gilles is alice and David is bob, on Cyrus (Radicale has no
// sharing); François is a guest with no account.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { connectAccount } from '../../bridge-core/src/dav/account.js';
import { createCalendar } from '../../bridge-core/src/dav/manage.js';
import { basic, makeCalendar, putEvent } from '../support/dav-fixtures.js';
import type { RunningBridge } from '../support/bridge.js';
import { openBridgeDatabase } from '../../outlook-addin/src/middle-tier/store/sqlite-store.js';
import { event } from '../support/items.js';
import { startedServers, uniqueName } from '../harness/servers.js';
import {
  axeViolations,
  launchChromium,
  openPane,
  scriptReadableState,
  signIn,
  type OpenPane,
  type PaneBridge,
  type StubConfig,
  startPaneBridge,
} from '../e2e/pane-harness.js';

jest.setTimeout(90_000);

const HOST = 'Outlook host stand-in (documented Office.js contract)';
const HOSTILE = '<img src=x onerror=alert(1)>';
const SCREENSHOTS = resolve(__dirname, '..', '..', 'docs', 'screenshots');
const radicale = startedServers().find((s) => s.name === 'radicale');
const cyrus = startedServers().find((s) => s.name === 'cyrus');
const describeIfServers = radicale && cyrus ? describe : describe.skip;

// Chromium reports every non-2xx fetch as a console error ("Failed to load resource"): expected for a 401 or a 404.
const realErrors = (pane: OpenPane) => pane.errors.filter((e) => !/Failed to load resource/.test(e));
const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const exactly = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
/**
 * A Fluent button by its text. Fluent gives its buttons the button role through ElementInternals, which Chromium's
 * accessibility tree shows (checked by axTree below) but Playwright's role engine cannot read.
 */
const fbutton = (scope: Page | Locator, name: string) =>
  scope.locator('fluent-button, fluent-anchor-button').filter({ hasText: exactly(name) });

/** Chromium's own accessibility tree, as "role name" lines (what a screen reader is given). */
async function axTree(pane: OpenPane): Promise<string[]> {
  const cdp = await pane.context.newCDPSession(pane.page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: Array<{ ignored: boolean; role?: { value: string }; name?: { value: string } }>;
  };
  await cdp.detach();
  return nodes.filter((n) => !n.ignored).map((n) => `${n.role?.value ?? ''} "${n.name?.value ?? ''}"`);
}
// DAV answers (Cyrus sharing, invitations) can take seconds on a machine busy with other test runs.
const status = (page: Page, text: string) =>
  page.locator('#status').filter({ hasText: text }).waitFor({ timeout: 30_000 });

describeIfServers(`Outlook task pane in Chromium, ${HOST}`, () => {
  const tag = uniqueName('e2e');
  const team = `Équipe technique ${tag}`;
  const publicSummary = `Point d'équipe ${tag}`;
  const privateSummary = `Entretien annuel ${tag}`;
  const radicaleCalendar = `Équipe bleue ${tag}`;
  let teamUrl = '';
  let hostileUrl = '';
  let bridge: PaneBridge | undefined;
  let browser: Browser | undefined;
  const panes: OpenPane[] = [];

  const open = async (stub: StubConfig) => {
    const pane = await openPane(browser!, bridge!, stub);
    panes.push(pane);
    return pane;
  };
  const signedIn = async (stub: StubConfig, server: 'cyrus' | 'radicale', user: 'alice' | 'bob') => {
    const pane = await open(stub);
    await pane.page.locator('#username input').waitFor();
    const s = server === 'cyrus' ? cyrus! : radicale!;
    await signIn(pane.page, server, user, s.users[user].password);
    await pane.page.getByRole('tablist').waitFor();
    return pane;
  };

  beforeAll(async () => {
    const gilles = await connectAccount({
      serverUrl: cyrus!.rootUrl,
      auth: { type: 'basic', username: 'alice', password: cyrus!.users.alice.password },
    });
    const radicaleAlice = await connectAccount({
      serverUrl: radicale!.rootUrl,
      auth: { type: 'basic', username: 'alice', password: radicale!.users.alice.password },
    });
    const start = new Date(Date.now() + 24 * 3600_000);
    start.setUTCHours(9, 0, 0, 0);
    // allSettled, not all: whatever did start is kept for afterAll to stop, even when something else failed
    // (a Chromium nobody closes would keep Jest from ever exiting).
    const results = await Promise.allSettled([
      startPaneBridge([
        { id: 'cyrus', label: 'Cyrus (équipe)', url: cyrus!.baseUrl },
        { id: 'radicale', label: 'Radicale', url: radicale!.baseUrl },
      ]).then((b) => (bridge = b)),
      launchChromium().then((b) => (browser = b)),
      (async () => {
        teamUrl = await createCalendar(gilles.transport, gilles.discovery.principal.calendarHomes[0]!, {
          name: team,
          color: '#2858A5',
        });
        const auth = basic('alice', cyrus!.users.alice.password);
        await putEvent(
          teamUrl,
          auth,
          uniqueName('pub'),
          event({ uid: uniqueName('u'), summary: publicSummary, start }),
        );
        await putEvent(
          teamUrl,
          auth,
          uniqueName('priv'),
          event({
            uid: uniqueName('u'),
            summary: privateSummary,
            start: new Date(start.getTime() + 3 * 3600_000),
            klass: 'PRIVATE',
          }),
        );
      })(),
      (async () => {
        const home = radicaleAlice.discovery.principal.calendarHomes[0]!;
        await createCalendar(radicaleAlice.transport, home, { name: radicaleCalendar, color: '#3366CC' });
        hostileUrl = await createCalendar(radicaleAlice.transport, home, { name: HOSTILE, color: '#00AA55' });
      })(),
    ]);
    for (const r of results) if (r.status === 'rejected') throw r.reason;
    mkdirSync(SCREENSHOTS, { recursive: true });
    // The harness builds the pane with webpack first when its sources changed (over a minute on a busy machine).
  }, 300_000);

  afterAll(async () => {
    await Promise.allSettled(panes.map((p) => p.close()));
    await browser?.close().catch(() => undefined);
    await bridge?.stop();
  });

  it.each([
    ['fr-FR', 'fr', "Connexion à votre serveur d'agendas", 'Identifiant', "Mot de passe d'application", 'Se connecter'],
    ['en-US', 'en', 'Sign in to your calendar server', 'User name', 'App password', 'Sign in'],
  ])(
    'loads in the Office display language %s: Fluent sign-in form, labels, server list, no serious axe violation',
    async (displayLanguage, lang, title, user, pw, button) => {
      const pane = await open({ displayLanguage, email: 'gilles@cyrus.example' });
      const { page } = pane;
      await page.getByRole('heading', { name: title }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.title()).toBe('DAV Bridge');
      // Every control has its name in Chromium's accessibility tree.
      expect(await axTree(pane)).toEqual(
        expect.arrayContaining([
          `combobox "${lang === 'fr' ? 'Serveur' : 'Server'}"`,
          `textbox "${user}"`,
          `textbox "${pw}"`,
          `button "${button}"`,
        ]),
      );
      expect(await page.locator('#password input').getAttribute('type')).toBe('password');
      expect(await page.locator('fluent-text-input').count()).toBe(2);
      expect(await page.locator('#server option').allTextContents()).toEqual(['Cyrus (équipe)', 'Radicale']);
      // Keyboard: Tab from the server list reaches the user name, then the password, then the button.
      await page.locator('#server').focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.id')).toBe('username');
      await page.screenshot({ path: join(SCREENSHOTS, `pane-sign-in-${lang}.png`) });
      expect(await axeViolations(page)).toEqual([]);
      expect(pane.foreignRequests).toEqual([]);
      expect(realErrors(pane)).toEqual([]);
    },
  );

  it('wrong password: the server says so in plain words, no credential readable by script', async () => {
    const pane = await open({ displayLanguage: 'fr-FR' });
    const { page, context } = pane;
    const wrong = `wrong-${tag}-Pw`;
    await page.locator('#username input').waitFor();
    await signIn(page, 'cyrus', 'alice', wrong);
    await page.locator('#status.error').waitFor();
    expect(await page.locator('#status').textContent()).toBe(
      "Le serveur a refusé cet identifiant ou ce mot de passe. Vérifiez-les ou créez un nouveau mot de passe d'application.",
    );
    expect(await page.locator('#username input').inputValue()).toBe('alice');
    expect(await page.locator('#password input').inputValue()).toBe('');
    const state = await scriptReadableState(page);
    expect(state).not.toContain(wrong);
    expect(await context.cookies()).toEqual([]);
    expect(realErrors(pane)).toEqual([]);
  });

  describe('the seeds scenario: Gilles (alice) and David (bob) on Cyrus, François a guest', () => {
    let gilles: OpenPane;
    let guestLinkHtml = '';
    const guestPassword = `francois-${tag}`;

    beforeAll(async () => {
      gilles = await signedIn({ displayLanguage: 'fr-FR', bodyType: 'html' }, 'cyrus', 'alice');
    });

    it('Gilles signs in and sees "Équipe technique" with its color, its Outlook category and Gestion', async () => {
      const { page } = gilles;
      await page.getByRole('heading', { name: 'Mes collections' }).waitFor();
      const row = page.locator('li.collection').filter({ hasText: team });
      await row.waitFor();
      expect(await row.locator('.name').textContent()).toBe(team);
      expect(await row.locator('.swatch').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(
        'rgb(40, 88, 165)',
      );
      // #2858A5 is Outlook's DarkBlue preset exactly.
      expect(await row.locator('.category').textContent()).toBe(`Catégorie Outlook : ${team} (Dark Blue)`);
      expect(await row.locator('fluent-badge').textContent()).toBe('Gestion');
      expect(await row.locator('.owner').textContent()).toBe('à vous');
      // The pane's session stays out of reach of scripts.
      const state = await scriptReadableState(page);
      expect(state).not.toContain(cyrus!.users.alice.password);
      const cookies = await gilles.context.cookies();
      expect(cookies.map((c) => [c.name, c.httpOnly])).toEqual([['__Host-davbridge-session', true]]);
      expect(realErrors(gilles)).toEqual([]);
    });

    it('Gilles shares it read-write with David (manage, which Cyrus cannot give, explained); the share is listed with Ecriture', async () => {
      const { page } = gilles;
      await tab(page, 'Partager').click();
      await page.getByRole('heading', { name: 'Partager avec une personne' }).waitFor();
      await page.locator('#share-collection').selectOption({ label: team });
      const chosen = await page.locator('#share-collection').inputValue();
      await page.locator(`.share-details[data-url="${chosen}"] #share-person input`).waitFor();
      await page.locator('#share-person input').fill('bob@example.com');
      // Cyrus cannot give the manage right: not offered, and said why (never lowered to read-write).
      expect(await page.locator('#right-admin').isDisabled()).toBe(true);
      expect(await page.locator('#right-admin-why').textContent()).not.toBe('');
      await page.getByLabel('Ecriture', { exact: true }).check();
      await page.locator('form fluent-button[type=submit]').click();
      await status(page, 'Partagé avec bob@example.com.');
      const share = page.locator('li.share').filter({ hasText: 'bob' });
      await share.waitFor();
      expect(await share.locator('.meta').textContent()).toMatch(/^Ecriture · /);
      expect(await axeViolations(page)).toEqual([]);
      expect(realErrors(gilles)).toEqual([]);
    });

    it('David signs in, accepts the invitation and sees "Équipe technique" with Ecriture rights', async () => {
      const david = await signedIn({ displayLanguage: 'fr-FR' }, 'cyrus', 'bob');
      const { page } = david;
      // Other suites share their own collections with bob on the same Cyrus at the same time: ours is the one
      // named after this run (seen in CI: accepting another suite's invitation left ours pending). Cyrus's notice
      // carries no name: the bridge reads the owner's, so David is not asked to accept a uuid-like path segment.
      const invitation = page.locator('li.invitation').filter({ hasText: team }).filter({ hasText: 'Ecriture' });
      await invitation.waitFor({ timeout: 30_000 });
      expect(await axeViolations(page)).toEqual([]);
      await fbutton(invitation, 'Accepter').click();
      await status(page, 'Invitation acceptée');
      const row = page.locator('li.collection').filter({ hasText: team });
      await row.waitFor();
      expect(await row.locator('fluent-badge').textContent()).toBe('Ecriture');
      expect(await row.locator('.owner').textContent()).toMatch(/^partagé par /);
      expect(realErrors(david)).toEqual([]);
    });

    it('Gilles creates a guest link with password and expiry for François and inserts it into the mail', async () => {
      const { page } = gilles;
      await tab(page, 'Liens invités').click();
      await page.getByRole('heading', { name: 'Créer un lien invité' }).waitFor();
      const expiry = new Date(Date.now() + 30 * 24 * 3600_000).toISOString().slice(0, 10);
      await page.locator('#gl-collection').selectOption({ label: team });
      await page.locator('#gl-password input').fill(guestPassword);
      await page.locator('#gl-expiry').fill(expiry);
      await fbutton(page, 'Créer').click();
      await status(page, 'Lien inséré.');
      const stub = await gilles.stub();
      expect(stub.calls.map((c) => c.method)).toEqual(['body.getTypeAsync', 'body.setSelectedDataAsync']);
      expect(stub.inserted).toHaveLength(1);
      expect(stub.inserted[0]!.coercionType).toBe('html');
      guestLinkHtml = stub.inserted[0]!.data;
      expect(guestLinkHtml).toContain('Le mot de passe vous sera communiqué séparément.');
      expect(guestLinkHtml).not.toContain(guestPassword);
      const item = page.locator('li.link').filter({ hasText: team });
      await item.waitFor();
      const shownExpiry = new Date(`${expiry}T23:59:59`).toLocaleString('fr', { dateStyle: 'medium' });
      expect(await item.locator('.meta').textContent()).toBe(`avec mot de passe · jusqu'au ${shownExpiry}`);
      expect(realErrors(gilles)).toEqual([]);
    });

    it('François fetches the link with the password: the events, the private one shown as busy', async () => {
      const hrefs = [...guestLinkHtml.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
      const ics = hrefs.find((h) => h.startsWith('https:') && h.endsWith('.ics'));
      expect(ics).toMatch(new RegExp(`^${bridge!.origin.replace(/\./g, '\\.')}/g/[A-Za-z0-9_-]{20,}\\.ics$`));
      const guest = bridge!.client();
      const path = new URL(ics!).pathname;
      expect((await guest.get(path)).status).toBe(401);
      const feed = await guest.send('GET', path, { headers: { authorization: basic('francois', guestPassword) } });
      expect(feed.status).toBe(200);
      expect(feed.text).toContain(publicSummary);
      expect(feed.text).not.toContain(privateSummary);
      expect(feed.text).toContain('Occupé / Busy');
    });

    it('"Add to Outlook": a private feed with the events in full, its category created; revoked, it answers 404', async () => {
      const { page } = gilles;
      await tab(page, 'Ajouter à Outlook').click();
      await page.getByRole('heading', { name: 'Ajouter un agenda à Outlook' }).waitFor();
      // Never a dead button: without the bridge's Microsoft 365 settings, two-way sync offers none and says why.
      await page.getByRole('heading', { name: 'Synchronisation dans les deux sens avec Outlook' }).waitFor();
      expect(await page.locator('#outlook-sync-status').textContent()).toMatch(/Microsoft 365/);
      expect(await page.locator('.outlook-sync fluent-button').count()).toBe(0);
      expect(await page.locator('#read-only-note').textContent()).toMatch(/^En lecture seule dans Outlook/);
      await page.locator('#feed-collection').selectOption({ label: team });
      await fbutton(page, 'Ajouter à Outlook').click();
      await status(page, `Catégorie Outlook « ${team} » créée avec la couleur de l'agenda.`);
      const open = page.locator('.feed-result fluent-anchor-button');
      const webcal = (await open.getAttribute('href'))!;
      expect(webcal).toMatch(/^webcal:\/\//);
      const https = await page.locator('.feed-result input.url').inputValue();
      expect(https).toBe(webcal.replace(/^webcal:/, 'https:'));
      // Created with the calendar's preset (DarkBlue is Preset22), the user's other categories untouched.
      expect((await gilles.stub()).categories).toEqual([{ displayName: team, color: 'Preset22' }]);

      const client = bridge!.client();
      const path = new URL(https).pathname;
      const feed = await client.get(path);
      expect(feed.status).toBe(200);
      expect(feed.text).toContain(publicSummary);
      // The user's own access: private events in full.
      expect(feed.text).toContain(privateSummary);
      expect(await axeViolations(page)).toEqual([]);

      await fbutton(page.locator('li.feed').filter({ hasText: team }), `Retirer le lien vers « ${team} »`).click();
      await status(page, 'Retiré');
      expect((await client.get(path)).status).toBe(404);
      expect(realErrors(gilles)).toEqual([]);
    });

    it('every view passes axe-core (no serious or critical violation), in French and English, with screenshots', async () => {
      const english = await signedIn({ displayLanguage: 'en-US', bodyType: 'html' }, 'cyrus', 'alice');
      for (const [pane, lang, tabs] of [
        [gilles, 'fr', ['Mes collections', 'Ajouter à Outlook', 'Partager', 'Liens invités', 'Conflits']],
        [english, 'en', ['My collections', 'Add to Outlook', 'Share', 'Guest links', 'Conflicts']],
      ] as const) {
        const names = ['collections', 'subscribe', 'share', 'guest-links', 'conflicts'];
        for (const [i, name] of tabs.entries()) {
          await tab(pane.page, name).click();
          const panel = pane.page.locator(`#panel-${names[i]}`);
          await panel.locator('h2').first().waitFor();
          await pane.page.waitForTimeout(150);
          expect([lang, name, await axeViolations(pane.page)]).toEqual([lang, name, []]);
          if (names[i] !== 'conflicts') {
            await pane.page.screenshot({ path: join(SCREENSHOTS, `pane-${names[i]}-${lang}.png`), fullPage: true });
          }
        }
        expect(realErrors(pane)).toEqual([]);
      }
    });
  });

  describe('Office host variants (alice on Radicale)', () => {
    it(`shows a calendar named ${HOSTILE} as text: no img element, no dialog`, async () => {
      const pane = await signedIn({ displayLanguage: 'en-US' }, 'radicale', 'alice');
      const { page } = pane;
      await page.locator('li.collection').filter({ hasText: radicaleCalendar }).waitFor();
      expect(await page.locator('li.collection .name').allTextContents()).toContain(HOSTILE);
      expect(await page.locator('img').count()).toBe(0);
      await page.waitForTimeout(200); // an onerror handler would have fired by now
      expect(pane.dialogs).toEqual([]);
      // Radicale has no sharing: the pane says so in words, never a code.
      await tab(page, 'Share').click();
      await page.locator(`#share-collection option[value="${hostileUrl}"]`).waitFor({ state: 'attached' });
      expect(await page.locator(`#share-collection option[value="${hostileUrl}"]`).textContent()).toBe(HOSTILE);
      expect(realErrors(pane)).toEqual([]);
    });

    it('Add to Outlook without Mailbox 1.8: no category call, the pane says which category to create', async () => {
      const pane = await signedIn({ displayLanguage: 'en-US', mailbox: '1.7' }, 'radicale', 'alice');
      const { page } = pane;
      await tab(page, 'Add to Outlook').click();
      await page.locator('#feed-collection').selectOption({ label: radicaleCalendar });
      await fbutton(page, 'Add to Outlook').click();
      await page.locator('.feed-result fluent-anchor-button').waitFor({ timeout: 30_000 });
      expect(await page.locator('#status').textContent()).toMatch(
        /This Outlook cannot create categories from an add-in: create the category ".+" with the color [A-Za-z ]+ yourself\./,
      );
      const stub = await pane.stub();
      expect(stub.calls.filter((c) => c.method.startsWith('masterCategories'))).toEqual([]);
      expect(stub.categories).toEqual([]);
      expect(realErrors(pane)).toEqual([]);
    });

    it('inserts plain text into a plain-text mail (getTypeAsync → Text)', async () => {
      const pane = await signedIn({ displayLanguage: 'en-US', bodyType: 'text' }, 'radicale', 'alice');
      const { page } = pane;
      await tab(page, 'Guest links').click();
      await page.locator('#gl-collection').selectOption({ label: radicaleCalendar });
      await fbutton(page, 'Create').click();
      await status(page, 'Link inserted.');
      const stub = await pane.stub();
      expect(stub.inserted).toHaveLength(1);
      expect(stub.inserted[0]!.coercionType).toBe('text');
      expect(stub.inserted[0]!.data).toContain(radicaleCalendar);
      expect(stub.inserted[0]!.data).not.toMatch(/<[a-z/]/i);
    });

    it('in a mail being read, "Insert" opens a new message prefilled with the link (displayNewMessageForm)', async () => {
      const pane = await signedIn({ displayLanguage: 'en-US', mode: 'read' }, 'radicale', 'alice');
      const { page } = pane;
      await tab(page, 'Guest links').click();
      const first = page.locator('li.link').filter({ hasText: radicaleCalendar }).first();
      await fbutton(first, `Insert the link to "${radicaleCalendar}" into the message`).click();
      await status(page, 'A new message with the link is open.');
      const stub = await pane.stub();
      expect(stub.inserted).toEqual([]);
      expect(stub.newMessages).toHaveLength(1);
      expect(stub.newMessages[0]!.subject).toBe(`Calendar "${radicaleCalendar}"`);
      expect(stub.newMessages[0]!.htmlBody).toContain('/g/');
      expect(realErrors(pane)).toEqual([]);
    });
  });

  describe('the Conflicts view driven end to end (Gilles, alice on Radicale)', () => {
    // As in bridge-server-conflict-actions.test.ts: Gilles's subscription's mirror (the Outlook side) and the server
    // both change two events, the server's newer edits win and the bridge keeps the losers. The pane then shows each
    // loser beside its winner, restores one (it is the server's version again) and dismisses the other.
    let dataDir = '';
    const auth = () => basic('alice', radicale!.users.alice.password);
    const at = (lastModified: string, uid: string, summary: string) =>
      event({
        uid,
        summary,
        lastModified,
        stamp: '20260101T080000Z',
        start: '20261215T090000Z',
        end: '20261215T100000Z',
      });
    let conflictBridge: RunningBridge | undefined;
    afterAll(async () => {
      await conflictBridge?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('shows the kept version beside the current one, restores one to the server, dismisses another', async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'dav-bridge-e2e-conflicts-'));
      const calUrl = await makeCalendar(radicale!.calendarHomeUrl('alice'), auth(), uniqueName('equipe'), team);
      const restoreUid = uniqueName('restore');
      const dismissUid = uniqueName('dismiss');
      await putEvent(calUrl, auth(), restoreUid, at('20260101T080000Z', restoreUid, 'Revue de sprint'));
      await putEvent(calUrl, auth(), dismissUid, at('20260101T080000Z', dismissUid, 'Atelier'));
      const davServers = [{ id: 'radicale', label: 'Radicale', url: radicale!.baseUrl }];
      conflictBridge = await startPaneBridge(davServers, dataDir);
      const api = conflictBridge.client();
      expect((await api.signIn('alice', radicale!.users.alice.password, 'radicale')).status).toBe(200);
      const created = await api.send('POST', '/api/v1/subscriptions', { json: { url: calUrl } });
      expect(created.status).toBe(201);
      const subId = created.json().subscription.id as string;
      await conflictBridge.stop();
      conflictBridge = undefined;

      // The mirror's edits (older) and the server's (newer, they win).
      const store = openBridgeDatabase(dataDir);
      for (const [uid, summary] of [
        [restoreUid, 'Revue de sprint (salle Alexandre)'],
        [dismissUid, 'Atelier (version du volet)'],
      ] as const) {
        const entry = await store.syncStatus(subId).get(uid);
        const [item] = await store.mirrorGetMany(subId, [entry!.b.id]);
        expect(
          await store.mirrorUpdate(subId, item!.id, at('20260201T080000Z', uid, summary), item!.version),
        ).toMatchObject({ ok: true });
      }
      await store.close();
      for (const [uid, summary] of [
        [restoreUid, 'Revue de sprint (déplacée)'],
        [dismissUid, 'Atelier (serveur)'],
      ] as const) {
        const res = await fetch(`${calUrl}${uid}.ics`, {
          method: 'PUT',
          headers: { Authorization: auth(), 'Content-Type': 'text/calendar' },
          body: at('20260301T080000Z', uid, summary),
        });
        expect(res.status).toBeLessThan(300);
      }

      // The bridge syncs (its API, as the pane's "Sync now" does) while Gilles signs in to the pane; then Conflits.
      conflictBridge = await startPaneBridge(davServers, dataDir);
      const pane = await openPane(browser!, conflictBridge, { displayLanguage: 'fr-FR' });
      panes.push(pane);
      const { page } = pane;
      await page.locator('#username input').waitFor();
      await signIn(page, 'radicale', 'alice', radicale!.users.alice.password);
      await page.getByRole('tablist').waitFor();
      const client = conflictBridge.client();
      expect((await client.signIn('alice', radicale!.users.alice.password, 'radicale')).status).toBe(200);
      expect((await client.send('POST', `/api/v1/subscriptions/${subId}/sync`)).status).toBeLessThan(300);
      for (let i = 0; i < 150; i++) {
        const subs = (await client.get('/api/v1/subscriptions')).json().subscriptions as Array<{
          id: string;
          sync: { running: boolean };
        }>;
        if (!subs.find((s) => s.id === subId)?.sync.running) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      await tab(page, 'Conflits').click();
      const rows = page.locator('#panel-conflicts li.conflict');
      const restoreRow = rows.filter({ hasText: 'Revue de sprint (salle Alexandre)' });
      const dismissRow = rows.filter({ hasText: 'Atelier (version du volet)' });
      await restoreRow.waitFor({ timeout: 30_000 });
      expect(await rows.count()).toBe(2);
      // The loser (kept, not applied) beside the winner (the current version), each with its title.
      const versions = async (row: Locator) => {
        const out: Array<[string | undefined, string | undefined]> = [];
        for (const v of await row.locator('.version').all())
          out.push([(await v.locator('h4').textContent())?.trim(), (await v.locator('.name').textContent())?.trim()]);
        return out;
      };
      expect(await versions(restoreRow)).toEqual([
        ['Mise de côté (non appliquée)', 'Revue de sprint (salle Alexandre)'],
        ['Version actuelle', 'Revue de sprint (déplacée)'],
      ]);
      expect(await versions(dismissRow)).toEqual([
        ['Mise de côté (non appliquée)', 'Atelier (version du volet)'],
        ['Version actuelle', 'Atelier (serveur)'],
      ]);
      expect(await restoreRow.locator('.meta').textContent()).toMatch(/^Dans « .+ », /);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'pane-conflicts-fr.png'), fullPage: true });

      await fbutton(restoreRow, 'Restaurer cette version').click();
      await status(page, "Version restaurée : c'est maintenant la version actuelle.");
      const onServer = await fetch(`${calUrl}${restoreUid}.ics`, { headers: { Authorization: auth() } });
      expect(await onServer.text()).toContain('SUMMARY:Revue de sprint (salle Alexandre)');
      await restoreRow.waitFor({ state: 'detached' });

      await fbutton(dismissRow, 'Écarter').click();
      await status(page, 'Version mise de côté supprimée.');
      await page.locator('#panel-conflicts').getByText("Aucun conflit : rien n'a été mis de côté.").waitFor();
      // Dismissing keeps the server's version.
      const kept = await fetch(`${calUrl}${dismissUid}.ics`, { headers: { Authorization: auth() } });
      expect(await kept.text()).toContain('SUMMARY:Atelier (serveur)');
      expect(realErrors(pane)).toEqual([]);
    });
  });
});
