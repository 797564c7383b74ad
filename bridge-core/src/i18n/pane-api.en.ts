import type { PaneApiMessageParams, PaneRight } from './pane-api.messages.js';

type Words = { [K in keyof PaneApiMessageParams]: (p: PaneApiMessageParams[K]) => string };

const RIGHT: Record<PaneRight, string> = {
  read: 'read (Lecture)',
  'read-write': 'read-write (Ecriture)',
  admin: 'manage (Gestion)',
  'private-events': 'seeing private events',
};

export const paneApiEn: Words = {
  'pane-api.outlook-feed-not-found': () => 'This Outlook feed does not exist or was already withdrawn.',
  'pane-api.outlook-feed-not-a-calendar': () =>
    'Only calendars and task lists can be added to Outlook as a feed; address books cannot.',
  'pane-api.outlook-feed-unavailable': (p) =>
    `The calendar server of "${p.name}" did not answer. Your calendar was not changed; Outlook will try again later.`,
  'pane-api.conflict-not-found': () => 'This kept version does not exist or was already dismissed.',
  'pane-api.conflict-changed': (p) =>
    `"${p.summary}" was changed again on the server since this conflict. Nothing was restored: look at the current version, then restore again if you still want this one.`,
  'pane-api.conflict-read-only': (p) =>
    `"${p.name}" is read-only for you: a kept version cannot be put back there. Copy what you need from it instead.`,
  'pane-api.conflict-not-restorable': () =>
    'This kept version cannot be restored: the item it belongs to is no longer known to the bridge. Dismiss it, or copy what you need from it.',
  'pane-api.right-not-supported': (p) =>
    `${p.server} cannot give the right "${RIGHT[p.right]}". Nothing was shared: choose a right it can give.`,
  'pane-api.right-unavailable-why': (p) =>
    p.sharing
      ? `${p.server} cannot give "${RIGHT[p.right]}" with its sharing protocol.`
      : `${p.server} has no sharing protocol: nobody can be given "${RIGHT[p.right]}" through it. Send a guest link instead.`,
  'pane-api.principal-search-unsupported': (p) =>
    `${p.server} does not let the bridge search its users: type the person's email address.`,
  'pane-api.graph-sync-unavailable': () =>
    'Two-way sync with your Outlook calendars needs a Microsoft 365 connection, which this bridge does not offer yet. Until then, "Add to Outlook" gives a read-only calendar that Outlook refreshes.',
  'pane-api.sync-items-failed': (p) =>
    `${p.count} item(s) could not be copied; they will be tried again at the next sync.`,
};
