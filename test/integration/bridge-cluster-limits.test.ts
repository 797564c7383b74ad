// Issue 16 item 4: two bridge instances (two `serve.js` processes) on one PostgreSQL database, in front of real
// Radicale, behave as one: a session made on one works on the other; a guest-link password guessed against both
// in turn is locked out after the same number of tries as against one; the per-client guest-password and sign-in
// rate limits count across both (they live in the store's rate-limit aggregate, not in each process's memory).
// Client addresses come from X-Forwarded-For (trustProxy), so each check can use addresses of its own.
import { randomBytes } from 'node:crypto';
import { freshPostgresDatabase, postgresUnderTest, type TestDatabase } from '../harness/databases.js';
import { serversUnderTest, uniqueName } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../support/bridge.js';
import { basic, makeCalendar } from '../support/dav-fixtures.js';
import type { HttpsClient } from '../support/https-client.js';

jest.setTimeout(120_000);

const server = serversUnderTest()[0]!;
const davServers = [{ id: server.name, label: server.name, url: server.baseUrl }];
const LOCK_AFTER = 4;
const PER_CLIENT = 3;
const describeIfPostgres = postgresUnderTest() ? describe : describe.skip;

describeIfPostgres(`two bridge instances on one PostgreSQL database (real PostgreSQL and ${server.name})`, () => {
  let db: TestDatabase;
  let a: RunningBridge;
  let b: RunningBridge;
  beforeAll(async () => {
    db = await freshPostgresDatabase('cluster');
    // Instances of one cluster share the database and the master key (each has its own TLS certificate here).
    const extra = {
      database: { url: db.url },
      encryptionKey: randomBytes(32).toString('base64'),
      trustProxy: true,
      guestLinks: { requirePassword: false, maxExpiryDays: null, lockAfterWrongPasswords: LOCK_AFTER },
    };
    const limits = {
      signInPerIp: { max: PER_CLIENT, windowMs: 60_000 },
      guestPasswordPerLink: { max: PER_CLIENT, windowMs: 60_000 },
    };
    [a, b] = await Promise.all([
      startBridge({ davServers, limits, extra }),
      startBridge({ davServers, limits, extra }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  /** Gilles (alice on the test server) signed in on instance A, the same session copied into a client of B. */
  async function sessionOnBoth(): Promise<[HttpsClient, HttpsClient]> {
    const onA = a.client();
    const signed = await onA.send('POST', '/api/v1/session', {
      json: { username: 'alice', password: server.users.alice.password, server: server.name },
      headers: from('192.0.2.10'),
    });
    expect(signed.status).toBe(200);
    onA.csrfToken = signed.json().csrfToken;
    const onB = b.client();
    for (const [k, v] of onA.cookies) onB.cookies.set(k, v);
    onB.csrfToken = onA.csrfToken;
    return [onA, onB];
  }

  async function passwordLink(owner: HttpsClient, password: string): Promise<string> {
    const auth = basic('alice', server.users.alice.password);
    const calendarUrl = await makeCalendar(
      server.calendarHomeUrl('alice'),
      auth,
      uniqueName('cluster'),
      'Équipe technique',
    );
    const res = await owner.send('POST', '/api/v1/guest-links', { json: { collectionUrl: calendarUrl, password } });
    expect(res.status).toBe(201);
    return new URL(res.json().guestLink.url).pathname;
  }

  it('a session made on one instance works on the other, and signing out on it ends it on both', async () => {
    const [onA, onB] = await sessionOnBoth();
    expect((await onB.get('/api/v1/guest-links')).status).toBe(200);
    const link = await passwordLink(onB, 'sesame-123');
    expect(
      (await onA.get('/api/v1/guest-links')).json().guestLinks.map((l: { url: string }) => new URL(l.url).pathname),
    ).toContain(link);
    expect((await onB.send('DELETE', '/api/v1/session')).status).toBeLessThan(300);
    expect((await onA.get('/api/v1/guest-links')).status).toBe(401);
  });

  it('a guest-link password guessed against both instances in turn locks after the same number of tries as on one', async () => {
    const [owner] = await sessionOnBoth();
    const link = await passwordLink(owner, 'sesame-123');
    // Each guess from a new address: only the link's own lock (from all addresses together) can stop them.
    for (let i = 0; i < LOCK_AFTER; i++) {
      const guess = await (i % 2 ? b : a).client().send('POST', link, {
        form: { password: `guess-${i}` },
        headers: from(`198.51.100.${i + 1}`),
      });
      expect(guess.status).toBe(401);
    }
    for (const instance of [a, b]) {
      const right = await instance.client().send('POST', link, {
        form: { password: 'sesame-123' },
        headers: from('198.51.100.200'),
      });
      expect(right.status).toBe(403); // locked: even the right password waits for the owner's unlock
    }
  });

  it("one address's guest-password budget counts across both instances", async () => {
    const [owner] = await sessionOnBoth();
    const link = await passwordLink(owner, 'sesame-123');
    for (let i = 0; i < PER_CLIENT; i++) {
      const guess = await (i % 2 ? b : a).client().send('POST', link, {
        form: { password: `guess-${i}` },
        headers: from('203.0.113.7'),
      });
      expect(guess.status).toBe(401);
    }
    for (const instance of [a, b]) {
      const blocked = await instance.client().send('POST', link, {
        form: { password: 'sesame-123' },
        headers: from('203.0.113.7'),
      });
      expect(blocked.status).toBe(429);
    }
  });

  it('the sign-in rate limit holds across both instances', async () => {
    for (let i = 0; i < PER_CLIENT; i++) {
      const wrong = await (i % 2 ? b : a).client().send('POST', '/api/v1/session', {
        json: { username: 'alice', password: `wrong-${i}`, server: server.name },
        headers: from('203.0.113.99'),
      });
      expect(wrong.status).toBe(401);
    }
    for (const instance of [a, b]) {
      const blocked = await instance.client().send('POST', '/api/v1/session', {
        json: { username: 'alice', password: server.users.alice.password, server: server.name },
        headers: from('203.0.113.99'),
      });
      expect(blocked.status).toBe(429);
    }
  });
});
