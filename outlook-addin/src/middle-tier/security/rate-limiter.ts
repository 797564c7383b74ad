/**
 * Counts attempts per key (an IP, a guest link, "link+IP"...) in a fixed window and says when to stop. Used against
 * brute force: sign-in passwords, guest-link passwords, and token guessing on /g/. In memory, per process: several
 * bridges behind a load balancer each enforce their own budget, which still bounds guessing to a useless rate.
 */
export interface RateLimitRule {
  /** Attempts allowed per window. */
  max: number;
  windowMs: number;
}

interface Bucket {
  count: number;
  resetAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(
    private readonly rule: RateLimitRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait when the key has used its budget, otherwise undefined (without counting). */
  blockedFor(key: string): number | undefined {
    const b = this.current(key);
    if (b && b.count >= this.rule.max) return Math.max(1, Math.ceil((b.resetAt - this.now()) / 1000));
    return undefined;
  }

  /** Counts one attempt (a failure: successes need not be counted). */
  hit(key: string): void {
    this.sweep();
    const b = this.current(key);
    if (b) b.count += 1;
    else this.buckets.set(key, { count: 1, resetAt: this.now() + this.rule.windowMs });
  }

  /**
   * Takes one attempt from the key's budget before the work it guards starts, or says how long to wait when none is
   * left. Counting after the work (an scrypt check takes ~100 ms) let requests sent in parallel all pass the check
   * before any was counted. An attempt that turns out not to count (a right password) is given back with release().
   */
  reserve(key: string): number | undefined {
    const wait = this.blockedFor(key);
    if (wait !== undefined) return wait;
    this.hit(key);
    return undefined;
  }

  /** Gives back an attempt taken by reserve() that does not count. */
  release(key: string): void {
    const b = this.current(key);
    if (b && b.count > 0) b.count -= 1;
  }

  reset(key: string): void {
    this.buckets.delete(key);
  }

  private current(key: string): Bucket | undefined {
    const b = this.buckets.get(key);
    if (b && b.resetAt <= this.now()) {
      this.buckets.delete(key);
      return undefined;
    }
    return b;
  }

  // Forget expired buckets now and then so a scan from many addresses cannot grow the map forever.
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < this.rule.windowMs) return;
    this.lastSweep = now;
    for (const [k, b] of this.buckets) if (b.resetAt <= now) this.buckets.delete(k);
  }
}
