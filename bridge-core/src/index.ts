/** bridge-core: the isomorphic part (no Node built-ins, no DOM). Node-only parts: "@dav-bridge/core/node". */
export * from './dav/index.js';
export * from './colors/index.js';
// The sync engine as a namespace: its store errors (PreconditionFailedError...) are not the DAV ones.
export * as sync from './sync/index.js';
export { DavCollectionStore, type DavStoreOptions } from './stores/dav-store.js';
export * from './sharing/index.js';
export * from './use-cases/index.js';
export { instantOf, wallAt, wallToMs, type Wall } from './time/wall-clock.js';
// The message catalog: shells render core's coded errors and reports with it (i18n.render(lang, msg)).
export * as i18n from './i18n/index.js';
