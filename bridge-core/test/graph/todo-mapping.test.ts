// VTODO <-> Microsoft To Do task (Graph todoTask), rule by rule: the README's To Do rows.
import { icalToTodo, todoToIcal, type GraphTodoRead } from '../../src/graph/todo-mapping.js';
import { calendar, todoLines } from '../../../test/support/items';

const task = (
  extra: string[],
  o: { due?: string; status?: 'NEEDS-ACTION' | 'IN-PROCESS' | 'COMPLETED' | 'CANCELLED' } = {},
) =>
  calendar(
    ...todoLines({
      uid: 'tache-equipe-1',
      summary: 'Préparer la revue, équipe technique',
      stamp: '20261101T080000Z',
      ...(o.due !== undefined ? { due: o.due } : { due: '20261204', allDay: true }),
      status: o.status ?? 'NEEDS-ACTION',
      extra,
    }),
  );

/** What To Do would answer after a create with this body (ids and read-only fields added). */
const asRead = (t: ReturnType<typeof icalToTodo>['task']): GraphTodoRead => ({
  id: 'AAkALgTask1',
  '@odata.etag': 'W/"1"',
  ...t,
});

describe('VTODO -> To Do task', () => {
  test('title, description, status, priority, due day, completed, categories', () => {
    const {
      uid,
      task: t,
      downgrades,
    } = icalToTodo(
      task(
        ['DESCRIPTION:Ordre du jour\\, salle B', 'PRIORITY:2', 'CATEGORIES:Revue,Équipe', 'COMPLETED:20261203T101500Z'],
        {
          status: 'COMPLETED',
        },
      ),
      { category: 'Équipe technique' },
    );
    expect(uid).toBe('tache-equipe-1');
    expect(t).toMatchObject({
      title: 'Préparer la revue, équipe technique',
      body: { contentType: 'text', content: 'Ordre du jour, salle B' },
      status: 'completed',
      importance: 'high',
      dueDateTime: { dateTime: '2026-12-04T00:00:00.0000000', timeZone: 'UTC' },
      completedDateTime: { dateTime: '2026-12-03T10:15:00.0000000', timeZone: 'UTC' },
      categories: ['Équipe technique', 'Revue', 'Équipe'],
      isReminderOn: false,
      recurrence: null,
    });
    expect(downgrades).toEqual([]);
  });

  test('statuses and priorities map onto To Do values; CANCELLED is shown deferred and reported', () => {
    expect(icalToTodo(task([], { status: 'IN-PROCESS' })).task.status).toBe('inProgress');
    expect(icalToTodo(task(['PRIORITY:5'])).task.importance).toBe('normal');
    expect(icalToTodo(task(['PRIORITY:9'])).task.importance).toBe('low');
    const cancelled = icalToTodo(task([], { status: 'CANCELLED' }));
    expect(cancelled.task.status).toBe('deferred');
    expect(cancelled.downgrades).toEqual([{ code: 'task-cancelled' }]);
  });

  test('a due time of day is reported (To Do keeps the day); a reminder relative to DUE becomes its instant', () => {
    const { task: t, downgrades } = icalToTodo(
      task(
        [
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          'DESCRIPTION:Rappel',
          'TRIGGER;RELATED=END:-PT30M',
          'END:VALARM',
          'BEGIN:VALARM',
          'ACTION:AUDIO',
          'TRIGGER;RELATED=END:-P1D',
          'END:VALARM',
        ],
        { due: '20261204T170000Z' },
      ),
    );
    expect(t.dueDateTime).toEqual({ dateTime: '2026-12-04T00:00:00.0000000', timeZone: 'UTC' });
    expect(t.isReminderOn).toBe(true);
    expect(t.reminderDateTime).toEqual({ dateTime: '2026-12-04T16:30:00.0000000', timeZone: 'UTC' });
    expect(downgrades).toEqual([
      { code: 'due-time-dropped', due: '20261204T170000Z' },
      { code: 'task-reminder-dropped', count: 1 },
    ]);
  });

  test('a weekly rule is a To Do recurrence; an hourly one is reported and not sent', () => {
    const weekly = icalToTodo(task(['RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=4'])).task.recurrence;
    expect(weekly).toMatchObject({
      pattern: { type: 'weekly', interval: 1, daysOfWeek: ['friday'] },
      range: { type: 'numbered', numberOfOccurrences: 4 },
    });
    const hourly = icalToTodo(task(['RRULE:FREQ=HOURLY;INTERVAL=4']));
    expect(hourly.task.recurrence).toBeNull();
    expect(hourly.downgrades).toEqual([{ code: 'task-recurrence-not-expressible', rule: 'FREQ=HOURLY;INTERVAL=4' }]);
  });

  test('text that holds no task is refused with the catalog key (nothing is sent)', () => {
    expect(() => icalToTodo('<html>Service unavailable</html>')).toThrow('graph.no-task');
  });
});

describe('To Do task -> VTODO', () => {
  const rich = task([
    'CLASS:CONFIDENTIAL',
    'PRIORITY:3',
    'DESCRIPTION:Ordre du jour',
    'RRULE:FREQ=WEEKLY;BYDAY=FR',
    'ATTENDEE;CN=Alexandre:mailto:alexandre@example.org',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'DESCRIPTION:Rappel',
    'TRIGGER;VALUE=DATE-TIME:20261204T070000Z',
    'END:VALARM',
    'BEGIN:VALARM',
    'ACTION:EMAIL',
    'TRIGGER;VALUE=DATE-TIME:20261203T070000Z',
    'END:VALARM',
  ]);

  test('a task To Do did not change comes back byte for byte, with what To Do cannot hold', () => {
    const { task: t } = icalToTodo(rich, { category: 'Équipe technique' });
    expect(todoToIcal(asRead(t), { uid: 'tache-equipe-1', original: rich, category: 'Équipe technique' })).toBe(rich);
  });

  test('edits made in To Do replace their own lines only; the rest is kept as written', () => {
    const { task: t } = icalToTodo(rich);
    const edited: GraphTodoRead = {
      ...asRead(t),
      title: 'Revue faite',
      status: 'completed',
      completedDateTime: { dateTime: '2026-12-04T09:30:00.0000000', timeZone: 'UTC' },
      importance: 'low',
      dueDateTime: { dateTime: '2026-12-11T00:00:00.0000000', timeZone: 'UTC' },
      body: { contentType: 'html', content: '<p>Ordre du jour <b>révisé</b></p>' },
    };
    const back = todoToIcal(edited, { uid: 'tache-equipe-1', original: rich });
    expect(back).toContain('SUMMARY:Revue faite');
    expect(back).toContain('STATUS:COMPLETED');
    expect(back).toContain('COMPLETED:20261204T093000Z');
    expect(back).toContain('PRIORITY:9');
    expect(back).toContain('DUE;VALUE=DATE:20261211');
    expect(back).toContain('DESCRIPTION:Ordre du jour révisé');
    // Not To Do's to change: kept exactly.
    expect(back).toContain('CLASS:CONFIDENTIAL');
    expect(back).toContain('RRULE:FREQ=WEEKLY;BYDAY=FR');
    expect(back).toContain('ATTENDEE;CN=Alexandre:mailto:alexandre@example.org');
    expect(back).toContain('TRIGGER;VALUE=DATE-TIME:20261203T070000Z');
    expect(back).not.toContain('PRIORITY:3');
    expect(back.match(/BEGIN:VTODO/g)).toHaveLength(1);
  });

  test('a reminder changed in To Do replaces the first alarm only; turned off, it goes', () => {
    const { task: t } = icalToTodo(rich);
    const moved = todoToIcal(
      { ...asRead(t), reminderDateTime: { dateTime: '2026-12-04T08:00:00.0000000', timeZone: 'UTC' } },
      { uid: 'tache-equipe-1', original: rich },
    );
    expect(moved).toContain('TRIGGER;VALUE=DATE-TIME:20261204T080000Z');
    expect(moved).not.toContain('TRIGGER;VALUE=DATE-TIME:20261204T070000Z');
    expect(moved).toContain('TRIGGER;VALUE=DATE-TIME:20261203T070000Z');
    const off = todoToIcal({ ...asRead(t), isReminderOn: false }, { uid: 'tache-equipe-1', original: rich });
    expect(off.match(/BEGIN:VALARM/g)).toHaveLength(1);
  });

  test('a task made in To Do (no text kept) becomes a complete VTODO with its UID', () => {
    const back = todoToIcal(
      {
        id: 'AAkALgTask2',
        title: 'Appeler François',
        status: 'inProgress',
        importance: 'high',
        dueDateTime: { dateTime: '2026-12-05T00:00:00.0000000', timeZone: 'UTC' },
        recurrence: {
          pattern: { type: 'daily', interval: 2 },
          range: { type: 'noEnd', startDate: '2026-12-05' },
        },
        lastModifiedDateTime: '2026-12-01T10:00:00Z',
      },
      { uid: 'AAkALgTask2' },
    );
    expect(back).toMatch(/^BEGIN:VCALENDAR\r\n/);
    for (const line of [
      'UID:AAkALgTask2',
      'SUMMARY:Appeler François',
      'STATUS:IN-PROCESS',
      'PRIORITY:1',
      'DUE;VALUE=DATE:20261205',
      'RRULE:FREQ=DAILY;INTERVAL=2',
      'DTSTAMP:20261201T100000Z',
    ]) {
      expect(back).toContain(line);
    }
    expect(icalToTodo(back).uid).toBe('AAkALgTask2');
  });
});
