/** What a sync run did, for the UI and the logs. */
import type { Action } from './planner.js';
import type { Side } from './status.js';
import { message, render, type Message } from '../i18n/index.js';

export interface SideCounts {
  created: number;
  updated: number;
  deleted: number;
  errors: number;
}

export type IssueKind =
  /** A write failed; the item is retried next run. */
  | 'error'
  /** The item changed during the run (412): nothing overwritten, re-planned next run. */
  | 'deferred'
  /** The item could not be read (per-item failure, truncated or malformed text): left alone, read next run. */
  | 'unreadable'
  /** A conflict (resolved by the policy, or unresolved with policy `error`). */
  | 'conflict'
  /** A change that could not go to a read-only side (policy ignore/error). */
  | 'read-only'
  /** Duplicate UIDs, items without UID. */
  | 'warning';

export interface SyncIssue {
  kind: IssueKind;
  ident: string;
  side?: Side;
  id?: string;
  /** English, for logs and `--json`; shells show `text` in their user's language when it is there. */
  message: string;
  /** The catalog message (key and parameters), for the producers moved to the catalog. */
  text?: Message;
}

/**
 * A local change that was not sent because the other side is read-only (policy `revert`): the local copy was
 * set back to the read-only version (or removed, for a local creation), and the local version kept in the
 * conflict log at `keptAt`.
 */
export interface ReadOnlyRevert {
  ident: string;
  /** The side whose change was not sent (the writable side). */
  side: Side;
  /** The item's id on that side, when known. */
  id?: string;
  /** SUMMARY / FN of the local version, else its id or ident. */
  title: string;
  /** Where the conflict log kept the local version (a file path for the conflicts folder). */
  keptAt?: string;
  /** "your change to <title> was not sent: <side> is read-only; kept at <path>", in English and French. */
  en: string;
  fr: string;
}

export interface SyncReport {
  a: SideCounts;
  b: SideCounts;
  /** Conflicts met (resolved by the policy or not). */
  conflicts: number;
  /** Conflicts left for the user (policy `error`, or a create that found a different item). */
  unresolvedConflicts: number;
  /** Items left for the next run: changed while the run wrote them (412), or unreadable. */
  deferred: number;
  /** Items (of either side) that could not be read: neither side was written for them. */
  unreadable: number;
  /** Writes not done because a side is read-only (policy ignore/error). */
  skipped: number;
  /** Status entries recorded without a write (ETag churn, same content, crash recovery). */
  recorded: number;
  issues: SyncIssue[];
  /** Local changes not sent because the other side is read-only, and where each was kept. */
  readOnlyReverts: ReadOnlyRevert[];
  /** Set when the run stopped before writing anything (mass-deletion guard). */
  aborted?: { side: Side; text: Message; en: string; fr: string };
  dryRun: boolean;
  /** The plan (always filled; with dryRun it is all that happened). */
  actions: Action[];
  /** How each side was read. */
  listing: Record<Side, 'full' | 'incremental' | 'unchanged'>;
  /** Items downloaded per side. */
  fetched: Record<Side, number>;
  /** Something is left for a later run (errors, deferred, unresolved): sync tokens were not advanced. */
  pending: boolean;
}

/** The words of a ReadOnlyRevert, rendered by the catalog in both languages (the shells pick theirs). */
export function readOnlyRevertMessages(
  title: string,
  readOnlyName: string,
  keptAt: string | undefined,
): { en: string; fr: string } {
  const text = message('sync.read-only-revert', { title, readOnlyName, keptAt });
  return { en: render('en', text), fr: render('fr', text) };
}

export function emptyReport(dryRun: boolean): SyncReport {
  const counts = (): SideCounts => ({ created: 0, updated: 0, deleted: 0, errors: 0 });
  return {
    a: counts(),
    b: counts(),
    conflicts: 0,
    unresolvedConflicts: 0,
    deferred: 0,
    unreadable: 0,
    skipped: 0,
    recorded: 0,
    issues: [],
    readOnlyReverts: [],
    dryRun,
    actions: [],
    listing: { a: 'full', b: 'full' },
    fetched: { a: 0, b: 0 },
    pending: false,
  };
}
