/**
 * Guest links in PostgreSQL. The password cap is claimed in one transaction with the row locked (FOR UPDATE), so
 * guesses sent in parallel to several bridge instances cannot overshoot it, as SQLite's single writer guarantees.
 */
import { guestFromRow, type GuestRow } from '../sqlite/guest-links.js';
import type { GuestLinkRecord, GuestLinkStore } from '../types.js';
import { changes, row, rows, transaction, type Pool } from './db.js';

export class PgGuestLinkStore implements GuestLinkStore {
  constructor(private readonly db: Pool) {}

  async createGuestLink(g: GuestLinkRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO guest_links (id, token_hash, sealed_token, account_id, collection_url, collection_name, kind,
         password_hash, expires_at, created_at, revoked_at, hide_private)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        g.id,
        g.tokenHash,
        g.sealedToken,
        g.accountId,
        g.collectionUrl,
        g.collectionName,
        g.kind,
        g.passwordHash ?? null,
        g.expiresAt ?? null,
        g.createdAt,
        g.revokedAt ?? null,
        g.hidePrivateEvents ? 1 : 0,
      ],
    );
  }

  async getGuestLinkByTokenHash(tokenHash: string): Promise<GuestLinkRecord | undefined> {
    const r = await row<GuestRow>(this.db, 'SELECT * FROM guest_links WHERE token_hash = $1', [tokenHash]);
    return r && guestFromRow(r);
  }

  async getGuestLink(id: string): Promise<GuestLinkRecord | undefined> {
    const r = await row<GuestRow>(this.db, 'SELECT * FROM guest_links WHERE id = $1', [id]);
    return r && guestFromRow(r);
  }

  async listGuestLinks(accountId: string): Promise<GuestLinkRecord[]> {
    const found = await rows<GuestRow>(
      this.db,
      'SELECT * FROM guest_links WHERE account_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id',
      [accountId],
    );
    return found.map(guestFromRow);
  }

  async revokeGuestLink(id: string, at: number): Promise<boolean> {
    return (
      (await changes(this.db, 'UPDATE guest_links SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
        at,
        id,
      ])) > 0
    );
  }

  async claimGuestPasswordAttempt(id: string, cap: number, now: number): Promise<boolean> {
    return transaction(this.db, async (c) => {
      // The row lock serialises concurrent claims on one link across connections and instances.
      await c.query('SELECT 1 FROM guest_links WHERE id = $1 FOR UPDATE', [id]);
      const claimed = await changes(
        c,
        `UPDATE guest_links SET password_failures = password_failures + 1
         WHERE id = $1 AND locked_at IS NULL AND password_failures < $2`,
        [id, cap],
      );
      if (claimed > 0) return true;
      await c.query('UPDATE guest_links SET locked_at = $1 WHERE id = $2 AND locked_at IS NULL', [now, id]);
      return false;
    });
  }

  async settleGuestPasswordAttempt(id: string, correct: boolean, cap: number, now: number): Promise<void> {
    if (correct) {
      await this.db.query(
        'UPDATE guest_links SET password_failures = GREATEST(0, password_failures - 1) WHERE id = $1',
        [id],
      );
    } else {
      await this.db.query(
        'UPDATE guest_links SET locked_at = $1 WHERE id = $2 AND locked_at IS NULL AND password_failures >= $3',
        [now, id, cap],
      );
    }
  }

  async unlockGuestLink(id: string): Promise<boolean> {
    return (
      (await changes(this.db, 'UPDATE guest_links SET locked_at = NULL, password_failures = 0 WHERE id = $1', [id])) > 0
    );
  }
}
