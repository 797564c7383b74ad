/**
 * A bearer link's identity (guest links, private "Add to Outlook" feeds): a row id, a 256-bit token handed out
 * once, its digest to look it up, and the token sealed under the row id so the owner can be shown the URL again.
 */
import type { SecretBox } from './secret-box.js';
import { digest, randomId, randomToken } from './tokens.js';

export interface SealedTokenIdentity {
  id: string;
  tokenHash: string;
  sealedToken: string;
}

export function newSealedToken(box: SecretBox): SealedTokenIdentity {
  const id = randomId();
  const token = randomToken();
  return { id, tokenHash: digest(token), sealedToken: box.seal(token, id) };
}

/** The token back from its seal; undefined when the key changed or the seal is damaged (the URL cannot be shown). */
export function openSealedToken(record: { id: string; sealedToken: string }, box: SecretBox): string | undefined {
  try {
    return box.open(record.sealedToken, record.id);
  } catch {
    return undefined;
  }
}
