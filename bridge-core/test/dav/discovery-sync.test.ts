/** Discovery candidates (RFC 6764) and sync-collection paging, against a local HTTP server that pages. */
import { candidateUrls, type DnsResolver } from '../../src/dav/discovery.js';
import { syncCollection } from '../../src/dav/sync-collection.js';
import { createTransport } from '../../src/dav/transport.js';
import { startLocalServer, type LocalServer } from './local-http.js';

describe('RFC 6764 candidates', () => {
  const resolver: DnsResolver = {
    srv: async (name) =>
      name === '_caldavs._tcp.example.org' ? [{ name: 'dav.example.org.', port: 8443, priority: 10, weight: 5 }] : [],
    txt: async (name) => (name === '_caldavs._tcp.example.org' ? [['path=/dav/principals/']] : []),
  };

  it('from an email: SRV target and TXT path first, then the domain’s well-known URIs', async () => {
    expect(await candidateUrls({ email: 'gilles@Example.org' }, resolver)).toEqual([
      'https://dav.example.org:8443/dav/principals/',
      'https://example.org/.well-known/caldav',
      'https://example.org/.well-known/carddav',
    ]);
  });

  it('from a bare host name: https, well-known URIs, then the usual server roots', async () => {
    const urls = await candidateUrls({ serverUrl: 'cloud.example.org' });
    expect(urls.slice(0, 3)).toEqual([
      'https://cloud.example.org/',
      'https://cloud.example.org/.well-known/caldav',
      'https://cloud.example.org/.well-known/carddav',
    ]);
    expect(urls).toContain('https://cloud.example.org/remote.php/dav/');
    expect(urls).toContain('https://cloud.example.org/SOGo/dav/');
  });

  it('a URL with a path is tried as given, without guessing other roots', async () => {
    const urls = await candidateUrls({ serverUrl: 'https://h.example/caldav/alice/' });
    expect(urls).toEqual([
      'https://h.example/caldav/alice/',
      'https://h.example/.well-known/caldav',
      'https://h.example/.well-known/carddav',
    ]);
  });

  it('refuses something that is not an email address', async () => {
    await expect(candidateUrls({ email: 'gilles' })).rejects.toThrow(/Not an email address/);
  });
});

describe('sync-collection against a server that truncates and forgets tokens', () => {
  let server: LocalServer;
  const page = (token: string, hrefs: string[], truncated: boolean, gone: string[] = []) =>
    `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:">${hrefs
      .map(
        (h) =>
          `<d:response><d:href>/cal/${h}</d:href><d:propstat><d:prop><d:getetag>"${h}-v1"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`,
      )
      .join(
        '',
      )}${gone.map((h) => `<d:response><d:href>/cal/${h}</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>`).join('')}${
      truncated
        ? '<d:response><d:href>/cal/</d:href><d:status>HTTP/1.1 507 Insufficient Storage</d:status></d:response>'
        : ''
    }<d:sync-token>${token}</d:sync-token></d:multistatus>`;
  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      const token = /<d:sync-token>([^<]*)<\/d:sync-token>/.exec(req.body)?.[1] ?? '';
      const reply = (body: string, status = 207) =>
        res.writeHead(status, { 'Content-Type': 'application/xml' }).end(body);
      if (token === '') return reply(page('t1', ['a.ics', 'b.ics'], true));
      if (token === 't1') return reply(page('t2', ['c.ics'], true, ['b.ics']));
      if (token === 't2') return reply(page('t3', ['d'], false));
      if (token === 't3') return reply(page('t3', [], false));
      return reply('<d:error xmlns:d="DAV:"><d:valid-sync-token/></d:error>', 403);
    });
  });
  afterAll(() => server.close());
  const transport = () => createTransport({ auth: { type: 'none' } });

  it('pages through truncated answers, merging changes and deletions', async () => {
    const got = await syncCollection(transport(), `${server.url}cal/`, undefined);
    expect(got.pages).toBe(3);
    expect(got.full).toBe(true);
    expect(got.token).toBe('t3');
    expect(got.changed.map((c) => c.href.replace(server.url, ''))).toEqual(['cal/a.ics', 'cal/c.ics', 'cal/d']);
    expect(got.deleted.map((h) => h.replace(server.url, ''))).toEqual(['cal/b.ics']);
  });

  it('an idle token gives nothing and costs one request', async () => {
    const before = server.requests.length;
    const got = await syncCollection(transport(), `${server.url}cal/`, 't3');
    expect(got).toMatchObject({ changed: [], deleted: [], token: 't3', full: false, pages: 1 });
    expect(server.requests.length - before).toBe(1);
  });

  it('a token the server no longer knows: a full listing, flagged as such', async () => {
    const got = await syncCollection(transport(), `${server.url}cal/`, 'expired');
    expect(got.full).toBe(true);
    expect(got.token).toBe('t3');
    expect(got.changed).toHaveLength(3);
  });
});
