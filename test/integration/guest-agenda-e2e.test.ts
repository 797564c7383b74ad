// Issue 10 items 1-6 end to end: a guest link on a real Radicale calendar ("Équipe technique"), served by the real
// bridge over HTTPS, looked at in Debian's Chromium (screenshots in English and French under docs/screenshots/),
// and a pathological calendar (150 FREQ=SECONDLY series from 2020) that must not stall the bridge's other requests.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { serversUnderTest, uniqueName } from '../harness/servers.js';
import { calendar as ics, component } from '../support/items.js';
import { launchChromium } from '../e2e/pane-harness.js';
import { startBridge, type RunningBridge } from '../support/bridge.js';
import { basic, makeCalendar, putEvent } from '../support/dav-fixtures.js';
import type { HttpsClient } from '../support/https-client.js';

jest.setTimeout(120_000);

const radicale = serversUnderTest().find((s) => s.name === 'radicale');
const describeIfRadicale = radicale ? describe : describe.skip;
const SCREENSHOTS = resolve(__dirname, '../../docs/screenshots');

/** YYYYMMDD of today + n days in Paris (the bridge's display zone here). */
function day(n: number): string {
  const d = new Date(Date.now() + n * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(d)
    .replace(/-/g, '');
}

describeIfRadicale('guest agenda in Chromium on Radicale', () => {
  const server = radicale!;
  const alice = server.users.alice;
  const auth = basic(alice.username, alice.password);
  let bridge: RunningBridge;
  let owner: HttpsClient;
  let browser: Browser | undefined;
  let equipeUrl = '';

  beforeAll(async () => {
    bridge = await startBridge({
      davServers: [{ id: server.name, label: server.name, url: server.baseUrl }],
      guestCacheSeconds: 300,
      limits: { guestMissesPerIp: { max: 1000, windowMs: 60_000 } },
      extra: { guestAgendaDays: 14, displayTimeZone: 'Europe/Paris' },
    });
    owner = bridge.client();
    expect((await owner.signIn('alice', alice.password, server.name)).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await bridge?.stop();
  });

  async function linkFor(calendarUrl: string): Promise<{ path: string; icsPath: string }> {
    const res = await owner.send('POST', '/api/v1/guest-links', { json: { collectionUrl: calendarUrl } });
    expect(res.status).toBe(201);
    const link = res.json().guestLink;
    return { path: new URL(link.url).pathname, icsPath: new URL(link.icsUrl).pathname };
  }

  it('shows "Équipe technique" right, in English and French (screenshots), with nothing private', async () => {
    const cal = await makeCalendar(server.calendarHomeUrl('alice'), auth, uniqueName('equipe'), 'Équipe technique');
    const put = (uid: string, data: string) => putEvent(cal, auth, uniqueName(uid), data);
    await put(
      'gilles-weekly',
      ics(
        ...component(
          'VEVENT',
          'UID:gilles-weekly',
          `DTSTART:${day(1)}T090000Z`,
          `DTEND:${day(1)}T100000Z`,
          'RRULE:FREQ=WEEKLY;COUNT=3',
          'SUMMARY:Point Gilles',
        ),
        ...component(
          'VEVENT',
          'UID:gilles-weekly',
          `RECURRENCE-ID;RANGE=THISANDFUTURE:${day(8)}T090000Z`,
          `DTSTART:${day(8)}T130000Z`,
          `DTEND:${day(8)}T140000Z`,
          'SUMMARY:Point Gilles (nouvel horaire)',
        ),
      ),
    );
    await put(
      'alexandre-weekly',
      ics(
        ...component(
          'VEVENT',
          'UID:alexandre-weekly',
          `DTSTART:${day(1)}T090000Z`,
          `DTEND:${day(1)}T100000Z`,
          'RRULE:FREQ=WEEKLY;COUNT=3',
          'SUMMARY:Revue de code Alexandre',
        ),
      ),
    );
    await put(
      'seminar',
      ics(
        ...component(
          'VEVENT',
          'UID:seminar',
          `DTSTART;VALUE=DATE:${day(2)}`,
          `DTEND;VALUE=DATE:${day(5)}`,
          'SUMMARY:Séminaire à Lyon',
        ),
      ),
    );
    await put(
      'night',
      ics(
        ...component(
          'VEVENT',
          'UID:night',
          `DTSTART:${day(3)}T220000Z`,
          `DTEND:${day(4)}T040000Z`,
          'SUMMARY:Mise en production',
        ),
      ),
    );
    await put(
      'remote',
      ics(
        ...component(
          'VEVENT',
          'UID:remote',
          `DTSTART:${day(2)}T080000Z`,
          `DTEND:${day(2)}T160000Z`,
          'TRANSP:TRANSPARENT',
          'SUMMARY:Télétravail David',
        ),
      ),
    );
    await put(
      'cancelled',
      ics(
        ...component(
          'VEVENT',
          'UID:cancelled',
          `DTSTART:${day(1)}T140000Z`,
          `DTEND:${day(1)}T150000Z`,
          'STATUS:CANCELLED',
          'SUMMARY:Atelier accessibilité',
        ),
      ),
    );
    await put(
      'floating',
      ics(
        ...component(
          'VEVENT',
          'UID:floating',
          `DTSTART:${day(2)}T073000`,
          `DTEND:${day(2)}T080000`,
          "SUMMARY:Café d'équipe",
        ),
      ),
    );
    await put(
      'maintenance',
      ics(
        ...component(
          'VEVENT',
          'UID:maintenance',
          `DTSTART:${day(4)}T190000Z`,
          'DURATION:PT3H',
          'SUMMARY:Maintenance serveurs',
        ),
      ),
    );
    await put(
      'private',
      ics(
        ...component(
          'VEVENT',
          'UID:private',
          `DTSTART:${day(1)}T160000Z`,
          `DTEND:${day(1)}T170000Z`,
          'RRULE:FREQ=WEEKLY;COUNT=2',
          'CLASS:PRIVATE',
          'SUMMARY:Entretien David',
          'LOCATION:Bureau de Gilles',
        ),
        ...component(
          'VEVENT',
          'UID:private',
          `RECURRENCE-ID:${day(8)}T160000Z`,
          `DTSTART:${day(8)}T170000Z`,
          `DTEND:${day(8)}T180000Z`,
          'SUMMARY:Entretien David (déplacé)',
          'DESCRIPTION:Augmentation',
        ),
      ),
    );
    await put(
      'secret',
      ics(
        ...component(
          'VEVENT',
          'UID:secret',
          `DTSTART:${day(3)}T100000Z`,
          `DTEND:${day(3)}T110000Z`,
          'CLASS:X-SECRET',
          'SUMMARY:Projet secret',
        ),
      ),
    );
    await put(
      'report',
      ics(
        ...component(
          'VTODO',
          'UID:report',
          `DTSTART;VALUE=DATE:${day(-29)}`,
          `DUE;VALUE=DATE:${day(-29)}`,
          'RRULE:FREQ=WEEKLY',
          'SUMMARY:Rapport hebdomadaire',
        ),
      ),
    );
    await put(
      'invoice',
      ics(...component('VTODO', 'UID:invoice', `DUE;VALUE=DATE:${day(-3)}`, 'SUMMARY:Facture de François')),
    );
    equipeUrl = cal;
    const { path, icsPath } = await linkFor(cal);
    // Item 5 in the feed calendar apps read: private items are busy blocks with UIDs of their own, no rule.
    const feed = await bridge.client().get(icsPath);
    expect(feed.status).toBe(200);
    expect(feed.text).not.toMatch(/Entretien|Bureau de Gilles|Augmentation|Projet secret|X-SECRET/);
    expect(feed.text).not.toMatch(/^UID:(private|secret)$/m);
    expect(feed.text.match(/^UID:busy-/gm)).toHaveLength(3);
    expect(feed.text).toContain('SUMMARY:Revue de code Alexandre');

    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const lang of ['en', 'fr'] as const) {
      const context = await browser.newContext({
        ignoreHTTPSErrors: true,
        viewport: { width: 900, height: 900 },
        locale: lang,
      });
      const page = await context.newPage();
      const response = await page.goto(`${bridge.baseUrl}${path}?lang=${lang}`);
      expect(response?.status()).toBe(200);
      await page.screenshot({ path: join(SCREENSHOTS, `guest-agenda-${lang}.png`), fullPage: true });
      const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
      expect(text).toContain(lang === 'fr' ? 'Toute la journée · jour 2 sur 3' : 'All day · day 2 of 3');
      expect(text.match(/10:00 – 11:00 Revue de code Alexandre/g)).toHaveLength(2); // item 1: untouched by Gilles's override (days 1 and 8 of 14)
      expect(text).toContain('Point Gilles (nouvel horaire)');
      expect(text).toContain('07:30'); // item 2: floating, as written
      expect(text).not.toMatch(/Entretien|Bureau de Gilles|Augmentation|Projet secret/); // item 5
      expect(text).toContain(lang === 'fr' ? 'en retard' : 'overdue'); // item 4
      expect(await page.locator('link[rel=icon]').getAttribute('href')).toBe('/g/assets/favicon.svg');
      const icon = await page.request.get(`${bridge.baseUrl}/g/assets/favicon.svg`);
      expect(icon.status()).toBe(200);
      await context.close();
    }
  });

  it("a link can hide private events completely (the owner's option), and the option is checked", async () => {
    expect(equipeUrl).not.toBe('');
    const bad = await owner.send('POST', '/api/v1/guest-links', {
      json: { collectionUrl: equipeUrl, hidePrivateEvents: 'yes' },
    });
    expect(bad.status).toBe(400);
    const res = await owner.send('POST', '/api/v1/guest-links', {
      json: { collectionUrl: equipeUrl, hidePrivateEvents: true },
    });
    expect(res.status).toBe(201);
    const link = res.json().guestLink;
    expect(link.hidePrivateEvents).toBe(true);
    const listed = (await owner.get('/api/v1/guest-links'))
      .json()
      .guestLinks.find((l: { id: string }) => l.id === link.id);
    expect(listed.hidePrivateEvents).toBe(true);
    const feed = await bridge.client().get(new URL(link.icsUrl).pathname);
    expect(feed.status).toBe(200);
    expect(feed.text).not.toMatch(/Occupé|^UID:busy-/m);
    expect(feed.text).toContain('SUMMARY:Revue de code Alexandre');
    const page = await bridge.client().get(`${new URL(link.url).pathname}?lang=fr`);
    expect(page.text).not.toContain('Occupé');
    expect(page.text).toContain('Revue de code Alexandre');
  });

  it('a pathological calendar does not stall other requests, and a daily series from 2015 shows today', async () => {
    const cal = await makeCalendar(server.calendarHomeUrl('alice'), auth, uniqueName('charge'), 'Charge');
    const puts: Array<Promise<void>> = [];
    for (let i = 0; i < 150; i++) {
      const uid = `secondly-${i}`;
      puts.push(
        putEvent(
          cal,
          auth,
          uniqueName(uid),
          ics(
            ...component(
              'VEVENT',
              `UID:${uid}`,
              `DTSTART:20200101T0000${String(i % 60).padStart(2, '0')}Z`,
              'DURATION:PT1S',
              'RRULE:FREQ=SECONDLY',
              `SUMMARY:Spam ${i}`,
            ),
          ),
        ),
      );
      if (puts.length >= 10) await Promise.all(puts.splice(0));
    }
    await Promise.all(puts);
    await putEvent(
      cal,
      auth,
      uniqueName('standup'),
      ics(
        ...component(
          'VEVENT',
          'UID:standup',
          'DTSTART:20150105T083000Z',
          'DTEND:20150105T084500Z',
          'RRULE:FREQ=DAILY',
          'SUMMARY:Stand-up',
        ),
      ),
    );
    const { path, icsPath } = await linkFor(cal);
    const guest = bridge.client();
    // The feed is read from Radicale once and cached: what follows measures the agenda, not the DAV server.
    expect((await guest.get(icsPath)).status).toBe(200);

    let agendaDone = false;
    const agenda = guest.get(`${path}?lang=en`).finally(() => (agendaDone = true));
    // Other requests, one after the other, while the agenda is being expanded: each must be answered meanwhile.
    let answeredMeanwhile = 0;
    while (!agendaDone) {
      const res = await owner.get('/api/v1/guest-links');
      expect(res.status).toBe(200);
      if (!agendaDone) answeredMeanwhile += 1;
    }
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(3);
    const page = await agenda;
    expect(page.status).toBe(200);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
      new Date(Date.now() + 86_400_000),
    );
    const section = (key: string) =>
      page.text.match(new RegExp(`aria-labelledby="d-${key}">(.*?)</section>`))?.[1] ?? '';
    // Both days have their stand-up, however many "Spam" instances the 150 pathological series produce.
    expect(section(tomorrow).includes('Stand-up')).toBe(true);
    expect(section(today).length > 0).toBe(true);
    // Cached per feed version: the second view is the same page.
    expect((await guest.get(`${path}?lang=en`)).text).toBe(page.text);
  });
});
