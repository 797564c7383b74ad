/**
 * The pane's client for the bridge's JSON API (same origin; the session cookie travels by itself). Its types come
 * from the route schemas (middle-tier/contract/): type-only imports, so no schema code enters the pane bundle.
 */
import type { Static } from '@sinclair/typebox';
import type { SessionView } from '../middle-tier/contract/auth.js';
import type { CollectionView } from '../middle-tier/contract/collections.js';
import type { ApiErrorBodySchema } from '../middle-tier/contract/common.js';
import type { GuestLinkView } from '../middle-tier/contract/guest-links.js';

export type ApiErrorBody = Static<typeof ApiErrorBodySchema>;
export type Collection = CollectionView;
export type GuestLink = GuestLinkView;

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class BridgeApi {
  private csrfToken: string | undefined;

  constructor(private readonly lang: 'en' | 'fr') {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { 'accept-language': this.lang };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => ({}))) as T & Partial<ApiErrorBody>;
    if (!res.ok) {
      throw new ApiFailure(res.status, data.error?.code ?? 'unknown', data.error?.message ?? `HTTP ${res.status}`);
    }
    return data;
  }

  servers() {
    return this.call<{ servers: Array<{ id: string; label: string }> }>('GET', '/api/v1/servers');
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
    const s = await this.call<SessionView>('POST', '/api/v1/session', {
      server,
      username,
      password,
    });
    this.csrfToken = s.csrfToken;
    return s;
  }

  async signOut() {
    await this.call('DELETE', '/api/v1/session');
    this.csrfToken = undefined;
  }

  collections() {
    return this.call<{ collections: Collection[] }>('GET', '/api/v1/collections');
  }

  createGuestLink(collectionUrl: string, password: string | undefined, expiresAt: string | undefined) {
    return this.call<{ guestLink: GuestLink }>('POST', '/api/v1/guest-links', { collectionUrl, password, expiresAt });
  }

  guestLinks() {
    return this.call<{ guestLinks: GuestLink[] }>('GET', '/api/v1/guest-links');
  }

  revokeGuestLink(id: string) {
    return this.call<void>('DELETE', `/api/v1/guest-links/${encodeURIComponent(id)}`);
  }
}
