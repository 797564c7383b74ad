/**
 * A calendar holding events AND tasks, seen as two stores (issue 15: events to an Outlook calendar, tasks to a To Do
 * list): the store contract over each view, how items are classified, and the engine over both views of one
 * collection (a deletion the other view reports is ignored, an unreadable item is never lost, writes come back to
 * the same item).
 */
import { MemoryConflictLog } from '../../src/sync/conflict-log.js';
import {
  ComponentViewStore,
  viewOf,
  type CalendarComponent,
  type ComponentMemo,
} from '../../src/sync/component-view-store.js';
import { MemoryStore } from '../../src/sync/memory-store.js';
import { MemoryStatusStore } from '../../src/sync/status.js';
import { isUnreadable, type ItemStore } from '../../src/sync/store.js';
import { syncPair } from '../../src/sync/sync.js';
import { describeStoreContract } from '../../../test/support/store-contract.js';
import { todo, vevent } from '../../../test/support/items.js';

const task = (uid: string, summary: string) => todo({ uid, summary, status: 'NEEDS-ACTION' });

/** An inner store already holding an item of the other component, so the contract runs over a mixed calendar. */
function contractView(component: CalendarComponent) {
  return async () => {
    const broken = new Set<string>();
    const inner = new MemoryStore({ incremental: true, failReads: (id) => broken.has(id) });
    inner.put('other.ics', component === 'VEVENT' ? task('other', 'Autre') : vevent('other', 'Autre'));
    return { store: new ComponentViewStore({ inner, component }), makeUnreadable: (id: string) => void broken.add(id) };
  };
}
const notChecked = { cannot: 'the view passes writes to its inner store as they are; the stores check items' };
describeStoreContract(
  'VEVENT view of a calendar with tasks (memory)',
  { kind: 'events', secondCreate: 'same-name', unreadable: true, rejectsBadInput: notChecked },
  contractView('VEVENT'),
);
describeStoreContract(
  'VTODO view of a calendar with events (memory)',
  { kind: 'tasks', secondCreate: 'same-name', unreadable: true, rejectsBadInput: notChecked },
  contractView('VTODO'),
);

describe('which view an item belongs to', () => {
  test('an event, a task; both (broken data) and neither go to the events view; a truncated text to both', () => {
    expect(viewOf(vevent('e', 'Réunion'))).toBe('VEVENT');
    expect(viewOf(task('t', 'Relire'))).toBe('VTODO');
    const both = vevent('b', 'Les deux').replace('END:VCALENDAR', 'BEGIN:VTODO\r\nUID:b\r\nEND:VTODO\r\nEND:VCALENDAR');
    expect(viewOf(both)).toBe('VEVENT');
    const journal = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VJOURNAL\r\nUID:j\r\nEND:VJOURNAL\r\nEND:VCALENDAR\r\n';
    expect(viewOf(journal)).toBe('VEVENT');
    expect(viewOf(task('t', 'Relire').slice(0, 60))).toBe('unreadable');
  });
});

/** A calendar of 3 events and 2 tasks, and its two views sharing one memo. */
function mixedCalendar(opts: { failReads?: (id: string) => boolean; batchSize?: number } = {}) {
  const inner = new MemoryStore({ name: 'Radicale', incremental: true, ...opts });
  for (const n of [1, 2, 3]) inner.put(`event-${n}.ics`, vevent(`event-${n}`, `Réunion ${n}`));
  for (const n of [1, 2]) inner.put(`task-${n}.ics`, task(`task-${n}`, `Tâche ${n}`));
  const memo: ComponentMemo = new Map();
  const view = (component: CalendarComponent) =>
    new ComponentViewStore({ inner, component, memo, ...(opts.batchSize ? { batchSize: opts.batchSize } : {}) });
  return { inner, memo, events: view('VEVENT'), tasks: view('VTODO') };
}

const ids = (refs: { id: string }[]) => refs.map((r) => r.id).sort();

describe('a view lists the items of its component only', () => {
  test('entries without data are read in batches, classified, and carry their data on; the memo spares the second view', async () => {
    const { inner, events, tasks } = mixedCalendar({ batchSize: 2 });
    const first = await events.changesSince!(null);
    expect(first.full).toBe(true);
    expect(ids(first.changed)).toEqual(['event-1.ics', 'event-2.ics', 'event-3.ics']);
    expect(first.changed.every((c) => c.data?.includes('BEGIN:VEVENT'))).toBe(true);
    expect(inner.calls.getMany).toBe(3); // 5 items, 2 a batch
    expect(ids(await tasks.list())).toEqual(['task-1.ics', 'task-2.ics']);
    expect(inner.calls.getMany).toBe(3); // classified by the memo: nothing read again
  });

  test('getMany leaves out an item of the other component (not in this view) and passes unreadable ones', async () => {
    const { tasks, events } = mixedCalendar({ failReads: (id) => id === 'task-2.ics' });
    const read = await tasks.getMany(['event-1.ics', 'task-1.ics', 'task-2.ics']);
    expect(ids(read)).toEqual(['task-1.ics', 'task-2.ics']);
    expect(isUnreadable(read.find((r) => r.id === 'task-2.ics')!)).toBe(true);
    // An item that cannot be read is in both views: neither may take it for a deletion.
    expect(ids(await events.list())).toContain('task-2.ics');
    expect(ids(await tasks.list())).toContain('task-2.ics');
  });

  test('an event rewritten as a task leaves the events view (reported deleted) and enters the tasks view', async () => {
    const { inner, events, tasks } = mixedCalendar();
    const e0 = await events.changesSince!(null);
    const t0 = await tasks.changesSince!(null);
    inner.put('event-2.ics', task('event-2', 'Devenue tâche'));
    const e1 = await events.changesSince!(e0.token);
    expect(e1.changed).toEqual([]);
    expect(e1.deleted).toEqual(['event-2.ics']);
    const t1 = await tasks.changesSince!(t0.token);
    expect(ids(t1.changed)).toEqual(['event-2.ics']);
    expect(t1.deleted).toEqual([]);
  });
});

describe('the engine over both views of one calendar', () => {
  function twoPairs(opts: { failReads?: (id: string) => boolean } = {}) {
    const cal = mixedCalendar(opts);
    const pair = (view: ItemStore, name: string) => {
      const b = new MemoryStore({ name, incremental: true });
      const status = new MemoryStatusStore();
      const run = () => syncPair({ a: view, b, status, conflictLog: new MemoryConflictLog() });
      return { b, status, run };
    };
    return { ...cal, calendar: pair(cal.events, 'Outlook calendar'), todo: pair(cal.tasks, 'To Do') };
  }
  const uids = (s: MemoryStore) => s.all().map((it) => /UID:(.*)\r?\n/.exec(it.data)?.[1]);

  test('events go to one side, tasks to the other; no item error on either', async () => {
    const { calendar, todo: list } = twoPairs();
    const e = await calendar.run();
    const t = await list.run();
    expect(uids(calendar.b).sort()).toEqual(['event-1', 'event-2', 'event-3']);
    expect(uids(list.b).sort()).toEqual(['task-1', 'task-2']);
    for (const r of [e, t]) expect(r.a.errors + r.b.errors + r.unreadable).toBe(0);
  });

  test('a task deleted on the server: the events pair ignores the deletion (its status never paired the id), the tasks pair deletes it', async () => {
    const { inner, calendar, todo: list } = twoPairs();
    await calendar.run();
    await list.run();
    inner.remove('task-1.ics');
    const e = await calendar.run();
    expect(e.listing.a).toBe('incremental'); // the deletion reached the events pair
    expect(e.actions).toEqual([]);
    expect(e.b.deleted + e.a.deleted + e.a.errors + e.b.errors).toBe(0);
    expect(calendar.b.all()).toHaveLength(3);
    const t = await list.run();
    expect(t.b.deleted).toBe(1);
    expect(uids(list.b)).toEqual(['task-2']);
  });

  test('a task edited on the other side comes back into the same server item; the events pair then writes nothing', async () => {
    const { inner, calendar, todo: list } = twoPairs();
    await calendar.run();
    await list.run();
    const copy = list.b.all().find((it) => it.data.includes('UID:task-2'))!;
    list.b.put(copy.id, copy.data.replace('SUMMARY:Tâche 2', 'SUMMARY:Tâche 2 relue'));
    const t = await list.run();
    expect(t.a.updated).toBe(1);
    expect(inner.get('task-2.ics')?.data).toContain('SUMMARY:Tâche 2 relue');
    expect(inner.all()).toHaveLength(5);
    const e = await calendar.run();
    expect(e.actions).toEqual([]);
  });

  test('an unreadable task is reported by both pairs, deleted nowhere, and synced once readable', async () => {
    let failing = true;
    const { calendar, todo: list } = twoPairs({ failReads: (id) => failing && id === 'task-2.ics' });
    const e = await calendar.run();
    const t = await list.run();
    expect(e.unreadable).toBe(1);
    expect(t.unreadable).toBe(1);
    expect(uids(list.b)).toEqual(['task-1']);
    failing = false;
    await calendar.run();
    await list.run();
    expect(uids(calendar.b).sort()).toEqual(['event-1', 'event-2', 'event-3']);
    expect(uids(list.b).sort()).toEqual(['task-1', 'task-2']);
  });
});
