import { identify } from '../../src/sync/item-identity.js';
import type { MemoryStore } from '../../src/sync/memory-store.js';

export function vevent(uid: string, summary: string, extra: string[] = []): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20261122T100000Z',
    'DTSTART:20261123T090000Z',
    'DTEND:20261123T100000Z',
    `SUMMARY:${summary}`,
    ...extra,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

export function vcard(uid: string, fn: string, extra: string[] = []): string {
  return ['BEGIN:VCARD', 'VERSION:4.0', `UID:${uid}`, `FN:${fn}`, ...extra, 'END:VCARD', ''].join('\r\n');
}

/** The store's items by meaning: ident -> hash. Throws on duplicate idents. */
export function meaning(store: MemoryStore): Map<string, string> {
  const out = new Map<string, string>();
  for (const it of store.all()) {
    const { ident, hash } = identify(it.data);
    if (out.has(ident)) throw new Error(`duplicate ident ${ident} in ${store.name}`);
    out.set(ident, hash);
  }
  return out;
}

export function sortedEntries(m: Map<string, string>): [string, string][] {
  return [...m].sort((x, y) => (x[0] < y[0] ? -1 : 1));
}
