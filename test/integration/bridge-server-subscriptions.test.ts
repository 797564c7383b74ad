// Subscriptions and server-side sync over real HTTPS against real Radicale and Cyrus: a collection shared with bob
// (Cyrus: through its share invitation; Radicale: by URL, shared through its rights file), synced into the bridge's
// mirror, changed on the server, synced again; a collection deleted on the server gives a clear error in the status;
// read-only ICS feeds from allowed sites only (conditional fetch, size limit, malformed feeds refused).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { radicaleGrant, serversUnderTest, uniqueName, type TestServer } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../support/bridge.js';
import { basic, makeCalendar, putEvent } from '../support/dav-fixtures.js';
import { calendarFrom, event, eventLines } from '../support/items.js';
import type { HttpsClient } from '../support/https-client.js';

jest.setTimeout(90_000);

const servers = serversUnderTest();
const davServers = servers.map((s) => ({ id: s.name, label: s.name, url: s.baseUrl }));
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);

// ---- a small feed publisher: ETag, 304, a malformed feed, a too-large one; it records what it was asked ----
let feedBody = '';
const requests: Array<{ path: string; ifNoneMatch: string | undefined }> = [];
let feedServer: Server;
let feedOrigin: string;

function feedIcs(events: Array<{ uid: string; summary: string }>, calName: string): string {
  const lines = events.flatMap((e) => eventLines({ uid: e.uid, summary: e.summary, start: inDays(3) }));
  return calendarFrom('-//feed test//EN', [`X-WR-CALNAME:${calName}`, ...lines]);
}

let bridge: RunningBridge;
beforeAll(async () => {
  feedServer = createServer((req, res) => {
    requests.push({ path: req.url ?? '', ifNoneMatch: req.headers['if-none-match'] });
    if (req.url === '/feed.ics') {
      const etag = `"${Buffer.from(feedBody).length}-${feedBody.length % 97}"`;
      if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
      return res.writeHead(200, { 'content-type': 'text/calendar', etag }).end(feedBody);
    }
    if (req.url === '/broken.ics')
      return res.writeHead(200, { 'content-type': 'text/calendar' }).end('<html>oops</html>');
    if (req.url === '/huge.ics')
      return res.writeHead(200).end(`BEGIN:VCALENDAR\r\n${'X-PAD:0123456789\r\n'.repeat(20_000)}`);
    if (req.url === '/moved.ics') return res.writeHead(302, { location: 'http://localhost:1/elsewhere.ics' }).end();
    return res.writeHead(404).end();
  });
  await new Promise<void>((r) => feedServer.listen(0, '127.0.0.1', r));
  feedOrigin = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
  bridge = await startBridge({
    davServers,
    extra: { feedOrigins: [feedOrigin], feedMaxBytes: 64 * 1024, feedTimeoutMs: 5000 },
  });
});
afterAll(async () => {
  await bridge?.stop();
  await new Promise((r) => feedServer?.close(r));
});

describe.each(servers.map((s): [string, TestServer] => [s.name, s]))('subscriptions on %s', (name, server) => {
  const { alice, bob } = server.users;
  const aliceAuth = basic('alice', alice.password);
  let a: HttpsClient;
  let b: HttpsClient;
  let calUrl: string;
  let subId: string;
  const uids = [uniqueName('sub-ev'), uniqueName('sub-ev'), uniqueName('sub-ev')];
  let revoke: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const slug = uniqueName('shared');
    calUrl = await makeCalendar(server.calendarHomeUrl('alice'), aliceAuth, slug, `Équipe <b>${slug}</b>`, {
      color: '#00679E',
    });
    await putEvent(calUrl, aliceAuth, uids[0]!, event({ uid: uids[0]!, summary: 'Réunion', start: inDays(2) }));
    await putEvent(calUrl, aliceAuth, uids[1]!, event({ uid: uids[1]!, summary: 'Revue', start: inDays(4) }));
    a = bridge.client();
    b = bridge.client();
    expect((await a.signIn('alice', alice.password, name)).status).toBe(200);
    expect((await b.signIn('bob', bob.password, name)).status).toBe(200);
  });
  afterAll(async () => revoke?.());

  it('bob subscribes to the calendar alice shares (accepting the invitation where the server has one)', async () => {
    let res;
    if (name === 'radicale') {
      revoke = await radicaleGrant('alice', new URL(calUrl).pathname.split('/')[2]!, 'bob', 'rw');
      res = await b.send('POST', '/api/v1/subscriptions', { json: { url: calUrl } });
    } else {
      const shared = await a.send('POST', '/api/v1/shares', {
        json: { collectionUrl: calUrl, sharee: 'bob@example.com', access: 'read-write' },
      });
      expect(shared.status).toBe(200);
      const inv = (await b.get('/api/v1/invitations')).json().invitations as Array<{ id: string; collection: string }>;
      const mine = inv.find((i) => new URL(i.collection, calUrl).pathname === new URL(calUrl).pathname);
      expect(mine).toBeDefined();
      res = await b.send('POST', '/api/v1/subscriptions', { json: { invitationId: mine!.id } });
    }
    expect(res.status).toBe(201);
    const sub = res.json().subscription;
    subId = sub.id;
    expect(sub).toMatchObject({ type: 'collection', readOnly: false, kind: 'events+tasks' });
    expect(sub.name).toContain('<b>');
    expect(res.text).not.toContain('<b>');
    expect(sub.sync).toMatchObject({ ok: true, bridge: { created: 2, updated: 0, deleted: 0 }, error: null });
    const again = await b.send('POST', '/api/v1/subscriptions', { json: { url: sub.url } });
    expect(again.status).toBe(409);
    expect(again.json().error.code).toBe('already-subscribed');
  });

  it('syncs changes made on the server; the status shows them', async () => {
    await putEvent(calUrl, aliceAuth, uids[2]!, event({ uid: uids[2]!, summary: 'Nouveau', start: inDays(5) }));
    const put = await fetch(`${calUrl}${uids[0]}.ics`, {
      method: 'PUT',
      headers: { Authorization: aliceAuth, 'Content-Type': 'text/calendar' },
      body: event({ uid: uids[0]!, summary: 'Réunion déplacée', start: inDays(6) }),
    });
    expect(put.status).toBeLessThan(300);
    const del = await fetch(`${calUrl}${uids[1]}.ics`, { method: 'DELETE', headers: { Authorization: aliceAuth } });
    expect(del.status).toBeLessThan(300);
    const run = await b.send('POST', `/api/v1/subscriptions/${subId}/sync`);
    expect(run.status).toBe(200);
    expect(run.json().subscription.sync).toMatchObject({
      ok: true,
      bridge: { created: 1, updated: 1, deleted: 1 },
      server: { created: 0, updated: 0, deleted: 0 },
      conflicts: 0,
    });
    const status = await b.get('/api/v1/sync/status');
    const mine = status.json().subscriptions.find((s: { subscriptionId: string }) => s.subscriptionId === subId);
    expect(mine).toMatchObject({ ok: true, bridge: { created: 1, updated: 1, deleted: 1 }, error: null });
    expect(Date.parse(mine.lastRun)).toBeGreaterThan(Date.now() - 60_000);
    // Idle run: nothing to do.
    const idle = await b.send('POST', `/api/v1/subscriptions/${subId}/sync`);
    expect(idle.json().subscription.sync).toMatchObject({ ok: true, bridge: { created: 0, updated: 0, deleted: 0 } });
    // Alice does not see bob's subscriptions, and cannot sync or remove them.
    expect(
      (await a.get('/api/v1/sync/status'))
        .json()
        .subscriptions.some((s: { subscriptionId: string }) => s.subscriptionId === subId),
    ).toBe(false);
    expect((await a.send('POST', `/api/v1/subscriptions/${subId}/sync`)).status).toBe(404);
    expect((await a.send('DELETE', `/api/v1/subscriptions/${subId}`)).status).toBe(404);
  });

  it('a collection deleted on the server gives a clear error in the status (English and French)', async () => {
    const gone = await makeCalendar(server.calendarHomeUrl('alice'), aliceAuth, uniqueName('gone'), 'Éphémère');
    const sub = await a.send('POST', '/api/v1/subscriptions', { json: { url: gone } });
    expect(sub.status).toBe(201);
    const id = sub.json().subscription.id;
    expect((await fetch(gone, { method: 'DELETE', headers: { Authorization: aliceAuth } })).status).toBeLessThan(300);
    const run = await a.send('POST', `/api/v1/subscriptions/${id}/sync`, { headers: { 'accept-language': 'fr' } });
    expect(run.status).toBe(200);
    const st = run.json().subscription.sync;
    expect(st.ok).toBe(false);
    expect(st.error.code).toBe('collection-gone');
    expect(st.error.message).toMatch(/n'existe plus sur le serveur/);
    expect(st.error.messages.en).toMatch(/no longer exists on the server/);
    expect(JSON.stringify(st)).not.toMatch(/alicepw|Basic /);
    expect((await a.send('DELETE', `/api/v1/subscriptions/${id}`)).status).toBe(204);
    expect((await a.send('DELETE', `/api/v1/subscriptions/${id}`)).status).toBe(404);
  });

  it('refuses URLs that are not a readable collection on the user’s own server', async () => {
    const other = await b.send('POST', '/api/v1/subscriptions', { json: { url: 'http://169.254.169.254/latest/' } });
    expect(other.status).toBe(400);
    expect(other.json().error.code).toBe('url-not-on-your-server');
    const missing = await b.send('POST', '/api/v1/subscriptions', { json: { url: `${calUrl}nothing-here/` } });
    expect(missing.status).toBe(404);
    const both = await b.send('POST', '/api/v1/subscriptions', {
      json: { url: calUrl, feedUrl: `${feedOrigin}/feed.ics` },
    });
    expect(both.status).toBe(400);
    const noCsrf = await b.send('POST', '/api/v1/subscriptions', {
      json: { url: calUrl },
      headers: { 'x-csrf-token': 'x' },
    });
    expect(noCsrf.status).toBe(403);
  });

  it('unsubscribes', async () => {
    expect((await b.send('DELETE', `/api/v1/subscriptions/${subId}`)).status).toBe(204);
    const list = (await b.get('/api/v1/subscriptions')).json().subscriptions as Array<{ id: string }>;
    expect(list.some((s) => s.id === subId)).toBe(false);
  });
});

describe('ICS/webcal feed subscriptions', () => {
  const server = servers[0]!;
  let c: HttpsClient;
  const e1 = uniqueName('feed-ev');
  const e2 = uniqueName('feed-ev');

  beforeAll(async () => {
    c = bridge.client();
    expect((await c.signIn('carol', server.users.carol.password, server.name)).status).toBe(200);
  });

  it('subscribes read-only to a feed from an allowed site, then fetches it conditionally', async () => {
    feedBody = feedIcs(
      [
        { uid: e1, summary: 'Fête' },
        { uid: e2, summary: 'Conférence' },
      ],
      'Jours <i>fériés</i>',
    );
    const res = await c.send('POST', '/api/v1/subscriptions', { json: { feedUrl: `${feedOrigin}/feed.ics` } });
    expect(res.status).toBe(201);
    const sub = res.json().subscription;
    expect(sub).toMatchObject({ type: 'feed', readOnly: true, name: 'Jours <i>fériés</i>' });
    expect(res.text).not.toContain('<i>');
    expect(sub.sync).toMatchObject({ ok: true, bridge: { created: 2, updated: 0, deleted: 0 } });
    const before = requests.length;
    const idle = await c.send('POST', `/api/v1/subscriptions/${sub.id}/sync`);
    expect(idle.json().subscription.sync).toMatchObject({ ok: true, bridge: { created: 0, updated: 0, deleted: 0 } });
    expect(requests.slice(before).map((r) => r.ifNoneMatch)).toEqual([expect.stringMatching(/^"/)]);
    feedBody = feedIcs([{ uid: e1, summary: 'Fête déplacée' }], 'Jours fériés');
    const changed = await c.send('POST', `/api/v1/subscriptions/${sub.id}/sync`);
    expect(changed.json().subscription.sync).toMatchObject({
      ok: true,
      bridge: { created: 0, updated: 1, deleted: 1 },
    });
    expect((await c.send('DELETE', `/api/v1/subscriptions/${sub.id}`)).status).toBe(204);
  });

  it('never contacts a site the administrator did not allow (webcal, redirects included)', async () => {
    const before = requests.length;
    const port = new URL(feedOrigin).port;
    for (const feedUrl of [`http://localhost:${port}/feed.ics`, 'webcal://example.org/cal.ics', 'ftp://x/y.ics']) {
      const res = await c.send('POST', '/api/v1/subscriptions', { json: { feedUrl } });
      expect(res.status).toBe(400);
      expect(['feed-host-not-allowed', 'invalid-feed-url']).toContain(res.json().error.code);
      expect(res.json().error.messages.fr).toBeTruthy();
    }
    expect(requests.length).toBe(before);
    const moved = await c.send('POST', '/api/v1/subscriptions', { json: { feedUrl: `${feedOrigin}/moved.ics` } });
    expect(moved.status).toBe(400);
    expect(moved.json().error.code).toBe('feed-host-not-allowed');
  });

  it('refuses malformed and too large feeds clearly, storing nothing', async () => {
    const bad = await c.send('POST', '/api/v1/subscriptions', {
      json: { feedUrl: `${feedOrigin}/broken.ics` },
      headers: { 'accept-language': 'fr' },
    });
    expect(bad.status).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'feed-malformed', message: expect.stringMatching(/iCalendar/) });
    const huge = await c.send('POST', '/api/v1/subscriptions', { json: { feedUrl: `${feedOrigin}/huge.ics` } });
    expect(huge.status).toBe(413);
    expect(huge.json().error.code).toBe('feed-too-large');
    const missing = await c.send('POST', '/api/v1/subscriptions', { json: { feedUrl: `${feedOrigin}/nope.ics` } });
    expect(missing.json().error.code).toBe('feed-not-found');
    expect((await c.get('/api/v1/subscriptions')).json().subscriptions).toEqual([]);
  });
});

describe('background sync', () => {
  it('runs every subscription on its own at the configured interval, and stops cleanly', async () => {
    const server = servers[0]!;
    const { alice } = server.users;
    const auth = basic('alice', alice.password);
    const bg = await startBridge({ davServers, extra: { syncIntervalSeconds: 1 } });
    try {
      const c = bg.client();
      expect((await c.signIn('alice', alice.password, server.name)).status).toBe(200);
      const cal = await makeCalendar(server.calendarHomeUrl('alice'), auth, uniqueName('bg'), 'Arrière-plan');
      const sub = (await c.send('POST', '/api/v1/subscriptions', { json: { url: cal } })).json().subscription;
      const first = Date.parse(sub.sync.lastRun);
      const uid = uniqueName('bg-ev');
      await putEvent(cal, auth, uid, event({ uid, summary: 'Tâche de fond', start: inDays(1) }));
      let last = first;
      for (let i = 0; i < 40 && last === first; i++) {
        await new Promise((r) => setTimeout(r, 200));
        const st = (await c.get('/api/v1/sync/status')).json();
        expect(st.intervalSeconds).toBe(1);
        last = Date.parse(st.subscriptions[0].lastRun);
      }
      expect(last).toBeGreaterThan(first);
    } finally {
      await bg.stop();
    }
  });
});
