// Issue 15: a subscribed calendar holding events AND tasks syncs its events with an Outlook calendar and its tasks
// with a To Do list (two pairs). Outlook is the Graph fake (written from Graph's documented contract); Microsoft's
// sign-in the OAuth stand-in; the DAV side an in-memory store. Checked here: one report and one set of notes for
// both pairs, the list's id kept in memory (found by name once), no To Do list shared with a task-list subscription
// of the same name, no To Do request for an events-only calendar, and a To Do list gone: the DAV tasks are kept and
// go to the new list.
import { GraphClient } from '../../../bridge-core/src/graph/graph-client';
import { ensureTodoList } from '../../../bridge-core/src/graph/todo-store';
import { MemoryStore } from '../../../bridge-core/src/sync/memory-store';
import { GraphSignIn } from '../../src/middle-tier/graph/graph-sign-in';
import { StoredGraphConnections } from '../../src/middle-tier/graph/stored-connections';
import { openSqliteStore, type SqliteStore } from '../../src/middle-tier/store/sqlite-store';
import type { SubscriptionRecord } from '../../src/middle-tier/store/types';
import { GraphSync } from '../../src/middle-tier/subscriptions/graph-sync';
import { RunNotices } from '../../src/middle-tier/subscriptions/run-notices';
import { GraphFake } from '../../../test/support/graph-fake/graph-fake';
import { OAuthStandin } from '../../../test/support/graph-fake/oauth-standin';
import { event, todo } from '../../../test/support/items';

const cfg = {
  tenant: 'organizations',
  clientId: 'bridge-client-id',
  clientSecret: 'secret',
  redirectUri: 'https://bridge.example/outlook-sync/callback',
  cacheKey: Buffer.alloc(32, 5),
};
// A mailbox of its own per test: lists of the same name from another test would be found by name.
let serial = 0;
const user = { username: 'david@contoso.example', accessToken: '' };
beforeEach(() => {
  user.accessToken = `mailbox-david-events-tasks-${++serial}`;
});
const NAME = 'Équipe technique';

let fake: GraphFake;
let store: SqliteStore;
beforeAll(async () => {
  fake = new GraphFake();
  await fake.start();
});
afterAll(() => fake.stop());
afterEach(() => store.close());

const subscription = (id: string, kind: SubscriptionRecord['kind'], createdAt: number): SubscriptionRecord => ({
  id,
  accountId: 'acc-david',
  type: 'collection',
  url: `https://dav.example/david/${id}/`,
  name: NAME,
  kind,
  readOnly: false,
  createdAt,
  feedEtag: undefined,
  feedLastModified: undefined,
});
const profile = (kind: SubscriptionRecord['kind']) => ({
  url: 'u',
  kind,
  access: 'read-write' as const,
  supportsSyncCollection: true,
  name: NAME,
});
const soon = (days: number) => new Date(Date.now() + days * 86_400_000);

async function connected(subs: SubscriptionRecord[]): Promise<GraphSignIn> {
  store = openSqliteStore(':memory:');
  const standin = new OAuthStandin();
  const signIn = new GraphSignIn(cfg, new StoredGraphConnections(store, Date.now), standin.factory);
  await store.upsertAccount({
    id: 'acc-david',
    serverId: 'radicale',
    username: 'david',
    sealedPassword: 's',
    principalUrl: 'https://dav.example/david/',
    updatedAt: 1,
  });
  for (const sub of subs) await store.createSubscription(sub);
  const back = new URL(standin.authorize(await signIn.begin('acc-david'), user));
  await signIn.complete(back.searchParams.get('state')!, back.searchParams.get('code')!);
  return signIn;
}
const graphSyncOf = (signIn: GraphSignIn) =>
  new GraphSync(store, { problem: undefined, signIn, baseUrl: fake.url, fetch: undefined }, Date.now);

/** A calendar with two events and two tasks (one cancelled: To Do has no such state, a note of the run). */
function mixedCalendar(): MemoryStore {
  const dav = new MemoryStore({ name: 'dav', incremental: true });
  dav.put('ev-1.ics', event({ uid: 'et-ev-1', summary: 'Revue de sprint', start: soon(1) }));
  dav.put('ev-2.ics', event({ uid: 'et-ev-2', summary: 'Rétrospective', start: soon(2) }));
  dav.put('task-1.ics', todo({ uid: 'et-task-1', summary: 'Relire la recette', status: 'NEEDS-ACTION' }));
  dav.put('task-2.ics', todo({ uid: 'et-task-2', summary: 'Ancienne tâche', status: 'CANCELLED' }));
  return dav;
}
const client = () => new GraphClient({ baseUrl: fake.url, getToken: async () => user.accessToken });
// The fake records top-level paths with their /v1.0 prefix, requests inside a $batch without it.
const todoRequests = (from: number) =>
  fake.requests
    .slice(from)
    .map((r) => ({ ...r, path: r.path.replace(/^\/v1\.0/, '') }))
    .filter((r) => r.path.startsWith('/me/todo'));

test('events+tasks: one merged report and the tasks notes; the list found by name once, then kept in memory', async () => {
  const mixed = subscription('sub-mixed', 'events+tasks', 1);
  const graphSync = graphSyncOf(await connected([mixed]));
  const dav = mixedCalendar();
  const notices = new RunNotices();
  const report = await graphSync.run(mixed, profile('events+tasks'), () => dav, notices);
  expect(report).toMatchObject({ b: { created: 4, errors: 0 }, a: { errors: 0 }, unreadable: 0, pending: false });
  expect(notices.list().map((n) => n.code)).toEqual(['graph.todo-downgrade:task-cancelled']);

  const listId = await ensureTodoList(client(), NAME);
  const box = fake.mailboxOf(user.accessToken);
  expect(fake.todo.tasksOf(box, listId).map((t) => t['title'])).toEqual(
    expect.arrayContaining(['Relire la recette', 'Ancienne tâche']),
  );
  const calendarId = (await store.getOutlookCalendarId(mixed.id))!;
  expect(fake.eventsOf(user.accessToken, calendarId).map((e) => e['subject'])).toEqual(
    expect.arrayContaining(['Revue de sprint', 'Rétrospective']),
  );
  expect(fake.eventsOf(user.accessToken, calendarId)).toHaveLength(2);

  const before = fake.requests.length;
  const idle = await graphSync.run(mixed, profile('events+tasks'), () => dav);
  expect(idle).toMatchObject({ a: { created: 0, updated: 0, deleted: 0 }, b: { created: 0, updated: 0, deleted: 0 } });
  // The list's id is known: no listing of the lists, only the list's tasks delta.
  expect(todoRequests(before).filter((r) => r.path === '/me/todo/lists')).toEqual([]);
  expect(fake.mails).toEqual([]);
});

test('a task list of the same name gets its own To Do list; an events-only calendar sends no To Do request', async () => {
  const mixed = subscription('sub-mixed-2', 'events+tasks', 1);
  const sameName = subscription('sub-list-same', 'tasks', 2);
  const events = { ...subscription('sub-events', 'events', 3), name: 'Réunions' };
  const graphSync = graphSyncOf(await connected([mixed, sameName, events]));
  await graphSync.run(mixed, profile('events+tasks'), mixedCalendar);
  const tasks = new MemoryStore({ name: 'dav-tasks' });
  tasks.put('t.ics', todo({ uid: 'et-list-task', summary: 'Tâche de la liste' }));
  await graphSync.run(sameName, profile('tasks'), () => tasks);
  const lists = (await client().ok('GET', '/me/todo/lists')).value as { id: string; displayName: string }[];
  expect(lists.map((l) => l.displayName).sort()).toEqual([NAME, `${NAME} (2)`]);
  const box = fake.mailboxOf(user.accessToken);
  const second = lists.find((l) => l.displayName === `${NAME} (2)`)!;
  expect(fake.todo.tasksOf(box, second.id).map((t) => t['title'])).toEqual(['Tâche de la liste']);

  const before = fake.requests.length;
  const onlyEvents = new MemoryStore({ name: 'dav-events' });
  onlyEvents.put('e.ics', event({ uid: 'et-only-event', summary: 'Point hebdo', start: soon(3) }));
  const report = await graphSync.run(events, profile('events'), () => onlyEvents);
  expect(report?.b.created).toBe(1);
  expect(todoRequests(before)).toEqual([]);
});

test('the To Do list deleted in Outlook: the DAV tasks are kept, and go to the list the next runs make', async () => {
  const mixed = subscription('sub-mixed-3', 'events+tasks', 1);
  const graphSync = graphSyncOf(await connected([mixed]));
  const dav = mixedCalendar();
  await graphSync.run(mixed, profile('events+tasks'), () => dav);
  const first = await ensureTodoList(client(), NAME);
  await client().ok('DELETE', `/me/todo/lists/${encodeURIComponent(first)}`);

  // The kept id answers 404: this run fails, and the id is forgotten.
  await expect(graphSync.run(mixed, profile('events+tasks'), () => dav)).rejects.toMatchObject({ status: 404 });
  // The next run looks the list up by name, as after a restart, makes it again, and fills it from the DAV side with a
  // status of its own (with the old one, every task missing from the new list would be taken for a deletion).
  const report = await graphSync.run(mixed, profile('events+tasks'), () => dav);
  expect(report?.aborted).toBeUndefined();
  expect(report?.a.deleted).toBe(0);
  expect(dav.all().map((it) => it.id)).toEqual(['ev-1.ics', 'ev-2.ics', 'task-1.ics', 'task-2.ics']);
  const second = await ensureTodoList(client(), NAME);
  expect(second).not.toBe(first);
  expect(fake.todo.tasksOf(fake.mailboxOf(user.accessToken), second)).toHaveLength(2);
});

test('an events+tasks calendar holding no task gets no To Do list, until its first task', async () => {
  const mixed = subscription('sub-mixed-empty', 'events+tasks', 1);
  const graphSync = graphSyncOf(await connected([mixed]));
  const dav = new MemoryStore({ name: 'dav', incremental: true });
  dav.put('ev-1.ics', event({ uid: 'et-empty-ev', summary: 'Revue de sprint', start: soon(1) }));
  const before = fake.requests.length;
  const report = await graphSync.run(mixed, profile('events+tasks'), () => dav);
  expect(report).toMatchObject({ b: { created: 1, errors: 0 } });
  // One look for a list of that name (none), nothing made; the next run asks To Do nothing.
  expect(todoRequests(before).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /me/todo/lists']);
  const again = fake.requests.length;
  await graphSync.run(mixed, profile('events+tasks'), () => dav);
  expect(todoRequests(again)).toEqual([]);
  expect((await client().ok('GET', '/me/todo/lists')).value).toEqual([]);

  dav.put('task-1.ics', todo({ uid: 'et-empty-task', summary: 'Première tâche' }));
  await graphSync.run(mixed, profile('events+tasks'), () => dav);
  const listId = await ensureTodoList(client(), NAME);
  expect(fake.todo.tasksOf(fake.mailboxOf(user.accessToken), listId).map((t) => t['title'])).toEqual([
    'Première tâche',
  ]);
});

test('after a restart, a calendar whose tasks were all deleted on the server still syncs with its To Do list (the guard speaks)', async () => {
  const mixed = subscription('sub-mixed-restart', 'events+tasks', 1);
  const signIn = await connected([mixed]);
  const dav = mixedCalendar();
  await graphSyncOf(signIn).run(mixed, profile('events+tasks'), () => dav);
  const listId = await ensureTodoList(client(), NAME);
  expect(fake.todo.tasksOf(fake.mailboxOf(user.accessToken), listId)).toHaveLength(2);
  // Gilles deletes both tasks on the server; the bridge restarts (a new GraphSync: nothing in memory).
  dav.remove('task-1.ics');
  dav.remove('task-2.ics');
  const report = await graphSyncOf(signIn).run(mixed, profile('events+tasks'), () => dav);
  // The tasks pair runs (it was skipped, silently, while the calendar held no task): every task gone from the
  // server is what the mass-deletion guard stops and says, as for any pair; nothing deleted in To Do unasked.
  expect(report?.aborted?.text.key).toBe('sync.guard-side-empty');
  expect(fake.todo.tasksOf(fake.mailboxOf(user.accessToken), listId)).toHaveLength(2);
});
