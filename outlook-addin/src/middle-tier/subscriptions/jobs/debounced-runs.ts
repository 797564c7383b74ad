/**
 * Runs asked for one subscription at a time, coalesced (Graph change notifications, issue 15): a burst of
 * notifications for one subscription (Outlook sends several for one edit: created, then updated) becomes one run,
 * `quietMs` after the last of them, but never later than `maxWaitMs` after the first, so a calendar edited
 * non-stop still syncs. A notification that comes while its run is going gives one more run after it: the run
 * may have listed Outlook before that change. Two notified runs of one subscription are at least `minGapMs` apart:
 * Graph also notifies the bridge of its own writes, so an item that changes at every run would otherwise make the
 * subscription sync non-stop, spending the mailbox's Graph budget.
 */
import type { RunSubscription } from './sync-jobs.js';

interface Pending {
  timer: NodeJS.Timeout | undefined;
  firstAt: number;
  running: boolean;
  again: boolean;
}

export class DebouncedRuns {
  private readonly pending = new Map<string, Pending>();
  /** When each subscription's last notified run ended. */
  private readonly ended = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly run: () => RunSubscription | undefined,
    private readonly quietMs: number,
    private readonly maxWaitMs: number,
    private readonly log: (msg: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
    private readonly minGapMs = 0,
  ) {}

  /** Asks for a run of the subscription soon. */
  ask(subscriptionId: string): void {
    if (this.stopped) return;
    let p = this.pending.get(subscriptionId);
    if (!p) {
      p = { timer: undefined, firstAt: this.now(), running: false, again: false };
      this.pending.set(subscriptionId, p);
    }
    if (p.running) {
      p.again = true;
      return;
    }
    this.arm(subscriptionId, p);
  }

  /** Forgets every waiting run (shutdown); a run going on finishes (the sync service waits for it). */
  stop(): void {
    this.stopped = true;
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }

  private arm(id: string, p: Pending): void {
    clearTimeout(p.timer);
    const soonest = (this.ended.get(id) ?? -Infinity) + this.minGapMs - this.now();
    const delay = Math.max(0, soonest, Math.min(this.quietMs, p.firstAt + this.maxWaitMs - this.now()));
    p.timer = setTimeout(() => void this.fire(id, p), delay);
    p.timer.unref();
  }

  private async fire(id: string, p: Pending): Promise<void> {
    const run = this.run();
    if (!run || this.stopped) return void this.pending.delete(id);
    p.timer = undefined;
    p.running = true;
    await run(id).catch((err: unknown) => this.log(`notified sync: ${(err as Error).message}`));
    p.running = false;
    this.ended.set(id, this.now());
    if (p.again && !this.stopped) {
      p.again = false;
      p.firstAt = this.now();
      this.arm(id, p);
    } else {
      this.pending.delete(id);
    }
  }
}
