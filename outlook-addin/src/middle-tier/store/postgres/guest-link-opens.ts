/** Guest link open counts in PostgreSQL (schema version 5): counts only, one row per link opened at least once. */
import type { GuestLinkOpens, GuestLinkOpenStore } from '../pane-types.js';
import { rows, type Pool } from './db.js';

export class PgGuestLinkOpenStore implements GuestLinkOpenStore {
  constructor(private readonly db: Pool) {}

  async countGuestLinkOpen(linkId: string, at: number): Promise<void> {
    await this.db.query(
      `INSERT INTO guest_link_opens (link_id, open_count, last_opened_at) VALUES ($1, 1, $2)
       ON CONFLICT (link_id) DO UPDATE SET open_count = guest_link_opens.open_count + 1,
         last_opened_at = GREATEST(guest_link_opens.last_opened_at, excluded.last_opened_at)`,
      [linkId, at],
    );
  }

  async guestLinkOpens(accountId: string): Promise<Map<string, GuestLinkOpens>> {
    const found = await rows<{ link_id: string; open_count: number; last_opened_at: number }>(
      this.db,
      `SELECT o.link_id, o.open_count, o.last_opened_at FROM guest_link_opens o
       JOIN guest_links g ON g.id = o.link_id WHERE g.account_id = $1`,
      [accountId],
    );
    return new Map(found.map((r) => [r.link_id, { openCount: r.open_count, lastOpenedAt: r.last_opened_at }]));
  }
}
