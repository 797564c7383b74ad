/** The two-way sync engine (isomorphic). Node-only pieces live in ../node/sync/. */
export * from './store.js';
export * from './status.js';
export * from './conflict-log.js';
export * from './normalize.js';
export {
  extractUid,
  itemKind,
  itemTimestamps,
  copyWithNewUid,
  type ItemKind,
  type ItemTimestamps,
} from './content-lines.js';
export * from './item-identity.js';
export * from './planner.js';
export * from './guard.js';
export * from './report.js';
export * from './executor.js';
export * from './sync.js';
export * from './memory-store.js';
export * from './component-view-store.js';
