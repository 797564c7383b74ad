/**
 * Rate-limit counters (sign-in failures, guest-link guesses...) as a store aggregate, so that several bridge
 * instances on one database count together: a limit then holds across the cluster, not once per instance. One row
 * per key: its count in the current fixed window and when that window ends. The table is schema version 7 on both
 * engines.
 */
export interface RateLimitCount {
  count: number;
  /** When the window ends (ms since 1970): the count is forgotten then. */
  resetAt: number;
}

export interface RateLimitStore {
  /** The key's count in its current window; undefined when it has none (or it ended at `now`). */
  rateLimitPeek(key: string, now: number): Promise<RateLimitCount | undefined>;
  /** Adds one atomically (a new window of `windowMs` starts when none is current) and returns the count after. */
  rateLimitHit(key: string, windowMs: number, now: number): Promise<RateLimitCount>;
  /** Takes one back (never below zero) from a current window. */
  rateLimitRelease(key: string, now: number): Promise<void>;
  rateLimitReset(key: string): Promise<void>;
  /** Forgets the windows ended at `now`, so a scan from many addresses cannot grow the table forever. */
  rateLimitSweep(now: number): Promise<void>;
}

export const RATE_LIMITS_TABLE = `
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  reset_at BIGINT NOT NULL
)`;

/** The per-process counters: what a bridge uses when its store does not count (tests, a store without the table). */
export class MemoryRateLimits implements RateLimitStore {
  private readonly windows = new Map<string, RateLimitCount>();

  // Synchronous on purpose: a hit reads and writes with no await between, so parallel hits cannot both start a window.
  private current(key: string, now: number): RateLimitCount | undefined {
    const w = this.windows.get(key);
    if (w && w.resetAt <= now) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  async rateLimitPeek(key: string, now: number): Promise<RateLimitCount | undefined> {
    const w = this.current(key, now);
    return w && { ...w };
  }

  async rateLimitHit(key: string, windowMs: number, now: number): Promise<RateLimitCount> {
    const current = this.current(key, now);
    const next = current
      ? { count: current.count + 1, resetAt: current.resetAt }
      : { count: 1, resetAt: now + windowMs };
    this.windows.set(key, next);
    return { ...next };
  }

  async rateLimitRelease(key: string, now: number): Promise<void> {
    const w = this.windows.get(key);
    if (w && w.resetAt > now && w.count > 0) w.count -= 1;
  }

  async rateLimitReset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  async rateLimitSweep(now: number): Promise<void> {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}
