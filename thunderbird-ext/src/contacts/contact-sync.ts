/**
 * One two-way sync run between a CardDAV address book and a Thunderbird address book: core's use case opens the
 * collection (server quirks, rights: read-only unless my access allows writing), core's engine (syncPair) does
 * the rest. The status and the conflict log live in extension storage; the run's outcome is saved for the popup.
 *
 * Read-only books: the DAV store is read-only, the engine never writes it, and a change made in Thunderbird is
 * reverted (policy `revert`) with the local version kept in the conflict log and named in the outcome.
 * The mass-deletion guard applies as everywhere: a run that would delete too much stops before writing and says
 * so; `forceDelete` (a button, later) lets one run through.
 */
import { openCollectionStore, sync, type CollectionProfile, type i18n, type Transport } from '@dav-bridge/core';
import type { ExtensionApi } from '../thunderbird-api.js';
import { failureOf, type Failure } from '../messages.js';
import { StorageConflictLog } from '../storage/conflict-log.js';
import { StorageStatusStore } from '../storage/status-store.js';
import { ThunderbirdContactStore } from './contact-store.js';

/** A CardDAV address book synced with a Thunderbird book. */
export interface ContactPair {
  /** Stable id of the pair: keys of its status and conflicts start with it. */
  id: string;
  /** The account (connection) the collection belongs to. */
  accountId: string;
  collection: CollectionProfile;
  /** The Thunderbird address book's id. */
  bookId: string;
}

/** What the popup shows of the last run (plain JSON, kept in storage). */
export interface ContactSyncOutcome {
  pairId: string;
  at: string;
  ok: boolean;
  server: sync.SideCounts;
  thunderbird: sync.SideCounts;
  conflicts: number;
  unreadable: number;
  /** Local changes not sent (read-only book): title, and where the local version was kept. */
  reverted: { title: string; keptAt?: string; en: string; fr: string }[];
  /** Set when the deletion guard stopped the run before it wrote anything. */
  stopped?: { en: string; fr: string };
  /**
   * Items the run could not sync (a write refused, an unreadable contact), the first MAX_ISSUES of them: core's
   * catalog sentence, its detail the contact store's coded text (store-errors.ts) or the server's words.
   * Absent in outcomes saved before it existed.
   */
  issues?: ItemIssue[];
  /** How many such items in all. */
  issueCount?: number;
  /**
   * A failure that stopped the run (network, server refusal): core's catalog message, the extension's words, or
   * the text of an error nobody worded. (Outcomes saved before it was a Failure hold a string.)
   */
  error?: Failure;
}

/** One item the run could not sync. */
export interface ItemIssue {
  /** The item's id on the side that failed (a contact id, a server href), else its UID. */
  item: string;
  text: i18n.Message;
}

/** Kept in storage and shown by the popup: a few, the count says the rest. */
export const MAX_ISSUES = 5;

/** What the user may need to know of a run: items that failed or could not be read (retried next run). */
export function itemIssues(report: sync.SyncReport): ItemIssue[] {
  return report.issues.flatMap((i) =>
    (i.kind === 'error' || i.kind === 'unreadable') && i.text ? [{ item: i.id ?? i.ident, text: i.text }] : [],
  );
}

export const outcomeKey = (pairId: string): string => `outcome:${pairId}`;

export interface ContactSyncOptions {
  forceDelete?: boolean;
  onProgress?: (p: sync.SyncProgress) => void;
  /** Mass-deletion limit; default core's (10% of a side). */
  maxDelete?: sync.DeletionLimit;
}

export async function syncContactPair(
  api: ExtensionApi,
  transport: Transport,
  pair: ContactPair,
  options: ContactSyncOptions = {},
): Promise<ContactSyncOutcome> {
  const local = api.storage.local;
  const at = new Date().toISOString();
  let outcome: ContactSyncOutcome;
  try {
    const book = await api.addressBooks.get(pair.bookId);
    const dav = openCollectionStore({ transport, collection: pair.collection });
    const thunderbird = new ThunderbirdContactStore({
      contacts: api.addressBooks.contacts,
      bookId: pair.bookId,
      name: book.name,
    });
    const report = await sync
      .syncPair({
        a: dav.store,
        b: thunderbird,
        status: new StorageStatusStore(local, pair.id),
        conflictLog: new StorageConflictLog(local, pair.id),
        readOnly: 'revert',
        ...(options.forceDelete ? { forceDelete: true } : {}),
        ...(options.maxDelete ? { maxDelete: options.maxDelete } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      })
      .finally(() => thunderbird.close());
    const issues = itemIssues(report);
    outcome = {
      pairId: pair.id,
      at,
      ok: !report.aborted && report.a.errors + report.b.errors === 0 && report.unreadable === 0,
      server: report.a,
      thunderbird: report.b,
      conflicts: report.conflicts,
      unreadable: report.unreadable,
      reverted: report.readOnlyReverts.map((r) => ({
        title: r.title,
        en: r.en,
        fr: r.fr,
        ...(r.keptAt === undefined ? {} : { keptAt: r.keptAt }),
      })),
      ...(report.aborted ? { stopped: { en: report.aborted.en, fr: report.aborted.fr } } : {}),
      ...(issues.length ? { issues: issues.slice(0, MAX_ISSUES), issueCount: issues.length } : {}),
    };
  } catch (e) {
    const zero = { created: 0, updated: 0, deleted: 0, errors: 0 };
    outcome = {
      pairId: pair.id,
      at,
      ok: false,
      server: zero,
      thunderbird: zero,
      conflicts: 0,
      unreadable: 0,
      reverted: [],
      error: failureOf(e),
    };
  }
  await local.set({ [outcomeKey(pair.id)]: outcome });
  return outcome;
}
