/**
 * Items are identified across the two sides by UID, not by store id:
 * - a VCALENDAR resource is one item (a recurring series: master + RECURRENCE-ID overrides, one UID);
 * - a vCard is one item (its UID);
 * - an item without UID gets the identity `nouid:<content hash>` (so an edit of it looks like a delete plus
 *   a create) and is reported as a warning;
 * - two resources of one side with the same UID: one is synced (the one the status already pairs, else the
 *   first by id order), the others are reported and left alone: never written, never deleted.
 */
import { extractUid } from './content-lines.js';
import { contentHash } from './normalize.js';
import { message, render, type Message } from '../i18n/index.js';

export interface ItemIdentity {
  /** Key of the item in the status: its UID, or `nouid:<hash>`. */
  ident: string;
  uid: string | undefined;
  /** Hash of the normalized content (normalize.ts). */
  hash: string;
}

export const NO_UID_PREFIX = 'nouid:';

export function identify(data: string): ItemIdentity {
  const uid = extractUid(data);
  const hash = contentHash(data);
  return { ident: uid ?? NO_UID_PREFIX + hash, uid, hash };
}

/** A file-name-safe base name for a new resource of this UID (the store adds its extension). */
export function suggestedIdFor(ident: string, hash: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._@-]{0,100}$/.test(ident) && !ident.endsWith('.')) return ident;
  return 'item-' + hash;
}

/** One item of one side, as the planner sees it. `data` is present when it was fetched this run. */
export interface SideItem {
  id: string;
  version: string;
  hash: string;
  data?: string;
}

export interface IdentifiedItem extends SideItem {
  ident: string;
  noUid?: boolean;
}

export interface SideWarning {
  kind: 'duplicate-uid' | 'no-uid';
  ident: string;
  /** Ids involved (for a duplicate: the ignored ones). */
  ids: string[];
  /** English, for logs and `--json`; `text` is the catalog message the shells render. */
  message: string;
  text: Message;
}

/**
 * Groups one side's identified items by ident, choosing one per ident (the one the status pairs with this
 * ident, else the smallest id) and reporting the others.
 */
export function groupByIdent(
  items: IdentifiedItem[],
  pairedId: (ident: string) => string | undefined,
  sideName: string,
): { items: Map<string, SideItem>; warnings: SideWarning[]; ignoredIds: Set<string> } {
  const byIdent = new Map<string, IdentifiedItem[]>();
  for (const it of items) {
    const list = byIdent.get(it.ident);
    if (list) list.push(it);
    else byIdent.set(it.ident, [it]);
  }
  const out = new Map<string, SideItem>();
  const warnings: SideWarning[] = [];
  const ignoredIds = new Set<string>();
  for (const [ident, list] of byIdent) {
    list.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    const paired = pairedId(ident);
    const chosen = list.find((x) => x.id === paired) ?? list[0];
    if (!chosen) continue;
    const { ident: _i, noUid, ...item } = chosen;
    out.set(ident, item);
    if (noUid) {
      const text = message('sync.item-without-uid', { side: sideName, id: chosen.id });
      warnings.push({ kind: 'no-uid', ident, ids: [chosen.id], message: render('en', text), text });
    }
    if (list.length > 1) {
      const others = list.filter((x) => x !== chosen).map((x) => x.id);
      for (const id of others) ignoredIds.add(id);
      const text = message('sync.duplicate-uid', {
        side: sideName,
        count: list.length,
        uid: ident,
        synced: chosen.id,
        ignored: others,
      });
      warnings.push({ kind: 'duplicate-uid', ident, ids: others, message: render('en', text), text });
    }
  }
  return { items: out, warnings, ignoredIds };
}
