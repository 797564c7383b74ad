/**
 * Keys and parameters of the bridge server's task-pane API words (issue 13): private "Add to Outlook" feeds,
 * conflicts restore/dismiss, people picker, sharing rights, sync progress, capabilities. Wired into MessageParams
 * (messages.ts) in one line; the words are in pane-api.en.ts and pane-api.fr.ts.
 */

/** A sharing right the pane offers: the three levels and per-sharee private-event visibility. */
export type PaneRight = 'read' | 'read-write' | 'admin' | 'private-events';

export interface PaneApiMessageParams {
  'pane-api.outlook-feed-not-found': Record<string, never>;
  'pane-api.outlook-feed-not-a-calendar': Record<string, never>;
  /** The plain-text body of a private feed whose DAV server did not answer (502/503/504). */
  'pane-api.outlook-feed-unavailable': { name: string };
  'pane-api.conflict-not-found': Record<string, never>;
  'pane-api.conflict-changed': { summary: string };
  'pane-api.conflict-read-only': { name: string };
  'pane-api.conflict-not-restorable': Record<string, never>;
  /** `server` is the product name ("Radicale", "Cyrus"...). */
  'pane-api.right-not-supported': { server: string; right: PaneRight };
  'pane-api.right-unavailable-why': { server: string; right: PaneRight; sharing: boolean };
  'pane-api.principal-search-unsupported': { server: string };
  'pane-api.graph-sync-unavailable': Record<string, never>;
  'pane-api.sync-items-failed': { count: number };
}
