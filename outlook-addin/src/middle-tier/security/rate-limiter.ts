/**
 * Counts attempts per key (an IP, a guest link, "link+IP"...) in a fixed window and says when to stop. Used against
 * brute force: sign-in passwords, guest-link passwords, and token guessing on /g/. The counts live in the bridge
 * store's rate-limit aggregate (store/rate-limits.ts) when it has one, so bridges sharing a database share each
 * budget; otherwise in this process's memory.
 */
import { MemoryRateLimits, type RateLimitStore } from '../store/rate-limits.js';

export interface RateLimitRule {
  /** Attempts allowed per window. */
  max: number;
  windowMs: number;
}

export class RateLimiter {
  private lastSweep = 0;

  /**
   * `scope` names this limiter's keys in a shared counter store (two limiters may see the same address);
   * `counts` is where they are kept (the store's aggregate; memory when none is given).
   */
  constructor(
    private readonly rule: RateLimitRule,
    private readonly now: () => number = Date.now,
    private readonly counts: RateLimitStore = new MemoryRateLimits(),
    private readonly scope = 'limit',
  ) {}

  private keyOf(key: string): string {
    return `${this.scope}:${key}`;
  }

  private waitUntil(resetAt: number): number {
    return Math.max(1, Math.ceil((resetAt - this.now()) / 1000));
  }

  /** Seconds to wait when the key has used its budget, otherwise undefined (without counting). */
  async blockedFor(key: string): Promise<number | undefined> {
    const c = await this.counts.rateLimitPeek(this.keyOf(key), this.now());
    return c && c.count >= this.rule.max ? this.waitUntil(c.resetAt) : undefined;
  }

  /** Counts one attempt (a failure: successes need not be counted). */
  async hit(key: string): Promise<void> {
    await this.sweep();
    await this.counts.rateLimitHit(this.keyOf(key), this.rule.windowMs, this.now());
  }

  /**
   * Takes one attempt from the key's budget before the work it guards starts, or says how long to wait when none is
   * left. Counting after the work (an scrypt check takes ~100 ms) let requests sent in parallel all pass the check
   * before any was counted. The count is taken first and given back when it went over the budget, so attempts sent
   * at once (to one instance or several) never get more than `max` through. An attempt that turns out not to count
   * (a right password) is given back with release().
   */
  async reserve(key: string): Promise<number | undefined> {
    await this.sweep();
    const c = await this.counts.rateLimitHit(this.keyOf(key), this.rule.windowMs, this.now());
    if (c.count <= this.rule.max) return undefined;
    await this.counts.rateLimitRelease(this.keyOf(key), this.now());
    return this.waitUntil(c.resetAt);
  }

  /** Gives back an attempt taken by reserve() that does not count. */
  async release(key: string): Promise<void> {
    await this.counts.rateLimitRelease(this.keyOf(key), this.now());
  }

  async reset(key: string): Promise<void> {
    await this.counts.rateLimitReset(this.keyOf(key));
  }

  // Forget expired windows now and then so a scan from many addresses cannot grow the counters forever.
  private async sweep(): Promise<void> {
    const now = this.now();
    if (now - this.lastSweep < this.rule.windowMs) return;
    this.lastSweep = now;
    await this.counts.rateLimitSweep(now);
  }
}
