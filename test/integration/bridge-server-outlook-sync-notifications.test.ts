/**
 * Issue 15: Graph change notifications (webhooks) make an Outlook edit reach the DAV server within seconds, without
 * waiting for the sync interval. Real Radicale; Outlook is the Graph fake (its /subscriptions written from Graph's
 * documented contract: the validation handshake, lifetimes per resource, notifications POSTed to the bridge's
 * public https URL) and Microsoft's sign-in the OAuth stand-in. The bridge's rounds are an hour apart here, so only
 * a notification can explain a sync within the test.
 */
import { basic, makeAddressBook, makeCalendar, putEvent } from '../support/dav-fixtures.js';
import { HttpsClient } from '../support/https-client.js';
import { event, todo, vcard } from '../support/items.js';
import { connectOutlook } from '../support/outlook-connect.js';
import { startOutlookSyncBridge, type OutlookSyncBridge } from '../support/outlook-sync-bridge.js';
import { testServers, uniqueName } from '../harness/servers.js';

jest.mock('@fastify/static', () => ({ __esModule: true, default: async () => undefined }));
jest.mock('@fastify/cookie', () => jest.requireActual('../support/cookie-plugin-standin'));
jest.setTimeout(120_000);

const radicale = testServers.radicale;
const alice = radicale.users.alice;
const auth = basic('alice', alice.password);
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);
const mailbox = { username: 'gilles@contoso.example', accessToken: uniqueName('graph-mailbox-webhooks') };
const NOTIFICATIONS = '/api/v1/graph/notifications';

/** The bridge's and the Graph fake's clock: moved together to reach a renewal. */
let skewMs = 0;
const clock = () => Date.now() + skewMs;

let bridge: OutlookSyncBridge;
let pane: HttpsClient;
let calUrl: string;
let subId: string;
let calendarId: string;

async function radicaleText(url = calUrl): Promise<string> {
  const res = await fetch(url, { headers: { Authorization: auth } });
  return res.text();
}

/** Waits (bounded) until a Radicale collection satisfies `ok`; a notification, not the hourly round, must do it. */
async function radicaleUntil(ok: (text: string) => boolean, url = calUrl): Promise<string> {
  for (let i = 0; i < 150; i++) {
    const text = await radicaleText(url);
    if (ok(text)) return text;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('Radicale never got the Outlook change');
}

beforeAll(async () => {
  bridge = await startOutlookSyncBridge('outlook-notifications-it', {
    notifications: true,
    syncIntervalSeconds: 3600,
    now: clock,
  });
  bridge.fake.subscriptions.now = clock;
});
afterAll(async () => {
  await bridge?.stop();
});

describe('Graph change notifications (real Radicale, Graph fake, OAuth stand-in)', () => {
  const uid = uniqueName('notified-ev');

  test('validation handshake: the token comes back as text/plain, exactly', async () => {
    const client = new HttpsClient(bridge.base, bridge.ca);
    const token = 'Validation: Testing client application reachability <b>&';
    const res = await client.send('POST', `${NOTIFICATIONS}?validationToken=${encodeURIComponent(token)}`, {
      body: '',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).toBe(token);
  });

  test('a body that is not JSON (a form the app also parses) is refused before anything is looked up', async () => {
    const client = new HttpsClient(bridge.base, bridge.ca);
    const lookups = jest.spyOn(bridge.store, 'findGraphWebhook');
    const res = await client.send('POST', NOTIFICATIONS, {
      body: 'value=a&value=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('invalid-request');
    expect(lookups).not.toHaveBeenCalled();
    lookups.mockRestore();
  });

  test('after the first Outlook run, Graph notifies the bridge about the calendar (validated subscription)', async () => {
    const slug = uniqueName('notif');
    calUrl = await makeCalendar(radicale.calendarHomeUrl('alice'), auth, slug, `Astreintes ${slug}`);
    await putEvent(calUrl, auth, uid, event({ uid, summary: 'Revue de code', start: inDays(2) }));
    pane = new HttpsClient(bridge.base, bridge.ca);
    expect((await pane.signIn('alice', alice.password, 'radicale')).status).toBe(200);
    const sub = await pane.send('POST', '/api/v1/subscriptions', { json: { url: calUrl } });
    subId = sub.json().subscription.id;
    expect(await connectOutlook(bridge, pane, mailbox)).toBe(200);
    const run = await pane.send('POST', `/api/v1/subscriptions/${subId}/sync`);
    expect(run.json().subscription.sync).toMatchObject({ ok: true });

    const subs = bridge.fake.subscriptions.active();
    expect(subs).toHaveLength(1);
    calendarId = subs[0]!.containerId;
    expect(subs[0]!.resource).toBe(`me/calendars/${encodeURIComponent(calendarId)}/events`);
    expect(subs[0]!.notificationUrl).toBe(`${bridge.base}${NOTIFICATIONS}`);
    expect(bridge.fake.subscriptions.validations).toEqual([{ url: `${bridge.base}${NOTIFICATIONS}`, ok: true }]);
    // The secret is stored hashed only.
    const row = await bridge.store.getGraphWebhook(subId);
    expect(row?.graphSubscriptionId).toBe(subs[0]!.id);
    expect(row?.clientStateHash).not.toBe(subs[0]!.clientState);
    expect(bridge.fake.eventsOf(mailbox.accessToken, calendarId).map((e) => e['subject'])).toEqual(['Revue de code']);
  });

  test('an Outlook edit and an Outlook creation reach Radicale through a notification, long before the round', async () => {
    const [ev] = bridge.fake.eventsOf(mailbox.accessToken, calendarId);
    bridge.fake.userEdit(mailbox.accessToken, String(ev!['id']), { subject: 'Revue de code déplacée' });
    await radicaleUntil((ics) => ics.includes('SUMMARY:Revue de code déplacée'));

    bridge.fake.userCreate(mailbox.accessToken, calendarId, {
      subject: 'Astreinte du week-end',
      start: { dateTime: '2026-12-19T09:00:00', timeZone: 'Romance Standard Time' },
      end: { dateTime: '2026-12-19T18:00:00', timeZone: 'Romance Standard Time' },
    });
    await radicaleUntil((ics) => ics.includes('SUMMARY:Astreinte du week-end'));
    await bridge.fake.subscriptions.idle();
    expect(bridge.fake.subscriptions.deliveries.length).toBeGreaterThanOrEqual(2);
    expect(bridge.fake.subscriptions.deliveries.every((d) => d.status === 202)).toBe(true);
  });

  test('a forged notification (wrong clientState, or unknown subscription) gets 202 and queues nothing', async () => {
    const queued = jest.spyOn(bridge.ctx.syncs, 'queueRun');
    const [graphSub] = bridge.fake.subscriptions.active();
    const forged = (subscriptionId: string, clientState: string) => ({
      value: [{ subscriptionId, clientState, changeType: 'updated', resource: 'Users/x/Events/y', tenantId: 't' }],
    });
    const url = `${bridge.base}${NOTIFICATIONS}`;
    expect(await bridge.fake.subscriptions.send(url, forged(graphSub!.id, 'not-the-secret'))).toBe(202);
    expect(await bridge.fake.subscriptions.send(url, forged('0d5c7f1e-unknown', graphSub!.clientState!))).toBe(202);
    expect(queued).not.toHaveBeenCalled();
    // The genuine secret does queue a run (so the check above could fail).
    expect(await bridge.fake.subscriptions.send(url, forged(graphSub!.id, graphSub!.clientState!))).toBe(202);
    expect(queued).toHaveBeenCalledWith(subId);
    queued.mockRestore();
  });

  test('renewal before expiry: a run past half the lifetime PATCHes the subscription further', async () => {
    const [before] = bridge.fake.subscriptions.active();
    const expiryBefore = before!.expiresAt;
    const patches = () =>
      bridge.fake.requests.filter((r) => r.method === 'PATCH' && r.path.includes('/subscriptions/'));
    expect(patches()).toHaveLength(0);
    skewMs = 4 * 86_400_000; // 4 of the 7 days gone: less than half the lifetime left
    const [ev] = bridge.fake
      .eventsOf(mailbox.accessToken, calendarId)
      .filter((e) => e['subject'] !== 'Astreinte du week-end');
    bridge.fake.userEdit(mailbox.accessToken, String(ev!['id']), { subject: 'Revue de code reportée' });
    await radicaleUntil((ics) => ics.includes('SUMMARY:Revue de code reportée'));
    for (let i = 0; i < 50 && patches().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(patches()).toEqual([expect.objectContaining({ status: 200 })]);
    const [after] = bridge.fake.subscriptions.active();
    expect(after!.id).toBe(before!.id);
    expect(after!.expiresAt).toBeGreaterThan(expiryBefore + 3 * 86_400_000);
  });

  test('unsubscribing deletes the Graph subscription', async () => {
    // The session of the first test is older than the moved clock allows: sign in again.
    pane = new HttpsClient(bridge.base, bridge.ca);
    expect((await pane.signIn('alice', alice.password, 'radicale')).status).toBe(200);
    const [graphSub] = bridge.fake.subscriptions.active();
    expect((await pane.send('DELETE', `/api/v1/subscriptions/${subId}`)).status).toBe(204);
    expect(bridge.fake.subscriptions.active()).toEqual([]);
    expect(bridge.fake.requests).toContainEqual({
      method: 'DELETE',
      path: `/v1.0/subscriptions/${graphSub!.id}`,
      status: 204,
    });
    expect(await bridge.store.getGraphWebhook(subId)).toBeUndefined();
  });

  test('To Do and contacts: Outlook edits come back through notifications; disconnecting deletes every Graph subscription', async () => {
    const listSlug = uniqueName('taches');
    const listUrl = await makeCalendar(radicale.calendarHomeUrl('alice'), auth, listSlug, `Tâches ${listSlug}`, {
      components: ['VTODO'],
    });
    const taskUid = uniqueName('notified-todo');
    await putEvent(listUrl, auth, taskUid, todo({ uid: taskUid, summary: 'Relire la recette' }));
    const bookUrl = await makeAddressBook(radicale.addressbookHomeUrl('alice'), auth, uniqueName('contacts'));
    const cardUid = uniqueName('notified-card');
    const put = await fetch(`${bookUrl}${cardUid}.vcf`, {
      method: 'PUT',
      headers: { Authorization: auth, 'Content-Type': 'text/vcard; charset=utf-8', 'If-None-Match': '*' },
      body: vcard(cardUid, 'Alexandre Martin'),
    });
    expect(put.status).toBe(201);
    for (const url of [listUrl, bookUrl]) {
      const sub = await pane.send('POST', '/api/v1/subscriptions', { json: { url } });
      expect(sub.json().subscription.sync).toMatchObject({ ok: true });
    }
    const subs = bridge.fake.subscriptions.active();
    const list = subs.find((s) => s.kind === 'todo-list')!;
    const folder = subs.find((s) => s.kind === 'contact-folder')!;
    expect(list.resource).toBe(`me/todo/lists/${encodeURIComponent(list.containerId)}/tasks`);
    expect(folder.resource).toBe(`me/contactFolders/${encodeURIComponent(folder.containerId)}/contacts`);

    const box = bridge.fake.mailboxOf(mailbox.accessToken);
    const [task] = bridge.fake.todo.tasksOf(box, list.containerId);
    bridge.fake.todo.userEdit(box, String(task!['id']), { title: 'Relire la recette (urgent)' });
    await radicaleUntil((text) => text.includes('SUMMARY:Relire la recette (urgent)'), listUrl);
    const [contact] = bridge.fake.contacts.contactsOf(box, folder.containerId);
    bridge.fake.contacts.userEdit(box, String(contact!['id']), { jobTitle: 'Directeur technique' });
    await radicaleUntil((text) => text.includes('Directeur technique'), bookUrl);

    expect((await pane.send('DELETE', '/api/v1/outlook-sync')).status).toBe(204);
    expect(bridge.fake.subscriptions.active()).toEqual([]);
  });
});
