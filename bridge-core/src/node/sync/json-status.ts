/**
 * StatusStore in one JSON file, for small pairs and environments without SQLite. Every commit rewrites
 * the file crash-safely (temp file + fsync + rename): a crash leaves either the old or the new status,
 * never a torn one. Cost grows with the number of items per commit: prefer SqliteStatusStore beyond a few
 * hundred items.
 */
import { promises as fs } from 'node:fs';
import type { Side, StatusChange, StatusEntry, StatusStore } from '../../sync/status.js';
import { writeFileAtomic } from './fs-atomic.js';

interface FileShape {
  version: 1;
  tokens: Partial<Record<Side, string>>;
  items: Record<string, StatusEntry>;
}

export class JsonFileStatusStore implements StatusStore {
  private state: FileShape | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  private async load(): Promise<FileShape> {
    if (this.state) return this.state;
    try {
      const parsed = JSON.parse(await fs.readFile(this.path, 'utf8')) as FileShape;
      this.state = { version: 1, tokens: parsed.tokens ?? {}, items: parsed.items ?? {} };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.state = { version: 1, tokens: {}, items: {} };
    }
    return this.state;
  }

  private async commit(change: (s: FileShape) => void): Promise<void> {
    const run = async (): Promise<void> => {
      const s = await this.load();
      change(s);
      await writeFileAtomic(this.path, JSON.stringify(s));
    };
    this.queue = this.queue.then(run, run);
    return this.queue;
  }

  async get(ident: string): Promise<StatusEntry | undefined> {
    const e = (await this.load()).items[ident];
    return e && structuredClone(e);
  }
  async all(): Promise<Map<string, StatusEntry>> {
    return new Map(Object.entries(structuredClone((await this.load()).items)));
  }
  async set(ident: string, entry: StatusEntry): Promise<void> {
    const copy = structuredClone(entry);
    await this.commit((s) => {
      s.items[ident] = copy;
    });
  }
  async delete(ident: string): Promise<void> {
    await this.commit((s) => {
      delete s.items[ident];
    });
  }
  /** One rewrite of the file for the whole batch. */
  async applyBatch(changes: StatusChange[]): Promise<void> {
    const copies = changes.map((c) => ({ ident: c.ident, entry: c.entry && structuredClone(c.entry) }));
    await this.commit((s) => {
      for (const { ident, entry } of copies) {
        if (entry) s.items[ident] = entry;
        else delete s.items[ident];
      }
    });
  }
  async getToken(side: Side): Promise<string | undefined> {
    return (await this.load()).tokens[side];
  }
  async setToken(side: Side, token: string | undefined): Promise<void> {
    await this.commit((s) => {
      if (token === undefined) delete s.tokens[side];
      else s.tokens[side] = token;
    });
  }
}
