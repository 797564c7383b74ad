/**
 * After a guest typed the right password, a cookie lets them in for a while without typing it again. It is an HMAC
 * over the link id, an expiry and the password hash, so it cannot be forged, dies with the link's password, and
 * stores no secret on the guest's machine.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { sameSecret } from '../security/tokens.js';

export const GRANT_TTL_MS = 12 * 3600 * 1000;

export class GuestGrants {
  private readonly key: Buffer;

  constructor(masterKey: Buffer) {
    // A key of its own, derived from the master key: the grant MAC and the credential encryption never share one.
    this.key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'dav-bridge guest grant', 32));
  }

  cookieName(linkId: string): string {
    return `davbridge-guest-${linkId}`;
  }

  issue(linkId: string, passwordHash: string, now: number): string {
    const exp = now + GRANT_TTL_MS;
    return `${exp}.${this.mac(linkId, passwordHash, exp)}`;
  }

  valid(value: string | undefined, linkId: string, passwordHash: string, now: number): boolean {
    if (!value) return false;
    const [expRaw, mac] = value.split('.');
    const exp = Number(expRaw);
    if (!mac || !Number.isFinite(exp) || exp <= now) return false;
    return sameSecret(mac, this.mac(linkId, passwordHash, exp));
  }

  private mac(linkId: string, passwordHash: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${linkId}\n${passwordHash}\n${exp}`).digest('base64url');
  }
}
