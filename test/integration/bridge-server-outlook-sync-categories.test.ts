/**
 * Issue 15: what the bridge's Outlook sync makes besides the events, and what it tells the user. Real Radicale;
 * Outlook is the Graph fake (written from Graph's documented contract, master categories included) and
 * Microsoft's sign-in the OAuth stand-in, since no Microsoft service is reachable here. Everything goes through
 * the bridge's HTTPS API: subscribe, connect, run.
 * - The calendar's master category is made in the preset the pane shows for it; the user's own categories are
 *   neither changed nor deleted.
 * - The Outlook calendar is made in the Graph calendar color nearest the DAV calendar's.
 * - The downgrades of the rule table reach the subscription's status in the asker's language (the run stays ok).
 */
import { GraphClient } from '../../bridge-core/src/graph/graph-client.js';
import { ensureGraphCalendar, nearestGraphCalendarColor } from '../../bridge-core/src/graph/graph-store.js';
import { testServers, uniqueName } from '../harness/servers.js';
import { basic, makeCalendar, putEvent } from '../support/dav-fixtures.js';
import type { GraphFake } from '../support/graph-fake/graph-fake.js';
import { HttpsClient } from '../support/https-client.js';
import { connectOutlook } from '../support/outlook-connect.js';
import { startOutlookSyncBridge, type OutlookSyncBridge } from '../support/outlook-sync-bridge.js';
import { event } from '../support/items.js';

// As in bridge-server-outlook-sync.test.ts: no pane files served, the cookie plugin stand-in under Jest.
jest.mock('@fastify/static', () => ({ __esModule: true, default: async () => undefined }));
jest.mock('@fastify/cookie', () => jest.requireActual('../support/cookie-plugin-standin'));
jest.setTimeout(120_000);

const radicale = testServers.radicale;
const alice = radicale.users.alice;
const auth = basic('alice', alice.password);
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);
const COLOR = '#00679E';
let bridge: OutlookSyncBridge;
let fake: GraphFake;
let base: string;
let ca: string;
const mailbox = { username: 'gilles@contoso.example', accessToken: uniqueName('graph-mailbox-categories') };

beforeAll(async () => {
  bridge = await startOutlookSyncBridge('outlook-sync-categories');
  ({ fake, base, ca } = bridge);
});
afterAll(async () => {
  await bridge?.stop();
});

test("category in the pane's preset, calendar in the nearest color, downgrades in the status (EN and FR)", async () => {
  const slug = uniqueName('couleurs');
  const name = `Équipe couleurs ${slug}`;
  const calUrl = await makeCalendar(radicale.calendarHomeUrl('alice'), auth, slug, name, { color: COLOR });
  const meetings = [uniqueName('meeting-a'), uniqueName('meeting-b')];
  for (const uid of meetings)
    await putEvent(
      calUrl,
      auth,
      uid,
      event({
        uid,
        summary: `Point ${uid}`,
        start: inDays(2),
        extra: ['ORGANIZER;CN=Gilles:mailto:gilles@example.org', 'ATTENDEE;CN=David:mailto:david@example.org'],
      }),
    );
  // The user's own categories in Outlook: left as they are.
  fake.categories.userAdd(fake.mailboxOf(mailbox.accessToken), 'Projets', 'preset3');

  const pane = new HttpsClient(base, ca);
  expect((await pane.signIn('alice', alice.password, 'radicale')).status).toBe(200);
  const subId = (await pane.send('POST', '/api/v1/subscriptions', { json: { url: calUrl } })).json().subscription.id;
  expect(await connectOutlook(bridge, pane, mailbox)).toBe(200);

  const run = (
    await pane.send('POST', `/api/v1/subscriptions/${subId}/sync`, { headers: { 'accept-language': 'en' } })
  ).json().subscription.sync;
  expect(run).toMatchObject({ ok: true, error: null });
  // One note per meeting (each names its event), in English for this request and in both languages.
  expect(run.notices).toHaveLength(2);
  for (const [i, uid] of meetings.entries()) {
    expect(run.notices[i]).toMatchObject({ code: 'graph.downgrade:attendees-kept-aside' });
    expect(run.notices[i].message).toContain(uid);
    expect(run.notices[i].message).toBe(run.notices[i].messages.en);
    expect(run.notices[i].messages.fr).toContain(uid);
    expect(run.notices[i].messages.fr).not.toBe(run.notices[i].messages.en);
  }
  // Kept with the run's status: the subscriptions list in French says the same.
  const listed = (await pane.get('/api/v1/subscriptions', { 'accept-language': 'fr' })).json().subscriptions as Array<{
    id: string;
    sync: { notices: { message: string; messages: { fr: string } }[] };
  }>;
  const mine = listed.find((s) => s.id === subId)!;
  expect(mine.sync.notices.map((n) => n.message)).toEqual(
    run.notices.map((n: { messages: { fr: string } }) => n.messages.fr),
  );

  // The category the pane shows for this calendar, with its preset, exists in Outlook; the user's is unchanged.
  const collection = (
    (await pane.get('/api/v1/collections')).json().collections as Array<{
      url: string;
      category: string;
      preset: number | null;
    }>
  ).find((c) => c.url === calUrl)!;
  expect(collection.preset).not.toBeNull();
  expect(fake.categories.categoriesOf(fake.mailboxOf(mailbox.accessToken))).toEqual([
    { id: expect.any(String), displayName: 'Projets', color: 'preset3' },
    { id: expect.any(String), displayName: collection.category, color: `preset${collection.preset}` },
  ]);

  // The Outlook calendar has the color nearest the DAV calendar's.
  const client = new GraphClient({ baseUrl: fake.url, getToken: async () => mailbox.accessToken });
  const calendarId = await ensureGraphCalendar(client, name);
  const calendar = (await client.ok('GET', `/me/calendars/${calendarId}`)) as { color: string };
  expect(calendar.color).toBe(nearestGraphCalendarColor(COLOR));
  expect(calendar.color).not.toBe('auto');

  // An idle run: nothing written, so the notes of the run that wrote the items stand (a quiet run every few
  // minutes must not wipe them before Gilles opens the pane); the category is not asked for again, never changed.
  const idle = (await pane.send('POST', `/api/v1/subscriptions/${subId}/sync`)).json().subscription.sync;
  expect(idle).toMatchObject({ ok: true });
  expect(idle.notices.map((n: { code: string }) => n.code)).toEqual(run.notices.map((n: { code: string }) => n.code));
  const categoryCalls = fake.requests.filter((r) => r.path.includes('/masterCategories')).map((r) => r.method);
  expect(categoryCalls).toEqual(['GET', 'POST']);

  // Gilles drops the attendees of both meetings on the server: the run writes them to Outlook with nothing to note,
  // so the old notes go.
  for (const uid of meetings) {
    const res = await fetch(`${calUrl}${uid}.ics`, {
      method: 'PUT',
      headers: { Authorization: auth, 'Content-Type': 'text/calendar; charset=utf-8' },
      body: event({ uid, summary: `Point ${uid}`, start: inDays(2), sequence: 1 }),
    });
    expect([201, 204]).toContain(res.status); // Radicale answers 201 to a replacing PUT too
  }
  const rewritten = (await pane.send('POST', `/api/v1/subscriptions/${subId}/sync`)).json().subscription.sync;
  expect(rewritten).toMatchObject({ ok: true, notices: [] });
  expect(fake.mails).toEqual([]);
});
