/**
 * A fault injected on the wire between a Graph client and the Graph fake: every read (GET) of one of the given
 * item ids, alone or inside a `$batch`, is answered 500 `ErrorInternalServerError`, as Graph answers an item
 * it fails to read. Everything else passes through untouched. For the store contract's "unreadable item" case.
 */
type Json = Record<string, unknown>;

const FAILURE = {
  error: { code: 'ErrorInternalServerError', message: 'An internal server error occurred. The operation failed.' },
};

function readsOneOf(method: string, url: string, ids: Set<string>): boolean {
  if (method !== 'GET') return false;
  const path = decodeURIComponent(new URL(url, 'http://fake/v1.0/').pathname);
  const last = path.split('/').pop() ?? '';
  return ids.has(last);
}

export function failingReadsFetch(ids: Set<string>, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const method = init?.method ?? 'GET';
    if (readsOneOf(method, url, ids)) {
      return new Response(JSON.stringify(FAILURE), { status: 500, headers: { 'Content-Type': 'application/json' } });
    }
    if (!url.endsWith('/$batch') || typeof init?.body !== 'string') return base(input, init);
    const payload = JSON.parse(init.body) as { requests: Json[] };
    const failing = new Set(
      payload.requests.filter((r) => readsOneOf(String(r['method']), String(r['url']), ids)).map((r) => r['id']),
    );
    if (failing.size === 0) return base(input, init);
    const passing = payload.requests.filter((r) => !failing.has(r['id']));
    let responses: Json[] = [];
    if (passing.length > 0) {
      const res = await base(input, { ...init, body: JSON.stringify({ requests: passing }) });
      if (res.status !== 200) return res;
      responses = ((await res.json()) as { responses: Json[] }).responses;
    }
    for (const id of failing) responses.push({ id, status: 500, headers: {}, body: FAILURE });
    return new Response(JSON.stringify({ responses }), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  };
}
