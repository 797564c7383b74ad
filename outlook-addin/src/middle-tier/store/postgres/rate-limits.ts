/**
 * Rate-limit counters in PostgreSQL (see ../rate-limits.ts): every instance on the database counts in the same row,
 * each hit one atomic upsert (the row lock orders concurrent hits from several instances).
 */
import { type RateLimitCount, type RateLimitStore } from '../rate-limits.js';
import { row, type Pool } from './db.js';

export class PgRateLimitStore implements RateLimitStore {
  constructor(private readonly db: Pool) {}

  async rateLimitPeek(key: string, now: number): Promise<RateLimitCount | undefined> {
    const r = await row<{ count: number; reset_at: number }>(
      this.db,
      'SELECT count, reset_at FROM rate_limits WHERE key = $1 AND reset_at > $2',
      [key, now],
    );
    return r && { count: r.count, resetAt: r.reset_at };
  }

  async rateLimitHit(key: string, windowMs: number, now: number): Promise<RateLimitCount> {
    const r = await row<{ count: number; reset_at: number }>(
      this.db,
      `INSERT INTO rate_limits (key, count, reset_at) VALUES ($1, 1, $2::bigint + $3::bigint)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_limits.reset_at <= $2::bigint THEN 1 ELSE rate_limits.count + 1 END,
         reset_at = CASE WHEN rate_limits.reset_at <= $2::bigint THEN $2::bigint + $3::bigint ELSE rate_limits.reset_at END
       RETURNING count, reset_at`,
      [key, now, windowMs],
    );
    return { count: r!.count, resetAt: r!.reset_at };
  }

  async rateLimitRelease(key: string, now: number): Promise<void> {
    await this.db.query('UPDATE rate_limits SET count = count - 1 WHERE key = $1 AND reset_at > $2 AND count > 0', [
      key,
      now,
    ]);
  }

  async rateLimitReset(key: string): Promise<void> {
    await this.db.query('DELETE FROM rate_limits WHERE key = $1', [key]);
  }

  async rateLimitSweep(now: number): Promise<void> {
    await this.db.query('DELETE FROM rate_limits WHERE reset_at <= $1', [now]);
  }
}
