/** Guest links in SQLite, with the per-link password cap claimed atomically. */
import type Database from 'better-sqlite3';
import type { GuestLinkRecord, GuestLinkStore } from '../types.js';

export interface GuestRow {
  id: string;
  token_hash: string;
  sealed_token: string;
  account_id: string;
  collection_url: string;
  collection_name: string;
  kind: GuestLinkRecord['kind'];
  password_hash: string | null;
  expires_at: number | null;
  created_at: number;
  revoked_at: number | null;
  password_failures: number;
  locked_at: number | null;
  hide_private: number;
}

export const guestFromRow = (r: GuestRow): GuestLinkRecord => ({
  id: r.id,
  tokenHash: r.token_hash,
  sealedToken: r.sealed_token,
  accountId: r.account_id,
  collectionUrl: r.collection_url,
  collectionName: r.collection_name,
  kind: r.kind,
  passwordHash: r.password_hash ?? undefined,
  expiresAt: r.expires_at ?? undefined,
  createdAt: r.created_at,
  revokedAt: r.revoked_at ?? undefined,
  passwordFailures: r.password_failures,
  lockedAt: r.locked_at ?? undefined,
  hidePrivateEvents: r.hide_private === 1,
});

export class SqliteGuestLinkStore implements GuestLinkStore {
  constructor(private readonly db: Database.Database) {}

  async createGuestLink(g: GuestLinkRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO guest_links (id, token_hash, sealed_token, account_id, collection_url, collection_name, kind,
           password_hash, expires_at, created_at, revoked_at, hide_private)
         VALUES (@id, @tokenHash, @sealedToken, @accountId, @collectionUrl, @collectionName, @kind,
           @passwordHash, @expiresAt, @createdAt, @revokedAt, @hidePrivate)`,
      )
      .run({
        id: g.id,
        tokenHash: g.tokenHash,
        sealedToken: g.sealedToken,
        accountId: g.accountId,
        collectionUrl: g.collectionUrl,
        collectionName: g.collectionName,
        kind: g.kind,
        createdAt: g.createdAt,
        passwordHash: g.passwordHash ?? null,
        expiresAt: g.expiresAt ?? null,
        revokedAt: g.revokedAt ?? null,
        hidePrivate: g.hidePrivateEvents ? 1 : 0,
      });
  }

  async getGuestLinkByTokenHash(tokenHash: string): Promise<GuestLinkRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM guest_links WHERE token_hash = ?').get(tokenHash) as
      GuestRow | undefined;
    return row && guestFromRow(row);
  }

  async getGuestLink(id: string): Promise<GuestLinkRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM guest_links WHERE id = ?').get(id) as GuestRow | undefined;
    return row && guestFromRow(row);
  }

  async listGuestLinks(accountId: string): Promise<GuestLinkRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM guest_links WHERE account_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id')
      .all(accountId) as GuestRow[];
    return rows.map(guestFromRow);
  }

  async revokeGuestLink(id: string, at: number): Promise<boolean> {
    return (
      this.db.prepare('UPDATE guest_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes >
      0
    );
  }

  async claimGuestPasswordAttempt(id: string, cap: number, now: number): Promise<boolean> {
    return this.db.transaction((): boolean => {
      const claimed = this.db
        .prepare(
          `UPDATE guest_links SET password_failures = password_failures + 1
           WHERE id = ? AND locked_at IS NULL AND password_failures < ?`,
        )
        .run(id, cap).changes;
      if (claimed > 0) return true;
      this.db.prepare('UPDATE guest_links SET locked_at = ? WHERE id = ? AND locked_at IS NULL').run(now, id);
      return false;
    })();
  }

  async settleGuestPasswordAttempt(id: string, correct: boolean, cap: number, now: number): Promise<void> {
    if (correct) {
      this.db.prepare('UPDATE guest_links SET password_failures = MAX(0, password_failures - 1) WHERE id = ?').run(id);
    } else {
      this.db
        .prepare('UPDATE guest_links SET locked_at = ? WHERE id = ? AND locked_at IS NULL AND password_failures >= ?')
        .run(now, id, cap);
    }
  }

  async unlockGuestLink(id: string): Promise<boolean> {
    return (
      this.db.prepare('UPDATE guest_links SET locked_at = NULL, password_failures = 0 WHERE id = ?').run(id).changes > 0
    );
  }
}
