// Issue 10 item 7 end to end: an ICS feed built to amplify (one large VTIMEZONE used by every event: each split
// item used to carry every zone) is refused with a clear, bilingual status, at subscription time and on a later
// sync run, by the real bridge reading from a small feed publisher (the feed site itself is a fake: any site).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serversUnderTest, uniqueName } from '../harness/servers.js';
import { calendar, eventLines } from '../support/items.js';
import { startBridge, type RunningBridge } from '../support/bridge.js';
import type { HttpsClient } from '../support/https-client.js';

jest.setTimeout(60_000);

const server = serversUnderTest()[0]!;
let feedBody = '';
let feedServer: Server;
let feedOrigin: string;
let bridge: RunningBridge;
const FEED_MAX_BYTES = 64 * 1024;

/** A zone with `rules` observances (about 200 bytes each): large, like real zones with their history. */
function bigZone(tzid: string, rules: number): string[] {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${tzid}`];
  for (let i = 0; i < rules; i++) {
    const year = 1900 + i;
    lines.push(
      'BEGIN:STANDARD',
      `DTSTART:${year}1025T030000`,
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'TZNAME:CET',
      'END:STANDARD',
    );
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

function feed(events: number, zoneRules: number): string {
  const lines = ['X-WR-CALNAME:Jours fériés'];
  lines.push(...bigZone('Europe/Paris', zoneRules));
  const tag = uniqueName('caps');
  for (let i = 0; i < events; i++) {
    const start = `202612${String(1 + (i % 28)).padStart(2, '0')}T090000`;
    lines.push(...eventLines({ uid: `${tag}-${i}`, tzid: 'Europe/Paris', start, summary: `Jour ${i}` }));
  }
  return calendar(...lines);
}

beforeAll(async () => {
  feedServer = createServer((req, res) => {
    if (req.url === '/feed.ics') return res.writeHead(200, { 'content-type': 'text/calendar' }).end(feedBody);
    return res.writeHead(404).end();
  });
  await new Promise<void>((r) => feedServer.listen(0, '127.0.0.1', r));
  feedOrigin = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
  bridge = await startBridge({
    davServers: [{ id: server.name, label: server.name, url: server.baseUrl }],
    extra: { feedOrigins: [feedOrigin], feedMaxBytes: FEED_MAX_BYTES, feedTimeoutMs: 5000 },
  });
});
afterAll(async () => {
  await bridge?.stop();
  await new Promise((r) => feedServer?.close(r));
});

describe('feed caps per subscription', () => {
  let c: HttpsClient;
  beforeAll(async () => {
    c = bridge.client();
    expect((await c.signIn('carol', server.users.carol.password, server.name)).status).toBe(200);
  });

  it('refuses, with a clear status, a feed whose split items would take more than ten times its size', async () => {
    // ~46 KB of feed (a 36 KB zone, 60 events): with the zone copied into each item, 2.2 MB stored.
    feedBody = feed(60, 180);
    expect(Buffer.byteLength(feedBody)).toBeLessThan(FEED_MAX_BYTES);
    const refused = await c.send('POST', '/api/v1/subscriptions', {
      json: { feedUrl: `${feedOrigin}/feed.ics` },
      headers: { 'accept-language': 'fr' },
    });
    expect(refused.status).toBe(413);
    const err = refused.json().error;
    expect(err.code).toBe('feed-too-large');
    expect(err.message).toMatch(/Mo que la passerelle garde pour un abonnement/);
    expect(err.messages.en).toMatch(/MB the bridge keeps for one subscription/);
    expect((await c.get('/api/v1/subscriptions')).json().subscriptions).toHaveLength(0);
  });

  it('a subscription whose feed grows past the cap is not updated, and its status says why', async () => {
    feedBody = feed(3, 180);
    const res = await c.send('POST', '/api/v1/subscriptions', { json: { feedUrl: `${feedOrigin}/feed.ics` } });
    expect(res.status).toBe(201);
    const sub = res.json().subscription;
    expect(sub.sync).toMatchObject({ ok: true, bridge: { created: 3 } });
    feedBody = feed(60, 180);
    const run = await c.send('POST', `/api/v1/subscriptions/${sub.id}/sync`);
    expect(run.json().subscription.sync).toMatchObject({ ok: false, error: { code: 'feed-too-large' } });
    expect(run.json().subscription.sync.error.messages.fr).toMatch(/n'a pas été mis à jour/);
  });
});
