/** Creating guest links and describing them to their owner (URLs rebuilt from the sealed token). */
import type { ServerConfig } from '../config.js';
import type { SecretBox } from '../security/secret-box.js';
import { hashPassword } from '../security/passwords.js';
import { newSealedToken, openSealedToken } from '../security/sealed-token.js';
import type { GuestLinkOpens } from '../store/pane-types.js';
import type { GuestLinkRecord } from '../store/types.js';

export interface GuestLinkView {
  id: string;
  collectionUrl: string;
  collectionName: string;
  kind: GuestLinkRecord['kind'];
  /** null when the sealed token cannot be opened (see `unreadable`): the link can still be revoked by id. */
  url: string | null;
  icsUrl: string | null;
  webcalUrl: string | null;
  /** The token could not be unsealed (restored from another database or key): revoke it and make a new link. */
  unreadable: boolean;
  hasPassword: boolean;
  /** Too many wrong passwords (from all addresses together): no password is accepted until the owner unlocks it. */
  locked: boolean;
  lockedAt: string | null;
  /** Wrong passwords typed since the link was made or last unlocked. */
  wrongPasswords: number;
  hidePrivateEvents: boolean;
  expiresAt: string | null;
  expired: boolean;
  createdAt: string;
  /** Page views and .ics fetches; counts only. */
  openCount: number;
  lastOpenedAt: string | null;
}

export function guestUrls(publicBaseUrl: string, token: string): { url: string; icsUrl: string; webcalUrl: string } {
  const url = `${publicBaseUrl}/g/${token}`;
  const icsUrl = `${url}.ics`;
  return { url, icsUrl, webcalUrl: icsUrl.replace(/^https?:/, 'webcal:') };
}

export function viewOf(
  link: GuestLinkRecord,
  box: SecretBox,
  config: ServerConfig,
  now: number,
  opens?: GuestLinkOpens,
): GuestLinkView {
  // One unreadable row must not make the whole listing fail: its owner still sees it, and can revoke it.
  const token = openSealedToken(link, box);
  return {
    id: link.id,
    collectionUrl: link.collectionUrl,
    collectionName: link.collectionName,
    kind: link.kind,
    ...(token === undefined
      ? { url: null, icsUrl: null, webcalUrl: null, unreadable: true }
      : { ...guestUrls(config.publicBaseUrl, token), unreadable: false }),
    hasPassword: link.passwordHash !== undefined,
    locked: link.lockedAt !== undefined,
    lockedAt: link.lockedAt === undefined ? null : new Date(link.lockedAt).toISOString(),
    wrongPasswords: link.passwordFailures,
    hidePrivateEvents: link.hidePrivateEvents === true,
    expiresAt: link.expiresAt === undefined ? null : new Date(link.expiresAt).toISOString(),
    expired: link.expiresAt !== undefined && link.expiresAt <= now,
    createdAt: new Date(link.createdAt).toISOString(),
    openCount: opens?.openCount ?? 0,
    lastOpenedAt: opens?.lastOpenedAt === undefined ? null : new Date(opens.lastOpenedAt).toISOString(),
  };
}

export async function newGuestLink(
  box: SecretBox,
  input: {
    accountId: string;
    collectionUrl: string;
    collectionName: string;
    kind: GuestLinkRecord['kind'];
    password: string | undefined;
    expiresAt: number | undefined;
    now: number;
    hidePrivateEvents?: boolean;
  },
): Promise<GuestLinkRecord> {
  return {
    ...newSealedToken(box),
    accountId: input.accountId,
    collectionUrl: input.collectionUrl,
    collectionName: input.collectionName,
    kind: input.kind,
    passwordHash: input.password ? await hashPassword(input.password) : undefined,
    expiresAt: input.expiresAt,
    createdAt: input.now,
    revokedAt: undefined,
    passwordFailures: 0,
    lockedAt: undefined,
    hidePrivateEvents: input.hidePrivateEvents === true,
  };
}
