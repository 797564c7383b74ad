/**
 * The pane's client for the bridge's JSON API (same origin; the session cookie travels by itself). Its types come
 * from the route schemas (middle-tier/contract/): type-only imports, so no schema code enters the pane bundle.
 * Endpoints added for issue 13 that an older bridge lacks answer 404: the calls that use them say so with
 * `Unavailable`, and the views fall back (no people search, no two-way sync reason, no restore...).
 */
import type { Static } from '@sinclair/typebox';
import type { SessionView } from '../middle-tier/contract/auth.js';
import type { CollectionView } from '../middle-tier/contract/collections.js';
import type { ApiErrorBodySchema } from '../middle-tier/contract/common.js';
import type { CapabilitiesView } from '../middle-tier/contract/capabilities.js';
import type { ConflictView } from '../middle-tier/contract/conflicts.js';
import type { GuestLinkView } from '../middle-tier/contract/guest-links.js';
import type { OutlookFeedView } from '../middle-tier/contract/outlook-feeds.js';
import type { OutlookSyncStateView } from '../middle-tier/contract/outlook-sync.js';
import type { PrincipalSearchView } from '../middle-tier/contract/principals.js';
import type { RightsView } from '../middle-tier/contract/sharing.js';
import type { SubscriptionView } from '../middle-tier/contract/subscriptions.js';

export type ApiErrorBody = Static<typeof ApiErrorBodySchema>;
export type Collection = CollectionView;
export type Subscription = SubscriptionView;
export type GuestLink = GuestLinkView;
export type Conflict = ConflictView;
export type OutlookFeed = OutlookFeedView;
export type Capabilities = CapabilitiesView;
export type OutlookSyncState = OutlookSyncStateView;
export type Rights = RightsView;
export type PrincipalSearch = PrincipalSearchView;
export type Access = 'read' | 'read-write' | 'admin';
/** Words the bridge sends in both languages, or already in the caller's. */
export type Words = string | { en: string; fr: string };

export interface Share {
  sharee: string;
  displayName?: string | undefined;
  access: Access;
  privateEvents?: boolean | undefined;
  status: string;
}

/** Who a collection is shared with, and the rights this server can grant there (absent from an older bridge). */
export interface SharesAnswer {
  shares: Share[];
  rights?: Rights;
}

export interface Invitation {
  id: string;
  collection: string;
  owner: string;
  ownerName?: string;
  access: Access;
  summary?: string;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** The bridge could not be reached at all (no HTTP answer). */
export class BridgeUnreachable extends Error {
  constructor() {
    super('bridge unreachable');
    this.name = 'BridgeUnreachable';
  }
}

/** An endpoint this bridge does not have (an older bridge). */
export class Unavailable extends Error {
  constructor(readonly path: string) {
    super(`not on this bridge: ${path}`);
    this.name = 'Unavailable';
  }
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const id = (s: string | number) => encodeURIComponent(String(s));

export class BridgeApi {
  private csrfToken: string | undefined;

  constructor(private readonly lang: 'en' | 'fr') {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { 'accept-language': this.lang, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    let res: Response;
    try {
      res = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new BridgeUnreachable();
    }
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => ({}))) as T & Partial<ApiErrorBody>;
    if (!res.ok) {
      // A route this bridge does not have: Fastify's own 404, with no error code of ours.
      if (res.status === 404 && (!data.error || data.error.code === 'not-found')) throw new Unavailable(path);
      throw new ApiFailure(res.status, data.error?.code ?? 'unknown', data.error?.message ?? '');
    }
    return data;
  }

  /** The allowed servers; with the mailbox's address, also the one its discovery leads to (`suggested`). */
  servers(email?: string) {
    const query = email ? `?email=${encodeURIComponent(email)}` : '';
    return this.call<{ servers: Array<{ id: string; label: string }>; suggested?: string }>(
      'GET',
      `/api/v1/servers${query}`,
    );
  }

  async session(): Promise<SessionView | undefined> {
    try {
      const s = await this.call<SessionView>('GET', '/api/v1/session');
      this.csrfToken = s.csrfToken;
      return s;
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) return undefined;
      throw err;
    }
  }

  async signIn(server: string, username: string, password: string) {
    const s = await this.call<SessionView>('POST', '/api/v1/session', { server, username, password });
    this.csrfToken = s.csrfToken;
    return s;
  }

  async signOut() {
    await this.call('DELETE', '/api/v1/session');
    this.csrfToken = undefined;
  }

  capabilities() {
    return this.call<Capabilities>('GET', '/api/v1/capabilities');
  }

  collections() {
    return this.call<{ collections: Collection[] }>('GET', '/api/v1/collections');
  }

  invitations() {
    return this.call<{ invitations: Invitation[] }>('GET', '/api/v1/invitations');
  }

  answerInvitation(invitationId: string, accept: boolean) {
    return this.call<void>('POST', `/api/v1/invitations/${id(invitationId)}`, { accept });
  }

  // ---- Add to Outlook: private feeds; subscriptions synced by the bridge

  outlookFeeds() {
    return this.call<{ outlookFeeds: OutlookFeed[] }>('GET', '/api/v1/outlook-feeds');
  }

  addOutlookFeed(collectionUrl: string) {
    return this.call<{ outlookFeed: OutlookFeed }>('POST', '/api/v1/outlook-feeds', { collectionUrl });
  }

  revokeOutlookFeed(feedId: string) {
    return this.call<void>('DELETE', `/api/v1/outlook-feeds/${id(feedId)}`);
  }

  subscriptions() {
    return this.call<{ subscriptions: Subscription[] }>('GET', '/api/v1/subscriptions');
  }

  /** The bridge syncs this collection from now on (its first run is done when it answers). */
  subscribe(collectionUrl: string) {
    return this.call<{ subscription: Subscription }>('POST', '/api/v1/subscriptions', { url: collectionUrl });
  }

  unsubscribe(subscriptionId: string) {
    return this.call<void>('DELETE', `/api/v1/subscriptions/${id(subscriptionId)}`);
  }

  /** Starts a run and answers at once (202, with its progress); an older bridge answers when the run ended. */
  syncSubscription(subscriptionId: string) {
    return this.call<{ subscription: Subscription }>(
      'POST',
      `/api/v1/subscriptions/${id(subscriptionId)}/sync?wait=false`,
    );
  }

  // ---- Two-way sync with Outlook (Microsoft 365 connection; tokens never come here)

  outlookSync() {
    return this.call<OutlookSyncState>('GET', '/api/v1/outlook-sync');
  }

  connectOutlook() {
    return this.call<{ dialogUrl: string }>('POST', '/api/v1/outlook-sync/connect');
  }

  disconnectOutlook() {
    return this.call<void>('DELETE', '/api/v1/outlook-sync');
  }

  // ---- Sharing

  shares(collectionUrl: string) {
    return this.call<SharesAnswer>('GET', `/api/v1/shares?${q({ collectionUrl })}`);
  }

  share(collectionUrl: string, sharee: string, access: Access, privateEvents: boolean | undefined) {
    return this.call<{ share: Share | null }>('POST', '/api/v1/shares', {
      collectionUrl,
      sharee,
      access,
      ...(privateEvents === undefined ? {} : { privateEvents }),
    });
  }

  unshare(collectionUrl: string, sharee: string) {
    return this.call<void>('DELETE', `/api/v1/shares?${q({ collectionUrl, sharee })}`);
  }

  principals(collectionUrl: string, query: string) {
    return this.call<PrincipalSearch>('GET', `/api/v1/principals?${q({ collectionUrl, q: query })}`);
  }

  // ---- Guest links

  guestLinks() {
    return this.call<{ guestLinks: GuestLink[]; policy: { minPasswordLength: number } }>('GET', '/api/v1/guest-links');
  }

  createGuestLink(
    collectionUrl: string,
    password: string | undefined,
    expiresAt: string | undefined,
    hidePrivate: boolean,
  ) {
    return this.call<{ guestLink: GuestLink }>('POST', '/api/v1/guest-links', {
      collectionUrl,
      password,
      expiresAt,
      hidePrivateEvents: hidePrivate,
    });
  }

  revokeGuestLink(linkId: string) {
    return this.call<void>('DELETE', `/api/v1/guest-links/${id(linkId)}`);
  }

  unlockGuestLink(linkId: string) {
    return this.call<{ guestLink: GuestLink }>('POST', `/api/v1/guest-links/${id(linkId)}/unlock`);
  }

  // ---- Conflicts

  conflicts() {
    return this.call<{ conflicts: Conflict[] }>('GET', '/api/v1/conflicts');
  }

  restoreConflict(conflictId: number) {
    return this.call<unknown>('POST', `/api/v1/conflicts/${id(conflictId)}/restore`);
  }

  dismissConflict(conflictId: number) {
    return this.call<void>('DELETE', `/api/v1/conflicts/${id(conflictId)}`);
  }
}
