/**
 * The "Outlook sync" section's decisions, without DOM (unit-tested in Node): what the state says, which buttons it
 * offers, and what the dialog's ending means. Words come from the catalog's outlookSync section.
 */
import { i18n } from '@dav-bridge/core';
import type { OutlookSyncState, Subscription } from './api.js';
import type { DialogOutcome } from './office-host.js';
import { formatDate, textOf, type Lang } from './view-model.js';

export type OutlookSyncWords = i18n.Catalog['outlookSync'];
export const outlookSyncWords = (lang: Lang): OutlookSyncWords => i18n.catalog(lang).outlookSync;

export type OutlookSyncAction = 'connect' | 'reconnect' | 'disconnect';

export interface OutlookSyncModel {
  /** The sentence shown (and read by screen readers) for the state. */
  status: string;
  /** 'warning' for the reconnect and unavailable states. */
  tone: 'info' | 'success' | 'warning';
  actions: OutlookSyncAction[];
  /** The read-only "Add to Outlook" feed is the way meanwhile: say it stays. */
  feedStays: boolean;
}

export function outlookSyncModel(s: OutlookSyncState | undefined, w: OutlookSyncWords, lang: Lang): OutlookSyncModel {
  const reason = textOf(s?.reasons ?? s?.reason, lang) ?? '';
  switch (s?.state) {
    case 'connected': {
      // The date inside the sentence (the catalog places it), never appended after its full stop.
      return {
        status: w.connectedAs(s.user ?? '?', s.since ? formatDate(s.since, lang) : undefined),
        tone: 'success',
        actions: ['disconnect'],
        feedStays: false,
      };
    }
    case 'reconnect':
      return {
        status: w.reconnectNeeded(reason),
        tone: 'warning',
        actions: ['reconnect', 'disconnect'],
        feedStays: true,
      };
    case 'disconnected':
      return { status: w.notConnected, tone: 'info', actions: ['connect'], feedStays: true };
    default:
      // Unavailable: the bridge's reason already says the read-only feed stays (graph-connect.not-configured,
      // .misconfigured), so it is not said twice; an older bridge without the route gives no reason: say it here.
      return { status: w.unavailable(reason), tone: 'warning', actions: [], feedStays: reason === '' };
  }
}

/** What the pane says when the sign-in dialog is over; `connected`: the state is worth reading again. */
export function dialogOutcomeWords(o: DialogOutcome, w: OutlookSyncWords): { text: string; ok: boolean } {
  switch (o.kind) {
    case 'message': {
      let outcome = '';
      try {
        outcome = String((JSON.parse(o.message) as { outlookSync?: unknown }).outlookSync ?? '');
      } catch {
        outcome = '';
      }
      return outcome === 'connected' ? { text: w.connected, ok: true } : { text: w.dialogClosed, ok: false };
    }
    case 'closed':
      return { text: w.dialogClosed, ok: false };
    case 'unsupported':
      return { text: w.noOffice, ok: false };
    default:
      return { text: w.dialogFailed(o.detail), ok: false };
  }
}

/**
 * A subscription's notes about Outlook from its last run (downgrades, an Outlook edit undone, a category not made),
 * in the pane's language: the summary line and the notes; undefined when there are none. The bridge sends them
 * deduplicated and bounded (its last note says how many more there were, and is not counted).
 */
export function runNoticesModel(
  s: Pick<Subscription['sync'], 'notices'>,
  w: OutlookSyncWords,
  lang: Lang,
): { summary: string; notes: string[] } | undefined {
  const notices = s.notices ?? [];
  if (notices.length === 0) return undefined;
  const counted = notices.filter((n) => n.code !== 'notices-more').length;
  return { summary: w.notices(counted), notes: notices.map((n) => textOf(n.messages, lang) ?? n.message) };
}

/**
 * The collections the bridge does not sync yet, offered to subscribe: a subscribed one is not offered again (the
 * bridge would refuse it), and only a collection subscription counts (a feed's address is not a collection's).
 */
export function subscribableCollections<C extends { url: string }>(
  collections: C[],
  subscriptions: Array<Pick<Subscription, 'type' | 'url'>>,
): C[] {
  const synced = new Set(subscriptions.filter((s) => s.type === 'collection').map((s) => s.url));
  return collections.filter((c) => !synced.has(c.url));
}
