/** Rate-limit counters in SQLite (see ../rate-limits.ts): one atomic upsert per hit. */
import type Database from 'better-sqlite3';
import { type RateLimitCount, type RateLimitStore } from '../rate-limits.js';

export class SqliteRateLimitStore implements RateLimitStore {
  constructor(private readonly db: Database.Database) {}

  async rateLimitPeek(key: string, now: number): Promise<RateLimitCount | undefined> {
    const r = this.db
      .prepare('SELECT count, reset_at FROM rate_limits WHERE key = ? AND reset_at > ?')
      .get(key, now) as { count: number; reset_at: number } | undefined;
    return r && { count: r.count, resetAt: r.reset_at };
  }

  async rateLimitHit(key: string, windowMs: number, now: number): Promise<RateLimitCount> {
    const r = this.db
      .prepare(
        `INSERT INTO rate_limits (key, count, reset_at) VALUES (@key, 1, @now + @windowMs)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN reset_at <= @now THEN 1 ELSE count + 1 END,
           reset_at = CASE WHEN reset_at <= @now THEN @now + @windowMs ELSE reset_at END
         RETURNING count, reset_at`,
      )
      .get({ key, now, windowMs }) as { count: number; reset_at: number };
    return { count: r.count, resetAt: r.reset_at };
  }

  async rateLimitRelease(key: string, now: number): Promise<void> {
    this.db
      .prepare('UPDATE rate_limits SET count = count - 1 WHERE key = ? AND reset_at > ? AND count > 0')
      .run(key, now);
  }

  async rateLimitReset(key: string): Promise<void> {
    this.db.prepare('DELETE FROM rate_limits WHERE key = ?').run(key);
  }

  async rateLimitSweep(now: number): Promise<void> {
    this.db.prepare('DELETE FROM rate_limits WHERE reset_at <= ?').run(now);
  }
}
