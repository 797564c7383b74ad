// The safety rules of suggesting a server from a mailbox address. A FAKE fetch and a FAKE DNS stand in for hosts
// that cannot run here (example.org, an SRV zone); the real lookup against Radicale is in
// test/integration/bridge-server-auth.test.ts.
import type { DnsResolver } from '@dav-bridge/core';
import { suggestServer } from '../../src/middle-tier/dav/suggest-server.js';

const servers = [
  { id: 'equipe', url: 'https://dav.example.org/dav/' },
  { id: 'other', url: 'https://cal.example.net/' },
];

/** A fake fetch answering from a table of URL → [status, Location], recording what was asked. */
function fakeFetch(table: Record<string, [number, string?]>) {
  const asked: string[] = [];
  const f = (async (input: string | URL | Request) => {
    const url = String(input);
    asked.push(url);
    const [status, location] = table[url] ?? [404];
    return new Response(null, { status, headers: location ? { location } : {} });
  }) as typeof fetch;
  return { f, asked };
}

const noDns: DnsResolver = { srv: async () => [], txt: async () => [] };

describe('suggestServer (fake fetch and DNS)', () => {
  it("follows the domain's well-known redirect to an allowed server, by origin", async () => {
    const { f } = fakeFetch({ 'https://example.org/.well-known/caldav': [301, 'https://dav.example.org/dav/cal/'] });
    await expect(
      suggestServer('gilles@example.org', servers, { fetch: f, resolver: noDns, timeoutMs: 3000 }),
    ).resolves.toBe('equipe');
  });

  it('suggests nothing when the well-known URI leads to a server outside the list, and never goes there', async () => {
    const { f, asked } = fakeFetch({
      'https://example.org/.well-known/caldav': [301, 'https://evil.example.com/dav/'],
      'https://example.org/.well-known/carddav': [301, 'https://evil.example.com/dav/'],
    });
    await expect(
      suggestServer('gilles@example.org', servers, { fetch: f, resolver: noDns, timeoutMs: 3000 }),
    ).resolves.toBeUndefined();
    expect(asked.every((u) => new URL(u).hostname === 'example.org')).toBe(true);
  });

  it('takes an SRV target that is an allowed origin without contacting it', async () => {
    const dns: DnsResolver = {
      srv: async (name) =>
        name === '_caldavs._tcp.example.net' ? [{ name: 'cal.example.net', port: 443, priority: 0, weight: 1 }] : [],
      txt: async () => [],
    };
    const { f, asked } = fakeFetch({});
    await expect(
      suggestServer('alexandre@example.net', servers, { fetch: f, resolver: dns, timeoutMs: 3000 }),
    ).resolves.toBe('other');
    expect(asked).toEqual([]);
  });

  it('gives up at its deadline when the domain never answers', async () => {
    const hanging = (() => new Promise<Response>(() => undefined)) as typeof fetch;
    await expect(
      suggestServer('david@example.org', servers, { fetch: hanging, resolver: noDns, timeoutMs: 50 }),
    ).resolves.toBeUndefined();
  });

  it('never probes an IP address no allowed server lives on (internal hosts, cloud metadata)', async () => {
    const { f, asked } = fakeFetch({});
    for (const email of ['x@169.254.169.254', 'x@10.0.0.5']) {
      await expect(
        suggestServer(email, servers, { fetch: f, resolver: noDns, timeoutMs: 3000 }),
      ).resolves.toBeUndefined();
    }
    expect(asked).toEqual([]);
  });

  it('refuses addresses whose domain could carry a port, path or credentials', async () => {
    const { f, asked } = fakeFetch({});
    for (const email of ['x@example.org:8443', 'x@example.org/evil', 'x@a@b', 'no-at-sign', 'x@']) {
      await expect(
        suggestServer(email, servers, { fetch: f, resolver: noDns, timeoutMs: 3000 }),
      ).resolves.toBeUndefined();
    }
    expect(asked).toEqual([]);
  });
});
