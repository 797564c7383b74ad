/**
 * In-memory ItemStore: the reference implementation of the store contract (store.ts), and the store the
 * tests drive. Knobs for tests: read-only, flaky versions (ETags that change without a content change),
 * failing writes, failing reads, a time window, incremental change tracking with expiring tokens, a server-side rewrite
 * of stored data, call counters.
 */
import {
  type ChangeSet,
  ForbiddenError,
  type ItemRef,
  type ItemStore,
  ItemError,
  NotFoundError,
  PreconditionFailedError,
  type ReadResult,
  type StoredItem,
} from './store.js';

export type WriteOp = 'create' | 'update' | 'delete';

export interface MemoryStoreOptions {
  name?: string;
  readOnly?: boolean;
  /** Every list() gives every item a new version, without changing its content. */
  flakyVersions?: boolean;
  /** Fail writes with ItemError: always (true) or when the predicate says so. */
  failWrites?: boolean | ((op: WriteOp, id: string) => boolean);
  /** Support changesSince()/currentToken()/unchanged(). */
  incremental?: boolean;
  /** Only items for which this returns true are listed (a time window); the store is then `windowed`. */
  inRange?: (data: string) => boolean;
  /** Ignore the suggested id on create (like servers that assign their own). */
  ignoreSuggestedIds?: boolean;
  /** Transform data on every write (like a server regenerating PRODID or VTIMEZONE). */
  rewrite?: (data: string) => string;
  /** Extension appended to suggested ids. */
  extension?: string;
  /** Reads of these items fail (an UnreadableItem, like a per-item 500 inside a multiget). */
  failReads?: (id: string) => boolean;
}

interface Entry {
  data: string;
  version: string;
}

export interface CallCounts {
  list: number;
  getMany: number;
  fetchedItems: number;
  create: number;
  update: number;
  delete: number;
  changesSince: number;
  unchanged: number;
}

export class MemoryStore implements ItemStore {
  readonly name: string;
  readOnly: boolean;
  flakyVersions: boolean;
  failWrites: boolean | ((op: WriteOp, id: string) => boolean);
  failReads: ((id: string) => boolean) | undefined;
  readonly calls: CallCounts = {
    list: 0,
    getMany: 0,
    fetchedItems: 0,
    create: 0,
    update: 0,
    delete: 0,
    changesSince: 0,
    unchanged: 0,
  };
  private readonly items = new Map<string, Entry>();
  private readonly changeLog: { seq: number; id: string }[] = [];
  private seq = 0;
  private nextId = 1;
  private tokenFloor = 0;
  private readonly opts: MemoryStoreOptions;

  constructor(opts: MemoryStoreOptions = {}) {
    this.opts = opts;
    this.name = opts.name ?? 'memory';
    this.readOnly = opts.readOnly ?? false;
    this.flakyVersions = opts.flakyVersions ?? false;
    this.failWrites = opts.failWrites ?? false;
    this.failReads = opts.failReads;
    if (opts.incremental) {
      this.changesSince = this.changesSinceImpl;
      this.currentToken = async () => this.token();
      this.unchanged = async (token: string) => {
        this.calls.unchanged++;
        return this.validToken(token) && this.changesAfter(this.parseToken(token)).length === 0;
      };
    }
  }

  get windowed(): boolean {
    return this.opts.inRange !== undefined;
  }

  changesSince?: (token: string | null) => Promise<ChangeSet>;
  currentToken?: () => Promise<string>;
  unchanged?: (token: string) => Promise<boolean>;

  // ---- ItemStore ----

  async list(): Promise<ItemRef[]> {
    this.calls.list++;
    if (this.flakyVersions) this.churn();
    return this.visibleRefs();
  }

  async getMany(ids: string[]): Promise<ReadResult[]> {
    this.calls.getMany++;
    const out: ReadResult[] = [];
    for (const id of ids) {
      const e = this.items.get(id);
      if (e && this.failReads?.(id)) out.push({ id, unreadable: 'injected read failure' });
      else if (e) out.push({ id, version: e.version, data: e.data });
    }
    this.calls.fetchedItems += out.length;
    return out;
  }

  async create(data: string, suggestedId?: string): Promise<ItemRef> {
    this.calls.create++;
    const id =
      suggestedId !== undefined && !this.opts.ignoreSuggestedIds
        ? suggestedId + (this.opts.extension ?? '')
        : `item-${this.nextId++}${this.opts.extension ?? ''}`;
    this.checkWrite('create', id);
    if (this.items.has(id)) throw new PreconditionFailedError(id, `${id} already exists`);
    return { id, version: this.write(id, data) };
  }

  async update(id: string, data: string, ifVersion: string): Promise<{ version: string }> {
    this.calls.update++;
    this.checkWrite('update', id);
    const e = this.items.get(id);
    if (!e) throw new NotFoundError(id, `${id} not found`);
    if (e.version !== ifVersion) throw new PreconditionFailedError(id, `${id} changed (version ${e.version})`);
    return { version: this.write(id, data) };
  }

  async delete(id: string, ifVersion: string): Promise<void> {
    this.calls.delete++;
    this.checkWrite('delete', id);
    const e = this.items.get(id);
    if (!e) throw new NotFoundError(id, `${id} not found`);
    if (e.version !== ifVersion) throw new PreconditionFailedError(id, `${id} changed (version ${e.version})`);
    this.items.delete(id);
    this.logChange(id);
  }

  // ---- direct access, as the owner or the user of the store would act (bypasses read-only) ----

  /** Creates or replaces an item directly; returns its new version. */
  put(id: string, data: string): string {
    return this.write(id, data, false);
  }
  remove(id: string): boolean {
    const had = this.items.delete(id);
    if (had) this.logChange(id);
    return had;
  }
  get(id: string): StoredItem | undefined {
    const e = this.items.get(id);
    return e && { id, version: e.version, data: e.data };
  }
  /** Every item (ignoring the window), sorted by id. */
  all(): StoredItem[] {
    return [...this.items]
      .map(([id, e]) => ({ id, version: e.version, data: e.data }))
      .sort((x, y) => (x.id < y.id ? -1 : 1));
  }
  /** Gives items (all by default) a new version without changing their content. */
  churn(ids?: string[]): void {
    for (const id of ids ?? [...this.items.keys()]) {
      const e = this.items.get(id);
      if (e) {
        e.version = this.newVersion();
        this.logChange(id);
      }
    }
  }
  /** Makes every token issued so far invalid (the next changesSince answers with a full listing). */
  invalidateTokens(): void {
    this.tokenFloor = this.seq + 1;
    this.seq++;
  }

  // ---- internals ----

  private visibleRefs(): ItemRef[] {
    const inRange = this.opts.inRange;
    return [...this.items]
      .filter(([, e]) => !inRange || inRange(e.data))
      .map(([id, e]) => ({ id, version: e.version }));
  }

  private checkWrite(op: WriteOp, id: string): void {
    if (this.readOnly) throw new ForbiddenError(id, `${this.name} is read-only`);
    const f = this.failWrites;
    if (f === true || (typeof f === 'function' && f(op, id))) throw new ItemError(id, `${op} ${id} failed (injected)`);
  }

  private newVersion(): string {
    return `v${++this.seq}`;
  }

  private write(id: string, data: string, rewrite = true): string {
    const stored = rewrite && this.opts.rewrite ? this.opts.rewrite(data) : data;
    const version = this.newVersion();
    this.items.set(id, { data: stored, version });
    this.logChange(id);
    return version;
  }

  private logChange(id: string): void {
    if (this.opts.incremental) this.changeLog.push({ seq: ++this.seq, id });
  }

  private token(): string {
    return `t${this.seq}`;
  }
  private parseToken(token: string): number {
    return Number.parseInt(token.slice(1), 10);
  }
  private validToken(token: string): boolean {
    const n = this.parseToken(token);
    return token.startsWith('t') && Number.isFinite(n) && n >= this.tokenFloor && n <= this.seq;
  }
  private changesAfter(n: number): string[] {
    const ids = new Set<string>();
    for (const c of this.changeLog) if (c.seq > n) ids.add(c.id);
    return [...ids];
  }

  private async changesSinceImpl(token: string | null): Promise<ChangeSet> {
    this.calls.changesSince++;
    const now = this.token();
    if (token === null || !this.validToken(token)) {
      return { changed: this.visibleRefs(), deleted: [], token: now, full: true };
    }
    const changed: ItemRef[] = [];
    const deleted: string[] = [];
    for (const id of this.changesAfter(this.parseToken(token))) {
      const e = this.items.get(id);
      if (e) changed.push({ id, version: e.version });
      else deleted.push(id);
    }
    return { changed, deleted, token: now };
  }
}
