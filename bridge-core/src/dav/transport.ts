/**
 * The one place that talks HTTP. Everything else in the DAV layer goes through `Transport.request`, so auth,
 * timeouts, redirects, retries and error typing behave the same for every call. `fetch` is injectable: Node,
 * browsers and Thunderbird each bring their own, and tests can count or break requests.
 */
import { DavError, NetworkError, TimeoutError, errorForStatus, type RequestPurpose } from './errors.js';
import { message } from '../i18n/index.js';
import { requestSlots } from './request-slots.js';

export type Auth =
  { type: 'basic'; username: string; password: string } | { type: 'bearer'; token: string } | { type: 'none' };

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface TransportOptions {
  auth: Auth;
  fetch?: FetchLike;
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  /** Retries after 429/503 (and network failures of idempotent requests). */
  maxRetries?: number;
  /** A Retry-After longer than this is not waited for: the request fails with a rate-limited error. */
  maxRetryWaitMs?: number;
  maxRedirects?: number;
  /**
   * Requests in flight at once through this transport (default 6, a browser's per-host connection count); the
   * others wait their turn. Bounds the connections a server sees whatever the callers start in parallel.
   */
  maxConcurrentRequests?: number;
  userAgent?: string;
  sleep?: (ms: number) => Promise<void>;
  /** Called once per HTTP exchange (after each attempt), e.g. to count requests in benchmarks. */
  onExchange?: (info: { method: string; url: string; status: number | 'error'; ms: number }) => void;
}

export interface DavRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  depth?: '0' | '1' | 'infinity';
  /** Statuses handed back to the caller instead of being thrown as errors (2xx always are). */
  accept?: number[];
  /** What the request does, for error messages ("reading the calendar list"). */
  what?: RequestPurpose;
  /**
   * Receives a successful (2xx) body piece by piece instead of as one string (the response's `text` is then
   * empty): a 10,000-event answer is parsed as it arrives, never held whole.
   */
  onChunk?: (text: string) => void;
}

export interface DavResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The URL that finally answered, after redirects. */
  url: string;
}

export interface Transport {
  request(req: DavRequest): Promise<DavResponse>;
  readonly auth: Auth;
}

/** Requests in flight at once per transport unless told otherwise (see request-slots.ts for why). */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 6;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PROPFIND', 'REPORT']);
const RETRYABLE_STATUS = new Set([429, 503]);

export function basicAuthHeader(username: string, password: string): string {
  // btoa only takes Latin-1: encode UTF-8 first so non-ASCII passwords work (RFC 7617 charset=UTF-8).
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

function authHeader(auth: Auth): string | undefined {
  if (auth.type === 'basic') return basicAuthHeader(auth.username, auth.password);
  if (auth.type === 'bearer') return `Bearer ${auth.token}`;
  return undefined;
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Character references of an HTML or XML excerpt ("alice =&gt; Calendar", "&#233;") as the characters they stand for. */
export function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[ref.toLowerCase()] ?? whole;
  });
}

/** A short, human-readable excerpt of an error body: the <title> of an HTML page, or the first words of text. */
export function errorDetail(text: string, contentType: string | null): string | undefined {
  if (!text) return undefined;
  const xmlError = /^\s*(<\?xml[^>]*>\s*)?<([\w-]+:)?error[\s>]/.test(text);
  if (xmlError) {
    // A DAV precondition (<D:error><D:valid-sync-token/></D:error>): its element names are the message.
    const names = [...text.matchAll(/<(?:[\w-]+:)?([\w-]+)[^>]*\/>/g)].map((m) => m[1]);
    const words = text
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    const detail = decodeEntities([...names, words].filter(Boolean).join(' '));
    return detail ? detail.slice(0, 160) : undefined;
  }
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  const raw = title ?? (contentType?.includes('html') ? text.replace(/<[^>]+>/g, ' ') : text);
  // Tags first, then references: a decoded "&lt;b&gt;" is text the server meant, not markup to strip.
  const clean = decodeEntities(raw.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  if (!clean) return undefined;
  return clean.length > 160 ? `${clean.slice(0, 157)}...` : clean;
}

function networkCause(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

function sameOrigin(a: string, b: string): boolean {
  return new URL(a).origin === new URL(b).origin;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createTransport(options: TransportOptions): Transport {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.maxRetries ?? 3;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? 60_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const sleep = options.sleep ?? defaultSleep;
  const authorization = authHeader(options.auth);
  const slots = requestSlots(options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS);

  async function attempt(req: DavRequest, url: string, withAuth: boolean, method: string, body: string | undefined) {
    const headers: Record<string, string> = { ...req.headers };
    if (req.depth) headers['Depth'] = req.depth;
    if (withAuth && authorization) headers['Authorization'] = authorization;
    if (options.userAgent) headers['User-Agent'] = options.userAgent;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const started = Date.now();
    try {
      const response = await doFetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        redirect: 'manual',
        signal: controller.signal,
      });
      let text = '';
      const ok = response.status >= 200 && response.status < 300;
      if (req.onChunk && ok && response.body) {
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          req.onChunk(decoder.decode(value, { stream: true }));
        }
        const rest = decoder.decode();
        if (rest) req.onChunk(rest);
      } else if (method !== 'HEAD') {
        text = await response.text();
      }
      options.onExchange?.({ method, url, status: response.status, ms: Date.now() - started });
      return { response, text };
    } catch (err) {
      options.onExchange?.({ method, url, status: 'error', ms: Date.now() - started });
      if (err instanceof DavError) throw err; // the consumer of a streamed body refused it (malformed XML...)
      if (controller.signal.aborted) {
        throw new TimeoutError('timeout', message('dav.timeout', { url, seconds: Math.round(timeoutMs / 1000) }), {
          url,
          cause: err,
        });
      }
      const why = networkCause(err);
      throw new NetworkError('network-unreachable', message('dav.network-unreachable', { url, cause: why }), {
        url,
        detail: why,
        cause: err,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async function request(req: DavRequest): Promise<DavResponse> {
    let url = req.url;
    let method = req.method.toUpperCase();
    let body = req.body;
    let withAuth = true;
    let redirects = 0;
    let retries = 0;
    for (;;) {
      let result: Awaited<ReturnType<typeof attempt>>;
      try {
        // One slot per exchange, body read included; released while waiting to retry.
        result = await slots.run(() => attempt(req, url, withAuth, method, body));
      } catch (err) {
        // Dead or flaky connections: retry only what cannot change anything on the server.
        if (err instanceof NetworkError && IDEMPOTENT.has(method) && retries < Math.min(1, maxRetries)) {
          retries++;
          await sleep(250);
          continue;
        }
        throw err;
      }
      const { response, text } = result;
      const status = response.status;

      // Browsers (and Thunderbird) hide manual redirects behind an opaque response: let them follow.
      if (response.type === 'opaqueredirect' || status === 0) {
        return slots.run(async () => {
          const followed = await doFetch(url, {
            method,
            headers: { ...req.headers },
            ...(body === undefined ? {} : { body }),
          });
          return {
            status: followed.status,
            headers: followed.headers,
            text: await followed.text(),
            url: followed.url || url,
          };
        });
      }

      if (status >= 300 && status < 400 && status !== 304 && response.headers.get('location')) {
        if (++redirects > maxRedirects) {
          throw errorForStatus(status, url, `more than ${maxRedirects} redirects`);
        }
        const next = new URL(response.headers.get('location') as string, url).toString();
        // Never hand the password to another host a redirect points at.
        if (!sameOrigin(next, req.url)) withAuth = false;
        if (status === 303 && method !== 'GET' && method !== 'HEAD') {
          method = 'GET';
          body = undefined;
        }
        url = next;
        continue;
      }

      if (RETRYABLE_STATUS.has(status) && retries < maxRetries) {
        const wait = parseRetryAfter(response.headers.get('retry-after')) ?? 500 * 2 ** retries;
        if (wait <= maxRetryWaitMs) {
          retries++;
          await sleep(wait);
          continue;
        }
      }

      if ((status >= 200 && status < 300) || req.accept?.includes(status)) {
        return { status, headers: response.headers, text, url };
      }
      const detail = errorDetail(text, response.headers.get('content-type'));
      const error = errorForStatus(status, url, detail, req.what);
      attachNeedPrivileges(error, text);
      throw error;
    }
  }

  return { request, auth: options.auth };
}

function attachNeedPrivileges(error: DavError, body: string): void {
  if (error.code !== 'forbidden' || !body.includes('need-privileges')) return;
  const names = [...body.matchAll(/<(?:[\w-]+:)?privilege>\s*<(?:[\w-]+:)?([\w-]+)\s*\/>/g)].map((m) => m[1] as string);
  (error as DavError & { missingPrivileges: string[] }).missingPrivileges = names;
}
