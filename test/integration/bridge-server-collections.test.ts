// The pane's collection API over real HTTPS against real Radicale and Cyrus: listing with colors and rights,
// recolor/rename, inert output for hostile names, sharing, and the session checks of the newer routes.
import { serversUnderTest, uniqueName, type TestServer } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../support/bridge.js';
import { basic, makeCalendar } from '../support/dav-fixtures.js';
import type { HttpsClient } from '../support/https-client.js';

jest.setTimeout(60_000);

const servers = serversUnderTest();
const davServers = servers.map((s) => ({ id: s.name, label: s.name, url: s.baseUrl }));
const HOSTILE = `<img src=x onerror=alert(1)>"'&`;

let bridge: RunningBridge;
beforeAll(async () => {
  bridge = await startBridge({ davServers });
});
afterAll(async () => bridge?.stop());

describe.each(servers.map((s): [string, TestServer] => [s.name, s]))('collections API on %s', (name, server) => {
  const { alice } = server.users;
  let c: HttpsClient;
  let calendarUrl: string;

  beforeAll(async () => {
    calendarUrl = await makeCalendar(
      server.calendarHomeUrl('alice'),
      basic('alice', alice.password),
      uniqueName('cols'),
      `Cal ${HOSTILE}`,
      { color: '#3366CC' },
    );
    c = bridge.client();
    expect((await c.signIn('alice', alice.password, name)).status).toBe(200);
  });

  it('lists calendars with name, color, kind and real rights, as inert JSON', async () => {
    const res = await c.get('/api/v1/collections');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'none'");
    const cal = res.json().collections.find((x: { url: string }) => x.url === calendarUrl);
    expect(cal).toMatchObject({
      name: `Cal ${HOSTILE}`,
      kind: 'events+tasks',
      access: 'admin',
      sharedWithMe: false,
      canGuestLink: true,
    });
    expect(cal.color.toUpperCase()).toMatch(/^#3366CC/);
    // The hostile name is only ever a JSON string value (served as JSON, nosniff, CSP none): it round-trips exactly.
    expect(JSON.parse(res.text).collections.some((x: { name: string }) => x.name === `Cal ${HOSTILE}`)).toBe(true);
  });

  it('recolors and renames a calendar', async () => {
    const res = await c.send('PATCH', '/api/v1/collections', {
      json: { url: calendarUrl, color: '#FF0000', name: 'Renamed' },
    });
    expect(res.status).toBe(200);
    expect(res.json().collection.name).toBe('Renamed');
    expect(res.json().collection.color.toUpperCase()).toMatch(/^#FF0000/);
  });

  it('refuses a bad color, an unknown collection and a missing CSRF token', async () => {
    const bad = await c.send('PATCH', '/api/v1/collections', {
      json: { url: calendarUrl, color: 'red; background:url(x)' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json().error.code).toBe('invalid-request');
    const unknown = await c.send('PATCH', '/api/v1/collections', {
      json: { url: `${calendarUrl}missing/`, color: '#00FF00' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json().error.code).toBe('collection-not-found');
    const noCsrf = await c.send('PATCH', '/api/v1/collections', {
      json: { url: calendarUrl, color: '#00FF00' },
      headers: { 'x-csrf-token': 'nope' },
    });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf-rejected');
  });

  it('shares with bob and revokes through bridge-core sharing drivers (Radicale: refused clearly)', async () => {
    const shared = await c.send('POST', '/api/v1/shares', {
      json: { collectionUrl: calendarUrl, sharee: 'bob', access: 'read' },
    });
    if (name === 'radicale') {
      expect(shared.status).toBe(409);
      expect(shared.json().error.code).toBe('no-sharing-protocol');
      expect(shared.json().error.messages.fr).toBeTruthy();
      return;
    }
    expect(shared.status).toBe(200);
    const list = await c.get(`/api/v1/shares?collectionUrl=${encodeURIComponent(calendarUrl)}`);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.json().shares)).toMatch(/bob/);
    const revoked = await c.send(
      'DELETE',
      `/api/v1/shares?collectionUrl=${encodeURIComponent(calendarUrl)}&sharee=bob`,
    );
    expect(revoked.status).toBe(204);
    const after = await c.get(`/api/v1/shares?collectionUrl=${encodeURIComponent(calendarUrl)}`);
    expect(JSON.stringify(after.json().shares)).not.toMatch(/bob/);
  });

  it('subscriptions and sync status answer for the signed-in user only; all need a session', async () => {
    const sync = await c.get('/api/v1/sync/status');
    expect(sync.status).toBe(200);
    expect(Array.isArray(sync.json().subscriptions)).toBe(true);
    expect((await bridge.client().get('/api/v1/sync/status')).status).toBe(401);
    expect((await bridge.client().get('/api/v1/subscriptions')).status).toBe(401);
    expect((await bridge.client().get('/api/v1/invitations')).status).toBe(401);
    const bad = await c.send('POST', '/api/v1/shares', {
      json: { collectionUrl: calendarUrl, sharee: 'bob', access: 'owner' },
    });
    expect(bad.status).toBe(400);
  });
});

describe('pane assets', () => {
  it('serves manifest.xml with URLs on the bridge public address', async () => {
    const res = await bridge.client().get('/manifest.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/xml/);
    expect(res.text).toContain('<OfficeApp');
    expect(res.text).toContain('https://localhost:3000/taskpane.html');
  });
});
