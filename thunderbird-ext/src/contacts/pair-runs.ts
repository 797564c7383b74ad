/**
 * The runs of each contact pair, whoever starts them (the scheduler, "Sync now", a subscription, the test
 * channel): runs of one pair never overlap (a run asked during another waits for it), and the scheduler can tell
 * whether a pair is being synced, or was a moment ago, to take the book's events then for the run's own writes.
 * Before, only the scheduler's own runs were known to it: a first sync started from the popup wrote thousands
 * of contacts whose events started a second, full run a few seconds after it (seen in the Thunderbird benchmark).
 */
export class PairRuns {
  /** Each pair's last run, settled either way: the next one starts after it. */
  private readonly tails = new Map<string, Promise<void>>();
  /** Runs of a pair waiting or running. */
  private readonly pending = new Map<string, number>();
  private readonly ended = new Map<string, number>();

  /** Runs `task` once every run of this pair asked before it has ended. */
  run<T>(pairId: string, task: () => Promise<T>): Promise<T> {
    this.pending.set(pairId, (this.pending.get(pairId) ?? 0) + 1);
    const result = (this.tails.get(pairId) ?? Promise.resolve()).then(task);
    const tail: Promise<void> = result.then(
      (): void => this.end(pairId, tail),
      (): void => this.end(pairId, tail),
    );
    this.tails.set(pairId, tail);
    return result;
  }

  /** A run of this pair is waiting or running. */
  busy(pairId: string): boolean {
    return (this.pending.get(pairId) ?? 0) > 0;
  }

  /** When the pair's last run ended (Date.now), if one did. */
  endedAt(pairId: string): number | undefined {
    return this.ended.get(pairId);
  }

  private end(pairId: string, tail: Promise<void>): void {
    const left = (this.pending.get(pairId) ?? 1) - 1;
    if (left > 0) this.pending.set(pairId, left);
    else this.pending.delete(pairId);
    this.ended.set(pairId, Date.now());
    if (this.tails.get(pairId) === tail) this.tails.delete(pairId);
  }
}
