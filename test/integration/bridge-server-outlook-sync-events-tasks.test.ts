/**
 * Issue 15: a calendar holding events AND tasks (Nextcloud's default calendars, SOGo, Cyrus) syncs its events with an
 * Outlook calendar and its tasks with a Microsoft To Do list of the same name. Real Radicale (one calendar with both
 * components); Outlook is the Graph fake (written from Graph's documented contract) and Microsoft's sign-in the OAuth
 * stand-in, since no Microsoft service is reachable here. Everything goes through the bridge's HTTPS API.
 */
import { ensureGraphCalendar } from '../../bridge-core/src/graph/graph-store.js';
import { GraphClient } from '../../bridge-core/src/graph/graph-client.js';
import { ensureTodoList } from '../../bridge-core/src/graph/todo-store.js';
import { outlookPair } from '../../outlook-addin/src/middle-tier/subscriptions/graph-sync.js';
import { outlookTasksPair } from '../../outlook-addin/src/middle-tier/subscriptions/graph-sync-tasks.js';
import { testServers, uniqueName } from '../harness/servers.js';
import { basic, makeCalendar, putEvent } from '../support/dav-fixtures.js';
import { HttpsClient } from '../support/https-client.js';
import { event, todo } from '../support/items.js';
import { connectOutlook } from '../support/outlook-connect.js';
import { startOutlookSyncBridge, type OutlookSyncBridge } from '../support/outlook-sync-bridge.js';

// As in bridge-server-outlook-sync.test.ts: no pane files served, the cookie plugin stand-in under Jest.
jest.mock('@fastify/static', () => ({ __esModule: true, default: async () => undefined }));
jest.mock('@fastify/cookie', () => jest.requireActual('../support/cookie-plugin-standin'));
jest.setTimeout(120_000);

const radicale = testServers.radicale;
const alice = radicale.users.alice;
const auth = basic('alice', alice.password);
let bridge: OutlookSyncBridge;
const mailbox = { username: 'gilles@contoso.example', accessToken: uniqueName('graph-mailbox-gilles') };

beforeAll(async () => {
  bridge = await startOutlookSyncBridge('outlook-sync-events-tasks-it');
});
afterAll(async () => {
  await bridge?.stop();
});

/** Every item of a Radicale collection: href -> ETag (one PROPFIND). */
async function etagsOf(collectionUrl: string): Promise<Map<string, string>> {
  const res = await fetch(collectionUrl, {
    method: 'PROPFIND',
    headers: { Authorization: auth, Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' },
    body: '<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>',
  });
  const xml = await res.text();
  const out = new Map<string, string>();
  for (const [, block] of xml.matchAll(/<(?:\w+:)?response>([\s\S]*?)<\/(?:\w+:)?response>/g)) {
    const href = /<(?:\w+:)?href>([^<]*)</.exec(block!)?.[1];
    const etag = /<(?:\w+:)?getetag>([^<]*)</.exec(block!)?.[1];
    if (href && etag && href.endsWith('.ics')) out.set(href, etag);
  }
  return out;
}

const GRAPH_WRITES = new Set(['PATCH', 'DELETE', 'batch:POST', 'batch:PATCH', 'batch:DELETE']);
const isGraphWrite = (r: { method: string; path: string }) =>
  GRAPH_WRITES.has(r.method) || (r.method === 'POST' && !r.path.endsWith('/$batch'));

describe('a calendar with events and tasks on the bridge schedule (real Radicale, Graph fake, OAuth stand-in)', () => {
  test('events to an Outlook calendar, tasks to a To Do list, no item error, no mail; a To Do edit comes back; an idle run writes nothing', async () => {
    const { fake, base, ca, store } = bridge;
    const slug = uniqueName('agenda-mixte');
    const name = `Équipe technique ${slug}`;
    const calUrl = await makeCalendar(radicale.calendarHomeUrl('alice'), auth, slug, name, {
      components: ['VEVENT', 'VTODO'],
    });
    const [ev1, ev2, task1, task2] = ['revue', 'retro', 'recette', 'radicale'].map((n) => uniqueName(`mixte-${n}`));
    await putEvent(calUrl, auth, ev1!, event({ uid: ev1!, summary: 'Revue de sprint', start: '20261203T090000Z' }));
    await putEvent(calUrl, auth, ev2!, event({ uid: ev2!, summary: 'Rétrospective', start: '20261204T140000Z' }));
    await putEvent(calUrl, auth, task1!, todo({ uid: task1!, summary: 'Relire la recette', status: 'NEEDS-ACTION' }));
    await putEvent(calUrl, auth, task2!, todo({ uid: task2!, summary: 'Mettre à jour Radicale' }));

    const pane = new HttpsClient(base, ca);
    expect((await pane.signIn('alice', alice.password, 'radicale')).status).toBe(200);
    const created = await pane.send('POST', '/api/v1/subscriptions', { json: { url: calUrl } });
    expect(created.status).toBe(201);
    const subId: string = created.json().subscription.id;
    expect(await connectOutlook(bridge, pane, mailbox)).toBe(200);

    const syncNow = async () => {
      const run = await pane.send('POST', `/api/v1/subscriptions/${subId}/sync`);
      expect(run.status).toBe(200);
      expect(run.json().subscription.sync).toMatchObject({ ok: true, error: null });
    };
    await syncNow();

    const client = new GraphClient({ baseUrl: fake.url, getToken: async () => mailbox.accessToken });
    const box = fake.mailboxOf(mailbox.accessToken);
    const calendarId = await ensureGraphCalendar(client, name);
    const subjects = fake.eventsOf(mailbox.accessToken, calendarId).map((e) => e['subject']);
    expect(subjects.sort()).toEqual(['Revue de sprint', 'Rétrospective']);
    const listId = await ensureTodoList(client, name);
    const tasks = () => fake.todo.tasksOf(box, listId);
    expect(
      tasks()
        .map((t) => t['title'])
        .sort(),
    ).toEqual(['Mettre à jour Radicale', 'Relire la recette']);
    expect(fake.mails).toEqual([]);
    // No item error, nothing deferred: each pair paired its own items and moved its sync tokens on (a run with an
    // error or a deferred item leaves them where they were).
    const events = store.syncStatus(outlookPair(subId));
    expect([...(await events.all()).keys()].sort()).toEqual([ev1, ev2].sort());
    const todos = store.syncStatus(outlookTasksPair(subId, listId));
    expect([...(await todos.all()).keys()].sort()).toEqual([task1, task2].sort());
    for (const status of [events, todos]) {
      expect(await status.getToken('a')).toBeDefined();
      expect(await status.getToken('b')).toBeDefined();
    }

    // The user edits a task in To Do: it comes back into the same VTODO on Radicale (no second item).
    const before = await etagsOf(calUrl);
    expect(before.size).toBe(4);
    const recette = tasks().find((t) => t['title'] === 'Relire la recette')!;
    fake.todo.userEdit(box, recette['id'] as string, { title: 'Relire la recette (relue)' });
    await syncNow();
    const res = await fetch(`${calUrl}${task1}.ics`, { headers: { Authorization: auth } });
    const text = await res.text();
    expect(text).toContain('BEGIN:VTODO');
    expect(text).toContain('SUMMARY:Relire la recette (relue)');
    const after = await etagsOf(calUrl);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(tasks()).toHaveLength(2);

    // An idle run: nothing written to Outlook nor to Radicale, no duplicate.
    const requestsBefore = fake.requests.length;
    await syncNow();
    expect(fake.requests.slice(requestsBefore).filter(isGraphWrite)).toEqual([]);
    expect(await etagsOf(calUrl)).toEqual(after);
    expect(tasks()).toHaveLength(2);
    expect(fake.eventsOf(mailbox.accessToken, calendarId)).toHaveLength(2);
    expect(fake.mails).toEqual([]);
  });
});
