/**
 * The embedded runner (SQLite, one bridge process): every intervalSeconds (±10 % jitter) a round runs every
 * subscription, one after the other, in this process. Nothing is shared: a second process would run its own rounds.
 */
import { DebouncedRuns } from './debounced-runs.js';
import type { RunSubscription, SyncJobs } from './sync-jobs.js';

/** A burst of notifications for one subscription becomes one run this long after the last (10 s at most). */
export const NOTIFIED_QUIET_MS = 1_500;
export const NOTIFIED_MAX_WAIT_MS = 10_000;
/** Two notified runs of one subscription at least this far apart (the bridge's own writes notify it too). */
export const NOTIFIED_MIN_GAP_MS = 10_000;

export class InProcessSyncJobs implements SyncJobs {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private round: Promise<void> | undefined;
  private runner: RunSubscription | undefined;
  private readonly notified: DebouncedRuns;

  constructor(
    private readonly intervalSeconds: number,
    private readonly listSubscriptionIds: () => Promise<string[]>,
    private readonly log: (msg: string) => void = () => undefined,
  ) {
    this.notified = new DebouncedRuns(
      () => this.runner,
      NOTIFIED_QUIET_MS,
      NOTIFIED_MAX_WAIT_MS,
      log,
      Date.now,
      NOTIFIED_MIN_GAP_MS,
    );
  }

  async start(run: RunSubscription): Promise<void> {
    if (this.stopped) return;
    // Notified runs work even with the rounds off (interval 0).
    this.runner = run;
    if (this.intervalSeconds > 0) this.schedule(run);
  }

  async queue(subscriptionId: string): Promise<void> {
    if (this.runner && !this.stopped) this.notified.ask(subscriptionId);
  }

  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    this.notified.stop();
    if (this.timer) clearTimeout(this.timer);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    // The round stops between two subscriptions; the run in flight is the sync service's to wait for.
    await Promise.race([this.round?.catch(() => undefined), late]);
    clearTimeout(timer);
  }

  private schedule(run: RunSubscription): void {
    const base = this.intervalSeconds * 1000;
    const delay = Math.round(base * (0.9 + Math.random() * 0.2));
    this.timer = setTimeout(() => {
      this.round = this.runRound(run).finally(() => {
        this.round = undefined;
        if (!this.stopped) this.schedule(run);
      });
    }, delay);
    this.timer.unref();
  }

  private async runRound(run: RunSubscription): Promise<void> {
    const ids = await this.listSubscriptionIds();
    for (const id of ids) {
      if (this.stopped) return;
      // Sequential: one DAV conversation at a time from the background, so a big round never floods a server.
      await run(id).catch((err: unknown) => this.log(`sync round: ${(err as Error).message}`));
    }
  }
}
