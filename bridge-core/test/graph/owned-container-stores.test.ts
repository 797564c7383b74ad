// The To Do and contacts stores against the Graph fake (an in-process fake of Microsoft Graph v1.0 from its
// documented contract): what a rerun after a crash finds, and what the bridge writes beside each item.
import {
  CONTACT_UID_PROPERTY,
  ensureContactFolder,
  GraphContactStore,
  VCARD_PROPERTY,
} from '../../src/graph/contact-store.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { ensureTodoList, GraphTodoStore, TODO_APPLICATION, TODO_EXTENSION } from '../../src/graph/todo-store.js';
import { PreconditionFailedError } from '../../src/sync/store.js';
import { GraphFake } from '../../../test/support/graph-fake/graph-fake.js';
import { card, todo } from '../../../test/support/items';

const TOKEN = 'gilles';
let fake: GraphFake;
beforeEach(async () => {
  fake = new GraphFake({ pageSize: 2 });
  await fake.start();
});
afterEach(() => fake.stop());
const client = () => new GraphClient({ baseUrl: fake.url, getToken: async () => TOKEN });

describe('To Do and contacts stores over the Graph fake', () => {
  test('Graph fake: a task list named like one of Outlook\'s own lists ("Tasks") gets a list of its own, never the user\'s', async () => {
    const c = client();
    const box = fake.mailboxOf(TOKEN);
    const own = fake.todo.userOwnList(box, 'Tasks', 'defaultList');
    const listId = await ensureTodoList(c, 'Tasks');
    expect(listId).not.toBe(own);
    expect(await ensureTodoList(c, 'Tasks')).toBe(listId);
  });

  test('Graph fake: a later run (a new To Do store) finds by its linked resource the task a crashed run created', async () => {
    const c = client();
    const listId = await ensureTodoList(c, 'Équipe technique');
    const data = todo({ uid: 'tache-crash', summary: 'Rétrospective', status: 'NEEDS-ACTION' });
    const first = await new GraphTodoStore({ client: c, listId }).create(data);
    const nextRun = new GraphTodoStore({ client: c, listId });
    await nextRun.changesSince(null);
    const again = nextRun.create(data);
    await expect(again).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(again).rejects.toMatchObject({ id: first.id });
    const tasks = fake.todo.tasksOf(fake.mailboxOf(TOKEN), listId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      linkedResources: [{ applicationName: TODO_APPLICATION, externalId: 'tache-crash' }],
      extensions: [{ extensionName: TODO_EXTENSION, ical: data }],
    });
  });

  test('Graph fake: an update rewrites the kept iCalendar text too, so an unchanged task reads back as written', async () => {
    const c = client();
    const listId = await ensureTodoList(c, 'Équipe technique');
    const store = new GraphTodoStore({ client: c, listId });
    const ref = await store.create(todo({ uid: 't-1', summary: 'Avant', status: 'NEEDS-ACTION', klass: 'PRIVATE' }));
    const v2 = todo({ uid: 't-1', summary: 'Après', status: 'IN-PROCESS', klass: 'CONFIDENTIAL' });
    const { version } = await store.update(ref.id, v2, ref.version);
    expect(await store.getMany([ref.id])).toEqual([{ id: ref.id, version, data: v2 }]);
  });

  test('Graph fake: a later run (a new contacts store) finds by its UID property the contact a crashed run created', async () => {
    const c = client();
    const folderId = await ensureContactFolder(c, 'Équipe technique');
    const data = card({ uid: 'contact-crash', name: 'David Petit', email: 'david@example.org' });
    const first = await new GraphContactStore({ client: c, folderId }).create(data);
    const nextRun = new GraphContactStore({ client: c, folderId });
    await nextRun.changesSince(null);
    await expect(nextRun.create(data)).rejects.toMatchObject({ id: first.id });
    const contacts = fake.contacts.contactsOf(fake.mailboxOf(TOKEN), folderId);
    expect(contacts).toHaveLength(1);
    const ext = contacts[0]!['singleValueExtendedProperties'] as { id: string; value: string }[];
    expect(ext.find((p) => p.id === CONTACT_UID_PROPERTY.toLowerCase())?.value).toBe('contact-crash');
    expect(ext.find((p) => p.id === VCARD_PROPERTY.toLowerCase())?.value).toBe(data);
    expect(fake.mails).toEqual([]);
  });
});
