/** bridge-core: the isomorphic part (no Node built-ins, no DOM). Node-only parts: "@dav-bridge/core/node". */
export * from './dav/index.js';
export * from './colors/index.js';
