/**
 * Mass-deletion guard, checked after planning and before anything is written.
 *
 * What it protects against: a run that would delete much of a side because the OTHER side was read wrong, not
 * because the user deleted things: a wrong URL or account, an unmounted or emptied folder, a server that lost
 * its data or answers an empty listing, a bug. What it does not: a few deletions below the limit, and deletions
 * made on purpose on the other side (they look the same; `forceDelete` lets them through).
 *
 * The run stops, writing nothing, when
 * - one side is empty (and not windowed) while the status knows items, and the plan would delete on the
 *   other side (a plan that only restores items onto the empty side goes through); or
 * - the plan deletes more of a side's items than the limit: by default more than 10% of that side's items,
 *   with an allowance of 1 deletion whatever the size (deleting one event of three is not blocked).
 *   The limit is configurable: a count (`5`: at most 5 deletions per side) or a share (`20%`).
 * `forceDelete` bypasses both. A stop carries its catalog message (`text`: key and parameters); `en`/`fr` are
 * that message rendered, for the shells that have not moved to `text` yet.
 */
import { message, render, type Message } from '../i18n/index.js';
import { type Action } from './planner.js';
import type { Side } from './status.js';

/** How many deletions per side a run may make without `forceDelete`. */
export type DeletionLimit = { count: number } | { percent: number };

export const DEFAULT_DELETION_LIMIT: DeletionLimit = { percent: 10 };
/** Under a percentage limit, this many deletions always go through (small collections). */
export const ALWAYS_ALLOWED_DELETIONS = 1;

export interface GuardInput {
  actions: Action[];
  statusSize: number;
  sides: Record<Side, { name: string; size: number; empty: boolean }>;
  /** Default DEFAULT_DELETION_LIMIT. */
  limit?: DeletionLimit;
  /**
   * How the shell names the override, in the stop message: the CLI says `--force-delete`, a pane its button.
   * Default: "force delete" / « forcer la suppression ».
   */
  forceDeleteName?: { en: string; fr: string };
}

export interface GuardStop {
  side: Side;
  text: Message;
  en: string;
  fr: string;
  /** Deletions the plan would make on `side`, that side's size, and the most the limit allowed. */
  deletions?: number;
  size?: number;
  allowed?: number;
}

function words(text: Message): { text: Message; en: string; fr: string } {
  return { text, en: render('en', text), fr: render('fr', text) };
}

/** The most deletions `limit` allows on a side of `size` items. */
export function allowedDeletions(limit: DeletionLimit, size: number): number {
  if ('count' in limit) return limit.count;
  return Math.max(ALWAYS_ALLOWED_DELETIONS, Math.floor((size * limit.percent) / 100));
}

export function describeLimit(limit: DeletionLimit): string {
  return 'count' in limit ? `${limit.count}` : `${limit.percent}%`;
}

/**
 * Parses `5` (items) or `10%` (share of a side). Throws an Error with `en`/`fr` messages on anything else
 * (negative, not a number, more than 100%).
 */
export function parseDeletionLimit(text: string): DeletionLimit {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const value = m ? Number(m[1]) : NaN;
  if (!m || !Number.isFinite(value) || (m[2] === '%' ? value > 100 : !Number.isInteger(value))) {
    const msg = message('sync.invalid-deletion-limit', { text });
    const en = render('en', msg);
    throw Object.assign(new Error(en), { en, fr: render('fr', msg), text: msg });
  }
  return m[2] === '%' ? { percent: value } : { count: value };
}

export function checkDeletionGuard(input: GuardInput): GuardStop | undefined {
  const limit = input.limit ?? DEFAULT_DELETION_LIMIT;
  // The shell's literal override (the CLI's --force-delete); without one the catalog says "force delete".
  const forceOption = input.forceDeleteName?.en;
  for (const side of ['a', 'b'] as const) {
    const { name, empty } = input.sides[side];
    const otherSide = side === 'a' ? 'b' : 'a';
    const deletesOnOther = input.actions.some((x) => x.kind === 'delete' && x.side === otherSide);
    if (empty && input.statusSize > 0 && deletesOnOther) {
      return { side, ...words(message('sync.guard-side-empty', { name, known: input.statusSize, forceOption })) };
    }
  }
  for (const side of ['a', 'b'] as const) {
    const deletions = input.actions.filter((x) => x.kind === 'delete' && x.side === side).length;
    const { name, size } = input.sides[side];
    const allowed = allowedDeletions(limit, size);
    if (deletions > allowed) {
      const params = { name, deletions, size, limit: describeLimit(limit), allowed, forceOption };
      return { side, ...words(message('sync.guard-too-many-deletions', params)), deletions, size, allowed };
    }
  }
  return undefined;
}
