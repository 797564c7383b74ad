// The bridge as a cluster on PostgreSQL, for the cluster tests and test/bench/cluster-bench.mjs alike: the settings
// every instance shares, and the sync round queued by hand (the job the cluster's cron schedule would send).

/** What every bridge instance of one cluster shares: the database, the sealing key, and no round of its own. */
export function clusterSettings(databaseUrl: string): {
  database: { url: string };
  encryptionKey: string;
  syncIntervalSeconds: number;
} {
  return {
    database: { url: databaseUrl },
    // Every instance seals with the same key (one database).
    encryptionKey: Buffer.alloc(32, 16).toString('base64'),
    // Rounds daily at midnight UTC: the caller queues its own round with queueSyncRound instead of waiting for one.
    syncIntervalSeconds: 86_400,
  };
}

/** pg-boss's constructor, as much of it as queueSyncRound uses. */
interface JobQueueClass {
  new (options: { connectionString: string; supervise: boolean; schedule: boolean }): {
    on(event: 'error', listener: () => void): unknown;
    start(): Promise<unknown>;
    send(name: string, data: object): Promise<unknown>;
    stop(options: { graceful: boolean; close: boolean; wait: boolean }): Promise<void>;
  };
}

/**
 * Queues one sync round on the cluster's job queue, as the cron schedule does. pg-boss is passed in: the benchmarks
 * run a transpiled copy of test/support from a temporary folder, where the package would not resolve.
 */
export async function queueSyncRound(PgBoss: JobQueueClass, databaseUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: databaseUrl, supervise: false, schedule: false });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.send('dav-bridge-sync-round', {});
  await boss.stop({ graceful: false, close: true, wait: true });
}
