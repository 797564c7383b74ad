// Issue 13 item 4: the people picker. GET /api/v1/principals uses core's principal search where the DAV server
// offers it (principal-property-search): Cyrus does, and lists only the principals its privacy rules let the user
// see (the user alone); Radicale does not, and the answer says so, in words, for the pane to ask for an address.
import { serversUnderTest, uniqueName, type TestServer } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../../outlook-addin/test/support/bridge-process.js';
import { basic, makeCalendar } from '../../outlook-addin/test/support/dav-fixtures.js';
import type { HttpsClient } from '../../outlook-addin/test/support/https-client.js';

jest.setTimeout(90_000);

const servers = serversUnderTest().filter((s) => s.name === 'radicale' || s.name === 'cyrus');
let bridge: RunningBridge;
beforeAll(async () => {
  bridge = await startBridge({ davServers: servers.map((s) => ({ id: s.name, label: s.name, url: s.baseUrl })) });
});
afterAll(async () => bridge?.stop());

describe.each(servers.map((s): [string, TestServer] => [s.name, s]))('people picker on %s', (name, server) => {
  const { alice } = server.users;
  let c: HttpsClient;
  let calendarUrl: string;
  const search = (q: string, lang = 'en') =>
    c.get(`/api/v1/principals?collectionUrl=${encodeURIComponent(calendarUrl)}&q=${encodeURIComponent(q)}`, {
      'accept-language': lang,
    });

  beforeAll(async () => {
    calendarUrl = await makeCalendar(
      server.calendarHomeUrl('alice'),
      basic(alice.username, alice.password),
      uniqueName('picker'),
      'Équipe technique',
    );
    c = bridge.client();
    expect((await c.signIn(alice.username, alice.password, name)).status).toBe(200);
  });

  it('answers with the people the server finds, or that it cannot search', async () => {
    const res = await search('ali', 'fr');
    expect(res.status).toBe(200);
    const body = res.json();
    if (name === 'radicale') {
      expect(body.supported).toBe(false);
      expect(body.reason).toBe(body.reasons.fr);
      expect(body.reasons.fr).toContain("saisissez l'adresse e-mail");
      expect(body.reasons.en).toContain("type the person's email address");
      return;
    }
    expect(body.supported).toBe(true);
    expect(body.people).toEqual([
      expect.objectContaining({ name: 'alice', principalUrl: expect.stringMatching(/\/principals\/user\/alice\/$/) }),
    ]);
    const none = await search(uniqueName('nobody'));
    expect(none.json()).toEqual({ supported: true, people: [] });
  });

  it('checks the request: a missing query is invalid, a collection not the user’s is 404', async () => {
    const missing = await c.get(`/api/v1/principals?collectionUrl=${encodeURIComponent(calendarUrl)}`);
    expect(missing.status).toBe(400);
    expect(missing.json().error.code).toBe('invalid-request');
    const foreign = await c.get(`/api/v1/principals?collectionUrl=${encodeURIComponent(`${calendarUrl}nope/`)}&q=bob`);
    expect(foreign.status).toBe(404);
  });
});
