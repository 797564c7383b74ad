/** Which addresses a feed subscription may read: https/http (webcal read as https), no credentials, allowed origins. */
import { feedError } from './feed-errors.js';

/** https://, http:// or webcal:// (read as https://) URL of a feed; FeedError invalid-feed-url otherwise. */
export function normalizeFeedUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw.trim().replace(/^webcals?:\/\//i, 'https://'));
  } catch {
    throw feedError('invalid-feed-url', 'feed.not-a-url', {});
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password) {
    throw feedError('invalid-feed-url', 'feed.bad-scheme', {});
  }
  u.hash = '';
  return u;
}

/** Only origins the administrator allowed (no SSRF: every redirect hop is checked too). */
export function checkFeedOrigin(u: URL, origins: readonly string[]): void {
  if (!origins.includes(u.origin)) throw feedError('feed-host-not-allowed', 'feed.host-not-allowed', { host: u.host });
}
