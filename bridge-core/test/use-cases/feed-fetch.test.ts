// Issue 11 item 1: the feed fetch in core, on the platform's fetch, against a real local HTTP server: conditional
// GET, redirects checked against the allowed origins, the byte cap counted while reading.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchFeed, normalizeFeedUrl, type FeedError } from '../../src/use-cases/feed';

const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Équipe technique\r\nEND:VCALENDAR\r\n';
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/feed.ics') {
      if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304, { etag: '"v1"' }).end();
      return res.writeHead(200, { 'content-type': 'text/calendar', etag: '"v1"' }).end(ICS);
    }
    if (req.url === '/away') return res.writeHead(302, { location: 'https://elsewhere.example/feed.ics' }).end();
    if (req.url === '/huge') {
      // No Content-Length: the cap must hold while reading.
      res.writeHead(200, { 'content-type': 'text/calendar' });
      for (let i = 0; i < 64; i++) res.write('X'.repeat(1024));
      return res.end();
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const limits = () => ({ origins: [origin], maxBytes: 16 * 1024, timeoutMs: 5000 });

describe('feed fetch (core use case)', () => {
  it('reads a feed, then answers "not modified" to the same ETag', async () => {
    const first = await fetchFeed(new URL(`${origin}/feed.ics`), limits());
    expect(first).toEqual({ text: ICS, etag: '"v1"', lastModified: undefined });
    const again = await fetchFeed(new URL(`${origin}/feed.ics`), limits(), { etag: first.etag });
    expect(again.text).toBeUndefined();
  });

  it('refuses a redirect to a site the administrator did not allow', async () => {
    const err = (await fetchFeed(new URL(`${origin}/away`), limits()).catch((e) => e)) as FeedError;
    expect(err.code).toBe('feed-host-not-allowed');
    expect(err.localized('fr')).toContain('elsewhere.example');
  });

  it('stops reading past the byte cap even without Content-Length', async () => {
    const err = (await fetchFeed(new URL(`${origin}/huge`), limits()).catch((e) => e)) as FeedError;
    expect(err.code).toBe('feed-too-large');
  });

  it('names a missing feed, and reads webcal:// as https://', async () => {
    expect(((await fetchFeed(new URL(`${origin}/gone`), limits()).catch((e) => e)) as FeedError).code).toBe(
      'feed-not-found',
    );
    expect(normalizeFeedUrl('webcal://example.org/a.ics#x').toString()).toBe('https://example.org/a.ics');
    expect(() => normalizeFeedUrl('https://user:pw@example.org/a.ics')).toThrow(
      expect.objectContaining({ code: 'invalid-feed-url' }),
    );
  });
});
