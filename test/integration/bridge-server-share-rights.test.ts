// Issue 13 item 5: the share view tells which rights the server's sharing driver can grant (read, read-write,
// manage, private events), with the reason in words for each one it cannot; a grant it cannot express is refused
// (right-not-supported), never downgraded. Real bridge, real Radicale (no sharing protocol) and Cyrus (CalDAV
// sharing: read and read-write, no manage, no per-sharee private events).
import { serversUnderTest, uniqueName, type TestServer } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../../outlook-addin/test/support/bridge-process.js';
import { basic, makeCalendar } from '../../outlook-addin/test/support/dav-fixtures.js';
import type { HttpsClient } from '../../outlook-addin/test/support/https-client.js';
import type { RightsView } from '../../outlook-addin/src/middle-tier/contract/sharing.js';

jest.setTimeout(90_000);

const servers = serversUnderTest().filter((s) => s.name === 'radicale' || s.name === 'cyrus');
let bridge: RunningBridge;
beforeAll(async () => {
  bridge = await startBridge({ davServers: servers.map((s) => ({ id: s.name, label: s.name, url: s.baseUrl })) });
});
afterAll(async () => bridge?.stop());

const available = (v: RightsView) => v.rights.filter((r) => r.available).map((r) => r.right);

describe.each(servers.map((s): [string, TestServer] => [s.name, s]))('share rights on %s', (name, server) => {
  const { alice } = server.users;
  let c: HttpsClient;
  let calendarUrl: string;
  const q = () => `/api/v1/shares?collectionUrl=${encodeURIComponent(calendarUrl)}`;

  beforeAll(async () => {
    calendarUrl = await makeCalendar(
      server.calendarHomeUrl('alice'),
      basic(alice.username, alice.password),
      uniqueName('rights'),
      'Équipe technique',
    );
    c = bridge.client();
    expect((await c.signIn(alice.username, alice.password, name)).status).toBe(200);
  });

  it('lists the rights the server can grant, and why not for the others (en and fr)', async () => {
    const res = await c.get(q(), { 'accept-language': 'fr' });
    expect(res.status).toBe(200);
    const { shares, rights } = res.json<{ shares: unknown[]; rights: RightsView }>();
    expect(rights.rights.map((r) => r.right)).toEqual(['read', 'read-write', 'admin', 'private-events']);
    for (const r of rights.rights.filter((x) => !x.available)) {
      expect(r.reason).toBe(r.reasons!.fr);
      expect(r.reasons!.en.length).toBeGreaterThan(10);
    }
    if (name === 'radicale') {
      expect(shares).toEqual([]);
      expect(rights.driver).toBe('none');
      expect(available(rights)).toEqual([]);
      expect(rights.rights[0]!.reasons!.fr).toContain("n'a pas de protocole de partage");
      expect(rights.rights[0]!.reasons!.en).toContain('guest link');
    } else {
      expect(rights.driver).not.toBe('none');
      expect(available(rights)).toEqual(['read', 'read-write']);
      const admin = rights.rights.find((r) => r.right === 'admin')!;
      expect(admin.reasons!.en).toContain('cannot give "manage (Gestion)"');
      expect(admin.reasons!.fr).toContain('« Gestion »');
    }
  });

  it('refuses a right the server cannot express, sharing nothing; grants one it can', async () => {
    const admin = await c.send('POST', '/api/v1/shares', {
      json: { collectionUrl: calendarUrl, sharee: 'bob', access: 'admin' },
    });
    if (name === 'radicale') {
      // No sharing at all: the server's own clear refusal, as before.
      expect(admin.status).toBe(409);
      expect(admin.json().error.code).toBe('no-sharing-protocol');
      return;
    }
    expect(admin.status).toBe(400);
    expect(admin.json().error.code).toBe('right-not-supported');
    expect(admin.json().error.messages.fr).toContain("Rien n'a été partagé");
    const privateToo = await c.send('POST', '/api/v1/shares', {
      json: { collectionUrl: calendarUrl, sharee: 'bob', access: 'read', privateEvents: true },
    });
    expect(privateToo.status).toBe(400);
    expect(privateToo.json().error.code).toBe('right-not-supported');
    // Nothing was granted, not even a lesser right.
    expect(JSON.stringify((await c.get(q())).json().shares)).not.toMatch(/bob/);

    const rw = await c.send('POST', '/api/v1/shares', {
      json: { collectionUrl: calendarUrl, sharee: 'bob', access: 'read-write' },
    });
    expect(rw.status).toBe(200);
    expect(JSON.stringify((await c.get(q())).json().shares)).toMatch(/bob/);
  });
});
