import type { GraphConnectCatalog, ReconnectReasonCode } from './graph-connect.messages.js';

const REASON: Record<ReconnectReasonCode, string> = {
  'refresh-refused': 'Microsoft no longer accepts the connection (it was revoked, expired or its consent withdrawn).',
  'interaction-required': 'Microsoft asks you to sign in again.',
  'cache-unreadable': 'The bridge can no longer read your stored connection (its encryption key changed).',
};

export const graphConnectEn: GraphConnectCatalog = {
  'graph-connect.not-configured': () =>
    'Two-way sync with your Outlook calendars needs a Microsoft 365 connection, which this bridge\'s administrator has not set up. Until then, "Add to Outlook" gives a read-only calendar that Outlook refreshes.',
  'graph-connect.misconfigured': () =>
    'The Microsoft 365 settings of this bridge are incomplete, so two-way sync with Outlook is off: tell the bridge\'s administrator. Until then, "Add to Outlook" gives a read-only calendar.',
  'graph-connect.reason-refresh-refused': () => REASON['refresh-refused'],
  'graph-connect.reason-interaction-required': () => REASON['interaction-required'],
  'graph-connect.reason-cache-unreadable': () => REASON['cache-unreadable'],
  'graph-connect.sync-needs-reconnect': (p) =>
    `Sync with Outlook is stopped: ${REASON[p.reason]} Open "Add to Outlook" and click "Reconnect Outlook".`,
  'graph-connect.sync-throttled': () =>
    'Outlook asked the bridge to slow down; the sync with Outlook goes on at the next run (nothing was lost).',
  'graph-connect.category-not-made': (p) =>
    `The Outlook category "${p.name}" could not be created (${p.detail}): items in Outlook carry its name without its color. Reconnecting Outlook gives the bridge the right to manage your categories.`,
  'graph-connect.notices-more': (p) =>
    p.count === 1
      ? 'And 1 more note about Outlook in this run.'
      : `And ${p.count} more notes about Outlook in this run.`,
  'graph-connect.dialog-expired': () =>
    'This sign-in window has expired or was already used. Close it and click "Connect Outlook" again.',
  'graph-connect.sign-in-failed': (p) =>
    `Microsoft did not complete the sign-in (${p.detail}). Close this window and try again.`,
  'graph-connect.dialog-title': () => 'Connect Outlook',
  'graph-connect.dialog-connected': () => 'Outlook is connected. You can close this window and go back to Outlook.',
  'graph-connect.unavailable': () => 'This bridge does not offer two-way sync with Outlook.',
  outlookSync: {
    title: 'Two-way sync with Outlook',
    connect: 'Connect Outlook for two-way sync',
    reconnect: 'Reconnect Outlook',
    disconnect: 'Disconnect Outlook',
    connectedAs: (user, since) =>
      `Connected as ${user}${since ? ` since ${since}` : ''}: your subscribed calendars are kept in sync two ways with Outlook calendars of the same name.`,
    notConnected: 'Not connected: Outlook shows your calendars only through read-only feeds.',
    reconnectNeeded: (reason) => `Sync with Outlook is stopped. ${reason} Reconnect to start it again.`,
    unavailable: (reason) => reason,
    connecting: 'Sign in to Microsoft 365 in the window that opened…',
    connected: 'Outlook is connected.',
    disconnected: 'Outlook is disconnected; the bridge no longer keeps any access to it.',
    dialogClosed: 'The sign-in window was closed before the end: Outlook is not connected.',
    dialogFailed: (detail) => `The sign-in window could not be opened (${detail}).`,
    noOffice: 'Open this pane inside Outlook to connect it.',
    feedStays: '"Add to Outlook" above keeps working: a read-only calendar that Outlook refreshes.',
    notices: (count) => (count === 1 ? '1 note about Outlook' : `${count} notes about Outlook`),
  },
};
