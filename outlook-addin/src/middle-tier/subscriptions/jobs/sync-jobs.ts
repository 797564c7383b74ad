/**
 * The seam between the sync service and whatever decides when each subscription's run happens (issue 16): a round
 * of jobs, one per subscription, each handed to `run`. Two implementations: in-process (SQLite, one bridge: a
 * jittered timer, today's behaviour) and pg-boss (PostgreSQL, several bridges: a queue shared by the cluster).
 */

/** Runs one subscription's sync; resolves when its outcome is recorded. Throws only when it could not be run. */
export type RunSubscription = (subscriptionId: string) => Promise<void>;

export interface SyncJobs {
  /** Starts taking jobs (and, where this runner keeps it, the rounds' schedule). */
  start(run: RunSubscription): Promise<void>;
  /**
   * Asks for one run of this subscription soon, coalesced with other asks for it (a Graph change notification:
   * Outlook changed). Nothing before start(); the round still comes as scheduled.
   */
  queue(subscriptionId: string): Promise<void>;
  /**
   * Stops taking jobs and waits for the ones in flight, at most graceMs. A job cut short is run again later (by
   * another instance for a shared queue).
   */
  stop(graceMs: number): Promise<void>;
}
