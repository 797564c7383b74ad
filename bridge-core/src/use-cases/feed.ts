/**
 * "Subscribe to a feed", the use case every shell calls (the bridge server today, the Thunderbird background next):
 * normalize and check the address, fetch it (bounded, conditional), split it into one item per UID, and mirror it
 * through a read-only store; plus the guarded recurrence expansion. Imported as `@dav-bridge/core/feed`: it needs
 * ical.js, which the root entry does not pull into the task pane's and the Thunderbird extension's bundles.
 */
export * from './feed-errors.js';
export * from './feed-url.js';
export * from './feed-fetch.js';
export * from './feed-split.js';
export * from './feed-store.js';
export * from './feed-recurrence.js';
