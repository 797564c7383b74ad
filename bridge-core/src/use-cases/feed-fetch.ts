/**
 * Fetching a feed with the platform's own `fetch` (Node 18+, browsers, Thunderbird): only from allowed origins,
 * redirects included; conditional (ETag / If-Modified-Since); bounded in bytes (counted while reading, whatever
 * Content-Length claims) and in time (AbortSignal.timeout). Never sends credentials or cookies.
 */
import { feedError, megabytes } from './feed-errors.js';
import { checkFeedOrigin, normalizeFeedUrl } from './feed-url.js';

export interface FeedLimits {
  origins: readonly string[];
  maxBytes: number;
  timeoutMs: number;
}

export interface FeedFetch {
  /** undefined: 304 Not Modified. */
  text: string | undefined;
  etag: string | undefined;
  lastModified: string | undefined;
}

export interface FeedValidators {
  etag?: string | undefined;
  lastModified?: string | undefined;
}

const MAX_REDIRECTS = 3;

const unreachable = (host: string) => feedError('feed-unreachable', 'feed.unreachable', { host });

/** GET the feed, following only redirects to allowed origins. */
export async function fetchFeed(
  url: URL,
  limits: FeedLimits,
  validators: FeedValidators = {},
  fetchImpl: typeof fetch = fetch,
): Promise<FeedFetch> {
  let current = url;
  for (let hop = 0; ; hop++) {
    checkFeedOrigin(current, limits.origins);
    const headers: Record<string, string> = {
      accept: 'text/calendar, */*;q=0.1',
      'user-agent': 'DAV-Bridge/0.1 (feed)',
    };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
    let res: Response;
    try {
      res = await fetchImpl(current, {
        headers,
        redirect: 'manual',
        credentials: 'omit',
        signal: AbortSignal.timeout(limits.timeoutMs),
      });
    } catch (err) {
      if ((err as Error).name === 'TimeoutError')
        throw feedError('feed-timeout', 'feed.timeout', { host: current.host });
      throw unreachable(current.host);
    }
    if (res.status >= 300 && res.status < 400 && res.status !== 304) {
      const location = res.headers.get('location');
      await res.body?.cancel();
      if (!location || hop >= MAX_REDIRECTS) throw unreachable(current.host);
      current = normalizeFeedUrl(new URL(location, current).toString());
      continue;
    }
    const etag = res.headers.get('etag') ?? undefined;
    const lastModified = res.headers.get('last-modified') ?? undefined;
    if (res.status === 304) {
      await res.body?.cancel();
      return { text: undefined, etag: etag ?? validators.etag, lastModified: lastModified ?? validators.lastModified };
    }
    if (res.status === 404 || res.status === 410) {
      await res.body?.cancel();
      throw feedError('feed-not-found', 'feed.not-found', { host: current.host });
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw feedError('feed-forbidden', 'feed.forbidden', { host: current.host });
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw unreachable(current.host);
    }
    return { text: await readCapped(res, limits.maxBytes, current.host), etag, lastModified };
  }
}

async function readCapped(res: Response, maxBytes: number, host: string): Promise<string> {
  const tooLarge = () => feedError('feed-too-large', 'feed.too-large', { host, maxMb: megabytes(maxBytes) });
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw tooLarge();
  }
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      text += decoder.decode(value, { stream: true });
    }
  }
  return text + decoder.decode();
}
