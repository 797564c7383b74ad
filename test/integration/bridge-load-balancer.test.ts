// Issue 16 (scale-out), item 1: the bridge behind a load balancer. Real bridge processes over HTTPS, real Radicale:
// the trustProxy setting (client address, scheme and host from X-Forwarded-* only when configured), the liveness and
// readiness probes, and a graceful shutdown on SIGTERM that lets a sync run in flight finish and commit its status.
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testServers, uniqueName } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../support/bridge.js';
import { startDavProxy } from '../support/dav-proxy.js';
import { basic, makeCalendar, putEvent } from '../support/dav-fixtures.js';
import { event } from '../support/items.js';
import type { SubscriptionView } from '../../outlook-addin/src/middle-tier/contract/subscriptions.js';

jest.setTimeout(120_000);

const radicale = testServers.radicale;
const gilles = radicale.users.alice;
const auth = basic(gilles.username, gilles.password);
const davServers = [{ id: 'radicale', label: 'Radicale', url: radicale.baseUrl }];
const unknownToken = (i: number) => Buffer.from(`lb-unknown-${i}`.padEnd(32, '.')).toString('base64url');

async function withBridge(extra: Record<string, unknown>, fn: (b: RunningBridge) => Promise<void>): Promise<void> {
  const bridge = await startBridge({
    davServers,
    limits: { guestMissesPerIp: { max: 3, windowMs: 600_000 } },
    extra,
    publicOrigin: true,
  });
  try {
    await fn(bridge);
  } finally {
    await bridge.stop();
  }
}

describe('trustProxy', () => {
  it('a hop count (trustProxy: 1) keys rate limits on the forwarded client', async () => {
    await withBridge({ trustProxy: 1 }, async (bridge) => {
      const from = (address: string, i: number) =>
        bridge.client().get(`/g/${unknownToken(i)}.ics`, { 'x-forwarded-for': address });
      for (let i = 1; i <= 3; i++) expect((await from('203.0.113.9', i)).status).toBe(404);
      expect((await from('203.0.113.9', 4)).status).toBe(429);
      // Another client behind the same proxy has its own budget.
      expect((await from('203.0.113.10', 5)).status).toBe(404);
    });
  });

  it('off: a spoofed X-Forwarded-Proto/-Host is ignored (no redirect, the sign-in origin is the real one)', async () => {
    await withBridge({}, async (bridge) => {
      const spoofed = { 'x-forwarded-proto': 'http', 'x-forwarded-host': 'evil.example' };
      const caps = await bridge.client().get('/api/v1/capabilities', spoofed);
      expect(caps.status).toBe(200);
      const signIn = await bridge.client().send('POST', '/api/v1/session', {
        json: { username: gilles.username, password: 'not-the-password', server: 'radicale' },
        headers: { ...spoofed, 'x-forwarded-proto': 'https', origin: 'https://evil.example' },
      });
      expect(signIn.status).toBe(403);
      expect(signIn.json().error.code).toBe('sign-in-cross-site');
    });
  });

  it('on: a client that reached the proxy over plain HTTP is redirected to the public HTTPS address', async () => {
    await withBridge({ trustProxy: '127.0.0.1' }, async (bridge) => {
      const res = await bridge.client().get('/taskpane.html?x=1', {
        'x-forwarded-proto': 'http',
        'x-forwarded-for': '198.51.100.4',
      });
      expect(res.status).toBe(308);
      // The configured public address, never a header's host.
      expect(res.headers['location']).toBe(`${bridge.origin}/taskpane.html?x=1`);
      expect(res.headers['set-cookie']).toBeUndefined();
      // Over HTTPS at the proxy: served, and the session cookie is Secure.
      const ok = await bridge.client().get('/api/v1/capabilities', { 'x-forwarded-proto': 'https' });
      expect(ok.status).toBe(200);
    });
  });

  it('on: a sign-in from the address the browser used at the proxy (X-Forwarded-Proto/-Host) is not cross-site', async () => {
    await withBridge({ trustProxy: '127.0.0.1' }, async (bridge) => {
      const c = bridge.client();
      const res = await c.send('POST', '/api/v1/session', {
        json: { username: gilles.username, password: gilles.password, server: 'radicale' },
        headers: {
          origin: 'https://agenda.example.org',
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'agenda.example.org',
        },
      });
      expect(res.status).toBe(200);
      const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).join('\n');
      expect(cookie).toMatch(/__Host-davbridge-session=.*; Secure/i);
      // Another site still is.
      const other = await bridge.client().send('POST', '/api/v1/session', {
        json: { username: gilles.username, password: gilles.password, server: 'radicale' },
        headers: {
          origin: 'https://evil.example',
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'agenda.example.org',
        },
      });
      expect(other.status).toBe(403);
    });
  });
});

describe('health probes', () => {
  it('GET /health/live and /health/ready answer 200, and both are in the OpenAPI document', async () => {
    await withBridge({}, async (bridge) => {
      const c = bridge.client();
      const live = await c.get('/health/live');
      expect(live.status).toBe(200);
      expect(live.json()).toEqual({ status: 'live' });
      const ready = await c.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready', checks: { store: 'ok', shuttingDown: false } });
      expect(ready.headers['cache-control']).toBe('no-store');
      const doc = (await c.get('/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
      expect(Object.keys(doc.paths['/health/live'] ?? {})).toEqual(['get']);
      expect(Object.keys(doc.paths['/health/ready'] ?? {})).toEqual(['get']);
    });
  });
});

describe('graceful shutdown on SIGTERM', () => {
  it('readiness goes 503 at once, the sync run in flight finishes and its status is committed, exit code 0', async () => {
    const calUrl = await makeCalendar(
      radicale.calendarHomeUrl('alice'),
      auth,
      uniqueName('equipe'),
      'Équipe technique',
    );
    const proxy = await startDavProxy(radicale.rootUrl);
    const dataDir = mkdtempSync(join(tmpdir(), 'dav-bridge-sigterm-'));
    const calThroughProxy = new URL(new URL(calUrl).pathname, proxy.url).toString();
    const viaProxy = [{ id: 'radicale', label: 'Radicale', url: proxy.url }];
    try {
      const bridge = await startBridge({ davServers: viaProxy, dataDir, logLevel: 'info' });
      const c = bridge.client();
      expect((await c.signIn(gilles.username, gilles.password, 'radicale')).status).toBe(200);
      const created = await c.send('POST', '/api/v1/subscriptions', { json: { url: calThroughProxy } });
      expect(created.status).toBe(201);
      const sub = created.json<{ subscription: SubscriptionView }>().subscription;

      const start = new Date(Date.now() + 86_400_000);
      for (let i = 0; i < 12; i++) {
        const uid = uniqueName(`sigterm-${i}`);
        await putEvent(calUrl, auth, uid, event({ uid, summary: `Réunion ${i}`, start }));
      }
      // A slow server: every answer takes 700 ms, so the run lasts several seconds.
      proxy.delayMs = 700;
      const started = await c.send('POST', `/api/v1/subscriptions/${sub.id}/sync?wait=false`);
      expect(started.status).toBe(202);
      expect(started.json().subscription.sync.running).toBe(true);

      const exited = new Promise<number | null>((resolve) => bridge.process.once('exit', (code) => resolve(code)));
      bridge.process.kill('SIGTERM');
      // At once (as soon as the signal is handled): not ready any more, so the load balancer stops sending traffic,
      // while the run goes on.
      let ready = await c.get('/health/ready');
      for (let i = 0; i < 40 && ready.status === 200; i++) {
        await new Promise((r) => setTimeout(r, 25));
        ready = await c.get('/health/ready');
      }
      expect(ready.status).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'not-ready', checks: { shuttingDown: true } });
      const during = (await c.get('/api/v1/subscriptions')).json<{ subscriptions: SubscriptionView[] }>();
      expect(during.subscriptions.find((s) => s.id === sub.id)!.sync.running).toBe(true);
      expect((await c.get('/health/live')).status).toBe(200);
      // No new run starts.
      const another = await c.send('POST', `/api/v1/subscriptions/${sub.id}/sync`);
      expect([200, 503]).toContain(another.status); // 200: it joined the run in flight
      expect(await exited).toBe(0);
      const requestsAtExit = proxy.requests.length;
      expect(proxy.requests.every((r) => r.end !== undefined)).toBe(true);

      // The run's status was committed before the process exited: a new process over the same data reads it.
      proxy.delayMs = 0;
      const again = await startBridge({ davServers: viaProxy, dataDir });
      try {
        const c2 = again.client();
        expect((await c2.signIn(gilles.username, gilles.password, 'radicale')).status).toBe(200);
        const list = (await c2.get('/api/v1/subscriptions')).json<{ subscriptions: SubscriptionView[] }>();
        const after = list.subscriptions.find((s) => s.id === sub.id)!;
        expect(after.sync).toMatchObject({ ok: true, running: false, bridge: { created: 12 } });
        expect(proxy.requests.length).toBeGreaterThan(requestsAtExit); // (the sign-in's discovery: a live proxy)
      } finally {
        await again.stop();
      }
    } finally {
      await proxy.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
