/** Unguessable identifiers: session ids, CSRF tokens, guest-link tokens. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe (43 characters). Guest links need at least 128 bits; sessions get the same. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A short random id for rows the API refers to (not a secret: 96 bits keep ids unique, not secret). */
export function randomId(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * What the database keeps instead of a bearer secret: a stolen database (or backup) must not hand out working
 * session cookies or guest links. SHA-256 suffices for 256-bit random inputs (no dictionary to attack).
 */
export function digest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Tokens we hand out have this exact shape; anything else is rejected before touching the database. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
