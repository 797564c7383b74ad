/**
 * The cluster's runner (PostgreSQL, several bridges behind a load balancer), on pg-boss: each subscription's run is
 * a job keyed by the subscription id in a "stately" queue (at most one job of a subscription active and one waiting,
 * across every instance: never two runs of one subscription at once), retried with backoff when it could not run. A
 * job whose instance died stays active until its lease (expireInSeconds) runs out; pg-boss's maintenance then fails
 * it and another instance takes the retry. The rounds' schedule is a pg-boss cron schedule, stored once in the
 * database for the whole cluster (not a timer per instance): the round job lists the subscriptions and queues theirs.
 */
import PgBoss from 'pg-boss';
import type { RunSubscription, SyncJobs } from './sync-jobs.js';

export const SYNC_QUEUE = 'dav-bridge-sync';
export const ROUND_QUEUE = 'dav-bridge-sync-round';
/** A notified run waits this long, so a burst of notifications finds one job waiting (the stately queue's one). */
export const NOTIFIED_START_AFTER_SECONDS = 2;

export interface PgBossJobsOptions {
  databaseUrl: string;
  /** Seconds between rounds (rounded to pg-boss's cron minutes); 0: no rounds, no workers. */
  intervalSeconds: number;
  /** How long a run may hold its job before another instance may take it over (longer than the longest run). */
  leaseSeconds: number;
  /** Runs this instance works on at once (each one DAV conversation at a time). */
  workers: number;
  listSubscriptionIds: () => Promise<string[]>;
  log?: (msg: string) => void;
}

/** A cron expression for an interval: every N minutes below an hour, every N hours below a day, else daily. */
export function cronFor(intervalSeconds: number): string {
  const minutes = Math.max(1, Math.round(intervalSeconds / 60));
  if (minutes < 60) return `*/${minutes} * * * *`;
  const hours = Math.round(minutes / 60);
  return hours < 24 ? `0 */${hours} * * *` : '0 0 * * *';
}

export class PgBossSyncJobs implements SyncJobs {
  private readonly boss: PgBoss;
  private started = false;

  constructor(private readonly options: PgBossJobsOptions) {
    const lease = Math.max(1, Math.round(options.leaseSeconds));
    this.boss = new PgBoss({
      connectionString: options.databaseUrl,
      // Expired jobs are found by the maintenance pass: often enough that a dead instance's job is taken over
      // soon after its lease, never more than every 2 minutes.
      maintenanceIntervalSeconds: Math.min(120, Math.max(1, Math.round(lease / 4))),
      max: 4,
    });
    // pg-boss reports its background errors (a failed poll, the database gone for a moment) as events: log them,
    // an unhandled 'error' event would end the process.
    this.boss.on('error', (err: Error) => this.log(`job queue: ${err.message}`));
  }

  private log(msg: string): void {
    this.options.log?.(msg);
  }

  async start(run: RunSubscription): Promise<void> {
    if (this.options.intervalSeconds <= 0) return;
    await this.boss.start();
    this.started = true;
    const lease = Math.max(1, Math.round(this.options.leaseSeconds));
    const retries = { retryLimit: 5, retryDelay: 10, retryBackoff: true };
    // createQueue is idempotent per name: every instance may call it at start.
    await this.boss.createQueue(SYNC_QUEUE, {
      name: SYNC_QUEUE,
      policy: 'stately',
      expireInSeconds: lease,
      ...retries,
    });
    await this.boss.createQueue(ROUND_QUEUE, {
      name: ROUND_QUEUE,
      policy: 'stately',
      expireInSeconds: 300,
      ...retries,
    });
    // One schedule row for the cluster, whichever instance writes it last (same cron for all).
    await this.boss.schedule(ROUND_QUEUE, cronFor(this.options.intervalSeconds), {});
    await this.boss.work(ROUND_QUEUE, { batchSize: 1 }, async () => {
      for (const id of await this.options.listSubscriptionIds())
        // singletonKey: a subscription whose job already waits is not queued twice (stately queue).
        await this.boss.send(SYNC_QUEUE, { subscriptionId: id }, { singletonKey: id });
    });
    for (let i = 0; i < Math.max(1, this.options.workers); i++) {
      await this.boss.work<{ subscriptionId: string }>(
        SYNC_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: 1 },
        async ([job]) => {
          if (job) await run(job.data.subscriptionId);
        },
      );
    }
  }

  /**
   * A job for this subscription in the shared queue, starting in a moment: any instance's worker takes it. The
   * stately queue keeps one waiting job per subscription (singletonKey), so a burst of notifications coalesces.
   * Without workers (interval 0) nothing is queued: the jobs would never run.
   */
  async queue(subscriptionId: string): Promise<void> {
    if (!this.started) return;
    await this.boss.send(
      SYNC_QUEUE,
      { subscriptionId },
      { singletonKey: subscriptionId, startAfter: NOTIFIED_START_AFTER_SECONDS },
    );
  }

  async stop(graceMs: number): Promise<void> {
    if (!this.started) return;
    this.started = false;
    // Stops polling, waits for the jobs in flight (at most graceMs), then closes its connections.
    await this.boss.stop({ graceful: true, wait: true, close: true, timeout: Math.max(1, graceMs) });
  }
}
