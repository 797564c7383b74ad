/** Creating guest links and describing them to their owner (URLs rebuilt from the sealed token). */
import type { ServerConfig } from '../config.js';
import type { SecretBox } from '../security/secret-box.js';
import { hashPassword } from '../security/passwords.js';
import { digest, randomId, randomToken } from '../security/tokens.js';
import type { GuestLinkRecord } from '../store/types.js';

export interface GuestLinkView {
  id: string;
  collectionUrl: string;
  collectionName: string;
  kind: GuestLinkRecord['kind'];
  url: string;
  icsUrl: string;
  webcalUrl: string;
  hasPassword: boolean;
  hidePrivateEvents: boolean;
  expiresAt: string | null;
  expired: boolean;
  createdAt: string;
}

export function guestUrls(publicBaseUrl: string, token: string): { url: string; icsUrl: string; webcalUrl: string } {
  const url = `${publicBaseUrl}/g/${token}`;
  const icsUrl = `${url}.ics`;
  return { url, icsUrl, webcalUrl: icsUrl.replace(/^https?:/, 'webcal:') };
}

export function viewOf(link: GuestLinkRecord, box: SecretBox, config: ServerConfig, now: number): GuestLinkView {
  const token = box.open(link.sealedToken, link.id);
  return {
    id: link.id,
    collectionUrl: link.collectionUrl,
    collectionName: link.collectionName,
    kind: link.kind,
    ...guestUrls(config.publicBaseUrl, token),
    hasPassword: link.passwordHash !== undefined,
    hidePrivateEvents: link.hidePrivateEvents === true,
    expiresAt: link.expiresAt === undefined ? null : new Date(link.expiresAt).toISOString(),
    expired: link.expiresAt !== undefined && link.expiresAt <= now,
    createdAt: new Date(link.createdAt).toISOString(),
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
  const id = randomId();
  const token = randomToken();
  return {
    id,
    tokenHash: digest(token),
    sealedToken: box.seal(token, id),
    accountId: input.accountId,
    collectionUrl: input.collectionUrl,
    collectionName: input.collectionName,
    kind: input.kind,
    passwordHash: input.password ? await hashPassword(input.password) : undefined,
    expiresAt: input.expiresAt,
    createdAt: input.now,
    revokedAt: undefined,
    hidePrivateEvents: input.hidePrivateEvents === true,
  };
}
