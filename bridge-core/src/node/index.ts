/** bridge-core's Node-only part: config files, DNS discovery, local state. */
export * from './config.js';
export * from './dns-resolver.js';
export * from './localized-error.js';
export * from './sync/index.js';
export * from './sync-endpoint.js';
export * from './category-memory-file.js';
