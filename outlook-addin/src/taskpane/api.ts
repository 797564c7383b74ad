/** The pane's client for the bridge's JSON API (same origin; the session cookie travels by itself). */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Collection {
  url: string;
  kind: 'events' | 'tasks' | 'events+tasks' | 'contacts';
  name: string;
  color: string | null;
  access: 'read' | 'read-write' | 'admin';
  sharedWithMe: boolean;
  canGuestLink: boolean;
}

export interface GuestLink {
  id: string;
  collectionName: string;
  url: string;
  icsUrl: string;
  webcalUrl: string;
  hasPassword: boolean;
  expiresAt: string | null;
  expired: boolean;
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

  async session(): Promise<{ user: { username: string } } | undefined> {
    try {
      const s = await this.call<{ user: { username: string }; csrfToken: string }>('GET', '/api/v1/session');
      this.csrfToken = s.csrfToken;
      return s;
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) return undefined;
      throw err;
    }
  }

  async signIn(server: string, username: string, password: string) {
    const s = await this.call<{ user: { username: string }; csrfToken: string }>('POST', '/api/v1/session', {
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
