/**
 * The bridge-side copy of each subscription (the sync engine's mirror store) in PostgreSQL; writes are conditional
 * on the version, each in one statement, and a refused write says why in the same transaction.
 */
import { versionOf } from '../sqlite/mirror.js';
import type { MirrorItem, MirrorItemStore, MirrorWrite } from '../types.js';
import { changes, rows, transaction, type Pool, type Queryable } from './db.js';

export class PgMirrorItemStore implements MirrorItemStore {
  constructor(private readonly db: Pool) {}

  async mirrorList(subscriptionId: string): Promise<Array<{ id: string; version: string }>> {
    return rows(this.db, 'SELECT id, version FROM mirror_items WHERE subscription_id = $1 ORDER BY id', [
      subscriptionId,
    ]);
  }

  async mirrorGetMany(subscriptionId: string, ids: string[]): Promise<MirrorItem[]> {
    if (ids.length === 0) return [];
    const found = await rows<MirrorItem>(
      this.db,
      'SELECT id, version, data FROM mirror_items WHERE subscription_id = $1 AND id = ANY($2::text[])',
      [subscriptionId, ids],
    );
    // In the order asked, as SQLite's implementation answers.
    const byId = new Map(found.map((m) => [m.id, m]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async mirrorCreate(subscriptionId: string, id: string, data: string): Promise<MirrorWrite> {
    const version = versionOf(data);
    const done = await changes(
      this.db,
      `INSERT INTO mirror_items (subscription_id, id, version, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (subscription_id, id) DO NOTHING`,
      [subscriptionId, id, version, data],
    );
    return done > 0 ? { ok: true, version } : { ok: false, reason: 'exists' };
  }

  async mirrorUpdate(subscriptionId: string, id: string, data: string, ifVersion: string): Promise<MirrorWrite> {
    const version = versionOf(data);
    return transaction(this.db, async (c): Promise<MirrorWrite> => {
      const done = await changes(
        c,
        'UPDATE mirror_items SET version = $1, data = $2 WHERE subscription_id = $3 AND id = $4 AND version = $5',
        [version, data, subscriptionId, id, ifVersion],
      );
      if (done > 0) return { ok: true, version };
      return { ok: false, reason: (await exists(c, subscriptionId, id)) ? 'changed' : 'missing' };
    });
  }

  async mirrorDelete(subscriptionId: string, id: string, ifVersion: string): Promise<MirrorWrite> {
    return transaction(this.db, async (c): Promise<MirrorWrite> => {
      const done = await changes(
        c,
        'DELETE FROM mirror_items WHERE subscription_id = $1 AND id = $2 AND version = $3',
        [subscriptionId, id, ifVersion],
      );
      if (done > 0) return { ok: true, version: '' };
      return { ok: false, reason: (await exists(c, subscriptionId, id)) ? 'changed' : 'missing' };
    });
  }
}

async function exists(db: Queryable, subscriptionId: string, id: string): Promise<boolean> {
  return (
    (await changes(db, 'SELECT 1 FROM mirror_items WHERE subscription_id = $1 AND id = $2', [subscriptionId, id])) > 0
  );
}
