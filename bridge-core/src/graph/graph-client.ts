/**
 * A small Microsoft Graph client for the event store: at most 4 requests at once per mailbox (Graph's Outlook
 * limit), `Retry-After` honoured on 429/503/504 (exponential backoff when absent), `Prefer:
 * IdType="ImmutableId"` on every request, JSON `$batch` of at most 20 requests with each inner 429 retried on
 * its own. Written on `fetch` so it runs wherever bridge-core runs (Microsoft's Graph client would add its
 * middleware chain and a dependency to the isomorphic core for these few calls).
 */
import { concurrencyLimit } from '../stores/limit.js';

export interface GraphClientOptions {
  /** "https://graph.microsoft.com/v1.0" (or a Graph fake's address). */
  baseUrl: string;
  /** An access token for the mailbox (the caller refreshes it). */
  getToken: () => Promise<string>;
  fetch?: typeof fetch;
  /** Concurrent requests for this mailbox; Graph allows 4. */
  maxConcurrent?: number;
  /** Retries of a throttled request before giving up. */
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** A Graph answer that is an error: status, Graph's error code and message. */
export class GraphRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`HTTP ${status} ${code}: ${detail}`);
    this.name = 'GraphRequestError';
  }
}

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface BatchRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version root: "/me/events/{id}". */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

const IMMUTABLE = 'IdType="ImmutableId"';
const RETRYABLE = new Set([429, 503, 504]);

export class GraphClient {
  private readonly limit: <T>(task: () => Promise<T>) => Promise<T>;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxRetries: number;
  /** Requests sent (batches count once), for benchmarks and tests. */
  requestCount = 0;
  /** Answers 429 received (outer and inner), to see throttling. */
  throttledCount = 0;

  constructor(private readonly opts: GraphClientOptions) {
    this.limit = concurrencyLimit(opts.maxConcurrent ?? 4);
    this.fetchFn = opts.fetch ?? ((...args) => fetch(...args));
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.maxRetries = opts.maxRetries ?? 6;
  }

  /** One request; `path` is relative to the version root or an absolute link Graph gave (nextLink, deltaLink). */
  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<GraphResponse> {
    const url = /^https?:/.test(path) ? path : `${this.opts.baseUrl}${path}`;
    for (let attempt = 0; ; attempt++) {
      const res = await this.limit(async () => {
        this.requestCount++;
        const token = await this.opts.getToken();
        const r = await this.fetchFn(url, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            Prefer: IMMUTABLE,
            ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
            ...headers,
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        const text = await r.text();
        const h: Record<string, string> = {};
        r.headers.forEach((v, k) => (h[k.toLowerCase()] = v));
        return { status: r.status, headers: h, body: text ? (JSON.parse(text) as unknown) : undefined };
      });
      if (RETRYABLE.has(res.status) && attempt < this.maxRetries) {
        if (res.status === 429) this.throttledCount++;
        await this.sleep(retryDelay(res.headers['retry-after'], attempt));
        continue;
      }
      return res;
    }
  }

  /** Like `request`, throwing GraphRequestError on a non-2xx answer. */
  async ok(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
    const res = await this.request(method, path, body, headers);
    if (res.status >= 300) throw errorOf(res);
    return res.body;
  }

  private queue: { req: BatchRequest; done: (r: GraphResponse) => void; fail: (e: unknown) => void }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * One request, sent inside a `$batch` with the others queued within a few milliseconds (up to 20): the engine
   * writes many items at once, and 20 writes in one request keep a first sync of thousands of events within
   * Graph's request budget.
   */
  queued(req: BatchRequest): Promise<GraphResponse> {
    return new Promise((done, fail) => {
      this.queue.push({ req, done, fail });
      if (this.queue.length >= 20) this.sendQueued();
      else this.timer ??= setTimeout(() => this.sendQueued(), 5);
    });
  }

  private sendQueued(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const taken = this.queue.splice(0, 20);
    if (taken.length === 0) return;
    this.batch(taken.map((t) => t.req)).then(
      (answers) => taken.forEach((t, i) => t.done(answers[i]!)),
      (err: unknown) => taken.forEach((t) => t.fail(err)),
    );
    if (this.queue.length > 0) this.timer = setTimeout(() => this.sendQueued(), 5);
  }

  /**
   * Runs requests through `$batch`, 20 at a time; answers in the order of `requests`. An inner 429 is retried
   * (in a later batch) after its Retry-After; other inner errors are answers like any other.
   */
  async batch(requests: BatchRequest[]): Promise<GraphResponse[]> {
    const answers: (GraphResponse | undefined)[] = new Array(requests.length);
    let pending = requests.map((_, i) => i);
    for (let attempt = 0; pending.length > 0; attempt++) {
      const chunks: number[][] = [];
      for (let i = 0; i < pending.length; i += 20) chunks.push(pending.slice(i, i + 20));
      const retry: number[] = [];
      let wait = 0;
      await Promise.all(
        chunks.map(async (chunk) => {
          const payload = {
            requests: chunk.map((i) => {
              const r = requests[i]!;
              return {
                id: String(i),
                method: r.method,
                url: r.url,
                headers: {
                  Prefer: IMMUTABLE,
                  ...(r.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
                  ...r.headers,
                },
                ...(r.body !== undefined ? { body: r.body } : {}),
              };
            }),
          };
          const body = (await this.ok('POST', '/$batch', payload)) as { responses: (GraphResponse & { id: string })[] };
          for (const inner of body.responses) {
            const i = Number(inner.id);
            const h: Record<string, string> = {};
            for (const [k, v] of Object.entries(inner.headers ?? {})) h[k.toLowerCase()] = v;
            if (RETRYABLE.has(inner.status) && attempt < this.maxRetries) {
              if (inner.status === 429) this.throttledCount++;
              retry.push(i);
              wait = Math.max(wait, retryDelay(h['retry-after'], attempt));
            } else answers[i] = { status: inner.status, headers: h, body: inner.body };
          }
        }),
      );
      if (retry.length) await this.sleep(wait);
      pending = retry;
    }
    return answers as GraphResponse[];
  }
}

function retryDelay(retryAfter: string | undefined, attempt: number): number {
  const seconds = Number(retryAfter);
  if (retryAfter !== undefined && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  return Math.min(30_000, 500 * 2 ** attempt);
}

export function errorOf(res: GraphResponse): GraphRequestError {
  const err = (res.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return new GraphRequestError(res.status, err?.code ?? `HTTP${res.status}`, err?.message ?? '');
}
