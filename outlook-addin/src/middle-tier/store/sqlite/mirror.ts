/** The bridge-side copy of each subscription (the sync engine's mirror store) in SQLite; writes are conditional. */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { MirrorItem, MirrorItemStore, MirrorWrite } from '../types.js';

/** A mirror item's version: a digest of its content (changes exactly when the data does). */
export const versionOf = (data: string): string => createHash('sha256').update(data).digest('base64url').slice(0, 22);

export class SqliteMirrorItemStore implements MirrorItemStore {
  constructor(private readonly db: Database.Database) {}

  async mirrorList(subscriptionId: string): Promise<Array<{ id: string; version: string }>> {
    return this.db
      .prepare('SELECT id, version FROM mirror_items WHERE subscription_id = ? ORDER BY id')
      .all(subscriptionId) as Array<{ id: string; version: string }>;
  }

  async mirrorGetMany(subscriptionId: string, ids: string[]): Promise<MirrorItem[]> {
    const get = this.db.prepare('SELECT id, version, data FROM mirror_items WHERE subscription_id = ? AND id = ?');
    const out: MirrorItem[] = [];
    for (const id of ids) {
      const row = get.get(subscriptionId, id) as MirrorItem | undefined;
      if (row) out.push(row);
    }
    return out;
  }

  async mirrorCreate(subscriptionId: string, id: string, data: string): Promise<MirrorWrite> {
    const version = versionOf(data);
    const done = this.db
      .prepare(
        `INSERT INTO mirror_items (subscription_id, id, version, data) VALUES (?, ?, ?, ?)
         ON CONFLICT (subscription_id, id) DO NOTHING`,
      )
      .run(subscriptionId, id, version, data);
    return done.changes > 0 ? { ok: true, version } : { ok: false, reason: 'exists' };
  }

  async mirrorUpdate(subscriptionId: string, id: string, data: string, ifVersion: string): Promise<MirrorWrite> {
    const version = versionOf(data);
    return this.db.transaction((): MirrorWrite => {
      const done = this.db
        .prepare('UPDATE mirror_items SET version = ?, data = ? WHERE subscription_id = ? AND id = ? AND version = ?')
        .run(version, data, subscriptionId, id, ifVersion);
      if (done.changes > 0) return { ok: true, version };
      return { ok: false, reason: this.exists(subscriptionId, id) ? 'changed' : 'missing' };
    })();
  }

  async mirrorDelete(subscriptionId: string, id: string, ifVersion: string): Promise<MirrorWrite> {
    return this.db.transaction((): MirrorWrite => {
      const done = this.db
        .prepare('DELETE FROM mirror_items WHERE subscription_id = ? AND id = ? AND version = ?')
        .run(subscriptionId, id, ifVersion);
      if (done.changes > 0) return { ok: true, version: '' };
      return { ok: false, reason: this.exists(subscriptionId, id) ? 'changed' : 'missing' };
    })();
  }

  private exists(subscriptionId: string, id: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM mirror_items WHERE subscription_id = ? AND id = ?').get(subscriptionId, id);
  }
}
