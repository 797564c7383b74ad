/**
 * Issue 15 item 4: the bridge's sync run also syncs a subscribed calendar two ways with an Outlook calendar, for a
 * user who connected Microsoft 365 in the pane. Real Radicale; Outlook is the Graph fake (written from Graph's
 * documented contract) and Microsoft's sign-in the OAuth stand-in (OAuth 2.0 auth code + PKCE), since no
 * Microsoft service is reachable here. Everything goes through the bridge's HTTPS API: subscribe, connect, run;
 * the events land in the fake's calendar with the calendar's category, and no mail is recorded; a refused refresh
 * stops that user's Outlook runs with "reconnect" and no further request.
 */
import { GraphClient } from '../../bridge-core/src/graph/graph-client.js';
import { ensureGraphCalendar } from '../../bridge-core/src/graph/graph-store.js';
import { testServers, uniqueName } from '../harness/servers.js';
import { basic, makeCalendar, putEvent } from '../support/dav-fixtures.js';
import type { GraphFake } from '../support/graph-fake/graph-fake.js';
import type { OAuthStandin } from '../support/graph-fake/oauth-standin.js';
import { HttpsClient } from '../support/https-client.js';
import { startOutlookSyncBridge, type OutlookSyncBridge } from '../support/outlook-sync-bridge.js';
import { event } from '../support/items.js';

// The pane's files are not served here (@fastify/static is ESM only), and @fastify/cookie cannot load under Jest's
// CommonJS runtime on Node 20: the cookie plugin stand-in takes its place.
jest.mock('@fastify/static', () => ({ __esModule: true, default: async () => undefined }));
jest.mock('@fastify/cookie', () => jest.requireActual('../support/cookie-plugin-standin'));
jest.setTimeout(120_000);

const radicale = testServers.radicale;
const alice = radicale.users.alice;
const auth = basic('alice', alice.password);
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);
let bridge: OutlookSyncBridge;
let fake: GraphFake;
let standin: OAuthStandin;
let base: string;
let ca: string;
const mailbox = { username: 'gilles@contoso.example', accessToken: uniqueName('graph-mailbox-gilles') };

beforeAll(async () => {
  bridge = await startOutlookSyncBridge('outlook-sync-it');
  ({ fake, standin, base, ca } = bridge);
});
afterAll(async () => {
  await bridge?.stop();
});

describe('Outlook sync on the bridge schedule (real Radicale, Graph fake, OAuth stand-in)', () => {
  let pane: HttpsClient;
  let subId: string;
  let name: string;
  const uids = [uniqueName('outlook-ev'), uniqueName('outlook-meeting')];

  test('subscribe, connect Outlook, run: the events are in the Outlook calendar with the category, no mail', async () => {
    const slug = uniqueName('equipe');
    name = `Équipe technique ${slug}`;
    const calUrl = await makeCalendar(radicale.calendarHomeUrl('alice'), auth, slug, name, { color: '#00679E' });
    await putEvent(calUrl, auth, uids[0]!, event({ uid: uids[0]!, summary: 'Revue de code', start: inDays(2) }));
    await putEvent(
      calUrl,
      auth,
      uids[1]!,
      event({
        uid: uids[1]!,
        summary: 'Point équipe',
        start: inDays(3),
        extra: [
          'ORGANIZER;CN=Gilles:mailto:gilles@example.org',
          'ATTENDEE;CN=Alexandre:mailto:alexandre@example.org',
          'ATTENDEE;CN=David:mailto:david@example.org',
        ],
      }),
    );
    pane = new HttpsClient(base, ca);
    expect((await pane.signIn('alice', alice.password, 'radicale')).status).toBe(200);
    const sub = await pane.send('POST', '/api/v1/subscriptions', { json: { url: calUrl } });
    expect(sub.status).toBe(201);
    subId = sub.json().subscription.id;
    expect(fake.requests).toHaveLength(0); // not connected yet: nothing sent to Outlook

    // Connect Outlook: the dialog's address, Microsoft's sign-in (stand-in), back to the bridge.
    const { dialogUrl } = (await pane.send('POST', '/api/v1/outlook-sync/connect')).json();
    const dialog = new HttpsClient(base, ca);
    const start = await dialog.get(dialogUrl);
    const back = new URL(standin.authorize(start.headers['location'] as string, mailbox));
    expect((await dialog.get(`${back.pathname}${back.search}`)).status).toBe(200);
    expect((await pane.get('/api/v1/outlook-sync')).json()).toMatchObject({ state: 'connected' });

    const run = await pane.send('POST', `/api/v1/subscriptions/${subId}/sync`);
    expect(run.status).toBe(200);
    expect(run.json().subscription.sync).toMatchObject({ ok: true, error: null });

    const client = new GraphClient({ baseUrl: fake.url, getToken: async () => mailbox.accessToken });
    const calendarId = await ensureGraphCalendar(client, name);
    const events = fake.eventsOf(mailbox.accessToken, calendarId);
    expect(events.map((e) => e['subject']).sort()).toEqual(['Point équipe', 'Revue de code']);
    const collections = (await pane.get('/api/v1/collections')).json().collections as Array<{
      url: string;
      category: string | null;
    }>;
    const category = collections.find((c) => c.url === calUrl)?.category;
    expect(category).toBeTruthy();
    for (const e of events) expect(e['categories']).toEqual([category]);
    expect(fake.mails).toEqual([]); // the meeting went to Outlook without mailing Alexandre and David

    // An idle run: no duplicate.
    await pane.send('POST', `/api/v1/subscriptions/${subId}/sync`);
    expect(fake.eventsOf(mailbox.accessToken, calendarId)).toHaveLength(2);
  });

  test('a refused refresh: "reconnect" shown, that user\'s Outlook runs stop without a request', async () => {
    standin.revoke(mailbox.username);
    const failed = (await pane.send('POST', `/api/v1/subscriptions/${subId}/sync`)).json().subscription.sync;
    expect(failed).toMatchObject({ ok: false, error: { code: 'outlook-sync-reconnect' } });
    expect(failed.error.messages.fr).toContain('Reconnecter Outlook');
    expect((await pane.get('/api/v1/outlook-sync')).json()).toMatchObject({ state: 'reconnect' });

    const graphRequests = fake.requests.length;
    const tokenCalls = standin.calls.length;
    for (let i = 0; i < 3; i++) await pane.send('POST', `/api/v1/subscriptions/${subId}/sync`);
    expect(fake.requests.length).toBe(graphRequests);
    expect(standin.calls.length).toBe(tokenCalls); // no loop of failing requests to Microsoft either
  });
});
