/**
 * A local folder as an ItemStore, in vdirsyncer's "vdir" layout: one item per file (`.ics` for iCalendar,
 * `.vcf` for vCards), no index. id = file name; version = inode + mtime (ns) + size, so any rewrite counts
 * (writes here are temp + rename, which always gives a new inode). Every regular file that does not start
 * with "." is an item, whatever its extension; the extension is only chosen on create.
 * Preconditions are checked against the file's current version just before the write (a tiny race window
 * remains against another program writing the same file at the same moment).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, statSync } from 'node:fs';
import { join } from 'node:path';
import { itemKind } from '../../sync/content-lines.js';
import {
  ForbiddenError,
  type ItemRef,
  type ItemStore,
  ItemError,
  NotFoundError,
  PreconditionFailedError,
  type ReadResult,
} from '../../sync/store.js';
import { createFileAtomic, writeFileAtomic } from './fs-atomic.js';

export interface VdirStoreOptions {
  readOnly?: boolean;
  name?: string;
  /** Create the folder if it does not exist (default true). */
  create?: boolean;
}

function isNoEnt(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** "EACCES", "EIO"...: enough to tell a user why a file could not be read. */
function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? String(err);
}

export class VdirStore implements ItemStore {
  readonly readOnly: boolean;
  readonly name: string;
  /** Each write waits for its fsyncs: many in flight keep the disk busy instead of the run waiting. */
  readonly concurrency = 32;
  private dirReady = false;

  constructor(
    readonly dir: string,
    opts: VdirStoreOptions = {},
  ) {
    this.readOnly = opts.readOnly ?? false;
    this.name = opts.name ?? dir;
    this.createDir = opts.create ?? true;
  }
  private readonly createDir: boolean;

  private path(id: string): string {
    if (id.length === 0 || id.includes('/') || id.includes('\\') || id === '.' || id === '..' || id.startsWith('.')) {
      throw new ItemError(id, `invalid item name ${JSON.stringify(id)}`);
    }
    return join(this.dir, id);
  }

  private async version(path: string): Promise<string | undefined> {
    try {
      const st = await fs.stat(path, { bigint: true });
      if (!st.isFile()) return undefined;
      return `${st.ino}-${st.mtimeNs}-${st.size}`;
    } catch (err) {
      if (isNoEnt(err)) return undefined;
      throw err;
    }
  }

  async list(): Promise<ItemRef[]> {
    if (this.createDir && !this.readOnly) await fs.mkdir(this.dir, { recursive: true });
    const names = (await fs.readdir(this.dir)).filter((n) => !n.startsWith('.')).sort();
    const out: ItemRef[] = [];
    // Synchronous stats: an idle run of a 10,000-item folder is these stats and little else, and a stat
    // through the thread pool costs ten times one made in place.
    for (const id of names) {
      const st = statSync(join(this.dir, id), { bigint: true, throwIfNoEntry: false });
      if (st?.isFile()) out.push({ id, version: `${st.ino}-${st.mtimeNs}-${st.size}` });
    }
    return out;
  }

  async getMany(ids: string[]): Promise<ReadResult[]> {
    const out: ReadResult[] = [];
    for (const id of ids) {
      const path = this.path(id);
      // Read, then check the version did not move during the read (retry once). A file that keeps changing,
      // or cannot be read (permissions, I/O error), exists: it is reported unreadable, never taken for deleted.
      let result: ReadResult | undefined = { id, unreadable: 'changed while being read' };
      for (let attempt = 0; attempt < 2; attempt++) {
        const before = await this.version(path);
        if (before === undefined) {
          result = undefined;
          break;
        }
        let data: string;
        try {
          data = await fs.readFile(path, 'utf8');
        } catch (err) {
          result = isNoEnt(err) ? undefined : { id, unreadable: errorCode(err) };
          if (!result) break;
          continue;
        }
        if ((await this.version(path)) === before) {
          result = { id, version: before, data };
          break;
        }
      }
      if (result) out.push(result);
    }
    return out;
  }

  private checkWritable(id: string): void {
    if (this.readOnly) throw new ForbiddenError(id, `${this.name} is read-only`);
  }

  async create(data: string, suggestedId?: string): Promise<ItemRef> {
    const ext = itemKind(data) === 'vcard' ? '.vcf' : '.ics';
    const base =
      suggestedId && /^[A-Za-z0-9][A-Za-z0-9._@-]*$/.test(suggestedId) ? suggestedId : randomBytes(12).toString('hex');
    const id = base + ext;
    this.checkWritable(id);
    if (this.createDir && !this.dirReady) {
      await fs.mkdir(this.dir, { recursive: true });
      this.dirReady = true;
    }
    const path = this.path(id);
    if (!(await createFileAtomic(path, data))) throw new PreconditionFailedError(id, `${id} already exists`);
    const version = await this.version(path);
    if (version === undefined) throw new ItemError(id, `${id} vanished right after its creation`);
    return { id, version };
  }

  async update(id: string, data: string, ifVersion: string): Promise<{ version: string }> {
    this.checkWritable(id);
    const path = this.path(id);
    const current = await this.version(path);
    if (current === undefined) throw new NotFoundError(id, `${id} not found`);
    if (current !== ifVersion) throw new PreconditionFailedError(id, `${id} changed on disk`);
    await writeFileAtomic(path, data);
    const version = await this.version(path);
    if (version === undefined) throw new ItemError(id, `${id} vanished right after its update`);
    return { version };
  }

  async delete(id: string, ifVersion: string): Promise<void> {
    this.checkWritable(id);
    const path = this.path(id);
    const current = await this.version(path);
    if (current === undefined) throw new NotFoundError(id, `${id} not found`);
    if (current !== ifVersion) throw new PreconditionFailedError(id, `${id} changed on disk`);
    try {
      await fs.unlink(path);
    } catch (err) {
      if (isNoEnt(err)) throw new NotFoundError(id, `${id} not found`);
      throw err;
    }
  }
}
