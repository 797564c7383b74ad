/**
 * Records and store interfaces of the task pane's own aggregates (issue 13): the private "Add to Outlook" feeds.
 * Beside types.ts so the aggregates of parallel work do not edit the same lines; BridgeStore extends these.
 */
import type { ConflictEntry } from './types.js';

/** A private, revocable ICS feed of one of the user's calendars or task lists, for Outlook to subscribe to. */
export interface OutlookFeedRecord {
  id: string;
  /** SHA-256 of the token: what /feeds/<token>.ics is looked up by. */
  tokenHash: string;
  /** The token sealed for its owner's listing (bound to the feed id). */
  sealedToken: string;
  accountId: string;
  collectionUrl: string;
  collectionName: string;
  kind: 'events' | 'tasks' | 'events+tasks';
  createdAt: number;
  revokedAt: number | undefined;
  lastFetchedAt: number | undefined;
  fetchCount: number;
}

export interface OutlookFeedStore {
  createOutlookFeed(f: OutlookFeedRecord): Promise<void>;
  getOutlookFeed(id: string): Promise<OutlookFeedRecord | undefined>;
  getOutlookFeedByTokenHash(tokenHash: string): Promise<OutlookFeedRecord | undefined>;
  /** One owner's feeds that are not revoked, newest first. */
  listOutlookFeeds(accountId: string): Promise<OutlookFeedRecord[]>;
  revokeOutlookFeed(id: string, at: number): Promise<boolean>;
  /** One fetch served (counts only: nothing about who fetched). */
  countOutlookFeedFetch(id: string, at: number): Promise<void>;
}

/** How often a guest link was opened (page views and .ics fetches): counts only, no address or user agent. */
export interface GuestLinkOpens {
  openCount: number;
  lastOpenedAt: number | undefined;
}

export interface GuestLinkOpenStore {
  /** One page view or feed fetch served for the link (durable: committed before the answer). */
  countGuestLinkOpen(linkId: string, at: number): Promise<void>;
  /** The counts of one owner's links, by link id (links never opened are absent). */
  guestLinkOpens(accountId: string): Promise<Map<string, GuestLinkOpens>>;
}

/** What the pane does with a kept losing version: find it, and dismiss it (issue 13 item 3). */
export interface ConflictActionStore {
  /** One kept version, only when the subscription it belongs to is the account's (else undefined, like missing). */
  getOwnConflict(accountId: string, id: number): Promise<ConflictEntry | undefined>;
  deleteConflict(id: number): Promise<boolean>;
}
