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
import { DEFAULT_EXECUTE_CONCURRENCY, execute } from './executor.js';
import { checkDeletionGuard, type DeletionLimit } from './guard.js';
import { groupByIdent, type IdentifiedItem, identify, NO_UID_PREFIX, type SideItem } from './item-identity.js';
import { type Action, type ConflictPolicy, countConflicts, plan, type ReadOnlyPolicy } from './planner.js';
import { incompleteReason } from './content-lines.js';
import { emptyReport, type SyncReport } from './report.js';
import { STALE_VERSION, type Side, type StatusEntry, type StatusStore } from './status.js';
import { isUnreadable, type ChangeSet, type ItemStore, type ReadResult } from './store.js';
import { message, render } from '../i18n/index.js';

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
  /**
   * Where losing versions are kept. Required: an in-memory default silently dropped every loser of a run whose
   * caller forgot it (the bridge server did); a caller that truly wants nothing kept says so with MemoryConflictLog.
   */
  conflictLog: ConflictLog;
  /** Conflict policy; default `newest`. */
  policy?: ConflictPolicy;
  /** What to do with changes that would have to be written to a read-only side; default `revert`. */
  readOnly?: ReadOnlyPolicy;
  /** Treat a side as read-only even if its store is writable. */
  readOnlySides?: { a?: boolean; b?: boolean };
  /** Bypass the mass-deletion guard. */
  forceDelete?: boolean;
  /** How this shell names forceDelete in the guard's stop message (the CLI: `--force-delete`). */
  forceDeleteName?: { en: string; fr: string };
  /** Plan and report, write nothing (no store write, no status change, no conflict record). */
  dryRun?: boolean;
  onProgress?: (p: SyncProgress) => void;
  /** getMany batch size; default 100. */
  batchSize?: number;
  /** Mass-deletion guard: most deletions per side without forceDelete; default 10% of the side, at least 1. */
  maxDelete?: DeletionLimit;
  /**
   * Appended to the title of keep-both copies: users see it, so the caller renders it in its user's language
   * from the catalog (`i18n.render(lang, i18n.message('sync.conflict-copy-suffix', {}))`); default English.
   */
  copySuffix?: string;
}

interface SideView {
  refs: Map<string, string>; // id -> version
  /** Data the listing already carried (a store that reads everything in one query): no getMany for those. */
  data: Map<string, string>;
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
  const data = new Map<string, string>();
  const keepData = (changed: ChangeSet['changed']): void => {
    for (const r of changed) if (r.data !== undefined) data.set(r.id, r.data);
  };
  let newToken: string | undefined;
  let mode: SideView['mode'] = 'full';
  const deleted = new Set<string>();
  if (store.changesSince && token !== undefined) {
    if (store.unchanged && (await store.unchanged(token))) {
      return { refs: fromStatus(), data: new Map(), newToken: token, mode: 'unchanged' };
    }
    const cs = await store.changesSince(token);
    newToken = cs.token;
    keepData(cs.changed);
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
    // every item with one query, and the data comes with the listing: no second request).
    const cs = await store.changesSince(null);
    newToken = cs.token;
    keepData(cs.changed);
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
  return { refs, data, newToken, mode };
}

/** An item of one side that exists but could not be read (or makes no sense) this run. */
interface UnreadItem {
  id: string;
  /** The status' ident for this id, when the status knows it. */
  ident: string | undefined;
  reason: string;
}

/**
 * Downloads what the status does not already know of one side (new or changed versions) and identifies every
 * item by UID. An id getMany leaves out is gone; an id it cannot read, or whose text is not a whole item
 * (truncated, an HTML page), is set apart as unread: never taken for a deletion, never synced.
 */
async function fetchSide(
  side: Side,
  store: ItemStore,
  view: SideView,
  statusMap: Map<string, StatusEntry>,
  batchSize: number,
  report: SyncReport,
  progress: (p: SyncProgress) => void,
): Promise<{ identified: IdentifiedItem[]; unreadable: UnreadItem[] }> {
  // Known: the status pairs this id with an ident at this very version -> no download.
  const identOfId = new Map<string, string>();
  for (const [ident, e] of statusMap) identOfId.set(e[side].id, ident);
  const identified: IdentifiedItem[] = [];
  const unreadable: UnreadItem[] = [];
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
    const carried = batch.filter((id) => view.data.has(id));
    const asked = carried.length === batch.length ? [] : batch.filter((id) => !view.data.has(id));
    const got: ReadResult[] = [
      ...carried.map((id) => ({ id, version: view.refs.get(id) ?? '', data: view.data.get(id) as string })),
      ...(asked.length > 0 ? await store.getMany(asked) : []),
    ];
    const wanted = new Set(batch);
    for (const it of got) {
      if (!wanted.has(it.id)) continue;
      wanted.delete(it.id);
      const reason = isUnreadable(it) ? it.unreadable : incompleteReason(it.data);
      if (reason !== undefined || isUnreadable(it)) {
        unreadable.push({ id: it.id, ident: identOfId.get(it.id), reason: reason ?? '' });
        continue;
      }
      report.fetched[side]++;
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
    // Ids getMany did not return no longer exist (the store said so): not part of this side any more.
  }
  return { identified, unreadable };
}

/**
 * Keeps every item that could not be read out of this run: its ident leaves the plan (so neither side is
 * written, and its status stays as it was), it is reported, and the run is left pending so that the sync
 * tokens stay where they were and the item is read again next run.
 * When an unread item's ident is unknown (new, or moved to a new id), any item the status knows and that side
 * no longer shows could be that very item: those are held back too rather than deleted on the other side.
 * Returns the status the planner may see.
 */
function holdBackUnreadable(
  unreadable: Record<Side, UnreadItem[]>,
  items: Record<Side, Map<string, SideItem>>,
  statusMap: Map<string, StatusEntry>,
  report: SyncReport,
): Map<string, StatusEntry> {
  const held = new Set<string>();
  for (const side of ['a', 'b'] as const) {
    for (const u of unreadable[side]) {
      report.deferred++;
      report.unreadable++;
      const text = message('sync.item-unreadable', { id: u.id, reason: u.reason });
      report.issues.push({
        kind: 'unreadable',
        ident: u.ident ?? u.id,
        side,
        id: u.id,
        message: render('en', text),
        text,
      });
      if (u.ident !== undefined) held.add(u.ident);
    }
    const unknown = unreadable[side].filter((u) => u.ident === undefined);
    if (unknown.length > 0) {
      // Any item this side does not show (one the status knows, or one new on the other side) could be the
      // unread one: deleting it elsewhere could lose it, creating it here could duplicate it. It waits.
      const other = side === 'a' ? 'b' : 'a';
      let waiting = 0;
      for (const ident of new Set([...statusMap.keys(), ...items[other].keys()])) {
        if (items[side].has(ident) || held.has(ident)) continue;
        held.add(ident);
        waiting++;
      }
      if (waiting > 0) {
        report.deferred += waiting;
        const text = message('sync.items-wait-for-unreadable', { waiting, unreadable: unknown.map((u) => u.id) });
        report.issues.push({
          kind: 'unreadable',
          ident: unknown[0]?.id ?? '',
          side,
          message: render('en', text),
          text,
        });
      }
    }
  }
  if (held.size === 0) return statusMap;
  for (const ident of held) {
    items.a.delete(ident);
    items.b.delete(ident);
  }
  return new Map([...statusMap].filter(([ident]) => !held.has(ident)));
}

/** What one run works on: the options, the two stores, the status as read at its start, and the report. */
interface Run {
  opts: SyncOptions;
  stores: Record<Side, ItemStore>;
  statusMap: Map<string, StatusEntry>;
  report: SyncReport;
  batchSize: number;
  progress: (p: SyncProgress) => void;
  readOnly: Record<Side, boolean>;
}

/** The two sides as this run sees them: how each was listed, and its items by ident. */
interface Sides {
  views: Record<Side, SideView>;
  items: Record<Side, Map<string, SideItem>>;
  unreadable: Record<Side, UnreadItem[]>;
}

/**
 * One two-way sync run, as named steps: prepare, read both sides, plan, guard, execute, finish. Each step is a
 * function below; the item data stays in the engine (SideItem.data), never in a store's hidden cache.
 */
export async function syncPair(opts: SyncOptions): Promise<SyncReport> {
  const run = await prepare(opts);
  const sides = await readBothSides(run);
  const actions = planRun(run, sides);
  if (guardStops(run, sides, actions) || run.report.dryRun) return done(run, 0);
  await downloadSources(run, actions);
  await executePlan(run, actions);
  await finish(run, sides);
  return done(run, actions.length);
}

async function prepare(opts: SyncOptions): Promise<Run> {
  return {
    opts,
    stores: { a: opts.a, b: opts.b },
    statusMap: await opts.status.all(),
    report: emptyReport(opts.dryRun ?? false),
    batchSize: Math.max(1, opts.batchSize ?? 100),
    progress: opts.onProgress ?? (() => undefined),
    readOnly: { a: opts.a.readOnly || !!opts.readOnlySides?.a, b: opts.b.readOnly || !!opts.readOnlySides?.b },
  };
}

/** Lists both sides, downloads what the status does not know, identifies items, holds back the unreadable. */
async function readBothSides(run: Run): Promise<Sides> {
  const { stores, statusMap, report, opts } = run;
  // Both sides are listed at once: an idle run is mostly waiting for one server's answer, and the other side
  // (a folder's stats, another server) can be read meanwhile.
  run.progress({ phase: 'list', side: 'a', done: 0, total: 1 });
  const [viewA, viewB] = await Promise.all([
    readSide('a', stores.a, opts.status, statusMap),
    readSide('b', stores.b, opts.status, statusMap),
  ]);
  const sides: Sides = {
    views: { a: viewA, b: viewB },
    items: { a: new Map(), b: new Map() },
    unreadable: { a: [], b: [] },
  };
  for (const side of ['a', 'b'] as const) {
    const view = sides.views[side];
    report.listing[side] = view.mode;
    const fetched = await fetchSide(side, stores[side], view, statusMap, run.batchSize, report, run.progress);
    sides.unreadable[side] = fetched.unreadable;
    const grouped = groupByIdent(
      fetched.identified,
      (ident) => statusMap.get(ident)?.[side].id,
      stores[side].name ?? side.toUpperCase(),
    );
    sides.items[side] = grouped.items;
    for (const w of grouped.warnings)
      report.issues.push({ kind: 'warning', ident: w.ident, side, message: w.message, text: w.text });
  }
  return sides;
}

function planRun(run: Run, sides: Sides): Action[] {
  const { opts, report } = run;
  const planStatus = holdBackUnreadable(sides.unreadable, sides.items, run.statusMap, report);
  run.progress({ phase: 'plan', done: 0, total: 1 });
  const actions = plan({
    a: sides.items.a,
    b: sides.items.b,
    status: planStatus,
    readOnly: run.readOnly,
    readOnlyPolicy: opts.readOnly ?? 'revert',
    conflictPolicy: opts.policy ?? 'newest',
    ...(opts.copySuffix === undefined ? {} : { copySuffix: opts.copySuffix }),
  });
  report.actions = actions;
  const conflicts = countConflicts(actions);
  report.conflicts = conflicts.total;
  report.unresolvedConflicts = conflicts.unresolved;
  return actions;
}

/** The mass-deletion guard (guard.ts); true when it stopped the run (nothing written, the report says why). */
function guardStops(run: Run, sides: Sides, actions: Action[]): boolean {
  const { opts, stores, report } = run;
  if (opts.forceDelete) return false;
  const name = (s: Side): string => stores[s].name ?? (s === 'a' ? 'side A / côté A' : 'side B / côté B');
  const stop = checkDeletionGuard({
    actions,
    statusSize: run.statusMap.size,
    sides: {
      a: { name: name('a'), size: sides.items.a.size, empty: sides.views.a.refs.size === 0 && !opts.a.windowed },
      b: { name: name('b'), size: sides.items.b.size, empty: sides.views.b.refs.size === 0 && !opts.b.windowed },
    },
    ...(opts.maxDelete === undefined ? {} : { limit: opts.maxDelete }),
    ...(opts.forceDeleteName === undefined ? {} : { forceDeleteName: opts.forceDeleteName }),
  });
  if (!stop) return false;
  report.aborted = stop;
  report.pending = true;
  return true;
}

/** Batch-downloads the versions the plan needs but did not fetch (e.g. reverting to an unchanged version). */
async function downloadSources(run: Run, actions: Action[]): Promise<void> {
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
    for (let i = 0; i < ids.length; i += run.batchSize) {
      const got = await run.stores[side].getMany(ids.slice(i, i + run.batchSize));
      for (const it of got) {
        // An item unreadable now keeps no data: the executor reads it once more and holds its action back.
        if (isUnreadable(it) || incompleteReason(it.data) !== undefined) continue;
        run.report.fetched[side]++;
        for (const item of need.get(it.id) ?? []) {
          item.data = it.data;
          item.version = it.version;
          item.hash = identify(it.data).hash;
        }
      }
    }
  }
}

async function executePlan(run: Run, actions: Action[]): Promise<void> {
  const { opts, stores } = run;
  await execute(
    actions,
    {
      stores,
      status: opts.status,
      statusMap: run.statusMap,
      conflictLog: opts.conflictLog,
      report: run.report,
      readOnly: run.readOnly,
      onProgress: (done, total) => run.progress({ phase: 'execute', done, total }),
    },
    Math.max(opts.a.concurrency ?? DEFAULT_EXECUTE_CONCURRENCY, opts.b.concurrency ?? DEFAULT_EXECUTE_CONCURRENCY),
  );
}

/**
 * Tokens move on only after a run that left nothing pending (no error, no deferred or unreadable item, no
 * unresolved conflict, no change held back by a read-only side): otherwise those changes would not be
 * reported again.
 */
async function finish(run: Run, sides: Sides): Promise<void> {
  const { report, opts } = run;
  report.pending =
    report.a.errors + report.b.errors > 0 ||
    report.deferred > 0 ||
    report.unresolvedConflicts > 0 ||
    report.skipped > 0;
  if (report.pending) return;
  for (const side of ['a', 'b'] as const) {
    const t = sides.views[side].newToken;
    if (t !== undefined && t !== (await opts.status.getToken(side))) await opts.status.setToken(side, t);
  }
}

function done(run: Run, writes: number): SyncReport {
  run.progress({ phase: 'done', done: writes, total: writes });
  return run.report;
}
