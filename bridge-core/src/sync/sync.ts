/**
 * syncPair: one two-way sync run of a pair of stores.
 *
 *   read each side (incremental when possible) -> fetch only new/changed versions (batched getMany)
 *   -> identify by UID, hash by meaning -> plan -> mass-deletion guard -> execute -> advance sync tokens.
 *
 * Reading a side ("view": id -> version of every item the side holds):
 * - store with changesSince() and a token in the status: the view is the status' ids/versions for that
 *   side, with the reported changes and deletions applied. So an idle run costs one changesSince() per side
 *   (or one `unchanged()` gate), and no list()/getMany() at all. `full: true` answers replace the view.
 * - otherwise: list() (with currentToken() read first, when the store has one, to start incremental runs).
 * - windowed store (time-range listing): an item the status knows but list() does not show is assumed
 *   unchanged (it may just have left the window). Only explicit deletions count: changesSince().deleted,
 *   a 404 on a conditional write, an item getMany() no longer returns. So a windowed store should
 *   implement changesSince() for deletions inside the window to propagate.
 *
 * Tokens are advanced only after a run that left nothing pending (no error, no deferred item, no unresolved
 * conflict, no change held back by a read-only side): otherwise the changes would not be reported again.
 */
import type { ConflictLog } from './conflict-log.js';
import { MemoryConflictLog } from './conflict-log.js';
import { DEFAULT_EXECUTE_CONCURRENCY, execute } from './executor.js';
import { checkDeletionGuard, type DeletionLimit } from './guard.js';
import { groupByIdent, type IdentifiedItem, identify, NO_UID_PREFIX, type SideItem } from './item-identity.js';
import { type ConflictPolicy, countConflicts, plan, type ReadOnlyPolicy } from './planner.js';
import { emptyReport, type SyncReport } from './report.js';
import { STALE_VERSION, type Side, type StatusEntry, type StatusStore } from './status.js';
import type { ItemStore } from './store.js';

export interface SyncProgress {
  phase: 'list' | 'fetch' | 'plan' | 'execute' | 'done';
  side?: Side;
  done: number;
  total: number;
}

export interface SyncOptions {
  a: ItemStore;
  b: ItemStore;
  status: StatusStore;
  /** Where losing versions are kept; defaults to an in-memory log (then lost at exit: pass a real one). */
  conflictLog?: ConflictLog;
  /** Conflict policy; default `newest`. */
  policy?: ConflictPolicy;
  /** What to do with changes that would have to be written to a read-only side; default `revert`. */
  readOnly?: ReadOnlyPolicy;
  /** Treat a side as read-only even if its store is writable. */
  readOnlySides?: { a?: boolean; b?: boolean };
  /** Bypass the mass-deletion guard. */
  forceDelete?: boolean;
  /** Plan and report, write nothing (no store write, no status change, no conflict record). */
  dryRun?: boolean;
  onProgress?: (p: SyncProgress) => void;
  /** getMany batch size; default 100. */
  batchSize?: number;
  /** Mass-deletion guard: most deletions per side without forceDelete; default 10% of the side, at least 1. */
  maxDelete?: DeletionLimit;
  /** Appended to the title of keep-both copies. */
  copySuffix?: string;
}

interface SideView {
  refs: Map<string, string>; // id -> version
  newToken: string | undefined;
  mode: 'full' | 'incremental' | 'unchanged';
}

async function readSide(
  side: Side,
  store: ItemStore,
  status: StatusStore,
  statusMap: Map<string, StatusEntry>,
): Promise<SideView> {
  const fromStatus = (): Map<string, string> =>
    new Map([...statusMap.values()].map((e) => [e[side].id, e[side].version]));
  const token = await status.getToken(side);
  let refs: Map<string, string>;
  let newToken: string | undefined;
  let mode: SideView['mode'] = 'full';
  const deleted = new Set<string>();
  if (store.changesSince && token !== undefined) {
    if (store.unchanged && (await store.unchanged(token))) {
      return { refs: fromStatus(), newToken: token, mode: 'unchanged' };
    }
    const cs = await store.changesSince(token);
    newToken = cs.token;
    if (cs.full) {
      refs = new Map(cs.changed.map((r) => [r.id, r.version]));
    } else {
      mode = 'incremental';
      refs = fromStatus();
      for (const id of cs.deleted) {
        refs.delete(id);
        deleted.add(id);
      }
      for (const r of cs.changed) refs.set(r.id, r.version);
    }
  } else if (store.changesSince) {
    // No token yet: the store's own "everything" answer, which can carry the data too (a DAV store reads
    // every item with one query and hands them to getMany without a second request).
    const cs = await store.changesSince(null);
    newToken = cs.token;
    refs = new Map(cs.changed.map((r) => [r.id, r.version]));
  } else {
    newToken = store.currentToken ? await store.currentToken() : undefined;
    refs = new Map((await store.list()).map((r) => [r.id, r.version]));
  }
  if (store.windowed && mode === 'full') {
    for (const e of statusMap.values()) {
      const { id, version } = e[side];
      if (!refs.has(id) && !deleted.has(id)) refs.set(id, version);
    }
  }
  return { refs, newToken, mode };
}

export async function syncPair(opts: SyncOptions): Promise<SyncReport> {
  const dryRun = opts.dryRun ?? false;
  const report = emptyReport(dryRun);
  const stores: Record<Side, ItemStore> = { a: opts.a, b: opts.b };
  const batchSize = Math.max(1, opts.batchSize ?? 100);
  const progress = opts.onProgress ?? (() => undefined);
  const statusMap = await opts.status.all();

  const views = {} as Record<Side, SideView>;
  const items = {} as Record<Side, Map<string, SideItem>>;
  // Both sides are read at once: an idle run is mostly waiting for one server's answer, and the other side
  // (a folder's stats, another server) can be read meanwhile.
  progress({ phase: 'list', side: 'a', done: 0, total: 1 });
  const [viewA, viewB] = await Promise.all([
    readSide('a', stores.a, opts.status, statusMap),
    readSide('b', stores.b, opts.status, statusMap),
  ]);
  const read: Record<Side, SideView> = { a: viewA, b: viewB };
  for (const side of ['a', 'b'] as const) {
    const view = read[side];
    views[side] = view;
    report.listing[side] = view.mode;

    // Known: the status pairs this id with an ident at this very version -> no download.
    const identOfId = new Map<string, string>();
    for (const [ident, e] of statusMap) identOfId.set(e[side].id, ident);
    const identified: IdentifiedItem[] = [];
    const toFetch: string[] = [];
    for (const [id, version] of view.refs) {
      const ident = identOfId.get(id);
      const st = ident === undefined ? undefined : statusMap.get(ident)?.[side];
      if (ident !== undefined && st && st.version !== STALE_VERSION && st.version === version) {
        identified.push({
          ident,
          id,
          version,
          hash: st.hash,
          ...(ident.startsWith(NO_UID_PREFIX) ? { noUid: true } : {}),
        });
      } else {
        toFetch.push(id);
      }
    }
    toFetch.sort();
    for (let i = 0; i < toFetch.length; i += batchSize) {
      progress({ phase: 'fetch', side, done: i, total: toFetch.length });
      const batch = toFetch.slice(i, i + batchSize);
      const got = await stores[side].getMany(batch);
      report.fetched[side] += got.length;
      const wanted = new Set(batch);
      for (const it of got) {
        if (!wanted.has(it.id)) continue;
        wanted.delete(it.id);
        const idn = identify(it.data);
        identified.push({
          ident: idn.ident,
          id: it.id,
          version: it.version,
          hash: idn.hash,
          data: it.data,
          ...(idn.uid === undefined ? { noUid: true } : {}),
        });
      }
      // Ids getMany did not return no longer exist: they are simply not part of this side any more.
    }
    const grouped = groupByIdent(
      identified,
      (ident) => statusMap.get(ident)?.[side].id,
      stores[side].name ?? side.toUpperCase(),
    );
    items[side] = grouped.items;
    for (const w of grouped.warnings) report.issues.push({ kind: 'warning', ident: w.ident, side, message: w.message });
  }

  progress({ phase: 'plan', done: 0, total: 1 });
  const actions = plan({
    a: items.a,
    b: items.b,
    status: statusMap,
    readOnly: { a: opts.a.readOnly || !!opts.readOnlySides?.a, b: opts.b.readOnly || !!opts.readOnlySides?.b },
    readOnlyPolicy: opts.readOnly ?? 'revert',
    conflictPolicy: opts.policy ?? 'newest',
    ...(opts.copySuffix === undefined ? {} : { copySuffix: opts.copySuffix }),
  });
  report.actions = actions;
  const conflicts = countConflicts(actions);
  report.conflicts = conflicts.total;
  report.unresolvedConflicts = conflicts.unresolved;

  if (!opts.forceDelete) {
    const name = (s: Side): string => stores[s].name ?? (s === 'a' ? 'side A / côté A' : 'side B / côté B');
    const stop = checkDeletionGuard({
      actions,
      statusSize: statusMap.size,
      sides: {
        a: { name: name('a'), size: items.a.size, empty: views.a.refs.size === 0 && !opts.a.windowed },
        b: { name: name('b'), size: items.b.size, empty: views.b.refs.size === 0 && !opts.b.windowed },
      },
      ...(opts.maxDelete === undefined ? {} : { limit: opts.maxDelete }),
    });
    if (stop) {
      report.aborted = stop;
      report.pending = true;
      progress({ phase: 'done', done: 0, total: 0 });
      return report;
    }
  }
  if (dryRun) {
    progress({ phase: 'done', done: 0, total: 0 });
    return report;
  }

  // Batch-download the sources the plan needs but did not fetch (e.g. reverting to an unchanged version).
  for (const side of ['a', 'b'] as const) {
    const need = new Map<string, SideItem[]>();
    const want = (it: SideItem | undefined): void => {
      if (it && it.data === undefined) need.set(it.id, [...(need.get(it.id) ?? []), it]);
    };
    for (const x of actions) {
      if (x.kind === 'copy' && x.from === side) want(x.source);
      if ((x.kind === 'copy' || x.kind === 'delete') && x.setAside?.side === side) want(x.setAside.item);
    }
    const ids = [...need.keys()].sort();
    for (let i = 0; i < ids.length; i += batchSize) {
      const got = await stores[side].getMany(ids.slice(i, i + batchSize));
      report.fetched[side] += got.length;
      for (const it of got) {
        for (const item of need.get(it.id) ?? []) {
          item.data = it.data;
          item.version = it.version;
          item.hash = identify(it.data).hash;
        }
      }
    }
  }

  const writes = actions.length;
  await execute(
    actions,
    {
      stores,
      status: opts.status,
      statusMap,
      conflictLog: opts.conflictLog ?? new MemoryConflictLog(),
      report,
      readOnly: { a: opts.a.readOnly || !!opts.readOnlySides?.a, b: opts.b.readOnly || !!opts.readOnlySides?.b },
      onProgress: (done, total) => progress({ phase: 'execute', done, total }),
    },
    Math.max(opts.a.concurrency ?? DEFAULT_EXECUTE_CONCURRENCY, opts.b.concurrency ?? DEFAULT_EXECUTE_CONCURRENCY),
  );

  report.pending =
    report.a.errors + report.b.errors > 0 ||
    report.deferred > 0 ||
    report.unresolvedConflicts > 0 ||
    report.skipped > 0;
  if (!report.pending) {
    for (const side of ['a', 'b'] as const) {
      const t = views[side].newToken;
      if (t !== undefined && t !== (await opts.status.getToken(side))) await opts.status.setToken(side, t);
    }
  }
  progress({ phase: 'done', done: writes, total: writes });
  return report;
}
