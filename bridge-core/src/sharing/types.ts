/**
 * The one rights model of DAV Bridge sharing, whatever the server speaks underneath:
 * read (Lecture), read-write (Ecriture), admin (Gestion: may change who has access), plus whether the
 * sharee sees the details of private events. Each driver maps it exactly or refuses it, never downgrades.
 */
import type { Access } from '../dav/collections.js';

export type ShareAccess = Access;
export const SHARE_ACCESS_LEVELS: readonly ShareAccess[] = ['read', 'read-write', 'admin'];

export interface ShareRights {
  access: ShareAccess;
  /**
   * true: the sharee sees private (CLASS:PRIVATE/CONFIDENTIAL) events in full; false: only as busy/hidden.
   * undefined: whatever the server does by default (no request is made either way).
   */
  privateEvents?: boolean;
}

export type DriverKind =
  'calendarserver' | 'resource-sharing' | 'webdav-acl' | 'davical' | 'sogo' | 'nextcloud' | 'none';

export interface SharingCapabilities {
  driver: DriverKind;
  /** Product name for messages ("Cyrus", "DAViCal", "SOGo", "Nextcloud", "Radicale", or the Server header). */
  server: string;
  /** Levels this server can express for a sharee, in the shared model. */
  levels: ShareAccess[];
  /** Whether private-event visibility can be set per sharee. */
  privateEvents: boolean;
  /** Anonymous read link (publish / unpublish). */
  publish: boolean;
  /** The publish link can carry an expiry date (DAViCal tickets). */
  publishExpiry: boolean;
  /** Sharees receive an invitation they accept or decline (otherwise shares are active at once). */
  invitations: boolean;
  /** A sharee can leave a share on its own. */
  leave: boolean;
  /** The current user may change who has access (owner or admin). */
  canManage: boolean;
  /** Raw evidence, for diagnostics: DAV header tokens and the headers that named the server. */
  davTokens: string[];
  sabreVersion: string | undefined;
}

export type ShareStatus = 'pending' | 'accepted' | 'declined' | 'active';

export interface Share {
  /** How the server names the sharee: mailto: address, principal URL, or the server's user id. */
  sharee: string;
  /** Principal URL when known. */
  principal: string | undefined;
  displayName: string | undefined;
  access: ShareAccess;
  /** undefined when the server does not say. */
  privateEvents: boolean | undefined;
  /** pending/accepted/declined for invitation protocols; active where shares apply at once (ACL, roles). */
  status: ShareStatus;
}

export interface Invitation {
  /** Opaque id to pass to accept/decline (the notification's name). */
  id: string;
  /** URL of the notification resource. */
  url: string;
  /** The owner's collection the invitation is about. */
  collection: string;
  /** Owner principal (or address), and display name when given. */
  owner: string;
  ownerName: string | undefined;
  access: ShareAccess;
  summary: string | undefined;
}

export interface PublishedLinks {
  ics: string;
  webcal: string;
  /** A page showing the calendar in a browser, where the server has one. */
  html: string | null;
  /** When the link stops working, where it has an expiry. */
  expires: Date | null;
  /** publish found the collection already published and gave its live link back (no new link made). */
  reused?: boolean;
}

export interface ResolvedSharee {
  /** What the user typed. */
  input: string;
  /** Principal URL (absolute). */
  principal: string;
  /** The mailto: address when the sharee was given by email. */
  email: string | undefined;
  /** The user id as the server knows it (last principal path segment). */
  userId: string;
}
