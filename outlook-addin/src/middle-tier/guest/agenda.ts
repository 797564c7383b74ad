/**
 * The agenda view's data: occurrences of the feed's events within a window (recurrences expanded with ical.js, every
 * VTIMEZONE registered first so local times convert correctly), and the open tasks. Expansion is bounded per event,
 * so a pathological rule (every second for years) cannot pin the CPU.
 */
import ICAL from 'ical.js';
import { BUSY_SUMMARY, isPrivate } from './ics-feed.js';

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;

export interface Occurrence {
  start: Date;
  end: Date;
  /** All-day items carry their calendar date ("2026-11-22"), never shifted by time zones. */
  allDayDate: string | undefined;
  allDayEndDate: string | undefined;
  summary: string;
  location: string | undefined;
  busyOnly: boolean;
  cancelled: boolean;
}

export interface Task {
  summary: string;
  due: Date | undefined;
  dueDate: string | undefined;
  busyOnly: boolean;
}

export interface Agenda {
  occurrences: Occurrence[];
  tasks: Task[];
  truncated: boolean;
}

const MAX_ITERATIONS_PER_EVENT = 5000;
const MAX_OCCURRENCES = 2000;

function registerTimezones(root: Component): void {
  for (const tz of root.getAllSubcomponents('vtimezone')) {
    try {
      ICAL.TimezoneService.register(tz);
    } catch {
      // A malformed VTIMEZONE: times in that zone fall back to floating, which beats dropping the calendar.
    }
  }
}

const dateOnly = (t: Time): string =>
  `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;

function text(item: Component, name: string): string | undefined {
  const v = item.getFirstPropertyValue(name);
  return v === null || v === undefined || v === '' ? undefined : String(v);
}

export function buildAgenda(root: Component, windowStart: Date, windowEnd: Date): Agenda {
  registerTimezones(root);
  const occurrences: Occurrence[] = [];
  let truncated = false;
  const start = ICAL.Time.fromJSDate(windowStart, true);
  const end = ICAL.Time.fromJSDate(windowEnd, true);

  // Masters and their exceptions (same UID, with RECURRENCE-ID) are related so moved instances move.
  const byUid = new Map<string, { master?: Component; exceptions: Component[] }>();
  for (const ev of root.getAllSubcomponents('vevent')) {
    const uid = text(ev, 'uid') ?? `no-uid-${byUid.size}`;
    const entry = byUid.get(uid) ?? { exceptions: [] };
    if (ev.hasProperty('recurrence-id')) entry.exceptions.push(ev);
    else entry.master = ev;
    byUid.set(uid, entry);
  }

  for (const { master, exceptions } of byUid.values()) {
    const base = master ?? exceptions[0];
    if (!base) continue;
    let event: InstanceType<typeof ICAL.Event>;
    try {
      event = new ICAL.Event(base);
      if (master) for (const ex of exceptions) event.relateException(ex);
    } catch {
      continue;
    }
    if (!event.startDate) continue;
    const push = (item: InstanceType<typeof ICAL.Event>, s: Time, e: Time) => {
      const busyOnly = isPrivate(item.component);
      const allDay = s.isDate;
      occurrences.push({
        start: s.toJSDate(),
        end: e.toJSDate(),
        allDayDate: allDay ? dateOnly(s) : undefined,
        allDayEndDate: allDay ? dateOnly(e) : undefined,
        summary: busyOnly ? BUSY_SUMMARY : item.summary || '',
        location: busyOnly ? undefined : item.location || undefined,
        busyOnly,
        cancelled: String(item.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED',
      });
    };
    try {
      if (!event.isRecurring()) {
        const s = event.startDate;
        const e = event.endDate ?? s;
        if (e.compare(start) > 0 && s.compare(end) < 0) push(event, s, e);
        continue;
      }
      const it = event.iterator();
      for (let i = 0; i < MAX_ITERATIONS_PER_EVENT; i++) {
        const next = it.next();
        if (!next) break;
        if (next.compare(end) >= 0) break;
        const d = event.getOccurrenceDetails(next);
        if (d.endDate.compare(start) > 0 && d.startDate.compare(end) < 0) push(d.item, d.startDate, d.endDate);
        if (i === MAX_ITERATIONS_PER_EVENT - 1) truncated = true;
      }
    } catch {
      // An unreadable recurrence rule: skip that event, keep the others.
    }
  }
  occurrences.sort((a, b) => a.start.getTime() - b.start.getTime());
  if (occurrences.length > MAX_OCCURRENCES) {
    occurrences.length = MAX_OCCURRENCES;
    truncated = true;
  }

  const tasks: Task[] = [];
  for (const todo of root.getAllSubcomponents('vtodo')) {
    const status = String(todo.getFirstPropertyValue('status') ?? '').toUpperCase();
    if (status === 'COMPLETED' || status === 'CANCELLED') continue;
    const busyOnly = isPrivate(todo);
    const due = todo.getFirstPropertyValue('due') as Time | null;
    tasks.push({
      summary: busyOnly ? BUSY_SUMMARY : (text(todo, 'summary') ?? ''),
      due: due && !due.isDate ? due.toJSDate() : undefined,
      dueDate: due ? dateOnly(due) : undefined,
      busyOnly,
    });
  }
  tasks.sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
  return { occurrences, tasks, truncated };
}
