/**
 * iCalendar VTODO <-> Microsoft To Do task (Graph `todoTask`, v1.0), rule by rule (the README's rule table).
 *
 * Same two principles as the event mapping: the store keeps the iCalendar text the bridge last wrote (in an
 * open extension of the task), and reading back, a rule whose To Do value still equals what that text maps to
 * keeps the original lines untouched: a task To Do did not change comes back byte for byte, and what To Do
 * cannot hold (CLASS, several alarms, attendees, a rule To Do cannot repeat...) stays exact on the DAV side.
 * What To Do shows differently is reported as a downgrade (a catalog message), never silently.
 */
import type { TodoDowngrade } from '../i18n/graph-items.messages.js';
import {
  foldLine,
  parseComponents,
  parseLine,
  unfold,
  type Component,
  type ContentLine,
} from '../sync/content-lines.js';
import type { GraphDateTime, GraphRecurrence } from './graph-types.js';
import { bodyText, escapeText, unescapeText } from './mapping.js';
import { graphToRrule, rruleToGraph, type SeriesStart } from './recurrence.js';
import { instantOf, type Wall } from './zones.js';

/** A text the mapping cannot send at all (not a task, not a contact): a per-item error, nothing lost. */
export class ItemMappingError extends Error {
  constructor(readonly key: 'graph.no-task' | 'graph.no-contact') {
    super(key);
    this.name = 'ItemMappingError';
  }
}

export type TodoStatus = 'notStarted' | 'inProgress' | 'completed' | 'waitingOnOthers' | 'deferred';
export type TodoImportance = 'low' | 'normal' | 'high';

/** What the bridge writes to a todoTask (never anything To Do would show as someone else's). */
export interface GraphTodoWrite {
  title: string;
  body: { contentType: 'text' | 'html'; content: string };
  status: TodoStatus;
  importance: TodoImportance;
  dueDateTime: GraphDateTime | null;
  completedDateTime: GraphDateTime | null;
  isReminderOn: boolean;
  reminderDateTime: GraphDateTime | null;
  recurrence: GraphRecurrence | null;
  categories: string[];
}

/** What Graph returns for a todoTask (the fields the bridge reads). */
export interface GraphTodoRead extends Partial<GraphTodoWrite> {
  id: string;
  '@odata.etag'?: string;
  lastModifiedDateTime?: string;
  linkedResources?: { applicationName?: string; externalId?: string; displayName?: string }[];
  extensions?: { extensionName?: string; id?: string; ical?: string }[];
  '@removed'?: { reason: string };
}

export interface TodoToGraphResult {
  uid: string;
  task: GraphTodoWrite;
  downgrades: TodoDowngrade[];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const prop = (c: Component, name: string) => c.props.find((l) => l.name === name);
const param = (l: ContentLine, name: string) => l.params.find(([k]) => k === name)?.[1]?.replace(/^"|"$/g, '');

const STATUS_TO_GRAPH: Record<string, TodoStatus> = {
  'NEEDS-ACTION': 'notStarted',
  'IN-PROCESS': 'inProgress',
  COMPLETED: 'completed',
  // To Do has no "cancelled": the closest is "deferred" (not done, set aside); reported.
  CANCELLED: 'deferred',
};
const STATUS_FROM_GRAPH: Record<TodoStatus, string> = {
  notStarted: 'NEEDS-ACTION',
  inProgress: 'IN-PROCESS',
  completed: 'COMPLETED',
  waitingOnOthers: 'IN-PROCESS',
  deferred: 'NEEDS-ACTION',
};

/** RFC 5545 PRIORITY: 1-4 high, 5 medium, 6-9 low, 0 or none undefined. */
function importanceOf(priority: string | undefined): TodoImportance {
  const n = Number(priority ?? '0');
  if (n >= 1 && n <= 4) return 'high';
  if (n >= 6 && n <= 9) return 'low';
  return 'normal';
}
const PRIORITY_OF: Record<TodoImportance, string | undefined> = { high: '1', normal: undefined, low: '9' };

interface Parsed {
  wall: Wall;
  kind: 'date' | 'utc' | 'zoned' | 'floating';
  tzid?: string;
}

function parseTime(l: ContentLine): Parsed | undefined {
  const m = l.value.match(/^(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)(Z)?)?$/);
  if (!m) return undefined;
  const wall: Wall = { y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +(m[4] ?? 0), mi: +(m[5] ?? 0), s: +(m[6] ?? 0) };
  if (m[4] === undefined) return { wall, kind: 'date' };
  if (m[7]) return { wall, kind: 'utc' };
  const tzid = param(l, 'TZID');
  return tzid ? { wall, kind: 'zoned', tzid } : { wall, kind: 'floating' };
}

/** An instant for a parsed time (a floating or date time is read in UTC: To Do keeps no zone for tasks). */
function instantMs(t: Parsed): number {
  if (t.kind === 'zoned' && t.tzid) {
    try {
      return instantOf(t.wall, t.tzid);
    } catch {
      // a TZID that is not an IANA zone: read as UTC, the DAV side keeps the exact line
    }
  }
  const w = t.wall;
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
}

const graphUtc = (ms: number): GraphDateTime => {
  const d = new Date(ms);
  return {
    dateTime: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.0000000`,
    timeZone: 'UTC',
  };
};
const graphDate = (w: Wall): GraphDateTime => ({
  dateTime: `${w.y}-${pad(w.mo)}-${pad(w.d)}T00:00:00.0000000`,
  timeZone: 'UTC',
});

/** Graph dateTimeTimeZone -> instant (the bridge always writes UTC; Graph answers in UTC unless asked otherwise). */
function msOfGraph(t: GraphDateTime): number {
  const m = t.dateTime.match(/^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)/);
  if (!m) return NaN;
  const wall: Wall = { y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: +m[6]! };
  if (t.timeZone === 'UTC' || t.timeZone === 'Etc/GMT')
    return Date.UTC(wall.y, wall.mo - 1, wall.d, wall.h, wall.mi, wall.s);
  try {
    return instantOf(wall, t.timeZone);
  } catch {
    return Date.UTC(wall.y, wall.mo - 1, wall.d, wall.h, wall.mi, wall.s);
  }
}
const icsUtc = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
};

/** "-PT15M", "P1D", "-P1DT2H" -> milliseconds. */
function durationMs(v: string): number | undefined {
  const m = v.match(/^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/);
  if (!m) return undefined;
  const [, sign, w, d, h, mi, s] = m;
  const ms = ((+(w ?? 0) * 7 + +(d ?? 0)) * 86400 + +(h ?? 0) * 3600 + +(mi ?? 0) * 60 + +(s ?? 0)) * 1000;
  return sign === '-' ? -ms : ms;
}

/** The first VTODO of a VCALENDAR text; a clear mapping error when there is none. */
function vtodoOf(ical: string): Component {
  const cal = parseComponents(ical).children.find((c) => c.name === 'VCALENDAR');
  const todo = cal?.children.find((c) => c.name === 'VTODO');
  if (!todo) throw new ItemMappingError('graph.no-task');
  return todo;
}

/** The reminder of the first VALARM: absolute, or relative to DUE (or DTSTART) when that is a date-time. */
function reminderOf(todo: Component): { at?: number; dropped: number } {
  const alarms = todo.children.filter((c) => c.name === 'VALARM');
  if (alarms.length === 0) return { dropped: 0 };
  const trigger = prop(alarms[0]!, 'TRIGGER');
  let at: number | undefined;
  if (trigger) {
    if (param(trigger, 'VALUE') === 'DATE-TIME') {
      const t = parseTime(trigger);
      if (t) at = instantMs(t);
    } else {
      const offset = durationMs(trigger.value);
      const anchorLine =
        param(trigger, 'RELATED') === 'END' ? prop(todo, 'DUE') : (prop(todo, 'DTSTART') ?? prop(todo, 'DUE'));
      const anchor = anchorLine && parseTime(anchorLine);
      if (offset !== undefined && anchor && anchor.kind !== 'date') at = instantMs(anchor) + offset;
    }
  }
  return at === undefined ? { dropped: alarms.length } : { at, dropped: alarms.length - 1 };
}

/** iCalendar VTODO -> the todoTask body, and what To Do will show differently. */
export function icalToTodo(ical: string, opts: { category?: string } = {}): TodoToGraphResult {
  const todo = vtodoOf(ical);
  const uid = prop(todo, 'UID')?.value ?? '';
  if (!uid) throw new ItemMappingError('graph.no-task');
  const downgrades: TodoDowngrade[] = [];
  const text = (name: string) => {
    const l = prop(todo, name);
    return l ? unescapeText(l.value) : '';
  };

  const statusValue = (prop(todo, 'STATUS')?.value ?? 'NEEDS-ACTION').toUpperCase();
  const status = STATUS_TO_GRAPH[statusValue] ?? 'notStarted';
  if (statusValue === 'CANCELLED') downgrades.push({ code: 'task-cancelled' });

  const dueLine = prop(todo, 'DUE');
  const due = dueLine ? parseTime(dueLine) : undefined;
  let dueDateTime: GraphDateTime | null = null;
  if (due) {
    // To Do keeps a due DAY: the date as the DAV side reads it (its own zone), a time of day is not shown.
    dueDateTime = graphDate(due.wall);
    if (due.kind !== 'date' && (due.wall.h || due.wall.mi || due.wall.s)) {
      downgrades.push({ code: 'due-time-dropped', due: dueLine!.value });
    }
  }

  const completedLine = prop(todo, 'COMPLETED');
  const completed = completedLine ? parseTime(completedLine) : undefined;

  const reminder = reminderOf(todo);
  if (reminder.dropped > 0) downgrades.push({ code: 'task-reminder-dropped', count: reminder.dropped });

  let recurrence: GraphRecurrence | null = null;
  const rrule = prop(todo, 'RRULE')?.value;
  if (rrule) {
    const anchor = due ?? (prop(todo, 'DTSTART') ? parseTime(prop(todo, 'DTSTART')!) : undefined);
    const result = anchor
      ? rruleToGraph(rrule, seriesStart(anchor))
      : { notExpressible: 'no DUE or DTSTART to repeat from' };
    if ('recurrence' in result) recurrence = result.recurrence;
    else downgrades.push({ code: 'task-recurrence-not-expressible', rule: rrule });
  }
  if (prop(todo, 'RDATE') || prop(todo, 'EXDATE'))
    downgrades.push({ code: 'task-recurrence-not-expressible', rule: 'RDATE/EXDATE' });

  const categories = todo.props
    .filter((l) => l.name === 'CATEGORIES')
    .flatMap((l) => l.value.split(/(?<!\\),/).map(unescapeText))
    .filter((c) => c.length > 0);
  const withCategory =
    opts.category && !categories.includes(opts.category) ? [opts.category, ...categories] : categories;

  return {
    uid,
    downgrades,
    task: {
      title: text('SUMMARY'),
      body: { contentType: 'text', content: text('DESCRIPTION') },
      status,
      importance: importanceOf(prop(todo, 'PRIORITY')?.value),
      dueDateTime,
      completedDateTime: completed ? graphUtc(instantMs(completed)) : null,
      isReminderOn: reminder.at !== undefined,
      reminderDateTime: reminder.at !== undefined ? graphUtc(reminder.at) : null,
      recurrence,
      categories: withCategory,
    },
  };
}

function seriesStart(t: Parsed): SeriesStart {
  return {
    wall: t.wall,
    allDay: true, // To Do repeats days: a task's due is a date
    zone: t.kind === 'zoned' ? t.tzid : t.kind === 'utc' ? 'UTC' : undefined,
    graphZone: 'UTC',
  };
}

// ---- reading back ---------------------------------------------------------------------------------------------

const sameDay = (a: GraphDateTime | null | undefined, b: GraphDateTime | null | undefined) =>
  (a?.dateTime.slice(0, 10) ?? '') === (b?.dateTime.slice(0, 10) ?? '');
const sameInstant = (a: GraphDateTime | null | undefined, b: GraphDateTime | null | undefined) =>
  (a ? Math.floor(msOfGraph(a) / 1000) : -1) === (b ? Math.floor(msOfGraph(b) / 1000) : -1);
const sameRecurrence = (a: GraphRecurrence | null | undefined, b: GraphRecurrence | null | undefined) => {
  if (!a || !b) return !a === !b;
  const norm = (r: GraphRecurrence) =>
    JSON.stringify([
      r.pattern.type,
      r.pattern.interval,
      [...(r.pattern.daysOfWeek ?? [])].sort(),
      r.pattern.dayOfMonth ?? 0,
      r.pattern.month ?? 0,
      r.pattern.index ?? '',
      r.range.type,
      r.range.endDate ?? '',
      r.range.numberOfOccurrences ?? 0,
    ]);
  return norm(a) === norm(b);
};

/** One rule's lines, rewritten when To Do's value is no longer what the original maps to. */
export interface Edit {
  names: string[];
  lines: string[];
}

export interface TodoFromGraphOptions {
  uid: string;
  /** The iCalendar text the bridge last wrote (the task's open extension), when there is one. */
  original?: string | undefined;
  category?: string;
}

/** todoTask -> iCalendar VTODO: the original text with only the rules To Do changed rewritten. */
export function todoToIcal(task: GraphTodoRead, opts: TodoFromGraphOptions): string {
  let before: GraphTodoWrite | undefined;
  if (opts.original) {
    try {
      before = icalToTodo(opts.original, opts.category ? { category: opts.category } : {}).task;
    } catch {
      before = undefined; // an original that is no task: rebuilt from To Do
    }
  }
  const edits: Edit[] = [];
  const changed = <K extends keyof GraphTodoWrite>(
    k: K,
    same: (a: GraphTodoWrite[K] | undefined, b: GraphTodoWrite[K] | undefined) => boolean,
  ) => !before || !same(before[k], task[k] as GraphTodoWrite[K] | undefined);
  const eq = <T>(a: T, b: T) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

  if (changed('title', (a, b) => (a ?? '') === (b ?? ''))) {
    edits.push({ names: ['SUMMARY'], lines: task.title ? [`SUMMARY:${escapeText(task.title)}`] : [] });
  }
  const body = bodyText(task.body);
  if (!before || bodyText(before.body) !== body) {
    edits.push({ names: ['DESCRIPTION'], lines: body ? [`DESCRIPTION:${escapeText(body)}`] : [] });
  }
  if (changed('status', (a, b) => (a ?? 'notStarted') === (b ?? 'notStarted'))) {
    edits.push({ names: ['STATUS'], lines: [`STATUS:${STATUS_FROM_GRAPH[task.status ?? 'notStarted']}`] });
  }
  if (changed('importance', (a, b) => (a ?? 'normal') === (b ?? 'normal'))) {
    const p = PRIORITY_OF[task.importance ?? 'normal'];
    edits.push({ names: ['PRIORITY'], lines: p ? [`PRIORITY:${p}`] : [] });
  }
  if (changed('dueDateTime', sameDay)) {
    const d = task.dueDateTime?.dateTime;
    edits.push({
      names: ['DUE'],
      lines: d ? [`DUE;VALUE=DATE:${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}`] : [],
    });
  }
  if (changed('completedDateTime', sameInstant)) {
    const c = task.completedDateTime;
    edits.push({ names: ['COMPLETED'], lines: c ? [`COMPLETED:${icsUtc(msOfGraph(c))}`] : [] });
  }
  const reminderOn = (t: Partial<GraphTodoWrite> | undefined) =>
    t?.isReminderOn ? (t.reminderDateTime ?? null) : null;
  if (!before || !sameInstant(reminderOn(before), reminderOn(task))) {
    const at = reminderOn(task);
    edits.push({
      names: ['VALARM'],
      lines: at
        ? [
            'BEGIN:VALARM',
            'ACTION:DISPLAY',
            `DESCRIPTION:${escapeText(task.title ?? '')}`,
            `TRIGGER;VALUE=DATE-TIME:${icsUtc(msOfGraph(at))}`,
            'END:VALARM',
          ]
        : [],
    });
  }
  if (changed('recurrence', sameRecurrence)) {
    const r = task.recurrence;
    const due = task.dueDateTime?.dateTime ?? r?.range.startDate ?? '2000-01-01';
    const wall: Wall = { y: +due.slice(0, 4), mo: +due.slice(5, 7), d: +due.slice(8, 10), h: 0, mi: 0, s: 0 };
    edits.push({
      names: ['RRULE'],
      lines: r ? [`RRULE:${graphToRrule(r, { wall, allDay: true, zone: 'UTC', graphZone: 'UTC' })}`] : [],
    });
  }
  const categories = (task.categories ?? []).filter((c) => c !== opts.category);
  if (
    !before ||
    !eq(
      (before.categories ?? []).filter((c) => c !== opts.category),
      categories,
    )
  ) {
    edits.push({
      names: ['CATEGORIES'],
      lines: categories.length ? [`CATEGORIES:${categories.map(escapeText).join(',')}`] : [],
    });
  }

  if (before && edits.length === 0) return opts.original!;
  const base =
    before && opts.original
      ? opts.original
      : [
          'BEGIN:VCALENDAR',
          'VERSION:2.0',
          'PRODID:-//DAV Bridge//Microsoft To Do//EN',
          'BEGIN:VTODO',
          `UID:${escapeText(opts.uid)}`,
          `DTSTAMP:${icsUtc(Date.parse(task.lastModifiedDateTime ?? '') || 0)}`,
          'END:VTODO',
          'END:VCALENDAR',
        ].join('\r\n');
  return applyEdits(base, 'VTODO', edits);
}

/**
 * Rewrites, in the first `component` of the text, the properties (or, for a name that is a component such as
 * VALARM, the first such sub-component) each edit names; every other line is kept as written. Shared with the
 * contact mapping.
 */
export function applyEdits(text: string, component: string, edits: Edit[]): string {
  const lines = unfold(text);
  const begin = lines.findIndex((l) => l.toUpperCase() === `BEGIN:${component}`);
  if (begin < 0) return text;
  let end = begin + 1;
  let depth = 0;
  for (; end < lines.length; end++) {
    const upper = lines[end]!.toUpperCase();
    if (upper.startsWith('BEGIN:')) depth++;
    else if (upper.startsWith('END:')) {
      if (depth === 0) break;
      depth--;
    }
  }
  // Which own lines (depth 0) or sub-components each edit replaces; the new lines go where the first old one was.
  const drop = new Set<number>();
  const insertAt = new Map<number, string[]>();
  const tail: string[] = [];
  for (const edit of edits) {
    let first: number | undefined;
    let d = 0;
    let seenComponent = false;
    for (let i = begin + 1; i < end; i++) {
      const raw = lines[i]!;
      const upper = raw.toUpperCase();
      if (upper.startsWith('BEGIN:')) {
        const name = upper.slice(6);
        if (d === 0 && edit.names.includes(name) && !seenComponent) {
          seenComponent = true;
          first ??= i;
          let j = i;
          for (let dd = 0; j < end; j++) {
            const u = lines[j]!.toUpperCase();
            if (u.startsWith('BEGIN:')) dd++;
            else if (u.startsWith('END:') && --dd === 0) break;
          }
          for (let k = i; k <= j; k++) drop.add(k);
          i = j;
          continue;
        }
        d++;
        continue;
      }
      if (upper.startsWith('END:')) {
        d--;
        continue;
      }
      // A grouped line (Apple's item1.TEL) is its property too: replaced like the others.
      if (d === 0 && edit.names.includes(parseLine(raw).name)) {
        first ??= i;
        drop.add(i);
      }
    }
    if (first === undefined) tail.push(...edit.lines);
    else insertAt.set(first, [...(insertAt.get(first) ?? []), ...edit.lines]);
  }
  const out: string[] = [];
  lines.forEach((l, i) => {
    const inserted = insertAt.get(i);
    if (inserted) out.push(...inserted);
    if (i === end) out.push(...tail);
    if (!drop.has(i)) out.push(l);
  });
  return `${out.map(foldLine).join('\r\n')}\r\n`;
}
