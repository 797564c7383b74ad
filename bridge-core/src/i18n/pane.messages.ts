/**
 * The Outlook task pane's words (outlook-addin/src/taskpane): one entry per sentence or label, the same in every
 * language (pane.en.ts, pane.fr.ts are typed by this). Wired into the catalog as `catalog(lang).pane`.
 */
export interface PaneWords {
  title: string;
  loading: string;
  close: string;
  // Sign in / out.
  signInTitle: string;
  server: string;
  serverFromEmail: (email: string) => string;
  username: string;
  appPassword: string;
  signIn: string;
  signOut: string;
  signedInAs: (user: string, server: string) => string;
  // Navigation.
  sections: string;
  navCollections: string;
  navSubscribe: string;
  navShare: string;
  navGuestLinks: string;
  navConflicts: string;
  // My collections.
  collectionsTitle: string;
  groupEvents: string;
  groupTasks: string;
  groupContacts: string;
  kindEvents: string;
  kindTasks: string;
  kindContacts: string;
  /** Badges: the seed documents' words (Lecture / Ecriture / Gestion). */
  rightsRead: string;
  rightsReadWrite: string;
  rightsAdmin: string;
  rightsUnknown: string;
  rightsTitle: string;
  ownerMe: string;
  ownerOther: (owner: string) => string;
  category: (name: string, color: string) => string;
  noCategory: string;
  noCollections: string;
  invitationsTitle: string;
  invitation: (owner: string, name: string, rights: string) => string;
  accept: string;
  decline: string;
  invitationAccepted: string;
  invitationDeclined: string;
  // Add to Outlook, subscriptions.
  subscribeTitle: string;
  subscribeCollection: string;
  addToOutlook: string;
  openInOutlook: string;
  byHandTitle: string;
  byHandStep1: string;
  byHandStep2: string;
  feedAddress: string;
  readOnlyNote: string;
  twoWay: string;
  twoWayUnavailable: string;
  yourFeeds: string;
  noFeeds: string;
  feedAdded: string;
  feedRevoked: string;
  feedsUnavailable: string;
  categoryCreated: (name: string) => string;
  categoryUpdated: (name: string) => string;
  categoryUnchanged: (name: string) => string;
  categoryManual: (name: string, color: string) => string;
  categoryFailed: (name: string) => string;
  subscriptionsTitle: string;
  noSubscriptions: string;
  syncNow: (name: string) => string;
  /** Choosing a collection for the bridge to sync (then, once Outlook is connected, two ways with Outlook). */
  syncCollection: string;
  subscribe: string;
  subscribed: (name: string) => string;
  nothingToSubscribe: string;
  unsubscribe: (name: string) => string;
  unsubscribed: (name: string) => string;
  syncing: string;
  lastSync: (date: string) => string;
  neverSynced: string;
  syncOk: string;
  syncFailed: (message: string) => string;
  syncConflicts: (count: number) => string;
  syncDone: (name: string) => string;
  // Share.
  shareTitle: string;
  shareCollection: string;
  person: string;
  personSearchHint: string;
  personEmailHint: string;
  rightsToGive: string;
  rightRead: string;
  rightReadWrite: string;
  rightAdmin: string;
  rightNotGrantable: (right: string) => string;
  privateEvents: string;
  privateEventsUnsupported: string;
  share: string;
  sharedWith: string;
  noShares: string;
  stopSharing: (person: string) => string;
  shareDone: (person: string) => string;
  shareRevoked: (person: string) => string;
  shareStatus: (status: string) => string;
  noShareable: string;
  // Guest links.
  guestTitle: string;
  newGuestLink: string;
  guestCollection: string;
  guestPassword: (min: number) => string;
  guestExpiry: string;
  hidePrivate: string;
  create: string;
  insert: (name: string) => string;
  copy: (name: string) => string;
  copied: string;
  copyFailed: string;
  revoke: (name: string) => string;
  unlock: (name: string) => string;
  yourLinks: string;
  noLinks: string;
  expired: string;
  withPassword: string;
  locked: string;
  expiresOn: (date: string) => string;
  opened: (count: number, date: string) => string;
  neverOpened: string;
  inserted: string;
  newMessageOpened: string;
  insertFailed: string;
  notComposing: string;
  tooLarge: string;
  mailPassword: string;
  mailSubject: (name: string) => string;
  // Conflicts.
  conflictsTitle: string;
  noConflicts: string;
  conflictIn: (subscription: string, date: string) => string;
  keptVersion: string;
  currentVersion: string;
  currentUnknown: string;
  restore: string;
  dismiss: string;
  restored: string;
  dismissed: string;
  eventWhen: string;
  eventWhere: string;
  untitled: string;
  // Errors: what happened, then what to do.
  errorBridgeDown: string;
  errorServerDown: string;
  errorNoRightToShare: string;
  errorSessionExpired: string;
  errorWrongPassword: string;
  errorGeneric: string;
  errorUnavailable: string;
}
