// Unit tests of the security building blocks: sealing, hashing, tokens, rate limiting, language choice.
import { pickLang } from '../../src/middle-tier/i18n';
import { hashPassword, verifyPassword } from '../../src/middle-tier/security/passwords';
import { RateLimiter } from '../../src/middle-tier/security/rate-limiter';
import { SecretBox } from '../../src/middle-tier/security/secret-box';
import { randomToken, TOKEN_PATTERN } from '../../src/middle-tier/security/tokens';
import { GuestGrants } from '../../src/middle-tier/guest/grant';
import { redactUrl } from '../../src/middle-tier/redact';

describe('SecretBox (AES-256-GCM)', () => {
  const box = new SecretBox(Buffer.alloc(32, 1));
  it('round-trips, and never shows the plaintext', () => {
    const sealed = box.seal('alicepw', 'acc-1');
    expect(sealed).not.toContain('alicepw');
    expect(box.open(sealed, 'acc-1')).toBe('alicepw');
    expect(box.seal('alicepw', 'acc-1')).not.toBe(sealed); // random nonce
  });
  it('refuses another row, another key, or a tampered value', () => {
    const sealed = box.seal('secret', 'acc-1');
    expect(() => box.open(sealed, 'acc-2')).toThrow();
    expect(() => new SecretBox(Buffer.alloc(32, 2)).open(sealed, 'acc-1')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'), 'acc-1')).toThrow();
  });
});

describe('passwords (scrypt)', () => {
  it('verifies the right password only', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct hors', hash)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('tokens', () => {
  it('are 256-bit, URL-safe and unique', () => {
    const tokens = new Set(Array.from({ length: 1000 }, randomToken));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(TOKEN_PATTERN);
    expect(Buffer.from([...tokens][0]!, 'base64url').length).toBe(32);
  });
});

describe('RateLimiter', () => {
  it('blocks after max failures in the window, then forgets', async () => {
    let now = 0;
    const rl = new RateLimiter({ max: 3, windowMs: 1000 }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(await rl.blockedFor('ip')).toBeUndefined();
      await rl.hit('ip');
    }
    expect(await rl.blockedFor('ip')).toBe(1);
    expect(await rl.blockedFor('other')).toBeUndefined();
    now = 1001;
    expect(await rl.blockedFor('ip')).toBeUndefined();
  });

  it('reserve() takes an attempt before the work starts, release() gives back one that did not count', async () => {
    const rl = new RateLimiter({ max: 2, windowMs: 1000 }, () => 0);
    // Three checks started together: the third is refused before any has finished.
    expect(await Promise.all([rl.reserve('ip'), rl.reserve('ip'), rl.reserve('ip')])).toEqual([
      undefined,
      undefined,
      1,
    ]);
    await rl.release('ip'); // the first one was the right password
    expect(await rl.reserve('ip')).toBeUndefined();
    expect(await rl.reserve('ip')).toBe(1);
  });
});

describe('guest grants', () => {
  it('are bound to the link, the password hash and a lifetime', () => {
    const g = new GuestGrants(Buffer.alloc(32, 3));
    const v = g.issue('link', 'hash', 0);
    expect(g.valid(v, 'link', 'hash', 1)).toBe(true);
    expect(g.valid(v, 'other', 'hash', 1)).toBe(false);
    expect(g.valid(v, 'link', 'new-hash', 1)).toBe(false);
    expect(g.valid(v, 'link', 'hash', 13 * 3600 * 1000)).toBe(false);
    expect(g.valid('999999999999999.forged', 'link', 'hash', 1)).toBe(false);
  });
});

describe('misc', () => {
  it('picks French or English', () => {
    expect(pickLang(undefined, 'fr-CA,fr;q=0.9,en;q=0.5')).toBe('fr');
    expect(pickLang(undefined, 'de-DE,en-GB')).toBe('en');
    expect(pickLang('fr', 'en')).toBe('fr');
    expect(pickLang(undefined, undefined)).toBe('en');
  });
  it('keeps guest tokens out of logs', () => {
    expect(redactUrl('/g/AM94NEMyjOumkJQCGjYK0KRivuqn1jwJm_9Ha-5p7iE.ics?lang=fr')).toBe('/g/<token>.ics?lang=fr');
  });
});
