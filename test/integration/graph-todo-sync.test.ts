/**
 * Two-way sync between a REAL Radicale task list and a Microsoft To Do list served by the Graph fake (no
 * Microsoft service is reachable here; the fake is written from Graph's documented contract): first sync,
 * edits and deletions on both sides, a crash between Graph's create and the status commit, an expired delta
 * token; never a duplicate, and what To Do cannot hold kept exactly on Radicale.
 */
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { deleteItem, queryItems, updateItem } from '../../bridge-core/src/dav/items.js';
import { createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { GraphClient } from '../../bridge-core/src/graph/graph-client.js';
import { ensureTodoList, GraphTodoStore, TODO_APPLICATION } from '../../bridge-core/src/graph/todo-store.js';
import type { Message } from '../../bridge-core/src/i18n/index.js';
import { DavCollectionStore } from '../../bridge-core/src/stores/dav-store.js';
import { MemoryConflictLog } from '../../bridge-core/src/sync/conflict-log.js';
import { extractUid } from '../../bridge-core/src/sync/content-lines.js';
import { MemoryStatusStore } from '../../bridge-core/src/sync/status.js';
import type { ItemRef } from '../../bridge-core/src/sync/store.js';
import { syncPair } from '../../bridge-core/src/sync/sync.js';
import { testServers, uniqueName } from '../harness/servers.js';
import { GraphFake } from '../support/graph-fake/graph-fake.js';
import { todo } from '../support/items.js';
import { connect } from './dav-helpers.js';
import { fill } from './sync-helpers.js';

const TOKEN = 'gilles-todo-token';
let fake: GraphFake;
let gilles: DavAccount;
const made: string[] = [];

beforeAll(async () => {
  fake = new GraphFake({ pageSize: 3 });
  await fake.start();
  gilles = await connect(testServers.radicale, 'alice');
});
afterAll(async () => {
  await fake.stop();
  for (const url of made) await deleteCollection(gilles.transport, url).catch(() => undefined);
});

type Task = Record<string, unknown> & {
  id: string;
  linkedResources?: { applicationName?: string; externalId?: string }[];
};

/** UID -> To Do task; fails on a duplicate UID (sync must never duplicate). */
function todoByUid(listId: string): Map<string, Task> {
  const out = new Map<string, Task>();
  for (const t of fake.todo.tasksOf(fake.mailboxOf(TOKEN), listId) as Task[]) {
    const uid = t.linkedResources?.find((r) => r.applicationName === TODO_APPLICATION)?.externalId ?? `(none) ${t.id}`;
    if (out.has(uid)) throw new Error(`duplicate UID ${uid} in the Graph fake`);
    out.set(uid, t);
  }
  return out;
}

async function davByUid(url: string) {
  const out = new Map<string, { href: string; etag: string; data: string }>();
  for (const it of await queryItems(gilles.transport, url, 'calendar')) {
    const uid = extractUid(it.data)!;
    if (out.has(uid)) throw new Error(`duplicate UID ${uid} on Radicale`);
    out.set(uid, { href: it.href, etag: it.etag ?? '', data: it.data });
  }
  return out;
}

describe('two-way sync Radicale task list <-> Microsoft To Do through the Graph fake', () => {
  test('Graph fake: first sync, edits and deletions on both sides, crash after a To Do create, expired delta token; no duplicate, nothing lost', async () => {
    const home = gilles.discovery.principal.calendarHomes[0]!;
    const name = uniqueName('Équipe technique');
    const url = await createCalendar(gilles.transport, home, { name, components: ['VTODO'] });
    made.push(url);
    const client = new GraphClient({ baseUrl: fake.url, getToken: async () => TOKEN });
    const listId = await ensureTodoList(client, name);
    expect(await ensureTodoList(client, name)).toBe(listId);
    const reports: Message[] = [];
    const dav = new DavCollectionStore({
      transport: gilles.transport,
      url,
      family: 'calendar',
      readOnly: false,
      supportsSyncCollection: true,
      name: 'Radicale',
    });
    const graph = new GraphTodoStore({ client, listId, name: 'To Do', onReport: (m) => reports.push(m) });
    const status = new MemoryStatusStore();
    const run = (b = graph) => syncPair({ a: dav, b, status, conflictLog: new MemoryConflictLog() });

    const uids = Array.from({ length: 5 }, (_, i) => uniqueName(`tache-${i}`));
    // Task 0 carries what To Do cannot hold: CLASS, an attendee, a second alarm, a due time.
    const rich = todo({
      uid: uids[0]!,
      summary: 'Préparer la revue',
      due: '20261204T170000Z',
      status: 'IN-PROCESS',
      klass: 'CONFIDENTIAL',
      extra: [
        'PRIORITY:2',
        'ATTENDEE;CN=Alexandre:mailto:alexandre@example.org',
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        'DESCRIPTION:Rappel',
        'TRIGGER;RELATED=END:-PT1H',
        'END:VALARM',
        'BEGIN:VALARM',
        'ACTION:EMAIL',
        'TRIGGER;RELATED=END:-P1D',
        'END:VALARM',
      ],
    });
    await fill(gilles, url, [
      { name: `${uids[0]}.ics`, data: rich },
      ...uids.slice(1).map((u, i) => ({
        name: `${u}.ics`,
        data: todo({ uid: u, summary: `Tâche ${i + 1}`, due: '20261210', allDay: true, status: 'NEEDS-ACTION' }),
      })),
    ]);

    // First sync: every task in To Do, mapped; the downgrades reported.
    const first = await run();
    expect(first.b.created).toBe(5);
    const tasks = todoByUid(listId);
    expect([...tasks.keys()].sort()).toEqual([...uids].sort());
    expect(tasks.get(uids[0]!)).toMatchObject({
      title: 'Préparer la revue',
      status: 'inProgress',
      importance: 'high',
      dueDateTime: { dateTime: '2026-12-04T00:00:00.0000000', timeZone: 'UTC' },
      isReminderOn: true,
      reminderDateTime: { dateTime: '2026-12-04T16:00:00.0000000', timeZone: 'UTC' },
    });
    expect(reports.map((m) => m.key)).toContain('graph.todo-downgrade');

    // An idle run writes nothing.
    const idle = await run();
    expect([idle.a, idle.b].map((s) => s.created + s.updated + s.deleted)).toEqual([0, 0]);

    // Edits on both sides: task 1 renamed on Radicale; task 0 completed in To Do.
    const one = (await davByUid(url)).get(uids[1]!)!;
    await updateItem(
      gilles.transport,
      one.href,
      one.data.replace('SUMMARY:Tâche 1', 'SUMMARY:Tâche 1 (urgent)'),
      one.etag,
      'calendar',
    );
    fake.todo.userEdit(fake.mailboxOf(TOKEN), tasks.get(uids[0]!)!.id, {
      status: 'completed',
      completedDateTime: { dateTime: '2026-12-04T15:00:00.0000000', timeZone: 'UTC' },
    });
    const edits = await run();
    expect([edits.a.updated, edits.b.updated]).toEqual([1, 1]);
    expect(todoByUid(listId).get(uids[1]!)!['title']).toBe('Tâche 1 (urgent)');
    const richBack = (await davByUid(url)).get(uids[0]!)!.data;
    expect(richBack).toContain('STATUS:COMPLETED');
    expect(richBack).toContain('COMPLETED:20261204T150000Z');
    // What To Do cannot hold is still on Radicale, as written.
    for (const line of [
      'CLASS:CONFIDENTIAL',
      'DUE:20261204T170000Z',
      'mailto:alexandre@example.org',
      'TRIGGER;RELATED=END:-P1D',
    ]) {
      expect(richBack).toContain(line);
    }

    // Deletions on both sides.
    const two = (await davByUid(url)).get(uids[2]!)!;
    await deleteItem(gilles.transport, two.href, two.etag);
    fake.todo.userDelete(fake.mailboxOf(TOKEN), todoByUid(listId).get(uids[3]!)!.id);
    const deletions = await run();
    expect([deletions.a.deleted, deletions.b.deleted]).toEqual([1, 1]);
    expect(todoByUid(listId).has(uids[2]!)).toBe(false);
    expect((await davByUid(url)).has(uids[3]!)).toBe(false);

    // A crash between To Do's create and the status commit: the rerun finds the task by its linked resource.
    const late = uniqueName('tache-late');
    await fill(gilles, url, [
      { name: `${late}.ics`, data: todo({ uid: late, summary: 'Rétrospective', status: 'NEEDS-ACTION' }) },
    ]);
    const crashing = Object.create(graph) as GraphTodoStore;
    crashing.create = async (data: string): Promise<ItemRef> => {
      await graph.create(data);
      throw new Error('injected crash after the To Do create');
    };
    await expect(run(crashing)).rejects.toThrow('injected crash');
    expect(todoByUid(listId).has(late)).toBe(true);
    const rerun = await run();
    expect(rerun.b.created).toBe(0);
    expect(todoByUid(listId).has(late)).toBe(true); // todoByUid fails on a duplicate

    // An expired delta token: a full listing paired by id; the To Do edit arrives, nothing duplicated.
    fake.expireDeltaTokens();
    fake.todo.userEdit(fake.mailboxOf(TOKEN), todoByUid(listId).get(uids[4]!)!.id, { title: 'Tâche 4 reportée' });
    const expired = await run();
    expect(expired.listing.b).toBe('full');
    expect(expired.a.updated).toBe(1);
    expect([expired.a.created, expired.b.created, expired.a.deleted, expired.b.deleted]).toEqual([0, 0, 0, 0]);
    expect((await davByUid(url)).get(uids[4]!)!.data).toContain('SUMMARY:Tâche 4 reportée');

    expect([...(await davByUid(url)).keys()].sort()).toEqual([...todoByUid(listId).keys()].sort());
  });
});
