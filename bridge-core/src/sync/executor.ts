/**
 * Applies a plan, a few actions at a time (each action touches one item), each with its precondition. Status
 * changes are committed in batches, each only after the stores flushed the batch's writes (see status-batch.ts):
 * a status entry is never committed before its write is durable, and a crash loses at most the uncommitted
 * batch, which the planner heals next run (an item found identical on both sides is simply recorded).
 *
 * - create: If-None-Match. If the store says the item already exists (412, e.g. a write that happened just
 *   before a crash), it is fetched and compared: same UID and content -> the status is recorded; same UID,
 *   other content -> reported as an unresolved conflict and the side's sync token is dropped so the next run
 *   lists it (and plans the conflict); another UID -> created again under a different name.
 * - update/delete: If-Match. 412 -> nothing overwritten, the status version of that side is marked stale so
 *   the next run fetches and re-plans it (no retry loop). 404 on update -> create instead; 404 on delete ->
 *   already gone.
 * - a version set aside (conflict loser, reverted local change) is written to the conflict log BEFORE the
 *   write that replaces or deletes it.
 * - a StoreError (per item) is reported and the run goes on; any other exception (a crash, the network gone,
 *   the conflict log failing) stops the run at once: everything committed so far stays valid.
 */
import { message, render } from '../i18n/index.js';
import type { ConflictLog } from './conflict-log.js';
import { incompleteReason } from './content-lines.js';
import { identify, type SideItem, suggestedIdFor } from './item-identity.js';
import type { Action, SetAside } from './planner.js';
import { itemTitle } from './item-title.js';
import { readOnlyRevertMessages, type SyncReport } from './report.js';
import { StatusBatch } from './status-batch.js';
import { STALE_VERSION, type Side, type SideStatus, type StatusEntry, type StatusStore } from './status.js';
import {
  ForbiddenError,
  type ItemRef,
  type ItemStore,
  NotFoundError,
  PreconditionFailedError,
  StoreError,
  type StoredItem,
  UnreadableError,
  isUnreadable,
} from './store.js';

export interface ExecuteContext {
  stores: Record<Side, ItemStore>;
  status: StatusStore;
  /** The status as read at the start of the run (used to mark stale versions). */
  statusMap: Map<string, StatusEntry>;
  conflictLog: ConflictLog;
  report: SyncReport;
  onProgress?: (done: number, total: number) => void;
  /** Sides treated as read-only: a version set aside from the other side is a local change not sent. */
  readOnly?: Record<Side, boolean>;
}

/** A create found a different item already at that place. */
class CreateCollision extends Error {
  constructor(
    readonly side: Side,
    readonly id: string,
  ) {
    super(`an item already exists at ${id}`);
  }
}

function entryOf(side: Side, mine: SideStatus, theirs: SideStatus): StatusEntry {
  return side === 'a' ? { a: mine, b: theirs } : { a: theirs, b: mine };
}

function toStatus(item: SideItem): SideStatus {
  return { id: item.id, version: item.version, hash: item.hash };
}

/** Writes in flight at once: each action touches one item, so they are independent of each other. */
export const DEFAULT_EXECUTE_CONCURRENCY = 6;

/**
 * Status changes held before a commit (see status-batch.ts): one flush of the stores and one status transaction
 * per this many actions. Larger batches pay the disk less often; a crash leaves at most this many items without
 * status (the next run records them again after comparing).
 */
export const DEFAULT_COMMIT_BATCH = 500;

export async function execute(
  actions: Action[],
  ctx: ExecuteContext,
  concurrency = DEFAULT_EXECUTE_CONCURRENCY,
  commitBatch = DEFAULT_COMMIT_BATCH,
): Promise<void> {
  let done = 0;
  let next = 0;
  let fatal: { error: unknown } | undefined;
  const writable = [...new Set([ctx.stores.a, ctx.stores.b])].filter((s) => !s.readOnly);
  const batch = new StatusBatch(ctx.status, writable);
  const batchCtx: ExecuteContext = { ...ctx, status: batch };
  const worker = async (): Promise<void> => {
    while (!fatal && next < actions.length) {
      const action = actions[next++] as Action;
      try {
        await executeOne(action, batchCtx);
        // The other workers go on writing while this one flushes and commits.
        if (batch.size >= commitBatch) await batch.commit();
      } catch (error) {
        // A crash, the network gone: no new write starts; those in flight finish and their status is committed
        // (after the flush) below.
        fatal ??= { error };
        return;
      }
      done++;
      ctx.onProgress?.(done, actions.length);
    }
  };
  // Writes overlap (a server answers several PUTs at once, a disk merges fsyncs): a first sync of 10,000 items
  // is bound by latency otherwise.
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, actions.length)) }, worker));
  try {
    await batch.commit();
  } catch (error) {
    fatal ??= { error };
  }
  if (fatal) throw fatal.error;
}

/** One action, with its own notion of which side it is writing (for error reports). */
async function executeOne(action: Action, ctx: ExecuteContext): Promise<void> {
  const { stores, status, report } = ctx;
  let currentSide: Side = 'a';

  /** The item as it is now; undefined when it is gone. Throws UnreadableError when it exists but cannot be read. */
  const fetchOne = async (side: Side, id: string): Promise<StoredItem | undefined> => {
    const [item] = await stores[side].getMany([id]);
    if (!item) return undefined;
    const reason = isUnreadable(item) ? item.unreadable : incompleteReason(item.data);
    if (reason !== undefined || isUnreadable(item)) throw new UnreadableError(id, reason ?? '');
    report.fetched[side]++;
    return item;
  };

  const setAside = async (ident: string, s: SetAside | undefined): Promise<boolean> => {
    if (!s) return true;
    currentSide = s.side;
    const data = s.item.data ?? (await fetchOne(s.side, s.item.id))?.data;
    if (data === undefined) return true; // already gone: nothing to keep
    const keptAt = await ctx.conflictLog.record(ident, s.side, data, s.reason, s.item.id);
    const readOnlySide: Side = s.side === 'a' ? 'b' : 'a';
    if (ctx.readOnly?.[readOnlySide]) {
      // A local change the read-only side will not take: say so, and where the user's version is kept.
      const title = itemTitle(data) ?? s.item.id ?? ident;
      const readOnlyName = stores[readOnlySide].name ?? readOnlySide.toUpperCase();
      report.readOnlyReverts.push({
        ident,
        side: s.side,
        id: s.item.id,
        title,
        ...(keptAt === undefined ? {} : { keptAt }),
        ...readOnlyRevertMessages(title, readOnlyName, keptAt),
      });
    }
    return true;
  };

  const markStale = async (ident: string, side: Side, id: string, write: 'update' | 'delete'): Promise<void> => {
    report.deferred++;
    const text = message('sync.changed-during-run', { id, side: side.toUpperCase(), write });
    report.issues.push({ kind: 'deferred', ident, side, id, message: render('en', text), text });
    // A new entry, not an edit of the one the run was given: the plan's view of the status stays as it was read.
    const entry = ctx.statusMap.get(ident);
    if (entry) await status.set(ident, { ...entry, [side]: { ...entry[side], version: STALE_VERSION } });
  };

  /** Create with If-None-Match; on 412 fetch what is there and accept it if it is the same item. */
  const createOrRecover = async (
    side: Side,
    ident: string,
    data: string,
    hash: string,
    suggestedId: string,
  ): Promise<ItemRef> => {
    currentSide = side;
    try {
      return await stores[side].create(data, suggestedId);
    } catch (err) {
      if (!(err instanceof PreconditionFailedError)) throw err;
      const existing = await fetchOne(side, err.id);
      const found = existing && identify(existing.data);
      if (existing && found && found.ident === ident) {
        if (found.hash === hash) {
          report.recorded++; // written before a crash, status not committed: adopt it
          return { id: existing.id, version: existing.version };
        }
        throw new CreateCollision(side, err.id);
      }
      // Another item (another UID) holds that name: create under a name of our own instead.
      return await stores[side].create(data, `${suggestedId}-${hash.slice(0, 8)}`);
    }
  };

  const run = async (action: Action): Promise<void> => {
    switch (action.kind) {
      case 'record':
        await status.set(action.ident, action.entry);
        report.recorded++;
        return;
      case 'forget':
        await status.delete(action.ident);
        return;
      case 'conflict': {
        const text = message('sync.unresolved-conflict', { reason: action.why });
        report.issues.push({ kind: 'conflict', ident: action.ident, message: render('en', text), text });
        return;
      }
      case 'skip':
        report.skipped++;
        report.issues.push({
          kind: 'read-only',
          ident: action.ident,
          side: action.side,
          message: action.reason,
          // The shells show it in their user's language; `message` keeps the plan's English trace.
          text: message('sync.plan-reason', action.why),
        });
        return;
      case 'copy': {
        const { ident, from, to, target } = action;
        let source = action.source;
        if (source.data === undefined) {
          currentSide = from;
          const fresh = await fetchOne(from, source.id);
          if (!fresh) {
            report.deferred++;
            const text = message('sync.disappeared-during-run', { id: source.id });
            report.issues.push({
              kind: 'deferred',
              ident,
              side: from,
              id: source.id,
              message: render('en', text),
              text,
            });
            return;
          }
          source = { id: fresh.id, version: fresh.version, data: fresh.data, hash: identify(fresh.data).hash };
        }
        const data = source.data as string;
        await setAside(ident, action.setAside);
        currentSide = to;
        let written: ItemRef | undefined;
        let created = false;
        if (target) {
          try {
            const r = await stores[to].update(target.id, data, target.version);
            written = { id: target.id, version: r.version };
          } catch (err) {
            if (err instanceof PreconditionFailedError) {
              await markStale(ident, to, target.id, 'update');
              return;
            }
            if (!(err instanceof NotFoundError)) throw err;
          }
        }
        if (!written) {
          written = await createOrRecover(to, ident, data, source.hash, suggestedIdFor(ident, source.hash));
          created = true;
        }
        await status.set(ident, entryOf(to, { ...written, hash: source.hash }, toStatus(source)));
        report[to][created ? 'created' : 'updated']++;
        return;
      }
      case 'delete': {
        const { ident, side, target } = action;
        await setAside(ident, action.setAside);
        currentSide = side;
        try {
          await stores[side].delete(target.id, target.version);
          report[side].deleted++;
        } catch (err) {
          if (err instanceof PreconditionFailedError) {
            await markStale(ident, side, target.id, 'delete');
            return;
          }
          if (!(err instanceof NotFoundError)) throw err;
        }
        await status.delete(ident);
        return;
      }
      case 'duplicate': {
        const ra = await createOrRecover('a', action.copyIdent, action.data, action.hash, action.suggestedId);
        report.a.created++;
        const rb = await createOrRecover('b', action.copyIdent, action.data, action.hash, action.suggestedId);
        report.b.created++;
        await status.set(action.copyIdent, { a: { ...ra, hash: action.hash }, b: { ...rb, hash: action.hash } });
        return;
      }
    }
  };

  try {
    await run(action);
  } catch (err) {
    if (err instanceof UnreadableError) {
      // Whatever this action would have replaced or deleted could not be read: nothing is written for it.
      report.deferred++;
      report.unreadable++;
      const text = message('sync.target-unreadable', { id: err.id, reason: err.message });
      report.issues.push({
        kind: 'unreadable',
        ident: action.ident,
        side: currentSide,
        id: err.id,
        message: render('en', text),
        text,
      });
    } else if (err instanceof CreateCollision) {
      report.unresolvedConflicts++;
      const text = message('sync.create-collision', { side: err.side.toUpperCase(), id: err.id });
      report.issues.push({
        kind: 'conflict',
        ident: action.ident,
        side: err.side,
        id: err.id,
        message: render('en', text),
        text,
      });
      await status.setToken(err.side, undefined);
    } else if (err instanceof StoreError) {
      report[currentSide].errors++;
      const text = message(err instanceof ForbiddenError ? 'sync.write-refused' : 'sync.write-failed', {
        detail: err.message,
      });
      report.issues.push({
        kind: 'error',
        ident: action.ident,
        side: currentSide,
        id: err.id,
        message: render('en', text),
        text,
      });
    } else {
      throw err;
    }
  }
}
