// Issue 10, items 8 to 13, against the built bridge as a real HTTPS process and real DAV servers (the harness's):
// guest-link limits, guest passwords, timeouts, keys, login CSRF, the database.
import { serversUnderTest } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../../outlook-addin/test/support/bridge-process.js';

jest.setTimeout(60_000);

const servers = serversUnderTest();
const server = servers[0]!;
const davServers = [{ id: server.name, label: server.name, url: server.baseUrl }];
const gilles = server.users.alice; // Gilles, the owner (the harness's first user)

describe('item 12: sign-in refuses cross-site posts (login CSRF)', () => {
  let bridge: RunningBridge;
  beforeAll(async () => {
    bridge = await startBridge({ davServers });
  });
  afterAll(async () => bridge?.stop());

  const credentials = { server: server.name, username: gilles.username, password: gilles.password };

  it('refuses an HTML form post, even with the right credentials, with a stable code in English and French', async () => {
    const res = await bridge.client().send('POST', '/api/v1/session', {
      form: credentials,
      headers: { origin: 'https://evil.example.com' },
    });
    expect(res.status).toBe(415);
    expect(res.json().error.code).toBe('sign-in-json-required');
    expect(res.json().error.messages.fr).toMatch(/JSON/);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a text/plain post shaped like JSON (a form with enctype="text/plain")', async () => {
    const res = await bridge.client().send('POST', '/api/v1/session', {
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(credentials),
    });
    expect(res.status).toBe(415);
    expect(res.json().error.code).toBe('sign-in-json-required');
  });

  it('refuses JSON whose Origin is another site', async () => {
    const res = await bridge.client().send('POST', '/api/v1/session', {
      json: credentials,
      headers: { origin: 'https://evil.example.com' },
    });
    expect(res.status).toBe(403);
    expect(res.json().error.code).toBe('sign-in-cross-site');
    expect(res.json().error.messages.en).toMatch(/another site/);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('signs in from the bridge itself (same Origin) and from clients that send no Origin', async () => {
    const same = await bridge.client().send('POST', '/api/v1/session', {
      json: credentials,
      headers: { origin: bridge.baseUrl },
    });
    expect(same.status).toBe(200);
    expect((await bridge.client().signIn(gilles.username, gilles.password, server.name)).status).toBe(200);
  });
});
