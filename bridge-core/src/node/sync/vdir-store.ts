/**
 * A local folder as an ItemStore, in vdirsyncer's "vdir" layout: one item per file (`.ics` for iCalendar,
 * `.vcf` for vCards), no index. id = file name; version = inode + mtime + size, so any rewrite counts
 * (writes here are temp + rename, which always gives a new inode). Every regular file that does not start
 * with "." is an item, whatever its extension; the extension is only chosen on create.
 * Preconditions are checked against the file's current version just before the write (a tiny race window
 * remains against another program writing the same file at the same moment).
 *
 * Creates are durable in batches: create() writes the content to a hidden temp file (no fsync) and answers;
 * flush() fsyncs the batch's temp files, links each to its name, then fsyncs the directory once. So a visible
 * file is always complete, even after a power cut, and the disk is paid once per batch instead of once per
 * file (a 10,000-event first sync spent most of its time in per-file fsync chains). Until flush() the new
 * files are not in the folder (a read or write of this store touching them flushes first); the engine commits
 * their status only after flush() (see ItemStore.flush). Updates stay durable one by one (temp + fsync + rename): an update replaces content the
 * user may have nowhere else, and they are few.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsync,
  linkSync,
  lstatSync,
  openSync,
  promises as fs,
  statSync,
  type Stats,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { promisify } from 'node:util';
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
import { syncDir, tempPathFor, writeFileAtomic } from './fs-atomic.js';
import { message } from '../../i18n/index.js';
import { UserFacingError } from '../localized-error.js';

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

/**
 * inode, mtime, size. Plain-number stats, not bigint ones: a third cheaper, and an idle run of a 10,000-file
 * folder is mostly these stats. mtimeMs keeps a sub-microsecond fraction, finer than the kernel's timestamp
 * granularity, so nothing is lost that the nanosecond field really had; and every write here makes a new inode.
 */
function versionOf(st: Stats): string {
  return `${st.ino}-${st.mtimeMs}-${st.size}`;
}

const fsyncAsync = promisify(fsync);

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed: nothing to release
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** A created item whose content is written to a temp file, waiting for flush() to become durable and visible. */
interface PendingCreate {
  id: string;
  path: string;
  tmp: string;
  fd: number;
}

/**
 * Creates held at most before the store flushes by itself. Each holds an open file until its flush, and a common
 * soft limit is 1,024 open files: at most two batches (one flushing, one filling, each up to this plus the writes
 * in flight) stay well under it.
 */
const MAX_PENDING_CREATES = 256;

/** vdirsyncer's metadata files in a collection folder (its metasync). */
const VDIR_METADATA = new Set(['displayname', 'color']);

export class VdirStore implements ItemStore {
  readonly readOnly: boolean;
  readonly name: string;
  /** Each write waits for its fsyncs: many in flight keep the disk busy instead of the run waiting. */
  readonly concurrency = 32;
  private dirReady = false;
  private pending: PendingCreate[] = [];
  /** Names of pending creates: a second create of the same name is refused like an existing file. */
  private readonly reserved = new Set<string>();
  /** A deletion since the last flush: the directory needs its fsync even with no create pending. */
  private dirChanged = false;
  private flushing: Promise<void> = Promise.resolve();
  /** A failed flush nobody waiting on flush() heard of yet (see flush()). */
  private unreportedFlushFailure: unknown;

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
      const st = await fs.stat(path);
      if (!st.isFile()) return undefined;
      return versionOf(st);
    } catch (err) {
      if (isNoEnt(err)) return undefined;
      throw err;
    }
  }

  /**
   * Reads and conditional writes see the creates made so far: a pending create is flushed first when one of them
   * touches it (the engine never does within a run; another caller must not find an item it just created
   * missing). Visible before its status is committed is the safe order.
   */
  private async settle(ids?: string[]): Promise<void> {
    if (this.pending.length === 0) return;
    if (ids === undefined || ids.some((id) => this.reserved.has(id))) await this.queueFlush();
  }

  async list(): Promise<ItemRef[]> {
    await this.settle();
    if (this.createDir && !this.readOnly) await fs.mkdir(this.dir, { recursive: true });
    // vdirsyncer keeps the collection's metadata beside the items (displayname, color): they are not items.
    const names = (await fs.readdir(this.dir)).filter((n) => !n.startsWith('.') && !VDIR_METADATA.has(n)).sort();
    const out: ItemRef[] = [];
    // Synchronous stats: an idle run of a 10,000-item folder is these stats and little else, and a stat
    // through the thread pool costs ten times one made in place.
    for (const id of names) {
      const st = statSync(join(this.dir, id), { throwIfNoEntry: false });
      if (st?.isFile()) out.push({ id, version: versionOf(st) });
    }
    return out;
  }

  async getMany(ids: string[]): Promise<ReadResult[]> {
    await this.settle(ids);
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
    if (this.reserved.has(id) || this.exists(path)) {
      throw new PreconditionFailedError(id, `${id} already exists`);
    }
    this.reserved.add(id);
    let version: string;
    try {
      const tmp = tempPathFor(path);
      // Synchronous calls: each is a few microseconds on a file of a few kilobytes, and a first sync makes
      // 10,000 of them; through the thread pool the same work costs twice the CPU (promises, hand-overs). The
      // waiting part, the fsync, stays asynchronous and overlapped (flush).
      const fd = openSync(tmp, 'wx');
      try {
        writeFileSync(fd, data, 'utf8');
        // The inode, mtime and size stay the same through the link flush() makes: this is the final version.
        version = versionOf(fstatSync(fd));
      } catch (err) {
        closeQuietly(fd);
        unlinkQuietly(tmp);
        throw err;
      }
      this.pending.push({ id, path, tmp, fd });
    } catch (err) {
      this.reserved.delete(id);
      throw err;
    }
    if (this.pending.length >= MAX_PENDING_CREATES) await this.queueFlush();
    return { id, version };
  }

  /** Synchronous and without an exception for "absent": the usual answer on a first sync, 10,000 times. */
  private exists(path: string): boolean {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  }

  /**
   * Makes the creates and deletions made so far durable: the temp files' contents first, then their names (a
   * link, which never overwrites), then the directory, once. A name taken meanwhile by another program is left
   * to that program's file and reported by throwing (the engine then commits no status for this batch; the next
   * run compares both versions).
   */
  flush(): Promise<void> {
    // A flush the store made on its own (a full batch, a read of a name still pending) that failed lost writes
    // whose status the engine may still hold: the engine's own flush reports it, so it commits no status for them.
    return this.queueFlush().then(
      () => {
        const lost = this.unreportedFlushFailure;
        this.unreportedFlushFailure = undefined;
        if (lost !== undefined) throw lost;
      },
      (err: unknown) => {
        this.unreportedFlushFailure = undefined; // the engine hears this one now
        throw err;
      },
    );
  }

  /** One flush at a time: a flush must not return while an earlier one still holds writes made before it. */
  private queueFlush(): Promise<void> {
    const run = this.flushing.then(() => this.flushPending());
    this.flushing = run.catch((err: unknown) => {
      this.unreportedFlushFailure ??= err;
    });
    return run;
  }

  private async flushPending(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0 && !this.dirChanged) return;
    this.dirChanged = false;
    try {
      // The contents, all at once: the disk merges concurrent fsyncs into few journal commits.
      const synced = await Promise.allSettled(batch.map((p) => fsyncAsync(p.fd)));
      for (const p of batch) closeQuietly(p.fd);
      const syncFailure = synced.find((r) => r.status === 'rejected');
      if (syncFailure) throw syncFailure.reason;
      // Then the names (link never overwrites), then the directory once.
      const taken: string[] = [];
      for (const p of batch) {
        try {
          linkSync(p.tmp, p.path);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
          taken.push(p.id);
        }
      }
      await syncDir(this.dir);
      if (taken.length > 0) {
        throw UserFacingError.of(message('sync.files-appeared', { folder: this.name, ids: taken }));
      }
    } catch (err) {
      // The directory was not synced: earlier deletions are not durable yet, the next flush syncs it.
      this.dirChanged = true;
      throw err;
    } finally {
      // unlink, not rm: one syscall instead of a stat and an unlink, ten thousand times in a first sync
      for (const p of batch) unlinkQuietly(p.tmp);
      for (const p of batch) this.reserved.delete(p.id);
    }
  }

  async update(id: string, data: string, ifVersion: string): Promise<{ version: string }> {
    this.checkWritable(id);
    await this.settle([id]);
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
    await this.settle([id]);
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
    this.dirChanged = true;
  }
}
