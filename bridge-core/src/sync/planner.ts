/**
 * The planner: a pure function from (items of side A, items of side B, status) to a list of small actions.
 *
 * For each ident in status ∪ A ∪ B ("changed" = the normalized content hash differs from the status):
 * - not in status, on both sides: same content -> record the pair (this is also how a crash between a
 *   write and its status commit heals); different -> conflict;
 * - not in status, on one side -> copy it to the other (create);
 * - in status, on both sides: one changed -> copy it over the other (update, If-Match); both changed ->
 *   conflict, unless they became equal (record); none changed -> record if ids/versions moved (ETag churn);
 * - in status, on one side only: unchanged -> the other side deleted it -> delete (If-Match); changed ->
 *   the modification wins over the deletion -> recreate it on the other side;
 * - in status, on neither side -> forget it.
 *
 * Conflicts are resolved by the policy (`newest` by default: LAST-MODIFIED, then SEQUENCE, then DTSTAMP,
 * REV for vCards; a tie goes to A). Whatever the policy, the losing version is set aside in the conflict
 * log before it is overwritten (`setAside` on the action).
 *
 * A read-only side is never written. Policy `revert` (default) makes the writable side match it: a local
 * change is overwritten by the read-only version, a local deletion is undone, a local creation is deleted;
 * every local version that goes away is set aside first. `ignore` leaves local changes where they are and
 * writes nothing; `error` reports them.
 */
import { copyWithNewUid, extractUid, itemTimestamps } from './content-lines.js';
import { type SideItem, suggestedIdFor } from './item-identity.js';
import { contentHash } from './normalize.js';
import type { Side, SideStatus, StatusEntry } from './status.js';
import { message, render } from '../i18n/index.js';
import type { ConflictCause, PlanReason } from '../i18n/plan.messages.js';

export type ConflictPolicy = 'newest' | 'a-wins' | 'b-wins' | 'keep-both' | 'error';
export type ReadOnlyPolicy = 'revert' | 'ignore' | 'error';

export interface SetAside {
  side: Side;
  item: SideItem;
  why: PlanReason;
  /** `why` in English: the plan's trace (logs, the conflict log). */
  reason: string;
}

export type Action =
  /** Status only: the two sides hold the same content. */
  | { kind: 'record'; ident: string; entry: StatusEntry; why: PlanReason; reason: string }
  /** Status only: the item is gone from both sides. */
  | { kind: 'forget'; ident: string; why: PlanReason; reason: string }
  /** Write `source` (from side `from`) to side `to`: update `target` if given (If-Match), else create. */
  | {
      kind: 'copy';
      ident: string;
      from: Side;
      to: Side;
      source: SideItem;
      target?: { id: string; version: string };
      setAside?: SetAside;
      /** Set when this copy resolves a conflict. */
      conflict?: boolean;
      why: PlanReason;
      reason: string;
    }
  /** Delete `target` on `side` (If-Match), then forget the status. */
  | {
      kind: 'delete';
      ident: string;
      side: Side;
      target: { id: string; version: string };
      setAside?: SetAside;
      why: PlanReason;
      reason: string;
    }
  /** keep-both: create `data` (the loser under a new UID) on both sides. */
  | {
      kind: 'duplicate';
      ident: string;
      copyIdent: string;
      data: string;
      hash: string;
      suggestedId: string;
      why: PlanReason;
      reason: string;
    }
  /** An unresolved conflict (policy `error`): nothing written. */
  | { kind: 'conflict'; ident: string; why: PlanReason; reason: string }
  /** A write refused because `side` is read-only (policy ignore/error, or both sides read-only). */
  | {
      kind: 'skip';
      ident: string;
      side: Side;
      severity: 'ignored' | 'error';
      conflict?: boolean;
      why: PlanReason;
      reason: string;
    };

export interface PlanInput {
  a: Map<string, SideItem>;
  b: Map<string, SideItem>;
  status: Map<string, StatusEntry>;
  readOnly?: { a?: boolean; b?: boolean };
  readOnlyPolicy?: ReadOnlyPolicy;
  conflictPolicy?: ConflictPolicy;
  /** Appended to the title of a keep-both copy, in the user's language; default: the catalog's English. */
  copySuffix?: string;
}

/**
 * Users read this suffix in their own event titles, so it is in one language only: the caller renders
 * `sync.conflict-copy-suffix` in its user's language; English when it does not say.
 */
export const DEFAULT_COPY_SUFFIX = render('en', message('sync.conflict-copy-suffix', {}));

const other = (s: Side): Side => (s === 'a' ? 'b' : 'a');

/** An action's reason: its code (the catalog renders it for users) and its English trace. */
function because(why: PlanReason): { why: PlanReason; reason: string } {
  return { why, reason: render('en', message('sync.plan-reason', why)) };
}

function toStatus(item: SideItem): SideStatus {
  return { id: item.id, version: item.version, hash: item.hash };
}

/** Which side wins under `newest`: larger LAST-MODIFIED/REV, then SEQUENCE, then DTSTAMP; tie -> 'a'. */
export function newestSide(aData: string | undefined, bData: string | undefined): Side {
  if (aData === undefined || bData === undefined) return 'a';
  const ta = itemTimestamps(aData);
  const tb = itemTimestamps(bData);
  if (ta.modified !== tb.modified) return ta.modified > tb.modified ? 'a' : 'b';
  if (ta.sequence !== tb.sequence) return ta.sequence > tb.sequence ? 'a' : 'b';
  if (ta.dtstamp !== tb.dtstamp) return ta.dtstamp > tb.dtstamp ? 'a' : 'b';
  return 'a';
}

export function plan(input: PlanInput): Action[] {
  const ro = { a: input.readOnly?.a ?? false, b: input.readOnly?.b ?? false };
  const roPolicy = input.readOnlyPolicy ?? 'revert';
  const policy = input.conflictPolicy ?? 'newest';
  const suffix = input.copySuffix ?? DEFAULT_COPY_SUFFIX;
  const items = { a: input.a, b: input.b };
  const actions: Action[] = [];

  const idents = new Set<string>([...input.status.keys(), ...input.a.keys(), ...input.b.keys()]);

  /** Pushes `action`, rewriting it if it writes to a read-only side. */
  const emit = (action: Action): void => {
    const target = action.kind === 'copy' ? action.to : action.kind === 'delete' ? action.side : undefined;
    if (action.kind === 'duplicate' && (ro.a || ro.b)) return; // never planned with a read-only side
    if (target === undefined || !ro[target]) {
      actions.push(action);
      return;
    }
    const w = other(target);
    const skip = (planned: PlanReason): void => {
      actions.push({
        kind: 'skip',
        ident: action.ident,
        side: target,
        severity: ro[w] || roPolicy === 'ignore' ? 'ignored' : 'error',
        ...because({ code: 'read-only-target', side: target, planned }),
      });
    };
    if (ro[w] || roPolicy !== 'revert') {
      skip(action.why);
      return;
    }
    const r = target;
    const rItem = items[r].get(action.ident);
    const wItem = items[w].get(action.ident);
    if (action.kind === 'copy') {
      if (rItem && wItem) {
        actions.push({
          kind: 'copy',
          ident: action.ident,
          from: r,
          to: w,
          source: rItem,
          target: { id: wItem.id, version: wItem.version },
          setAside: { side: w, item: wItem, ...because({ code: 'local-change-reverted', readOnly: r }) },
          ...because({ code: 'revert-to-read-only', readOnly: r }),
        });
      } else if (wItem) {
        actions.push({
          kind: 'delete',
          ident: action.ident,
          side: w,
          target: { id: wItem.id, version: wItem.version },
          setAside: {
            side: w,
            item: wItem,
            ...because({ code: 'local-item-cannot-stay', readOnly: r }),
          },
          ...because({ code: 'revert-missing-on-read-only', readOnly: r }),
        });
      }
    } else if (action.kind === 'delete' && rItem) {
      actions.push({
        kind: 'copy',
        ident: action.ident,
        from: r,
        to: w,
        source: rItem,
        ...because({ code: 'revert-restore', readOnly: r }),
      });
    }
  };

  const conflict = (ident: string, a: SideItem, b: SideItem, cause: ConflictCause): void => {
    if (ro.a || ro.b) {
      if (ro.a && ro.b) {
        actions.push({
          kind: 'skip',
          ident,
          side: 'a',
          severity: 'ignored',
          conflict: true,
          ...because({ code: 'conflict-both-read-only', cause }),
        });
        return;
      }
      const r: Side = ro.a ? 'a' : 'b';
      // Planned as "r wins"; emit() turns it into a revert, a skip or an error by the read-only policy.
      const w = other(r);
      const wItem = w === 'a' ? a : b;
      const rItem = r === 'a' ? a : b;
      if (roPolicy === 'revert') {
        actions.push({
          kind: 'copy',
          ident,
          from: r,
          to: w,
          source: rItem,
          target: { id: wItem.id, version: wItem.version },
          conflict: true,
          setAside: { side: w, item: wItem, ...because({ code: 'conflict-read-only-kept', cause, readOnly: r }) },
          ...because({ code: 'conflict-read-only-wins', cause, readOnly: r }),
        });
      } else {
        actions.push({
          kind: 'skip',
          ident,
          side: r,
          conflict: true,
          severity: roPolicy === 'ignore' ? 'ignored' : 'error',
          ...because({ code: 'conflict-with-read-only', cause, readOnly: r }),
        });
      }
      return;
    }
    if (policy === 'error') {
      actions.push({ kind: 'conflict', ident, ...because({ code: 'conflict-unresolved', cause }) });
      return;
    }
    const winner: Side = policy === 'a-wins' ? 'a' : policy === 'b-wins' ? 'b' : newestSide(a.data, b.data);
    const loser = other(winner);
    const w = winner === 'a' ? a : b;
    const l = loser === 'a' ? a : b;
    if (policy === 'keep-both' && l.data !== undefined) {
      const uid = extractUid(l.data);
      const copyIdent = `${uid ?? 'item'}-conflict-${l.hash.slice(0, 8)}`;
      if (!items.a.has(copyIdent) && !items.b.has(copyIdent) && !input.status.has(copyIdent)) {
        const data = copyWithNewUid(l.data, uid, copyIdent, suffix);
        const hash = contentHash(data);
        actions.push({
          kind: 'duplicate',
          ident,
          copyIdent,
          data,
          hash,
          suggestedId: suggestedIdFor(copyIdent, hash),
          ...because({ code: 'conflict-copy-kept', cause, loser }),
        });
      }
    }
    actions.push({
      kind: 'copy',
      ident,
      from: winner,
      to: loser,
      source: w,
      target: { id: l.id, version: l.version },
      conflict: true,
      setAside: { side: loser, item: l, ...because({ code: 'conflict-winner', cause, winner, policy }) },
      ...because({ code: 'conflict-winner', cause, winner, policy }),
    });
  };

  /** An item the status does not know yet: on both sides (same, or a conflict), or new on one side. */
  const planNew = (ident: string, a: SideItem | undefined, b: SideItem | undefined): void => {
    if (a && b) {
      if (a.hash === b.hash)
        actions.push({
          kind: 'record',
          ident,
          entry: { a: toStatus(a), b: toStatus(b) },
          ...because({ code: 'same-content' }),
        });
      else conflict(ident, a, b, 'created-on-both-sides');
      return;
    }
    const from: Side = a ? 'a' : 'b';
    const source = (a ?? b) as SideItem;
    emit({ kind: 'copy', ident, from, to: other(from), source, ...because({ code: 'new-on', side: from }) });
  };

  /** An item the status knows: the side(s) where it changed since, or where it is gone, decide. */
  const planKnown = (ident: string, a: SideItem | undefined, b: SideItem | undefined, s: StatusEntry): void => {
    const here = { a, b };
    const changed = { a: a !== undefined && a.hash !== s.a.hash, b: b !== undefined && b.hash !== s.b.hash };
    if (a && b) {
      if (changed.a && changed.b) {
        if (a.hash === b.hash)
          actions.push({
            kind: 'record',
            ident,
            entry: { a: toStatus(a), b: toStatus(b) },
            ...because({ code: 'same-change' }),
          });
        else conflict(ident, a, b, 'changed-on-both-sides');
      } else if (changed.a || changed.b) {
        const from: Side = changed.a ? 'a' : 'b';
        const target = here[other(from)] as SideItem;
        emit({
          kind: 'copy',
          ident,
          from,
          to: other(from),
          source: here[from] as SideItem,
          target: { id: target.id, version: target.version },
          ...because({ code: 'changed-on', side: from }),
        });
      } else if (a.id !== s.a.id || a.version !== s.a.version || b.id !== s.b.id || b.version !== s.b.version) {
        actions.push({
          kind: 'record',
          ident,
          entry: { a: toStatus(a), b: toStatus(b) },
          ...because({ code: 'versions-changed-only' }),
        });
      }
      return;
    }
    if (!a && !b) {
      actions.push({ kind: 'forget', ident, ...because({ code: 'deleted-on-both-sides' }) });
      return;
    }
    // On one side only: the other side deleted it. A change made meanwhile wins over the deletion.
    const side: Side = a ? 'a' : 'b';
    const item = here[side] as SideItem;
    if (changed[side])
      emit({
        kind: 'copy',
        ident,
        from: side,
        to: other(side),
        source: item,
        ...because({ code: 'change-beats-deletion', side }),
      });
    else
      emit({
        kind: 'delete',
        ident,
        side,
        target: { id: item.id, version: item.version },
        ...because({ code: 'deleted-on', side: other(side) }),
      });
  };

  for (const ident of [...idents].sort()) {
    const s = input.status.get(ident);
    if (s) planKnown(ident, input.a.get(ident), input.b.get(ident), s);
    else planNew(ident, input.a.get(ident), input.b.get(ident));
  }
  // Status-only steps first, then writes (copies before deletes: a failure never leaves fewer items).
  const order: Record<Action['kind'], number> = {
    record: 0,
    forget: 0,
    conflict: 1,
    skip: 1,
    duplicate: 2,
    copy: 3,
    delete: 4,
  };
  return actions
    .map((act, i) => ({ act, i }))
    .sort((x, y) => order[x.act.kind] - order[y.act.kind] || x.i - y.i)
    .map((x) => x.act);
}

/** True for actions that write to a store. */
export function isWrite(action: Action): boolean {
  return action.kind === 'copy' || action.kind === 'delete' || action.kind === 'duplicate';
}

/** Number of conflicts in a plan (resolved or not). */
export function countConflicts(actions: Action[]): { total: number; unresolved: number } {
  const all = new Set<string>();
  const unresolved = new Set<string>();
  for (const x of actions) {
    if (x.kind === 'conflict') {
      all.add(x.ident);
      unresolved.add(x.ident);
    } else if ((x.kind === 'copy' || x.kind === 'skip') && x.conflict) {
      all.add(x.ident);
      if (x.kind === 'skip') unresolved.add(x.ident);
    }
  }
  return { total: all.size, unresolved: unresolved.size };
}
