/**
 * Every way a server can fail ends in a typed error with a plain message, the URL, and nothing lost.
 * The failing servers are real HTTP servers on 127.0.0.1 (local-http.ts) told to misbehave.
 */
import { discover } from '../../src/dav/discovery.js';
import {
  AuthenticationError,
  ForbiddenError,
  MalformedResponseError,
  NetworkError,
  NotDavServerError,
  NotFoundError,
  PreconditionFailedError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  InsufficientStorageError,
  type DavError,
} from '../../src/dav/errors.js';
import { listItems, updateItem } from '../../src/dav/items.js';
import { propfind } from '../../src/dav/propfind.js';
import { createTransport, parseRetryAfter } from '../../src/dav/transport.js';
import { qname } from '../../src/dav/namespaces.js';
import { MULTISTATUS_PRINCIPAL, deadPort, startLocalServer, type LocalServer } from './local-http.js';

const auth = { type: 'basic' as const, username: 'alice', password: 's3cret-é' };

async function failureOf(p: Promise<unknown>): Promise<DavError> {
  try {
    await p;
  } catch (err) {
    return err as DavError;
  }
  throw new Error('expected a failure');
}

describe('transport errors against a misbehaving server', () => {
  let server: LocalServer;
  let respond: (
    req: { method?: string; url?: string; headers: Record<string, unknown>; body: string },
    res: import('node:http').ServerResponse,
  ) => void;
  beforeAll(async () => {
    server = await startLocalServer((req, res) => respond(req, res));
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  const transport = (extra: Partial<Parameters<typeof createTransport>[0]> = {}) =>
    createTransport({ auth, sleep: async () => {}, ...extra });

  it('401: authentication failed, in English and French, credentials not echoed', async () => {
    respond = (_req, res) => res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="x"' }).end('Unauthorized');
    const err = await failureOf(propfind(transport(), server.url, [qname('DAV:', 'displayname')], '0'));
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.status).toBe(401);
    expect(err.url).toBe(server.url);
    expect(err.message).toMatch(/user name or password/);
    expect(err.messageFr).toMatch(/mot de passe/);
    expect(err.message).not.toContain('s3cret');
    // UTF-8 Basic credentials really were sent
    expect(server.requests[0]!.headers['authorization']).toBe(
      `Basic ${Buffer.from('alice:s3cret-é').toString('base64')}`,
    );
  });

  it('403 with need-privileges: forbidden, naming the missing privilege', async () => {
    respond = (_req, res) =>
      res
        .writeHead(403, { 'Content-Type': 'application/xml' })
        .end(
          '<d:error xmlns:d="DAV:"><d:need-privileges><d:resource><d:href>/c/x.ics</d:href><d:privilege><d:write-content/></d:privilege></d:resource></d:need-privileges></d:error>',
        );
    const err = (await failureOf(
      updateItem(transport(), `${server.url}c/x.ics`, 'BEGIN:VCALENDAR', '"1"', 'calendar'),
    )) as ForbiddenError;
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err.missingPrivileges).toEqual(['write-content']);
    expect(err.message).toMatch(/right to do changing the item/);
  });

  it('404: not found', async () => {
    respond = (_req, res) => res.writeHead(404).end();
    const err = await failureOf(propfind(transport(), `${server.url}nope/`, [qname('DAV:', 'displayname')], '0'));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.url).toBe(`${server.url}nope/`);
  });

  it('404 HTML page with entities (SOGo): the detail shows the characters, not "=&gt;"', async () => {
    respond = (_req, res) =>
      res
        .writeHead(404, { 'Content-Type': 'text/html' })
        .end(
          '<html><body><h3>An error occurred during object publishing</h3><p>alice =&gt; Calendar =&gt; equipe &amp; co &#233;t&#xE9;</p></body></html>',
        );
    const err = await failureOf(propfind(transport(), `${server.url}gone/`, [qname('DAV:', 'displayname')], '0'));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.detail).toMatch(/alice => Calendar => equipe & co été/);
    expect(err.message).not.toMatch(/&gt;|&amp;|&#/);
  });

  it('412 on a stale If-Match: precondition failed, the If-Match was sent', async () => {
    respond = (_req, res) => res.writeHead(412).end();
    const err = await failureOf(updateItem(transport(), `${server.url}c/x.ics`, 'DATA', '"stale"', 'calendar'));
    expect(err).toBeInstanceOf(PreconditionFailedError);
    expect(err.message).toMatch(/nothing was overwritten/);
    expect(server.requests[0]!.headers['if-match']).toBe('"stale"');
  });

  it('500 HTML error page: server error whose detail is the page title, not the markup', async () => {
    respond = (_req, res) =>
      res
        .writeHead(500, { 'Content-Type': 'text/html' })
        .end(
          '<!DOCTYPE html><html><head><title>Database unavailable</title></head><body><h1>Oops</h1><script>x()</script></body></html>',
        );
    const err = await failureOf(propfind(transport(), server.url, [qname('DAV:', 'displayname')], '0'));
    expect(err).toBeInstanceOf(ServerError);
    expect(err.detail).toBe('Database unavailable');
    expect(err.message).not.toMatch(/<|script/);
  });

  it('507: insufficient storage', async () => {
    respond = (_req, res) => res.writeHead(507).end();
    const err = await failureOf(updateItem(transport(), `${server.url}c/x.ics`, 'DATA', undefined, 'calendar'));
    expect(err).toBeInstanceOf(InsufficientStorageError);
  });

  it('429 then success: waits as Retry-After says and retries', async () => {
    let n = 0;
    respond = (_req, res) => {
      if (n++ < 2) res.writeHead(429, { 'Retry-After': '7' }).end();
      else res.writeHead(207, { 'Content-Type': 'application/xml' }).end(MULTISTATUS_PRINCIPAL);
    };
    const waits: number[] = [];
    const ms = await propfind(
      transport({ sleep: async (ms) => void waits.push(ms) }),
      server.url,
      [qname('DAV:', 'current-user-principal')],
      '0',
    );
    expect(ms.responses).toHaveLength(1);
    expect(waits).toEqual([7000, 7000]);
    expect(server.requests).toHaveLength(3);
  });

  it('429 for ever: gives up after maxRetries with a rate-limited error', async () => {
    respond = (_req, res) => res.writeHead(429).end();
    const waits: number[] = [];
    const err = await failureOf(
      propfind(
        transport({ maxRetries: 2, sleep: async (ms) => void waits.push(ms) }),
        server.url,
        [qname('DAV:', 'displayname')],
        '0',
      ),
    );
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(waits).toEqual([500, 1000]); // exponential backoff without Retry-After
    expect(server.requests).toHaveLength(3);
  });

  it('503 with a Retry-After longer than allowed: fails at once instead of hanging', async () => {
    respond = (_req, res) => res.writeHead(503, { 'Retry-After': '3600' }).end();
    const err = await failureOf(
      propfind(transport({ maxRetryWaitMs: 1000 }), server.url, [qname('DAV:', 'displayname')], '0'),
    );
    expect(err).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(1);
  });

  it('a 207 whose XML is malformed: malformed-response error', async () => {
    respond = (_req, res) =>
      res
        .writeHead(207, { 'Content-Type': 'application/xml' })
        .end('<d:multistatus xmlns:d="DAV:"><d:response><d:href>');
    const err = await failureOf(listItems(transport(), `${server.url}cal/`, 'calendar'));
    expect(err).toBeInstanceOf(MalformedResponseError);
    expect(err.message).toMatch(/invalid XML/);
  });

  it('slow server: timeout error, no endless wait', async () => {
    respond = () => {
      /* never answers */
    };
    const err = await failureOf(
      propfind(transport({ timeoutMs: 200 }), server.url, [qname('DAV:', 'displayname')], '0'),
    );
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toMatch(/did not answer within/);
  });

  it('redirect to another host: followed without the password', async () => {
    const other = await startLocalServer((_req, res) =>
      res.writeHead(207, { 'Content-Type': 'application/xml' }).end(MULTISTATUS_PRINCIPAL),
    );
    try {
      respond = (_req, res) =>
        res.writeHead(301, { Location: other.url.replace('127.0.0.1', 'localhost') + 'dav/' }).end();
      await propfind(transport(), server.url, [qname('DAV:', 'current-user-principal')], '0');
      expect(other.requests[0]!.method).toBe('PROPFIND');
      expect(other.requests[0]!.headers['authorization']).toBeUndefined();
      expect(server.requests[0]!.headers['authorization']).toBeDefined();
    } finally {
      await other.close();
    }
  });

  it('a web server that is not DAV: discovery says so plainly', async () => {
    respond = (_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><title>Welcome to nginx</title></html>');
    const err = await failureOf(discover(transport(), { serverUrl: server.url }));
    expect(err).toBeInstanceOf(NotDavServerError);
    expect(err.message).toMatch(/No CalDAV\/CardDAV service answers/);
    expect(err.messageFr).toMatch(/Aucun service CalDAV\/CardDAV/);
  });

  it('a wrong password during discovery is reported as such, not as "not a DAV server"', async () => {
    respond = (_req, res) => res.writeHead(401).end();
    const err = await failureOf(discover(transport(), { serverUrl: server.url }));
    expect(err).toBeInstanceOf(AuthenticationError);
  });
});

describe('dead port', () => {
  it('network unreachable, retried once for a read, then a clear error', async () => {
    const port = await deadPort();
    const seen: unknown[] = [];
    const transport = createTransport({ auth, sleep: async () => {}, onExchange: (e) => void seen.push(e.status) });
    let err: DavError | undefined;
    try {
      await discover(transport, { serverUrl: `http://127.0.0.1:${port}/` });
    } catch (e) {
      err = e as DavError;
    }
    expect(err).toBeInstanceOf(NetworkError);
    expect(err!.message).toMatch(/Cannot reach the server \(ECONNREFUSED\)/);
    expect(err!.messageFr).toMatch(/Impossible de joindre/);
    expect(seen.every((s) => s === 'error')).toBe(true);
  });
});

describe('Retry-After parsing', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
