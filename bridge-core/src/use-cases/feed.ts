/**
 * The feed use case and the guarded recurrence expansion, imported as `@dav-bridge/core/feed`: they need ical.js,
 * which the root entry does not pull into the task pane's and the Thunderbird extension's bundles.
 */
export * from './feed-recurrence.js';
