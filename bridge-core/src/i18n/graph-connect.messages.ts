/**
 * Words of connecting Microsoft 365 for the two-way Outlook sync (issue 15): why the connection is off or must be
 * renewed, the sign-in dialog's pages, the pane's "Outlook sync" section. Wired into messages.ts, en.ts and fr.ts
 * in one line each; the words are in graph-connect.en.ts and graph-connect.fr.ts.
 */

/** Why a connection must be renewed (the keys graph-connect.reason-<code>). */
export type ReconnectReasonCode = 'refresh-refused' | 'interaction-required' | 'cache-unreadable';

export interface GraphConnectMessageParams {
  /** The bridge has no Microsoft 365 settings (capability reason). */
  'graph-connect.not-configured': Record<string, never>;
  /** Some settings are there, not all (or the cache key is not 32 bytes): the administrator's to fix. */
  'graph-connect.misconfigured': Record<string, never>;
  /** Why a connection must be renewed (stored as the key: GraphReconnectReason). */
  'graph-connect.reason-refresh-refused': Record<string, never>;
  'graph-connect.reason-interaction-required': Record<string, never>;
  'graph-connect.reason-cache-unreadable': Record<string, never>;
  /** A subscription's run when its account must reconnect, and why. */
  'graph-connect.sync-needs-reconnect': { reason: ReconnectReasonCode };
  /** Outlook kept answering "too busy" (429) past what one run waits for: the next run tries again. */
  'graph-connect.sync-throttled': Record<string, never>;
  /**
   * A run's note: the subscription's Outlook master category could not be made (`detail`: Graph's status and code,
   * e.g. a connection made before the bridge asked for MailboxSettings.ReadWrite).
   */
  'graph-connect.category-not-made': { name: string; detail: string };
  /** A run's last note when it had more than the notes kept (bounded per run). */
  'graph-connect.notices-more': { count: number };
  /** The sign-in dialog: the link it was opened with is unknown, used or too old. */
  'graph-connect.dialog-expired': Record<string, never>;
  /** Microsoft's answer at the end of the sign-in was an error (`detail`: Microsoft's error code). */
  'graph-connect.sign-in-failed': { detail: string };
  'graph-connect.dialog-title': Record<string, never>;
  'graph-connect.dialog-connected': Record<string, never>;
  /** The connect route when the bridge has no Microsoft 365 settings. */
  'graph-connect.unavailable': Record<string, never>;
}

/** The pane's "Outlook sync" section (outlook-addin/src/taskpane/views/outlook-sync.ts). */
export interface OutlookSyncWords {
  title: string;
  connect: string;
  reconnect: string;
  disconnect: string;
  /** `since`: the connection's date, already formatted for the language (absent from an older bridge). */
  connectedAs: (user: string, since?: string) => string;
  notConnected: string;
  reconnectNeeded: (reason: string) => string;
  unavailable: (reason: string) => string;
  connecting: string;
  connected: string;
  disconnected: string;
  dialogClosed: string;
  dialogFailed: (detail: string) => string;
  noOffice: string;
  feedStays: string;
  /** The summary of a subscription's notes about Outlook (downgrades, undone edits) of its last run. */
  notices: (count: number) => string;
}

export type GraphConnectCatalog = {
  [K in keyof GraphConnectMessageParams]: (params: GraphConnectMessageParams[K]) => string;
} & { outlookSync: OutlookSyncWords };
