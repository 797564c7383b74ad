import { identify } from '../../src/sync/item-identity.js';
import type { MemoryStore } from '../../src/sync/memory-store.js';

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
