// Sign-in, sessions, CSRF and logout of the bridge server, over real HTTPS, against real Radicale and Cyrus.
import { serversUnderTest, type TestServer } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../support/bridge.js';

jest.setTimeout(60_000);

const servers = serversUnderTest();
const davServers = servers.map((s) => ({ id: s.name, label: `Test ${s.name}`, url: s.baseUrl }));

let bridge: RunningBridge;
beforeAll(async () => {
  bridge = await startBridge({ davServers, limits: { signInPerIp: { max: 100, windowMs: 60_000 } } });
});
afterAll(async () => bridge?.stop());

describe.each(servers.map((s): [string, TestServer] => [s.name, s]))('bridge sign-in on %s', (name, server) => {
  it('signs in with the DAV password and sets a Secure, HttpOnly, SameSite=None session cookie', async () => {
    const c = bridge.client();
    const res = await c.signIn('alice', server.users.alice.password, name);
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.user).toEqual({ username: 'alice', server: { id: name, label: `Test ${name}` } });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(body)).not.toContain(server.users.alice.password);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).join('\n');
    expect(cookie).toMatch(/^__Host-davbridge-session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=None/);

    const session = await c.get('/api/v1/session');
    expect(session.status).toBe(200);
    expect(session.json().user.username).toBe('alice');
    expect(session.json().csrfToken).toBe(body.csrfToken);
  });

  it('refuses a wrong password with a bilingual authentication-failed error', async () => {
    const c = bridge.client();
    const res = await c.signIn('bob', 'not-bobs-password', name);
    expect(res.status).toBe(401);
    const { error } = res.json();
    expect(error.code).toBe('authentication-failed');
    expect(error.messages.en).toMatch(/rejected/);
    expect(error.messages.fr).toMatch(/refusé/);
    expect(c.cookies.size).toBe(0);
  });

  it('answers in French when the pane asks for French', async () => {
    const c = bridge.client();
    const res = await c.send('POST', '/api/v1/session', {
      json: { username: 'bob', password: 'wrong', server: name },
      headers: { 'accept-language': 'fr-FR,fr;q=0.9' },
    });
    expect(res.json().error.message).toBe(res.json().error.messages.fr);
  });

  it('logs out (CSRF token required), after which the session is gone', async () => {
    const c = bridge.client();
    await c.signIn('carol', server.users.carol.password, name);
    const token = c.csrfToken;
    c.csrfToken = undefined;
    const noToken = await c.send('DELETE', '/api/v1/session');
    expect(noToken.status).toBe(403);
    expect(noToken.json().error.code).toBe('csrf-rejected');
    const wrongToken = await c.send('DELETE', '/api/v1/session', { headers: { 'x-csrf-token': 'A'.repeat(43) } });
    expect(wrongToken.status).toBe(403);
    c.csrfToken = token;
    const oldCookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const out = await c.send('DELETE', '/api/v1/session');
    expect(out.status).toBe(204);
    // The browser drops the cookie; a replayed old cookie must not work either.
    const after = await bridge.client().get('/api/v1/session', { cookie: oldCookie });
    expect(after.status).toBe(401);
    expect(after.json().error.code).toBe('not-signed-in');
  });
});

describe('bridge sign-in rules', () => {
  it('lists the allowed servers without their URLs', async () => {
    const res = await bridge.client().get('/api/v1/servers');
    expect(res.status).toBe(200);
    expect(res.json().servers).toEqual(davServers.map(({ id, label }) => ({ id, label })));
    expect(res.text).not.toContain('127.0.0.1');
  });

  it("suggests the allowed server that the address's domain leads to through its real well-known URI", async () => {
    // 127.0.0.1 is the address's domain; the first allowed server there answers /.well-known/caldav with a redirect
    // (Radicale: 301 to /), whose origin is that server's. No credentials are involved.
    const res = await bridge.client().get(`/api/v1/servers?email=${encodeURIComponent('gilles@127.0.0.1')}`);
    expect(res.status).toBe(200);
    expect(res.json().suggested).toBe(servers[0]!.name);
    expect(res.json().servers).toEqual(davServers.map(({ id, label }) => ({ id, label })));
  });

  it('suggests nothing for a domain that leads to no allowed server (the deadline: suggest-server.test.ts)', async () => {
    for (const email of ['francois@unknown.invalid', 'francois@localhost', 'not-an-address', 'x@127.0.0.1:22/x']) {
      const res = await bridge.client().get(`/api/v1/servers?email=${encodeURIComponent(email)}`);
      expect(res.status).toBe(200);
      expect(res.json().suggested).toBeUndefined();
      expect(res.json().servers).toHaveLength(davServers.length);
    }
  });

  it('rate-limits server look-ups per client, still answering the list', async () => {
    const limited = await startBridge({ davServers, limits: { serverLookupPerIp: { max: 1, windowMs: 60_000 } } });
    try {
      const c = limited.client();
      const ask = () => c.get(`/api/v1/servers?email=${encodeURIComponent('gilles@127.0.0.1')}`);
      expect((await ask()).json().suggested).toBe(servers[0]!.name);
      const second = await ask();
      expect(second.status).toBe(200);
      expect(second.json().suggested).toBeUndefined();
      expect(second.json().servers).toHaveLength(davServers.length);
    } finally {
      await limited.stop();
    }
  });

  it('never contacts a host the administrator did not allow (a URL instead of a server id is refused)', async () => {
    const c = bridge.client();
    for (const server of ['http://169.254.169.254/', 'http://127.0.0.1:22/', 'evil']) {
      const res = await c.signIn('alice', 'alicepw', server);
      expect(res.status).toBe(400);
      expect(res.json().error.code).toBe('server-not-allowed');
    }
  });

  it('rejects requests without a session', async () => {
    const res = await bridge.client().get('/api/v1/collections');
    expect(res.status).toBe(401);
    expect(res.json().error.code).toBe('not-signed-in');
    const forged = await bridge
      .client()
      .get('/api/v1/collections', { cookie: `__Host-davbridge-session=${'x'.repeat(43)}` });
    expect(forged.status).toBe(401);
  });

  it('rejects malformed sign-in bodies', async () => {
    const res = await bridge.client().send('POST', '/api/v1/session', { json: { username: 42 } });
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('invalid-request');
  });

  it('rate-limits repeated failed sign-ins (brute force)', async () => {
    const limited = await startBridge({ davServers, limits: { signInPerIp: { max: 3, windowMs: 60_000 } } });
    try {
      const c = limited.client();
      const server = servers[0]!;
      for (let i = 0; i < 3; i++) expect((await c.signIn('alice', `wrong-${i}`, server.name)).status).toBe(401);
      const blocked = await c.signIn('alice', server.users.alice.password, server.name);
      expect(blocked.status).toBe(429);
      expect(blocked.json().error.code).toBe('too-many-attempts');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });

  it('expires sessions after the configured lifetime', async () => {
    const shortLived = await startBridge({ davServers, sessionTtlSeconds: 1 });
    try {
      const c = shortLived.client();
      const server = servers[0]!;
      expect((await c.signIn('alice', server.users.alice.password, server.name)).status).toBe(200);
      expect((await c.get('/api/v1/session')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1500));
      const res = await c.get('/api/v1/session', { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') });
      expect(res.status).toBe(401);
      expect(res.json().error.code).toBe('session-expired');
    } finally {
      await shortLived.stop();
    }
  });

  it('stores the DAV password encrypted, never in clear in the database', async () => {
    const c = bridge.client();
    const server = servers[0]!;
    await c.signIn('alice', server.users.alice.password, server.name);
    const { readFileSync, readdirSync } = await import('node:fs');
    const files = readdirSync(bridge.dataDir).filter((f) => f.startsWith('bridge.sqlite'));
    for (const f of files) {
      expect(readFileSync(`${bridge.dataDir}/${f}`).includes(Buffer.from(server.users.alice.password))).toBe(false);
    }
  });
});
