/**
 * The bridge's state, behind one interface: SQLite (embedded, the default) implements it; a shared database can
 * implement the same interface when several bridges run behind a load balancer. Every method is async for that
 * reason, even though SQLite answers synchronously. Secrets are stored sealed (credentials) or hashed (tokens,
 * passwords) by the callers: a store never sees a clear DAV password or a clear session/guest token.
 */

import type { sync } from '@dav-bridge/core';
import type { ConflictActionStore, GuestLinkOpenStore, OutlookFeedStore } from './pane-types.js';
import type { RateLimitStore } from './rate-limits.js';

type StatusStore = sync.StatusStore;

export interface AccountRecord {
  id: string;
  /** The configured DAV server's id (never a URL typed by a user). */
  serverId: string;
  username: string;
  /** AES-GCM sealed DAV password (see SecretBox), bound to the account id. */
  sealedPassword: string;
  principalUrl: string;
  updatedAt: number;
}

export interface SessionRecord {
  /** SHA-256 of the cookie value. */
  idHash: string;
  accountId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

export interface GuestLinkRecord {
  id: string;
  /** SHA-256 of the token: what /g/<token> is looked up by. */
  tokenHash: string;
  /** The token sealed for its owner's listing (bound to the link id). */
  sealedToken: string;
  accountId: string;
  collectionUrl: string;
  collectionName: string;
  kind: 'events' | 'tasks' | 'events+tasks';
  passwordHash: string | undefined;
  expiresAt: number | undefined;
  createdAt: number;
  revokedAt: number | undefined;
  /** Wrong passwords typed since the link was made or last unlocked, from every address together. */
  passwordFailures: number;
  /** Set when passwordFailures reached the cap: no password is checked until the owner unlocks the link. */
  lockedAt: number | undefined;
  /** Private and confidential items left out of the feed and agenda (instead of shown as busy). */
  hidePrivateEvents?: boolean;
}

/** A calendar/address book (shared with the user, or their own) or an ICS feed the bridge keeps in sync. */
export interface SubscriptionRecord {
  id: string;
  accountId: string;
  /** 'collection': a DAV collection, synced two ways; 'feed': an ICS/webcal feed, read-only. */
  type: 'collection' | 'feed';
  /** DAV URL of the collection, or the feed's https URL (webcal:// stored as https://). */
  url: string;
  name: string;
  kind: 'events' | 'tasks' | 'events+tasks' | 'contacts';
  readOnly: boolean;
  createdAt: number;
  /** Feeds: validators of the last fetch, for conditional requests. */
  feedEtag: string | undefined;
  feedLastModified: string | undefined;
}

export interface SideCountsRecord {
  created: number;
  updated: number;
  deleted: number;
}

/** The outcome of the last sync run of a subscription. */
export interface SyncRunRecord {
  subscriptionId: string;
  lastRun: number;
  ok: boolean;
  /** Writes applied to the DAV server (or feed: always zero) and to the bridge's mirror. */
  server: SideCountsRecord;
  bridge: SideCountsRecord;
  conflicts: number;
  error: { code: string; en: string; fr: string } | undefined;
  /**
   * Notes of the run about Outlook (downgrades, undone edits: subscriptions/run-notices.ts), in both languages;
   * they do not make the run fail. Absent for runs recorded before they existed.
   */
  notices?: { code: string; en: string; fr: string }[];
}

/** One item of a subscription's server-side mirror. */
export interface MirrorItem {
  id: string;
  version: string;
  data: string;
}

/** Result of a conditional mirror write: done, or why not (the mirror ItemStore turns these into store errors). */
export type MirrorWrite = { ok: true; version: string } | { ok: false; reason: 'exists' | 'missing' | 'changed' };

/** The losing version of a server-side conflict (or a change a read-only side would not take), kept for the user. */
export interface ConflictEntry {
  /** Assigned by the store. */
  id: number;
  subscriptionId: string;
  /** The item's identity in the sync engine (its UID, mostly). */
  ident: string;
  /** Where the kept version came from: the DAV server, or the bridge's mirror. */
  side: 'server' | 'bridge' | 'outlook';
  /** The item's id on that side, when known. */
  itemId: string | undefined;
  /** The kept version, as it was (iCalendar or vCard text). */
  data: string;
  /** Why it was set aside, in the engine's words ("conflict: a wins (newest)"). */
  reason: string;
  at: number;
}

// ---- One small interface per aggregate: each has its SQLite implementation in ./sqlite/, and a second database
// engine implements the same ones without touching callers (who may depend on the one they need only).

/** Sessions and accounts. */
export interface AccountStore {
  /** Creates or updates the account for (serverId, username) and returns it (its id is stable). */
  upsertAccount(a: Omit<AccountRecord, 'id'> & { id: string }): Promise<AccountRecord>;
  getAccount(id: string): Promise<AccountRecord | undefined>;
  findAccount(serverId: string, username: string): Promise<AccountRecord | undefined>;

  createSession(s: SessionRecord): Promise<void>;
  getSession(idHash: string): Promise<SessionRecord | undefined>;
  deleteSession(idHash: string): Promise<void>;
  deleteExpiredSessions(now: number): Promise<number>;
}

export interface GuestLinkStore {
  createGuestLink(g: GuestLinkRecord): Promise<void>;
  getGuestLinkByTokenHash(tokenHash: string): Promise<GuestLinkRecord | undefined>;
  getGuestLink(id: string): Promise<GuestLinkRecord | undefined>;
  /** Links of one owner that are not revoked, newest first. */
  listGuestLinks(accountId: string): Promise<GuestLinkRecord[]>;
  revokeGuestLink(id: string, at: number): Promise<boolean>;
  /**
   * Reserves one password check on a link before it runs (atomically: parallel guesses cannot overshoot the cap):
   * false when the link is locked, or has used its `cap` checks (it is then locked at `now`).
   */
  claimGuestPasswordAttempt(id: string, cap: number, now: number): Promise<boolean>;
  /** After the check: a right password gives its attempt back; a wrong one that reached the cap locks the link. */
  settleGuestPasswordAttempt(id: string, correct: boolean, cap: number, now: number): Promise<void>;
  /** The owner's unlock: no lock, failures back to zero. */
  unlockGuestLink(id: string): Promise<boolean>;
}

export interface CategoryStore {
  /** The user's CategoryMemory (bridge-core colors), as its JSON snapshot; undefined before the first listing. */
  getCategoryMemory(accountId: string): Promise<unknown>;
  saveCategoryMemory(accountId: string, snapshot: unknown): Promise<void>;
}

/** Subscriptions and their runs (with the sync engine's per-item status). */
export interface SubscriptionStore {
  createSubscription(s: SubscriptionRecord): Promise<void>;
  getSubscription(id: string): Promise<SubscriptionRecord | undefined>;
  /** One user's subscriptions, oldest first. */
  listSubscriptions(accountId: string): Promise<SubscriptionRecord[]>;
  /** Every subscription of every user (the scheduler's round). */
  listAllSubscriptions(): Promise<SubscriptionRecord[]>;
  setFeedValidators(id: string, etag: string | undefined, lastModified: string | undefined): Promise<void>;
  /** Removes the subscription with its mirror, sync status, last run and kept conflicts. */
  deleteSubscription(id: string): Promise<boolean>;
  /** The sync engine's per-item status for one subscription (persistent). */
  syncStatus(subscriptionId: string): StatusStore;
  setSyncRun(r: SyncRunRecord): Promise<void>;
  getSyncRun(subscriptionId: string): Promise<SyncRunRecord | undefined>;
}

/** Mirror items (the sync engine's bridge-side store); writes are conditional on the version. */
export interface MirrorItemStore {
  mirrorList(subscriptionId: string): Promise<Array<{ id: string; version: string }>>;
  mirrorGetMany(subscriptionId: string, ids: string[]): Promise<MirrorItem[]>;
  mirrorCreate(subscriptionId: string, id: string, data: string): Promise<MirrorWrite>;
  mirrorUpdate(subscriptionId: string, id: string, data: string, ifVersion: string): Promise<MirrorWrite>;
  mirrorDelete(subscriptionId: string, id: string, ifVersion: string): Promise<MirrorWrite>;
}

/** Losing versions of server-side conflicts, kept until their subscription is removed. */
export interface ConflictStore {
  /** Keeps one losing version durably (committed before the engine overwrites it); returns its id. */
  addConflict(c: Omit<ConflictEntry, 'id'>): Promise<number>;
  /** One user's kept versions (of one subscription when given), newest first. */
  listConflicts(accountId: string, subscriptionId?: string): Promise<ConflictEntry[]>;
}

/** What tells at startup whether the master key opens this data (see security/key-guard.ts). */
export interface KeyCheckStore {
  /**
   * One sealed value and the id it is bound to (an account's password, else a guest link's token), to tell at
   * startup whether the master key opens this data; undefined when nothing sealed is stored.
   */
  sealedSample(): Promise<{ sealed: string; boundTo: string } | undefined>;
  /** A fingerprint of the master key that sealed this data (see security/key-guard.ts); undefined before the first. */
  getKeyCheck(): Promise<string | undefined>;
  setKeyCheck(value: string): Promise<void>;
}

/** Why a Microsoft 365 connection must be renewed: a catalog key (bridge-core/src/i18n/graph-connect.*). */
export type GraphReconnectReason =
  | 'graph-connect.reason-refresh-refused'
  | 'graph-connect.reason-interaction-required'
  | 'graph-connect.reason-cache-unreadable';

/**
 * One user's Microsoft 365 connection for the two-way Outlook sync (issue 15): MSAL's token cache sealed by the
 * caller (SecretBox, bound to the account: the store never sees a clear refresh token), whether it still works,
 * and whom it signs in as.
 */
export interface GraphConnectionRecord {
  accountId: string;
  sealedCache: string;
  /** 'reconnect': the refresh token is refused; no Graph request is made for this user until they sign in again. */
  state: 'connected' | 'reconnect';
  /** When the state was last set. */
  stateSince: number;
  reason: GraphReconnectReason | undefined;
  /** The Microsoft account's id (MSAL homeAccountId) and sign-in name, shown as "connected as ...". */
  graphUserId: string | undefined;
  graphUserName: string | undefined;
}

/**
 * The Microsoft 365 connections: one row per account, gone on disconnect (and with the account); and each
 * subscription's Outlook calendar.
 */
export interface GraphTokenCacheStore {
  getGraphConnection(accountId: string): Promise<GraphConnectionRecord | undefined>;
  /** Keeps MSAL's cache (created as 'connected' when the account had none, the rest left as it is). */
  saveGraphTokenCache(accountId: string, sealedCache: string, now: number): Promise<void>;
  /** After a sign-in: connected, as this Microsoft user, since `now`. */
  markGraphConnected(accountId: string, graphUserId: string, graphUserName: string, now: number): Promise<boolean>;
  /** The refresh failed for good: 'reconnect' with its reason, since `now`. */
  markGraphReconnect(accountId: string, reason: GraphReconnectReason, now: number): Promise<boolean>;
  /** Disconnect: the cache and the state are gone. */
  deleteGraphConnection(accountId: string): Promise<boolean>;
  /**
   * The Outlook calendar a subscription syncs with (Graph id), kept from its first run: found by id afterwards, never
   * by name again, so two subscriptions of the same name never share one (gone with the subscription). A task list's
   * subscription keeps its To Do list id here, an address book's its contact folder id: one container per
   * subscription, whose kind never changes, so the same slot (table graph_calendars) serves all three.
   */
  getOutlookCalendarId(subscriptionId: string): Promise<string | undefined>;
  setOutlookCalendarId(subscriptionId: string, calendarId: string): Promise<void>;
}

/**
 * A Graph change-notification subscription (webhook) on a bridge subscription's Outlook container (issue 15):
 * Graph's id for it, the resource it watches, the SHA-256 of its clientState secret (never the secret), when it
 * expires. One per bridge subscription, gone with it.
 */
export interface GraphWebhookRecord {
  subscriptionId: string;
  graphSubscriptionId: string;
  resource: string;
  clientStateHash: string;
  expiresAt: number;
}

export interface GraphWebhookStore {
  getGraphWebhook(subscriptionId: string): Promise<GraphWebhookRecord | undefined>;
  /** The row a notification names (by Graph's subscription id). */
  findGraphWebhook(graphSubscriptionId: string): Promise<GraphWebhookRecord | undefined>;
  saveGraphWebhook(w: GraphWebhookRecord): Promise<void>;
  deleteGraphWebhook(subscriptionId: string): Promise<boolean>;
}

/** The whole bridge state: every aggregate, over one database. */
export interface BridgeStore
  extends
    AccountStore,
    GuestLinkStore,
    CategoryStore,
    SubscriptionStore,
    MirrorItemStore,
    ConflictStore,
    KeyCheckStore,
    OutlookFeedStore,
    GuestLinkOpenStore,
    ConflictActionStore,
    GraphTokenCacheStore,
    GraphWebhookStore {
  /** Rate-limit counters shared by every bridge on this database (absent: each process counts in memory). */
  rateLimits?: RateLimitStore;
  close(): Promise<void>;
}
