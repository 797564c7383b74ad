/**
 * The bridge's state, behind one interface: SQLite (embedded, the default) implements it; a shared database can
 * implement the same interface when several bridges run behind a load balancer. Every method is async for that
 * reason, even though SQLite answers synchronously. Secrets are stored sealed (credentials) or hashed (tokens,
 * passwords) by the callers: a store never sees a clear DAV password or a clear session/guest token.
 */

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
}

export interface BridgeStore {
  /** Creates or updates the account for (serverId, username) and returns it (its id is stable). */
  upsertAccount(a: Omit<AccountRecord, 'id'> & { id: string }): Promise<AccountRecord>;
  getAccount(id: string): Promise<AccountRecord | undefined>;
  findAccount(serverId: string, username: string): Promise<AccountRecord | undefined>;

  createSession(s: SessionRecord): Promise<void>;
  getSession(idHash: string): Promise<SessionRecord | undefined>;
  deleteSession(idHash: string): Promise<void>;
  deleteExpiredSessions(now: number): Promise<number>;

  createGuestLink(g: GuestLinkRecord): Promise<void>;
  getGuestLinkByTokenHash(tokenHash: string): Promise<GuestLinkRecord | undefined>;
  getGuestLink(id: string): Promise<GuestLinkRecord | undefined>;
  /** Links of one owner that are not revoked, newest first. */
  listGuestLinks(accountId: string): Promise<GuestLinkRecord[]>;
  revokeGuestLink(id: string, at: number): Promise<boolean>;

  close(): Promise<void>;
}
