/**
 * Issue 15: the bridge's sync run also syncs a subscribed task list with a Microsoft To Do list, and a subscribed
 * address book with an Outlook contact folder, that the bridge creates and owns, for a user who connected
 * Microsoft 365 in the pane. Real Radicale; Outlook is the Graph fake (written from Graph's documented contract)
 * and Microsoft's sign-in the OAuth stand-in, since no Microsoft service is reachable here. Everything goes through
 * the bridge's HTTPS API: subscribe, connect, run.
 */
import { ensureContactFolder } from '../../bridge-core/src/graph/contact-store.js';
import { GraphClient } from '../../bridge-core/src/graph/graph-client.js';
import { ensureTodoList } from '../../bridge-core/src/graph/todo-store.js';
import { testServers, uniqueName } from '../harness/servers.js';
import { basic, makeAddressBook, makeCalendar, putEvent } from '../support/dav-fixtures.js';
import type { GraphFake } from '../support/graph-fake/graph-fake.js';
import { HttpsClient } from '../support/https-client.js';
import { connectOutlook } from '../support/outlook-connect.js';
import { startOutlookSyncBridge, type OutlookSyncBridge } from '../support/outlook-sync-bridge.js';
import { todo, vcard } from '../support/items.js';

// As in bridge-server-outlook-sync.test.ts: no pane files served, the cookie plugin stand-in under Jest.
jest.mock('@fastify/static', () => ({ __esModule: true, default: async () => undefined }));
jest.mock('@fastify/cookie', () => jest.requireActual('../support/cookie-plugin-standin'));
jest.setTimeout(120_000);

const radicale = testServers.radicale;
const alice = radicale.users.alice;
const auth = basic('alice', alice.password);
let bridge: OutlookSyncBridge;
let fake: GraphFake;
let base: string;
let ca: string;
const mailbox = { username: 'gilles@contoso.example', accessToken: uniqueName('graph-mailbox-gilles') };

async function putCard(bookUrl: string, uid: string, text: string): Promise<void> {
  const res = await fetch(`${bookUrl}${uid}.vcf`, {
    method: 'PUT',
    headers: { Authorization: auth, 'Content-Type': 'text/vcard; charset=utf-8', 'If-None-Match': '*' },
    body: text,
  });
  if (res.status !== 201 && res.status !== 204) throw new Error(`PUT ${uid}: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  bridge = await startOutlookSyncBridge('outlook-sync-todo-it');
  ({ fake, base, ca } = bridge);
});
afterAll(async () => {
  await bridge?.stop();
});

describe('To Do lists and contact folders on the bridge schedule (real Radicale, Graph fake, OAuth stand-in)', () => {
  test('a task list and an address book subscribed, Outlook connected, run: tasks in To Do, contacts in Outlook, no mail', async () => {
    const listSlug = uniqueName('taches');
    const listName = `Tâches Équipe technique ${listSlug}`;
    const listUrl = await makeCalendar(radicale.calendarHomeUrl('alice'), auth, listSlug, listName, {
      components: ['VTODO'],
    });
    const taskUids = [uniqueName('todo-a'), uniqueName('todo-b')];
    await putEvent(listUrl, auth, taskUids[0]!, todo({ uid: taskUids[0]!, summary: 'Relire la recette' }));
    await putEvent(listUrl, auth, taskUids[1]!, todo({ uid: taskUids[1]!, summary: 'Mettre à jour Radicale' }));
    const bookName = uniqueName('contacts-equipe');
    const bookUrl = await makeAddressBook(radicale.addressbookHomeUrl('alice'), auth, bookName);
    const cardUids = [uniqueName('card-alexandre'), uniqueName('card-david')];
    await putCard(bookUrl, cardUids[0]!, vcard(cardUids[0]!, 'Alexandre Martin'));
    await putCard(bookUrl, cardUids[1]!, vcard(cardUids[1]!, 'David Leroy'));

    const pane = new HttpsClient(base, ca);
    expect((await pane.signIn('alice', alice.password, 'radicale')).status).toBe(200);
    const ids: string[] = [];
    for (const url of [listUrl, bookUrl]) {
      const sub = await pane.send('POST', '/api/v1/subscriptions', { json: { url } });
      expect(sub.status).toBe(201);
      ids.push(sub.json().subscription.id);
    }
    expect(await connectOutlook(bridge, pane, mailbox)).toBe(200);

    for (const id of ids) {
      const run = await pane.send('POST', `/api/v1/subscriptions/${id}/sync`);
      expect(run.status).toBe(200);
      expect(run.json().subscription.sync).toMatchObject({ ok: true, error: null });
    }

    const client = new GraphClient({ baseUrl: fake.url, getToken: async () => mailbox.accessToken });
    const box = fake.mailboxOf(mailbox.accessToken);
    const listId = await ensureTodoList(client, listName);
    const tasks = () => fake.todo.tasksOf(box, listId);
    expect(
      tasks()
        .map((t) => t['title'])
        .sort(),
    ).toEqual(['Mettre à jour Radicale', 'Relire la recette']);
    const folderId = await ensureContactFolder(client, bookName);
    const contacts = () => fake.contacts.contactsOf(box, folderId);
    expect(
      contacts()
        .map((c) => c['displayName'])
        .sort(),
    ).toEqual(['Alexandre Martin', 'David Leroy']);
    expect(fake.mails).toEqual([]);

    // An idle run: no duplicate on either side.
    for (const id of ids) await pane.send('POST', `/api/v1/subscriptions/${id}/sync`);
    expect(tasks()).toHaveLength(2);
    expect(contacts()).toHaveLength(2);
  });
});
