// Issue 13 item 1: the private "Add to Outlook" feed, end to end through the real bridge over HTTPS and the real
// Radicale: Gilles (alice here) adds "Équipe technique" to Outlook, the feed is fetched without any cookie and
// carries every event in full (a private one too: it is his own access), revoking gives 404 like an unknown
// token, and a DAV server that stopped answering gives 502 with a clear body, never an empty calendar.
import { testServers, uniqueName } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../../outlook-addin/test/support/bridge-process.js';
import { basic, makeCalendar, putEvent, vevent } from '../../outlook-addin/test/support/dav-fixtures.js';
import type { HttpsClient } from '../../outlook-addin/test/support/https-client.js';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

jest.setTimeout(90_000);

const radicale = testServers.radicale;
const gilles = radicale.users.alice;
const auth = basic(gilles.username, gilles.password);
const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
tomorrow.setUTCHours(9, 0, 0, 0);

let bridge: RunningBridge;
let proxy: { url: string; up: boolean; server: Server };
let calendarUrl: string;
let addressBookUrl: string;
let owner: HttpsClient;

/** The collection's URL as the bridge knows it (through the proxy standing for the DAV server). */
const viaProxy = (url: string) => url.replace(new URL(radicale.baseUrl).origin + '/', proxy.url);
const pathOf = (url: string) => new URL(url).pathname;

beforeAll(async () => {
  // The bridge reaches Radicale through a plain forwarding proxy, so that the test can take the server away.
  proxy = await switchableProxy(radicale.baseUrl);
  bridge = await startBridge({ davServers: [{ id: 'radicale', label: 'Radicale', url: proxy.url }] });
  calendarUrl = await makeCalendar(radicale.calendarHomeUrl('alice'), auth, uniqueName('equipe'), 'Équipe technique');
  addressBookUrl = `${radicale.addressbookHomeUrl('alice')}${uniqueName('ab')}/`;
  await fetch(addressBookUrl, {
    method: 'MKCOL',
    headers: { Authorization: auth, 'Content-Type': 'application/xml' },
    body: `<?xml version="1.0"?><D:mkcol xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:set><D:prop><D:resourcetype><D:collection/><CR:addressbook/></D:resourcetype></D:prop></D:set></D:mkcol>`,
  });
  await putEvent(
    calendarUrl,
    auth,
    uniqueName('pub'),
    vevent({ uid: uniqueName('pub-uid'), summary: 'Revue de sprint', start: tomorrow, location: 'Salle B' }),
  );
  await putEvent(
    calendarUrl,
    auth,
    uniqueName('priv'),
    vevent({
      uid: uniqueName('priv-uid'),
      summary: 'Rendez-vous médecin',
      location: 'Cabinet',
      description: 'notes privées',
      start: new Date(tomorrow.getTime() + 3 * 3600 * 1000),
      klass: 'PRIVATE',
    }),
  );
  owner = bridge.client();
  expect((await owner.signIn(gilles.username, gilles.password, 'radicale')).status).toBe(200);
});

afterAll(async () => {
  await bridge?.stop();
  await new Promise((r) => {
    proxy?.server.closeAllConnections();
    proxy?.server.close(r);
  });
});

describe('private "Add to Outlook" feeds (Radicale)', () => {
  let feed: {
    id: string;
    name: string;
    httpsUrl: string;
    webcalUrl: string;
    collectionUrl: string;
    fetchCount: number;
    lastFetchedAt: string | null;
    createdAt: string;
  };

  it('creates a feed with an unguessable https and webcal address, listed with its counters', async () => {
    const res = await owner.send('POST', '/api/v1/outlook-feeds', { json: { collectionUrl: viaProxy(calendarUrl) } });
    expect(res.status).toBe(201);
    feed = res.json().outlookFeed;
    expect(feed.name).toBe('Équipe technique');
    expect(feed.collectionUrl).toBe(viaProxy(calendarUrl));
    expect(feed.httpsUrl).toMatch(/^https:\/\/.+\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(feed.webcalUrl).toBe(feed.httpsUrl.replace(/^https:/, 'webcal:'));
    expect(feed.fetchCount).toBe(0);
    expect(feed.lastFetchedAt).toBeNull();

    // Asked again for the same calendar: the live feed is given back, not a second one.
    const again = await owner.send('POST', '/api/v1/outlook-feeds', { json: { collectionUrl: viaProxy(calendarUrl) } });
    expect(again.status).toBe(200);
    expect(again.json().outlookFeed.id).toBe(feed.id);
    const list = await owner.get('/api/v1/outlook-feeds');
    expect(list.status).toBe(200);
    expect(list.json().outlookFeeds.map((f: { id: string }) => f.id)).toEqual([feed.id]);
  });

  it('serves the calendar in full to a client without any cookie, and counts the fetch', async () => {
    const anonymous = bridge.client();
    const res = await anonymous.get(pathOf(feed.httpsUrl));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.headers['cache-control']).toMatch(/private/);
    expect(res.text).toContain('X-WR-CALNAME:Équipe technique');
    expect(res.text).toContain('SUMMARY:Revue de sprint');
    // His own private event, in full: not a busy block.
    expect(res.text).toContain('SUMMARY:Rendez-vous médecin');
    expect(res.text).toContain('LOCATION:Cabinet');
    expect(res.text).toContain('CLASS:PRIVATE');
    expect(res.text).not.toContain('Occupé / Busy');

    const listed = (await owner.get('/api/v1/outlook-feeds')).json().outlookFeeds[0];
    expect(listed.fetchCount).toBe(1);
    expect(listed.lastFetchedAt).not.toBeNull();
  });

  it('refuses an address book, and a collection that is not the user’s', async () => {
    const book = await owner.send('POST', '/api/v1/outlook-feeds', {
      json: { collectionUrl: viaProxy(addressBookUrl) },
    });
    expect(book.status).toBe(400);
    expect(book.json().error.code).toBe('not-a-calendar');
    expect(book.json().error.messages.fr).toMatch(/carnets d'adresses/);
    const other = await owner.send('POST', '/api/v1/outlook-feeds', {
      json: { collectionUrl: `${proxy.url}bob/${uniqueName('x')}/` },
    });
    expect(other.status).toBe(404);
    const bad = await owner.send('POST', '/api/v1/outlook-feeds', { json: {} });
    expect(bad.status).toBe(400);
    expect(bad.json().error.code).toBe('invalid-request');
  });

  it('answers 502 with a clear body, never an empty calendar, when the DAV server is down', async () => {
    proxy.up = false;
    try {
      const res = await bridge.client().get(pathOf(feed.httpsUrl));
      expect(res.status).toBe(502);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).not.toContain('BEGIN:VCALENDAR');
      expect(res.text).toContain('"Équipe technique" did not answer');
      expect(res.text).toContain('Outlook réessaiera plus tard');
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      // The server comes back: the feed works again.
      proxy.up = true;
    }
    const back = await bridge.client().get(pathOf(feed.httpsUrl));
    expect(back.status).toBe(200);
    expect(back.text).toContain('Revue de sprint');
  });

  it('a revoked feed answers 404 exactly like a token that never existed; someone else cannot revoke it', async () => {
    const intruder = bridge.client();
    expect((await intruder.signIn(radicale.users.bob.username, radicale.users.bob.password, 'radicale')).status).toBe(
      200,
    );
    const foreign = await intruder.send('DELETE', `/api/v1/outlook-feeds/${feed.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.json().error.code).toBe('outlook-feed-not-found');

    expect((await owner.send('DELETE', `/api/v1/outlook-feeds/${feed.id}`)).status).toBe(204);
    const revoked = await bridge.client().get(pathOf(feed.httpsUrl));
    const unknown = await bridge.client().get(`/feeds/${'A'.repeat(43)}.ics`);
    expect(revoked.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(revoked.text).toBe(unknown.text);
    expect(revoked.headers['content-type']).toBe(unknown.headers['content-type']);
    expect(revoked.text).not.toContain('BEGIN:VCALENDAR');
    expect((await owner.get('/api/v1/outlook-feeds')).json().outlookFeeds).toEqual([]);
    expect((await owner.send('DELETE', `/api/v1/outlook-feeds/${feed.id}`)).status).toBe(404);
  });
});

/** Forwards to the DAV server while `up`; when not, every connection is cut at once, like a server that died. */
async function switchableProxy(upstreamRoot: string): Promise<{ url: string; up: boolean; server: Server }> {
  const upstream = new URL(upstreamRoot);
  const state = { url: '', up: true, server: undefined as unknown as Server };
  state.server = createServer((req, res) => {
    if (!state.up) return void req.socket.destroy();
    const out = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((r) => state.server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}/`;
  return state;
}
