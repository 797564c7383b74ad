/**
 * A polite client: however many requests callers start at once, one transport keeps at most a handful in flight
 * (and so opens at most that many connections). Node's fetch alone opened one connection per request: 500 at
 * once stalled Cyrus (one process per connection, 20 allowed). The server here is a real HTTP server on 127.0.0.1
 * (local-http.ts) that holds each answer a moment and counts what it sees.
 */
import type { Socket } from 'node:net';
import { createItem } from '../../src/dav/items.js';
import { DEFAULT_MAX_CONCURRENT_REQUESTS, createTransport } from '../../src/dav/transport.js';
import { startLocalServer, type LocalServer } from './local-http.js';
import { vcard } from '../../../test/support/items';

const auth = { type: 'basic' as const, username: 'alice', password: 'secret' };

describe('one transport bounds the requests (and connections) it has in flight', () => {
  let server: LocalServer;
  let inFlight = 0;
  let maxInFlight = 0;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      sockets.add(req.socket);
      setTimeout(() => {
        inFlight--;
        res.writeHead(201, { etag: '"1"' }).end();
      }, 20);
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    maxInFlight = 0;
    sockets.clear();
  });

  it('200 creates started together: at most 6 at once on at most 6 connections, and every one is made', async () => {
    const transport = createTransport({ auth });
    const made = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        createItem(transport, server.url, `c${i}.vcf`, vcard(`c${i}`, `Contact ${i}`), 'addressbook'),
      ),
    );
    expect(made).toHaveLength(200);
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(200);
    expect(maxInFlight).toBeLessThanOrEqual(6);
    expect(sockets.size).toBeLessThanOrEqual(6);
    // The bound is not a queue of one: the six slots are used.
    expect(maxInFlight).toBe(6);
    expect(DEFAULT_MAX_CONCURRENT_REQUESTS).toBe(6);
  });

  it('maxConcurrentRequests sets the bound', async () => {
    const transport = createTransport({ auth, maxConcurrentRequests: 2 });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createItem(transport, server.url, `d${i}.vcf`, vcard(`c${i}`, `Contact ${i}`), 'addressbook'),
      ),
    );
    expect(maxInFlight).toBe(2);
  });

  it('a bound below 1 means one at a time (never a transport that cannot send)', async () => {
    const transport = createTransport({ auth, maxConcurrentRequests: 0 });
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        createItem(transport, server.url, `e${i}.vcf`, vcard(`c${i}`, `Contact ${i}`), 'addressbook'),
      ),
    );
    expect(maxInFlight).toBe(1);
  });
});
