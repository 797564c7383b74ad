// Issue 10, items 8 to 13, against the built bridge as a real HTTPS process and real DAV servers (the harness's):
// guest-link limits, guest passwords, timeouts, keys, login CSRF, the database.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { serversUnderTest, uniqueName } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../support/bridge.js';
import { basic, makeCalendar } from '../support/dav-fixtures.js';
import type { HttpsClient } from '../support/https-client.js';

jest.setTimeout(60_000);

const servers = serversUnderTest();
const server = servers[0]!;
const davServers = [{ id: server.name, label: server.name, url: server.baseUrl }];
const gilles = server.users.alice; // Gilles, the owner (the harness's first user)
const pathOf = (url: string) => new URL(url).pathname;
/** A well-formed token no link has. */
const unknownToken = (i: number) => Buffer.from(`unknown-${i}`.padEnd(32, '.')).toString('base64url');

let calendarUrl: string;
beforeAll(async () => {
  calendarUrl = await makeCalendar(
    server.calendarHomeUrl('alice'),
    basic(gilles.username, gilles.password),
    uniqueName('sec'),
    'Équipe technique',
  );
});

async function ownerOf(bridge: RunningBridge): Promise<HttpsClient> {
  const owner = bridge.client();
  expect((await owner.signIn(gilles.username, gilles.password, server.name)).status).toBe(200);
  return owner;
}

async function createLink(owner: HttpsClient, body: Record<string, unknown> = {}) {
  const res = await owner.send('POST', '/api/v1/guest-links', { json: { collectionUrl: calendarUrl, ...body } });
  expect(res.status).toBe(201);
  return res.json().guestLink;
}

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

describe('item 8: polling a dead link does not block live ones; limits per client network', () => {
  it('a revoked or expired link answers 404/410 without counting as a miss, so live links keep working', async () => {
    const bridge = await startBridge({ davServers, limits: { guestMissesPerIp: { max: 3, windowMs: 600_000 } } });
    try {
      const owner = await ownerOf(bridge);
      const revoked = await createLink(owner);
      expect((await owner.send('DELETE', `/api/v1/guest-links/${revoked.id}`)).status).toBe(204);
      const expired = await createLink(owner, { expiresAt: new Date(Date.now() + 1000).toISOString() });
      await new Promise((r) => setTimeout(r, 1200));
      const calendarApp = bridge.client(); // an old subscription, polling every few minutes
      for (let i = 0; i < 6; i++) {
        expect((await calendarApp.get(pathOf(revoked.icsUrl))).status).toBe(404);
        expect((await calendarApp.get(pathOf(expired.icsUrl))).status).toBe(410);
      }
      const live = await createLink(owner);
      const feed = await bridge.client().get(pathOf(live.icsUrl));
      expect(feed.status).toBe(200);
      expect(feed.text).toContain('BEGIN:VCALENDAR');
    } finally {
      await bridge.stop();
    }
  });

  it('Retry-After gives the real time left in the window', async () => {
    const bridge = await startBridge({ davServers, limits: { guestMissesPerIp: { max: 3, windowMs: 600_000 } } });
    try {
      const c = bridge.client();
      for (let i = 0; i < 3; i++) expect((await c.get(`/g/${unknownToken(i)}.ics`)).status).toBe(404);
      const blocked = await c.get(`/g/${unknownToken(3)}.ics`);
      expect(blocked.status).toBe(429);
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(590);
      expect(retryAfter).toBeLessThanOrEqual(600);
    } finally {
      await bridge.stop();
    }
  });

  it('with trustProxy, limits key on the forwarded client: an IPv6 /64 counts as one client', async () => {
    const bridge = await startBridge({
      davServers,
      limits: { guestMissesPerIp: { max: 3, windowMs: 600_000 } },
      extra: { trustProxy: '127.0.0.1' },
    });
    try {
      const from = (address: string, i: number) =>
        bridge.client().get(`/g/${unknownToken(i)}.ics`, { 'x-forwarded-for': address });
      for (let i = 1; i <= 3; i++) expect((await from(`2001:db8:1:2::${i}`, i)).status).toBe(404);
      expect((await from('2001:db8:1:2::ffff', 4)).status).toBe(429); // same /64: same client
      expect((await from('2001:db8:1:3::1', 5)).status).toBe(404); // another network
      expect((await from('198.51.100.7', 6)).status).toBe(404);
    } finally {
      await bridge.stop();
    }
  });

  it('without trustProxy, X-Forwarded-For is ignored (a client cannot pick the address it is counted as)', async () => {
    const bridge = await startBridge({ davServers, limits: { guestMissesPerIp: { max: 3, windowMs: 600_000 } } });
    try {
      for (let i = 1; i <= 3; i++) {
        const res = await bridge.client().get(`/g/${unknownToken(i)}.ics`, { 'x-forwarded-for': `198.51.100.${i}` });
        expect(res.status).toBe(404);
      }
      const res = await bridge.client().get(`/g/${unknownToken(9)}.ics`, { 'x-forwarded-for': '198.51.100.99' });
      expect(res.status).toBe(429);
    } finally {
      await bridge.stop();
    }
  });
});

describe('item 9: guest passwords', () => {
  const password = 'Équipe-tech pour François';

  it('caps wrong passwords per link across all addresses: the link locks, the owner sees it and unlocks it', async () => {
    const bridge = await startBridge({
      davServers,
      limits: { guestPasswordPerLink: { max: 3, windowMs: 600_000 } },
      extra: { trustProxy: '127.0.0.1', guestLinks: { lockAfterWrongPasswords: 5 } },
    });
    try {
      const owner = await ownerOf(bridge);
      const link = await createLink(owner, { password });
      expect(link).toMatchObject({ locked: false, wrongPasswords: 0 });
      // An attacker rotating addresses: each one stays under the per-address limit (3).
      for (let i = 1; i <= 5; i++) {
        const guess = await bridge.client().send('POST', pathOf(link.url), {
          form: { password: `guess number ${i}` },
          headers: { 'x-forwarded-for': `198.51.100.${i}` },
        });
        expect(guess.status).toBe(401);
      }
      // Locked now: even the right password, from a fresh address, is not checked.
      const francois = bridge.client();
      const refused = await francois.send('POST', pathOf(link.url), {
        form: { password },
        headers: { 'x-forwarded-for': '203.0.113.50', 'accept-language': 'fr' },
      });
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('Ce lien est verrouillé');
      const feed = await bridge.client().get(pathOf(link.icsUrl), {
        authorization: basic('guest', password),
        'x-forwarded-for': '203.0.113.51',
      });
      expect(feed.status).toBe(403);

      const listed = (await owner.get('/api/v1/guest-links'))
        .json()
        .guestLinks.find((l: { id: string }) => l.id === link.id);
      expect(listed).toMatchObject({ locked: true, wrongPasswords: 5 });
      expect(listed.lockedAt).toEqual(expect.any(String));

      const unlocked = await owner.send('POST', `/api/v1/guest-links/${link.id}/unlock`);
      expect(unlocked.status).toBe(200);
      expect(unlocked.json().guestLink).toMatchObject({ locked: false, lockedAt: null, wrongPasswords: 0 });
      const inAgain = await francois.send('POST', pathOf(link.url), {
        form: { password },
        headers: { 'x-forwarded-for': '203.0.113.50' },
      });
      expect(inAgain.status).toBe(303);
      const feedAgain = await bridge.client().get(pathOf(link.icsUrl), { authorization: basic('guest', password) });
      expect(feedAgain.status).toBe(200);

      // Only the owner can unlock (someone else's link looks missing).
      const bob = bridge.client();
      await bob.signIn('bob', server.users.bob.password, server.name);
      expect((await bob.send('POST', `/api/v1/guest-links/${link.id}/unlock`)).status).toBe(404);
    } finally {
      await bridge.stop();
    }
  });

  it('refuses passwords shorter than 10 characters and common ones, with stable codes in English and French', async () => {
    const bridge = await startBridge({ davServers });
    try {
      const owner = await ownerOf(bridge);
      const attempt = (pw: string) =>
        owner.send('POST', '/api/v1/guest-links', { json: { collectionUrl: calendarUrl, password: pw } });
      const short = await attempt('Fr4nçois!');
      expect(short.status).toBe(400);
      expect(short.json().error.code).toBe('password-too-short');
      expect(short.json().error.messages.fr).toMatch(/au moins 10 caractères/);
      for (const common of ['motdepasse2024!', 'Azertyuiop', 'password123', '1234567890', 'Équipe2024!!']) {
        const res = await attempt(common);
        expect({ common, status: res.status, code: res.json().error?.code }).toEqual({
          common,
          status: 400,
          code: 'password-too-common',
        });
      }
      expect((await attempt(password)).status).toBe(201);
    } finally {
      await bridge.stop();
    }
  });

  it('counts code points everywhere: a password of 150 emoji (300 UTF-16 units) is accepted and then opens the link', async () => {
    const bridge = await startBridge({ davServers });
    try {
      const owner = await ownerOf(bridge);
      const emoji = ['😀', '🎉', '🦊', '🌍', '🚀'];
      const long = Array.from({ length: 150 }, (_, i) => emoji[i % emoji.length]).join('');
      expect([long.length, [...long].length]).toEqual([300, 150]);
      const link = await createLink(owner, { password: long });
      const francois = bridge.client();
      const page = await francois.send('POST', pathOf(link.url), { form: { password: long } });
      expect(page.status).toBe(303);
      const feed = await bridge.client().get(pathOf(link.icsUrl), { authorization: basic('guest', long) });
      expect(feed.status).toBe(200);
      // Nine emoji are nine characters (18 UTF-16 units): too short.
      const short = await owner.send('POST', '/api/v1/guest-links', {
        json: { collectionUrl: calendarUrl, password: long.slice(0, 18) },
      });
      expect(short.json().error.code).toBe('password-too-short');
    } finally {
      await bridge.stop();
    }
  });

  it('reserves the per-address attempt before hashing: 12 parallel wrong passwords, at most 5 are checked, the rest 429', async () => {
    // Per address: 5 wrong passwords per 10 minutes (the default); the link itself locks only after 30.
    const bridge = await startBridge({ davServers });
    try {
      const owner = await ownerOf(bridge);
      const link = await createLink(owner, { password });
      const guesses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          bridge.client().send('POST', pathOf(link.url), { form: { password: `parallel guess ${i}` } }),
        ),
      );
      const statuses = guesses.map((g) => g.status).sort();
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(7);
      // The link's own counter (one per hashed check) saw only those 5.
      const listed = (await owner.get('/api/v1/guest-links'))
        .json()
        .guestLinks.find((l: { id: string }) => l.id === link.id);
      expect(listed).toMatchObject({ locked: false, wrongPasswords: 5 });
    } finally {
      await bridge.stop();
    }
  });

  it("applies the administrator's policies: password required, maximum expiry (a link without one gets it)", async () => {
    const bridge = await startBridge({
      davServers,
      extra: { guestLinks: { requirePassword: true, maxExpiryDays: 30 } },
    });
    try {
      const owner = await ownerOf(bridge);
      const noPassword = await owner.send('POST', '/api/v1/guest-links', { json: { collectionUrl: calendarUrl } });
      expect(noPassword.status).toBe(400);
      expect(noPassword.json().error.code).toBe('password-required');
      expect(noPassword.json().error.messages.fr).toMatch(/exige un mot de passe/);

      const tooFar = await owner.send('POST', '/api/v1/guest-links', {
        json: { collectionUrl: calendarUrl, password, expiresAt: new Date(Date.now() + 60 * 86400_000).toISOString() },
      });
      expect(tooFar.status).toBe(400);
      expect(tooFar.json().error.code).toBe('expiry-too-far');

      const link = await createLink(owner, { password });
      const expires = Date.parse(link.expiresAt);
      expect(expires).toBeGreaterThan(Date.now() + 29 * 86400_000);
      expect(expires).toBeLessThanOrEqual(Date.now() + 30 * 86400_000);

      const policy = (await owner.get('/api/v1/guest-links')).json().policy;
      expect(policy).toEqual({ minPasswordLength: 10, requirePassword: true, maxExpiryDays: 30 });
    } finally {
      await bridge.stop();
    }
  });
});

describe('item 10: time limits', () => {
  it('cuts a client that never finishes sending its request (requestTimeout), instead of holding it for ever', async () => {
    const bridge = await startBridge({ davServers, extra: { requestTimeoutMs: 1000 } });
    try {
      const { port } = new URL(bridge.baseUrl);
      const ca = readFileSync(join(bridge.dataDir, 'tls', 'localhost.crt'), 'utf8');
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port: Number(port), ca, servername: 'localhost' }, () => {
          socket.write('GET /api/v1/servers HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '); // never ends the headers
        });
        let answer = '';
        socket.on('data', (d: Buffer) => (answer += d.toString()));
        socket.on('close', () => resolve(answer.split('\r\n')[0] || 'closed'));
        socket.on('error', () => undefined);
        // A bound for the test itself: a bridge without a request timeout never closes the connection.
        setTimeout(() => {
          resolve('still open');
          socket.destroy();
        }, 20_000).unref();
      });
      expect(outcome).toMatch(/^(HTTP\/1\.1 408|closed)/);
    } finally {
      await bridge.stop();
    }
  });

  it('a guest feed whose DAV server does not answer in time is 504, not 500/502', async () => {
    // Real Radicale behind a proxy that can be told to stall its calendar queries (REPORT): no real server can be made
    // to hang on demand. Sign-in and link creation go through untouched.
    let stall = false;
    const target = new URL(server.baseUrl);
    const proxy: Server = createServer((req, res) => {
      if (stall && req.method === 'REPORT') {
        req.resume(); // read the query, never answer
        return;
      }
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const proxyBase = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${target.pathname}`;
    const bridge = await startBridge({
      davServers: [{ id: 'stalling', label: 'Radicale (stalling proxy)', url: proxyBase }],
      extra: { davTimeoutMs: 1500 },
    });
    try {
      const owner = bridge.client();
      expect((await owner.signIn(gilles.username, gilles.password, 'stalling')).status).toBe(200);
      const proxiedCalendar = calendarUrl.replace(server.baseUrl, proxyBase);
      const created = await owner.send('POST', '/api/v1/guest-links', { json: { collectionUrl: proxiedCalendar } });
      expect(created.status).toBe(201);
      const link = created.json().guestLink;
      expect((await bridge.client().get(pathOf(link.icsUrl))).status).toBe(200);
      stall = true;
      const feed = await bridge.client().get(pathOf(link.icsUrl));
      expect(feed.status).toBe(504);
      expect(feed.text).not.toContain('127.0.0.1'); // guests never see the owner's server
      const page = await bridge.client().get(pathOf(link.url), { 'accept-language': 'fr' });
      expect(page.status).toBe(504);
    } finally {
      stall = false;
      await bridge.stop();
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
    }
  });
});

describe('item 11: the master key', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dav-bridge-key-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** A bridge that signed Gilles in (sealed DAV password) and made a guest link (sealed token), then stopped. */
  async function dataWithSealedSecrets(): Promise<{ linkId: string }> {
    const bridge = await startBridge({ davServers, dataDir });
    try {
      const link = await createLink(await ownerOf(bridge));
      return { linkId: link.id };
    } finally {
      await bridge.stop();
    }
  }

  /** Starting must fail with this message; a bridge that starts anyway is stopped (no stray process) and fails. */
  async function expectRefusal(pattern: RegExp): Promise<void> {
    let started: RunningBridge | undefined;
    try {
      started = await startBridge({ davServers, dataDir });
    } catch (err) {
      expect((err as Error).message).toMatch(pattern);
      return;
    }
    await started.stop();
    throw new Error(`the bridge started; expected a refusal matching ${pattern}`);
  }

  it('refuses to start when secret.key was lost but sealed data exists, saying what to restore', async () => {
    await dataWithSealedSecrets();
    rmSync(join(dataDir, 'secret.key'));
    await expectRefusal(/secret\.key is missing.*Restore/s);
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(false); // no new key was made over the old data
  });

  it('refuses to start with another key than the one that sealed the data', async () => {
    await dataWithSealedSecrets();
    writeFileSync(join(dataDir, 'secret.key'), Buffer.alloc(32, 9).toString('base64'));
    await expectRefusal(/not the one that sealed/);
  });

  it('an empty or malformed key file is a clear startup error (no stack overflow)', async () => {
    writeFileSync(join(dataDir, 'secret.key'), '');
    await expectRefusal(/secret\.key is empty.*Restore it/s);
    writeFileSync(join(dataDir, 'secret.key'), 'not a key!\n');
    await expectRefusal(/does not hold a key/);
  });

  it('starts again with the same key, and keeps it', async () => {
    await dataWithSealedSecrets();
    const key = readFileSync(join(dataDir, 'secret.key'), 'utf8');
    const again = await startBridge({ davServers, dataDir });
    await again.stop();
    expect(readFileSync(join(dataDir, 'secret.key'), 'utf8')).toBe(key);
  });

  it('a link whose sealed token cannot be opened is still listed by id, and can be revoked', async () => {
    const { linkId } = await dataWithSealedSecrets();
    const db = new Database(join(dataDir, 'bridge.sqlite'));
    // A value sealed for another row (as a row restored from another database would be): it does not open here.
    const other = db.prepare('SELECT sealed_password FROM accounts LIMIT 1').get() as { sealed_password: string };
    db.prepare('UPDATE guest_links SET sealed_token = ? WHERE id = ?').run(other.sealed_password, linkId);
    db.close();
    const bridge = await startBridge({ davServers, dataDir });
    try {
      const owner = await ownerOf(bridge);
      const list = await owner.get('/api/v1/guest-links');
      expect(list.status).toBe(200);
      const listed = list.json().guestLinks.find((l: { id: string }) => l.id === linkId);
      expect(listed).toMatchObject({ id: linkId, unreadable: true, url: null, icsUrl: null });
      expect((await owner.send('DELETE', `/api/v1/guest-links/${linkId}`)).status).toBe(204);
      const after = (await owner.get('/api/v1/guest-links')).json().guestLinks;
      expect(after.map((l: { id: string }) => l.id)).not.toContain(linkId);
    } finally {
      await bridge.stop();
    }
  });
});
