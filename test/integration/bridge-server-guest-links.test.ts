// Guest links end to end: created through the bridge's API, served from real Radicale and Cyrus calendars over
// real HTTPS; with and without password, expiry, revocation, privacy of private events, escaping, rate limits.
import { serversUnderTest, uniqueName, type TestServer } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../support/bridge.js';
import { basic, makeAddressBook, makeCalendar, putEvent } from '../support/dav-fixtures.js';
import { event, todo } from '../support/items.js';
import type { HttpsClient } from '../support/https-client.js';

jest.setTimeout(60_000);

const servers = serversUnderTest();
const davServers = servers.map((s) => ({ id: s.name, label: s.name, url: s.baseUrl }));
const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

let bridge: RunningBridge;
beforeAll(async () => {
  bridge = await startBridge({
    davServers,
    limits: {
      guestPasswordPerLink: { max: 3, windowMs: 60_000 },
      guestMissesPerIp: { max: 1000, windowMs: 60_000 },
    },
  });
});
afterAll(async () => bridge?.stop());

const pathOf = (url: string) => new URL(url).pathname;

describe.each(servers.map((s): [string, TestServer] => [s.name, s]))('guest links on %s', (name, server) => {
  const { alice } = server.users;
  const auth = basic(alice.username, alice.password);
  let owner: HttpsClient;
  let calendarUrl: string;
  const calName = `Équipe ${XSS}`;
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
  tomorrow.setUTCHours(9, 0, 0, 0);

  beforeAll(async () => {
    calendarUrl = await makeCalendar(server.calendarHomeUrl('alice'), auth, uniqueName('guest'), calName, {
      color: '#FF8800',
    });
    await putEvent(
      calendarUrl,
      auth,
      uniqueName('pub'),
      event({
        uid: uniqueName('pub-uid'),
        summary: `Réunion ${XSS}`,
        location: `Salle "B" ${XSS}`,
        start: tomorrow,
        description: 'public notes',
        alarm: 'owner reminder',
      }),
    );
    await putEvent(
      calendarUrl,
      auth,
      uniqueName('priv'),
      event({
        uid: uniqueName('priv-uid'),
        summary: 'Médecin secret',
        location: 'Cabinet confidentiel',
        start: new Date(tomorrow.getTime() + 3 * 3600 * 1000),
        klass: 'PRIVATE',
        description: 'private notes',
        alarm: 'owner reminder',
      }),
    );
    await putEvent(
      calendarUrl,
      auth,
      uniqueName('weekly'),
      event({
        uid: uniqueName('weekly-uid'),
        summary: 'Point hebdo',
        start: new Date(tomorrow.getTime() + 5 * 3600 * 1000),
        rrule: 'FREQ=WEEKLY;COUNT=4',
      }),
    );
    await putEvent(
      calendarUrl,
      auth,
      uniqueName('todo'),
      todo({
        uid: uniqueName('todo-uid'),
        summary: 'Préparer la démo',
        due: new Date(tomorrow.getTime() + 2 * 24 * 3600 * 1000),
      }),
    );
    owner = bridge.client();
    expect((await owner.signIn('alice', alice.password, name)).status).toBe(200);
  });

  async function createLink(body: Record<string, unknown> = {}) {
    const res = await owner.send('POST', '/api/v1/guest-links', { json: { collectionUrl: calendarUrl, ...body } });
    expect(res.status).toBe(201);
    return res.json().guestLink;
  }

  it('creates an open link whose feed is the calendar, private events reduced to busy', async () => {
    const link = await createLink();
    expect(link.url).toMatch(/\/g\/[A-Za-z0-9_-]{43}$/);
    expect(link.icsUrl).toBe(`${link.url}.ics`);
    expect(link.webcalUrl).toMatch(/^webcal:\/\//);
    expect(link.hasPassword).toBe(false);
    expect(link.collectionName).toBe(calName);

    const feed = await bridge.client().get(`${pathOf(link.icsUrl)}`);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    expect(feed.text).toContain('BEGIN:VCALENDAR');
    expect(feed.text).toContain('Point hebdo');
    expect(feed.text).toContain('Préparer la démo');
    expect(feed.text).toContain('Occupé / Busy');
    expect(feed.text).not.toContain('Médecin secret');
    expect(feed.text).not.toContain('Cabinet confidentiel');
    expect(feed.text).not.toContain('private notes');
    expect(feed.text).not.toContain('owner reminder'); // alarms are the owner's, not the guests'
    expect(feed.headers['etag']).toBeTruthy();

    const again = await bridge.client().get(pathOf(link.icsUrl), { 'if-none-match': String(feed.headers['etag']) });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('renders the agenda as escaped, script-free HTML, in French or English', async () => {
    const link = await createLink();
    const fr = await bridge.client().get(pathOf(link.url), { 'accept-language': 'fr-FR,fr' });
    expect(fr.status).toBe(200);
    expect(fr.headers['content-type']).toMatch(/^text\/html/);
    expect(fr.text).toContain('<html lang="fr">');
    expect(fr.text).not.toMatch(/<(script|img)/i);
    expect(fr.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(fr.text).toContain('Salle &quot;B&quot;');
    expect(fr.text).toContain('Occupé');
    expect(fr.text).not.toContain('Médecin secret');
    expect(fr.text).not.toContain('Cabinet confidentiel');
    expect(fr.text.match(/Point hebdo/g)?.length).toBe(4); // weekly x4, expanded
    expect(fr.text).toContain('Préparer la démo');
    expect(fr.text).toContain('webcal://');
    // No third-party requests: the only stylesheet is ours, and the CSP forbids anything else.
    expect(fr.text.match(/(src|href)="https?:\/\/(?!localhost:3000)/g)).toBeNull();
    expect(String(fr.headers['content-security-policy'])).toContain("default-src 'none'");
    expect(String(fr.headers['x-frame-options'])).toBeTruthy();

    const en = await bridge.client().get(`${pathOf(link.url)}?lang=en`);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Busy');
  });

  it('protects a link with a password: form, wrong password, right password, Basic auth for the feed', async () => {
    const link = await createLink({ password: 'correct horse' });
    expect(link.hasPassword).toBe(true);
    const guest = bridge.client();
    const form = await guest.get(pathOf(link.url));
    expect(form.status).toBe(401);
    expect(form.text).toContain('type="password"');
    expect(form.text).not.toContain('Point hebdo');

    const wrong = await guest.send('POST', pathOf(link.url), { form: { password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toMatch(/Wrong password|Mot de passe incorrect/);

    const right = await guest.send('POST', pathOf(link.url), { form: { password: 'correct horse' } });
    expect(right.status).toBe(303);
    const page = await guest.get(pathOf(link.url));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Point hebdo');

    const feedNoAuth = await bridge.client().get(pathOf(link.icsUrl));
    expect(feedNoAuth.status).toBe(401);
    expect(String(feedNoAuth.headers['www-authenticate'])).toMatch(/^Basic /);
    const feed = await bridge.client().get(pathOf(link.icsUrl), { authorization: basic('guest', 'correct horse') });
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('Point hebdo');
  });

  it('rate-limits password guessing on a link', async () => {
    const link = await createLink({ password: 'sesame-123' });
    const guest = bridge.client();
    for (let i = 0; i < 3; i++)
      expect((await guest.send('POST', pathOf(link.url), { form: { password: `guess${i}` } })).status).toBe(401);
    const blocked = await guest.send('POST', pathOf(link.url), { form: { password: 'sesame-123' } });
    expect(blocked.status).toBe(429);
    const blockedFeed = await bridge.client().get(pathOf(link.icsUrl), { authorization: basic('x', 'sesame-123') });
    expect(blockedFeed.status).toBe(429);
  });

  it('expires: 410 with a clear page once the expiry has passed', async () => {
    const link = await createLink({ expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect((await bridge.client().get(pathOf(link.icsUrl))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1700));
    const page = await bridge.client().get(pathOf(link.url), { 'accept-language': 'fr' });
    expect(page.status).toBe(410);
    expect(page.text).toContain('Ce lien a expiré');
    expect((await bridge.client().get(pathOf(link.icsUrl))).status).toBe(410);
    const listed = (await owner.get('/api/v1/guest-links'))
      .json()
      .guestLinks.find((l: { id: string }) => l.id === link.id);
    expect(listed.expired).toBe(true);
  });

  it('revokes: the owner lists then withdraws the link, which becomes 404 at once', async () => {
    const link = await createLink();
    const list = await owner.get('/api/v1/guest-links');
    expect(list.json().guestLinks.map((l: { id: string }) => l.id)).toContain(link.id);
    expect((await bridge.client().get(pathOf(link.icsUrl))).status).toBe(200);

    const intruder = bridge.client();
    await intruder.signIn('bob', server.users.bob.password, name);
    expect((await intruder.send('DELETE', `/api/v1/guest-links/${link.id}`)).status).toBe(404);

    expect((await owner.send('DELETE', `/api/v1/guest-links/${link.id}`)).status).toBe(204);
    expect((await bridge.client().get(pathOf(link.icsUrl))).status).toBe(404);
    const gone = await bridge.client().get(pathOf(link.url));
    expect(gone.status).toBe(404);
    expect(gone.text).toContain('Link not found');
    expect((await owner.send('DELETE', `/api/v1/guest-links/${link.id}`)).status).toBe(404);
    expect((await owner.get('/api/v1/guest-links')).json().guestLinks.map((l: { id: string }) => l.id)).not.toContain(
      link.id,
    );
  });

  it('refuses bad requests: past expiry, short password, unknown or foreign collection, address book, no CSRF', async () => {
    const past = await owner.send('POST', '/api/v1/guest-links', {
      json: { collectionUrl: calendarUrl, expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);
    expect(past.json().error.code).toBe('expiry-in-past');
    const short = await owner.send('POST', '/api/v1/guest-links', {
      json: { collectionUrl: calendarUrl, password: '123' },
    });
    expect(short.json().error.code).toBe('password-too-short');
    const unknown = await owner.send('POST', '/api/v1/guest-links', { json: { collectionUrl: `${calendarUrl}nope/` } });
    expect(unknown.status).toBe(404);
    expect(unknown.json().error.code).toBe('collection-not-found');

    const bob = bridge.client();
    await bob.signIn('bob', server.users.bob.password, name);
    const foreign = await bob.send('POST', '/api/v1/guest-links', { json: { collectionUrl: calendarUrl } });
    expect(foreign.status).toBe(404);

    const book = await makeAddressBook(server.addressbookHomeUrl('alice'), auth, uniqueName('book'));
    const notCal = await owner.send('POST', '/api/v1/guest-links', { json: { collectionUrl: book } });
    expect(notCal.status).toBe(400);
    expect(notCal.json().error.code).toBe('not-a-calendar');

    const noCsrf = await owner.send('POST', '/api/v1/guest-links', {
      json: { collectionUrl: calendarUrl },
      headers: { 'x-csrf-token': '' },
    });
    expect(noCsrf.status).toBe(403);
  });
});

describe('guest link tokens', () => {
  it('unknown tokens are 404, and guessing is rate-limited per address', async () => {
    const limited = await startBridge({ davServers, limits: { guestMissesPerIp: { max: 5, windowMs: 60_000 } } });
    try {
      const c = limited.client();
      for (let i = 0; i < 5; i++) {
        const token = Buffer.from(`${i}`.padEnd(32, 'x')).toString('base64url');
        expect((await c.get(`/g/${token}.ics`)).status).toBe(404);
      }
      const blocked = await c.get(`/g/${'A'.repeat(43)}`);
      expect(blocked.status).toBe(429);
      expect(blocked.headers['retry-after']).toBeTruthy();
    } finally {
      await limited.stop();
    }
  });
});
