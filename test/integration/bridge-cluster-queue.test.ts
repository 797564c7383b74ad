// Issue 16 item 3: sync jobs on a pg-boss queue in real PostgreSQL, shared by two real bridge processes, against
// real Radicale behind a slow proxy that records every request. 20 subscriptions; a round starts; one instance is
// killed (SIGKILL) in the middle of it. Checked from the DAV side: no two runs of one collection at once; every
// subscription's run goes through in the round (the survivor takes over the dead instance's job after its lease);
// each collection is run once, except the one job the killed instance held, run again after it.
import PgBoss from 'pg-boss';
import { testServers, uniqueName } from '../harness/servers.js';
import { freshPostgresDatabase, postgresUnderTest, type TestDatabase } from '../harness/databases.js';
import { startBridge, type RunningBridge } from '../support/bridge.js';
import { clusterSettings, queueSyncRound } from '../support/cluster.js';
import { startDavProxy, type DavProxy, type ProxiedRequest } from '../support/dav-proxy.js';
import { basic, makeCalendar, putEvent } from '../support/dav-fixtures.js';
import { event } from '../support/items.js';
import type { SubscriptionView } from '../../outlook-addin/src/middle-tier/contract/subscriptions.js';

jest.setTimeout(900_000);

const radicale = testServers.radicale;
const gilles = radicale.users.alice;
const auth = basic(gilles.username, gilles.password);
// The full size is 200 (CLUSTER_TEST_SUBSCRIPTIONS=200: several minutes on 2 cores); 20 by default.
const SUBSCRIPTIONS = Number(process.env['CLUSTER_TEST_SUBSCRIPTIONS'] || 20);
const describePg = postgresUnderTest() ? describe : describe.skip;

describePg('two bridges on one PostgreSQL job queue (pg-boss)', () => {
  let db: TestDatabase;
  let proxy: DavProxy;
  const bridges: RunningBridge[] = [];

  beforeAll(async () => {
    db = await freshPostgresDatabase('cluster-queue');
    proxy = await startDavProxy(radicale.rootUrl);
  });
  afterAll(async () => {
    for (const b of bridges) await b.stop().catch(() => undefined);
    await proxy?.close();
    await db?.drop();
  });

  it('one instance killed mid-round: each subscription runs once, never two at once, the survivor finishes', async () => {
    const viaProxy = [{ id: 'radicale', label: 'Radicale', url: proxy.url }];
    const shared = clusterSettings(db.url);
    // A short lease, so the dead instance's job is taken over within the test.
    process.env['DAV_BRIDGE_SYNC_LEASE_SECONDS'] = '6';
    try {
      for (let i = 0; i < 2; i++) bridges.push(await startBridge({ davServers: viaProxy, extra: shared }));
    } finally {
      delete process.env['DAV_BRIDGE_SYNC_LEASE_SECONDS'];
    }
    const [survivor, victim] = bridges as [RunningBridge, RunningBridge];

    // Gilles's 20 calendars, each subscribed once (through the survivor: the same database for both).
    const c = survivor.client();
    expect((await c.signIn(gilles.username, gilles.password, 'radicale')).status).toBe(200);
    const paths = new Map<string, string>(); // subscription id -> collection path
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const calUrl = await makeCalendar(radicale.calendarHomeUrl('alice'), auth, uniqueName(`cl${i}`), `Équipe ${i}`);
      const uid = uniqueName(`cl-event-${i}`);
      await putEvent(
        calUrl,
        auth,
        uid,
        event({ uid, summary: `Réunion ${i}`, start: new Date(Date.now() + 86_400_000) }),
      );
      const path = new URL(calUrl).pathname;
      const created = await c.send('POST', '/api/v1/subscriptions', { json: { url: new URL(path, proxy.url).href } });
      expect(created.status).toBe(201);
      paths.set(created.json<{ subscription: SubscriptionView }>().subscription.id, path);
    }

    // A round on a slow server (each answer 300 ms): the round job, as the cluster's cron schedule sends it.
    proxy.delayMs = 300;
    const roundStart = Date.now();
    await queueSyncRound(PgBoss, db.url);

    const since = () => proxy.requests.filter((r) => r.start >= roundStart);
    const runStarts = (reqs: ProxiedRequest[]) =>
      reqs.filter((r) => r.method === 'PROPFIND' && r.depth === '0' && [...paths.values()].includes(r.path));
    // Kill one instance once a few runs went by (both instances work the queue).
    for (let i = 0; i < 600 && runStarts(since()).length < 5; i++) await new Promise((r) => setTimeout(r, 50));
    expect(runStarts(since()).length).toBeGreaterThanOrEqual(5);
    const killedAt = Date.now();
    victim.process.kill('SIGKILL');

    // The survivor finishes the round: every subscription has a run recorded since the round began.
    const lastRuns = async () =>
      (await c.get('/api/v1/subscriptions'))
        .json<{ subscriptions: SubscriptionView[] }>()
        .subscriptions.filter((s) => paths.has(s.id));
    let subs: SubscriptionView[] = [];
    for (let i = 0; i < Math.max(240, SUBSCRIPTIONS * 4); i++) {
      subs = await lastRuns();
      if (subs.every((s) => !s.sync.running && s.sync.lastRun && Date.parse(s.sync.lastRun) >= roundStart)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(subs).toHaveLength(SUBSCRIPTIONS);
    for (const s of subs) {
      expect([s.name, Date.parse(s.sync.lastRun ?? '') >= roundStart, s.sync.ok]).toEqual([s.name, true, true]);
    }

    // From the DAV side: per collection, no two requests in flight at once (a run is one conversation), and one
    // run per collection, except at most one job the killed instance held, started before the kill and run again.
    const rerun: string[] = [];
    for (const path of paths.values()) {
      const reqs = since()
        .filter((r) => r.path.startsWith(path))
        .sort((a, b) => a.start - b.start);
      for (let k = 1; k < reqs.length; k++) {
        const prev = reqs[k - 1]!;
        // A request the killed instance left in flight ends when the proxy answers into the void: ignore it.
        if (prev.start < killedAt && (prev.end ?? Infinity) > killedAt) continue;
        expect([path, reqs[k]!.start >= (prev.end ?? Infinity)]).toEqual([path, true]);
      }
      const starts = runStarts(reqs);
      expect(starts.length).toBeGreaterThanOrEqual(1);
      if (starts.length > 1) {
        rerun.push(path);
        expect(starts[0]!.start).toBeLessThan(killedAt);
      }
    }
    expect(rerun.length).toBeLessThanOrEqual(1);
  });
});
