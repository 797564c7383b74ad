// Issue 15: a run asked by a Graph change notification while the subscription's run is going (a "sync now" that may
// have read Outlook before the change) is a run of its own after it, not the one going: else the change waits for
// the next round (15 minutes by default). The sync service over the real SQLite store; its job runner is a stand-in
// that hands the test the function the runner would call.
import { defaultConfig } from '../../src/middle-tier/config';
import { openSqliteStore } from '../../src/middle-tier/store/sqlite-store';
import type { RunSubscription, SyncJobs } from '../../src/middle-tier/subscriptions/jobs/sync-jobs';
import { SyncService } from '../../src/middle-tier/subscriptions/sync-service';

it('a queued run asked during a run goes after it, as a run of its own', async () => {
  const store = openSqliteStore(':memory:');
  await store.upsertAccount({
    id: 'g',
    serverId: 'radicale',
    username: 'gilles',
    sealedPassword: 'sealed',
    principalUrl: 'https://dav.example/gilles/',
    updatedAt: 1,
  });
  const sub = {
    id: 'sub-equipe',
    accountId: 'g',
    type: 'collection' as const,
    url: 'https://dav.example/gilles/equipe/',
    name: 'Équipe technique',
    kind: 'events' as const,
    readOnly: false,
    createdAt: 1,
    feedEtag: undefined,
    feedLastModified: undefined,
  };
  await store.createSubscription(sub);
  // Each run starts by reading the account: the first one is held there until the test lets it go.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  let reads = 0;
  store.getAccount = async () => {
    reads += 1;
    if (reads === 1) await held;
    // No account: the run fails fast and is recorded (no DAV server in this test).
    return undefined;
  };
  let runJob: RunSubscription = async () => undefined;
  const jobs: SyncJobs = {
    start: async (run) => void (runJob = run),
    queue: async () => undefined,
    stop: async () => undefined,
  };
  const service = new SyncService(store, {} as never, defaultConfig('.'), Date.now, () => undefined, jobs);
  await service.start();

  const manual = service.runNow(sub); // "sync now", held while it reads
  await new Promise((r) => setImmediate(r));
  const notified = runJob(sub.id); // Outlook changed meanwhile
  await new Promise((r) => setImmediate(r));
  expect(reads).toBe(1); // the notified run waits for the manual one
  release();
  await Promise.all([manual, notified]);
  expect(reads).toBe(2);
  await store.close();
});
