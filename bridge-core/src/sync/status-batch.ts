/**
 * The executor's status commits, grouped: the status changes of many writes are held, then committed together
 * AFTER the stores made those writes durable (`ItemStore.flush()`), in one transaction when the status store
 * can (`applyBatch`).
 *
 * Why: a first sync of 10,000 items to a folder spent most of its time in one fsync chain per file (temp file,
 * fsync, link, directory fsync) and one status transaction per item. Grouping keeps the guarantee that matters
 * (a status entry is never committed before the write it describes is durable, so a power cut can never leave
 * a status saying an item exists where it does not, which the next run would read as a deletion) and pays the
 * disk once per batch instead of once per item. Whatever a crash loses (writes done, status not committed) the
 * planner heals: an item present on both sides with the same content and no status is recorded.
 *
 * Tokens are not batched: the only token change during execution forgets a token (so the next run lists the
 * side fully), which is safe to do at once.
 */
import type { Side, StatusChange, StatusEntry, StatusStore } from './status.js';
import type { ItemStore } from './store.js';

function clone(e: StatusEntry): StatusEntry {
  return { a: { ...e.a }, b: { ...e.b } };
}

export class StatusBatch implements StatusStore {
  private held: StatusChange[] = [];
  /** Commits run one after the other, in the order they were asked for. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly inner: StatusStore,
    /** The stores the run writes to: each is flushed before a batch's status is committed. */
    private readonly stores: ItemStore[],
  ) {}

  /** Status changes waiting for their commit. */
  get size(): number {
    return this.held.length;
  }

  async set(ident: string, entry: StatusEntry): Promise<void> {
    this.held.push({ ident, entry: clone(entry) });
  }

  async delete(ident: string): Promise<void> {
    this.held.push({ ident });
  }

  async get(ident: string): Promise<StatusEntry | undefined> {
    for (let i = this.held.length - 1; i >= 0; i--) {
      const c = this.held[i] as StatusChange;
      if (c.ident === ident) return c.entry && clone(c.entry);
    }
    return this.inner.get(ident);
  }

  async all(): Promise<Map<string, StatusEntry>> {
    const map = await this.inner.all();
    for (const c of this.held) {
      if (c.entry) map.set(c.ident, clone(c.entry));
      else map.delete(c.ident);
    }
    return map;
  }

  getToken(side: Side): Promise<string | undefined> {
    return this.inner.getToken(side);
  }

  setToken(side: Side, token: string | undefined): Promise<void> {
    return this.inner.setToken(side, token);
  }

  async applyBatch(changes: StatusChange[]): Promise<void> {
    for (const c of changes) this.held.push({ ident: c.ident, ...(c.entry ? { entry: clone(c.entry) } : {}) });
  }

  /**
   * Flushes every store, then commits the changes held so far (those held while it runs wait for the next
   * commit: their writes may have finished after the flush began). If a flush throws, the changes of this batch
   * are dropped, not committed: their writes are not known to be durable; the next run finds those items
   * without status and compares them.
   */
  commit(): Promise<void> {
    const run = async (): Promise<void> => {
      const changes = this.held;
      this.held = [];
      if (changes.length === 0) return;
      for (const store of this.stores) await store.flush?.();
      if (this.inner.applyBatch) {
        await this.inner.applyBatch(changes);
        return;
      }
      for (const c of changes) {
        if (c.entry) await this.inner.set(c.ident, c.entry);
        else await this.inner.delete(c.ident);
      }
    };
    const next = this.chain.then(run);
    // A failed commit must not make every later one fail without trying.
    this.chain = next.catch(() => undefined);
    return next;
  }
}
