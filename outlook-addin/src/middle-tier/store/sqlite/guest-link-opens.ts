/**
 * Guest link open counts in SQLite (schema version 5): a table of their own beside guest_links, one row per link
 * opened at least once, gone with the link's owner. Counts only: who opened it is never stored.
 */
import type Database from 'better-sqlite3';
import type { GuestLinkOpens, GuestLinkOpenStore } from '../pane-types.js';

export const GUEST_LINK_OPENS_SCHEMA = `
CREATE TABLE guest_link_opens (
  link_id TEXT PRIMARY KEY REFERENCES guest_links(id) ON DELETE CASCADE,
  open_count INTEGER NOT NULL,
  last_opened_at INTEGER NOT NULL
);`;

export class SqliteGuestLinkOpenStore implements GuestLinkOpenStore {
  constructor(private readonly db: Database.Database) {}

  async countGuestLinkOpen(linkId: string, at: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO guest_link_opens (link_id, open_count, last_opened_at) VALUES (?, 1, ?)
         ON CONFLICT (link_id) DO UPDATE SET open_count = open_count + 1,
           last_opened_at = MAX(last_opened_at, excluded.last_opened_at)`,
      )
      .run(linkId, at);
  }

  async guestLinkOpens(accountId: string): Promise<Map<string, GuestLinkOpens>> {
    const rows = this.db
      .prepare(
        `SELECT o.link_id, o.open_count, o.last_opened_at FROM guest_link_opens o
         JOIN guest_links g ON g.id = o.link_id WHERE g.account_id = ?`,
      )
      .all(accountId) as Array<{ link_id: string; open_count: number; last_opened_at: number }>;
    return new Map(rows.map((r) => [r.link_id, { openCount: r.open_count, lastOpenedAt: r.last_opened_at }]));
  }
}
