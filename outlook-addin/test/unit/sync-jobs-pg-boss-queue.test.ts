// Graph change notifications on a cluster (issue 15 with issue 16's pg-boss runner): a run asked for one
// subscription is a job in the shared stately queue, so a burst of notifications leaves one job waiting for that
// subscription, and a worker (any instance's) runs it soon, long before the next round. Real PostgreSQL when the
// harness started it (DAV_TEST_DATABASES=postgres), else skipped.
import pg from 'pg';
import { freshPostgresDatabase, postgresUnderTest, type TestDatabase } from '../../../test/harness/databases';
import { PgBossSyncJobs, SYNC_QUEUE } from '../../src/middle-tier/subscriptions/jobs/pg-boss-jobs';

const describePg = postgresUnderTest() ? describe : describe.skip;

describePg('PgBossSyncJobs.queue', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshPostgresDatabase('pgboss-queue');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('coalesces a burst for one subscription into one waiting job, which a worker runs before the round', async () => {
    const runs: string[] = [];
    const jobs = new PgBossSyncJobs({
      databaseUrl: db.url,
      intervalSeconds: 3600,
      leaseSeconds: 60,
      workers: 1,
      listSubscriptionIds: async () => [],
    });
    await jobs.start(async (id) => void runs.push(id));
    try {
      for (let i = 0; i < 3; i++) await jobs.queue('sub-astreintes');
      await jobs.queue('sub-conges');
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const waiting = await client.query<{ key: string; n: string }>(
          `SELECT singleton_key AS key, count(*) AS n FROM pgboss.job WHERE name = $1 GROUP BY singleton_key`,
          [SYNC_QUEUE],
        );
        expect(Object.fromEntries(waiting.rows.map((r) => [r.key, Number(r.n)]))).toEqual({
          'sub-astreintes': 1,
          'sub-conges': 1,
        });
      } finally {
        await client.end();
      }
      for (let i = 0; i < 100 && runs.length < 2; i++) await new Promise((r) => setTimeout(r, 200));
      expect(runs.sort()).toEqual(['sub-astreintes', 'sub-conges']);
    } finally {
      await jobs.stop(5_000);
    }
  });
});
