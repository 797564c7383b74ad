/** The use cases every shell calls (CLI, bridge server, Thunderbird background) instead of assembling parts. */
export * from './open-collection.js';
export * from './server-quirks.js';
