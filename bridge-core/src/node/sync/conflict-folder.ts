/**
 * ConflictLog kept as plain files the user can open or import again: one `.ics`/`.vcf` per set-aside
 * version in a folder (by default `conflicts/` next to the sync state), plus `conflicts.jsonl` saying
 * when, which item, which side and why. A version already kept (same item, side and content) is not
 * written twice.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ConflictLog } from '../../sync/conflict-log.js';
import { itemKind } from '../../sync/content-lines.js';
import { contentHash } from '../../sync/normalize.js';
import type { Side } from '../../sync/status.js';
import { createFileAtomic } from './fs-atomic.js';

export class ConflictFolder implements ConflictLog {
  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Resolves to the file that holds the version (the one already there when this very version was kept). */
  async record(ident: string, side: Side, data: string, reason: string, id?: string): Promise<string> {
    await fs.mkdir(this.dir, { recursive: true });
    const safe = ident.replace(/[^A-Za-z0-9._@-]/g, '_').slice(0, 80) || 'item';
    const ext = itemKind(data) === 'vcard' ? '.vcf' : '.ics';
    const file = `${safe}.${side}.${contentHash(data).slice(0, 12)}${ext}`;
    const path = join(this.dir, file);
    const created = await createFileAtomic(path, data);
    if (!created) return path; // this very version is already kept
    const line = JSON.stringify({ at: this.now().toISOString(), ident, side, id, reason, file }) + '\n';
    await fs.appendFile(join(this.dir, 'conflicts.jsonl'), line, 'utf8');
    return path;
  }

  /** The records written so far (for a "restore" UI). */
  async list(): Promise<{ at: string; ident: string; side: Side; id?: string; reason: string; file: string }[]> {
    let text = '';
    try {
      text = await fs.readFile(join(this.dir, 'conflicts.jsonl'), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return text
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .map(
        (l) => JSON.parse(l) as { at: string; ident: string; side: Side; id?: string; reason: string; file: string },
      );
  }
}
