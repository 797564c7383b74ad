// Issue 16: a graceful shutdown with the cluster's runner (pg-boss on real PostgreSQL), against real Radicale behind
// a slow proxy that records every request. One bridge works a round's job when it gets SIGTERM: readiness answers 503
// at once, the run in flight completes and is recorded, the process exits with 0, and a second bridge on the same
// database afterwards does not run that job again (it was completed, not left to expire and be retried).
import PgBoss from 'pg-boss';
import pg from 'pg';
import { testServers, uniqueName } from '../harness/servers.js';
import { freshPostgresDatabase, postgresUnderTest, type TestDatabase } from '../harness/databases.js';
import { startBridge, type RunningBridge } from '../support/bridge.js';
import { clusterSettings, queueSyncRound } from '../support/cluster.js';
import { startDavProxy, type DavProxy } from '../support/dav-proxy.js';
import { basic, makeCalendar, putEvent } from '../support/dav-fixtures.js';
import { event } from '../support/items.js';
import type { SubscriptionView } from '../../outlook-addin/src/middle-tier/contract/subscriptions.js';

jest.setTimeout(180_000);

const radicale = testServers.radicale;
const gilles = radicale.users.alice;
const auth = basic(gilles.username, gilles.password);
// Short enough that a job left active by the stopped instance would be taken over by the second one within the
// test; long enough (well over the slow run's few seconds) that the run in flight is never taken over while it runs.
const LEASE_SECONDS = 12;
const describePg = postgresUnderTest() ? describe : describe.skip;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describePg('SIGTERM with the PostgreSQL job queue (pg-boss)', () => {
  let db: TestDatabase;
  let proxy: DavProxy;
  const bridges: RunningBridge[] = [];

  beforeAll(async () => {
    db = await freshPostgresDatabase('cluster-sigterm');
    proxy = await startDavProxy(radicale.rootUrl);
  });
  afterAll(async () => {
    for (const b of bridges) await b.stop().catch(() => undefined);
    await proxy?.close();
    await db?.drop();
  });

  it('readiness 503 at once, the run in flight is completed and recorded, exit 0, and no other instance runs it again', async () => {
    const viaProxy = [{ id: 'radicale', label: 'Radicale', url: proxy.url }];
    const options = {
      davServers: viaProxy,
      extra: clusterSettings(db.url),
    };
    const start = async () => {
      process.env['DAV_BRIDGE_SYNC_LEASE_SECONDS'] = String(LEASE_SECONDS);
      try {
        const b = await startBridge(options);
        bridges.push(b);
        return b;
      } finally {
        delete process.env['DAV_BRIDGE_SYNC_LEASE_SECONDS'];
      }
    };
    const first = await start();
    const c = first.client();
    expect((await c.signIn(gilles.username, gilles.password, 'radicale')).status).toBe(200);
    const calUrl = await makeCalendar(
      radicale.calendarHomeUrl('alice'),
      auth,
      uniqueName('equipe'),
      'Équipe technique',
    );
    const path = new URL(calUrl).pathname;
    const created = await c.send('POST', '/api/v1/subscriptions', { json: { url: new URL(path, proxy.url).href } });
    expect(created.status).toBe(201);
    const sub = created.json<{ subscription: SubscriptionView }>().subscription;
    // Events put after the subscription's first sync: the round's run is the one that brings them (created: 12).
    const when = new Date(Date.now() + 86_400_000);
    for (let i = 0; i < 12; i++) {
      const uid = uniqueName(`cl-sigterm-${i}`);
      await putEvent(calUrl, auth, uid, event({ uid, summary: `Réunion ${i}`, start: when }));
    }

    // A slow server (each answer 700 ms) and a round, queued as the cluster's cron schedule queues it.
    proxy.delayMs = 700;
    const roundStart = Date.now();
    await queueSyncRound(PgBoss, db.url);
    const runStarts = (after: number) =>
      proxy.requests.filter((r) => r.start >= after && r.method === 'PROPFIND' && r.depth === '0' && r.path === path);
    for (let i = 0; i < 400 && runStarts(roundStart).length === 0; i++) await sleep(50);
    expect(runStarts(roundStart)).toHaveLength(1);

    // The run is in flight: SIGTERM.
    const exited = new Promise<number | null>((resolve) => first.process.once('exit', (code) => resolve(code)));
    first.process.kill('SIGTERM');
    let ready = await c.get('/health/ready');
    for (let i = 0; i < 40 && ready.status === 200; i++) {
      await sleep(25);
      ready = await c.get('/health/ready');
    }
    expect(ready.status).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'not-ready', checks: { shuttingDown: true } });
    const during = (await c.get('/api/v1/subscriptions')).json<{ subscriptions: SubscriptionView[] }>();
    expect(during.subscriptions.find((s) => s.id === sub.id)!.sync.running).toBe(true);
    expect(await exited).toBe(0);
    const exitedAt = Date.now();
    expect(proxy.requests.every((r) => r.end !== undefined)).toBe(true);

    // The job is completed in the queue (not active, not waiting for a retry).
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const jobs = await client.query<{ state: string }>(
        `SELECT state FROM pgboss.job WHERE name = 'dav-bridge-sync' AND singleton_key = $1`,
        [sub.id],
      );
      expect(jobs.rows.map((r) => r.state)).toEqual(['completed']);
    } finally {
      await client.end();
    }

    // A second instance on the same database: the run is recorded, and it does not run the job again, even past
    // the lease and pg-boss's maintenance pass that would hand it an abandoned job.
    proxy.delayMs = 0;
    const second = await start();
    const c2 = second.client();
    expect((await c2.signIn(gilles.username, gilles.password, 'radicale')).status).toBe(200);
    const after = (await c2.get('/api/v1/subscriptions'))
      .json<{ subscriptions: SubscriptionView[] }>()
      .subscriptions.find((s) => s.id === sub.id)!;
    expect(Date.parse(after.sync.lastRun ?? '')).toBeGreaterThanOrEqual(roundStart);
    expect(after.sync).toMatchObject({ ok: true, running: false, bridge: { created: 12 } });
    await sleep((LEASE_SECONDS + 6) * 1000);
    expect(runStarts(exitedAt)).toHaveLength(0);
    expect(runStarts(roundStart)).toHaveLength(1);
  });
});
