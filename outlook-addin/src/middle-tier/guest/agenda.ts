/**
 * The agenda view's data: occurrences of the feed's events within a window, and the open tasks.
 *
 * - Each UID is expanded alone (its own VCALENDAR, its own exceptions): ical.js otherwise relates every
 *   RECURRENCE-ID of the whole feed to every series, and one override would take over other series.
 * - Every VTIMEZONE is registered first (an unregistered TZID silently reads as floating); a floating time has no
 *   zone and is read in the display zone, so it is shown exactly as written.
 * - DTEND-based durations are exact, DURATION's days and weeks are nominal and its hours/minutes/seconds exact
 *   (RFC 5545 §3.3.6): "PT3H" across the autumn change lasts 3 hours, not 4.
 * - Work is bounded: a series started years ago jumps close to the window instead of iterating from its start,
 *   each series and the whole request have an iteration budget, and the async form yields to the event loop
 *   between slices so one pathological calendar cannot stall the server's other requests.
 * - A rule ical.js would iterate for ever (30 February...) is never iterated (core's BoundedInstances): its series
 *   is listed once in `notExpandable`, with its first instance shown when it falls in the window.
 */
import ICAL from 'ical.js';
import { BoundedInstances, type RecurrenceProblem } from '@dav-bridge/core/feed';
import { BUSY_SUMMARY, isPrivate } from './privacy.js';
import { wallClockToInstant } from './zones.js';

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;
type Duration = InstanceType<typeof ICAL.Duration>;

export interface Occurrence {
  start: Date;
  end: Date;
  /** All-day items carry their calendar date ("2026-11-22"), never shifted by time zones. */
  allDayDate: string | undefined;
  /** Exclusive end date of an all-day item ("2026-11-23" for a one-day item). */
  allDayEndDate: string | undefined;
  summary: string;
  location: string | undefined;
  busyOnly: boolean;
  cancelled: boolean;
  /** TRANSP:TRANSPARENT: the time stays free. */
  free: boolean;
}

export interface Task {
  summary: string;
  due: Date | undefined;
  dueDate: string | undefined;
  /** Due before now (and still open). */
  overdue: boolean;
  /** A repeating task: `due` is its next (or current) due date, not its first. */
  recurring: boolean;
  busyOnly: boolean;
}

/** A repeating series whose instances could not be worked out: shown once, with a note, never left out. */
export interface NotExpandable {
  summary: string;
  busyOnly: boolean;
  /** The series' first instance (DTSTART). */
  start: Date;
  allDayDate: string | undefined;
  problem: RecurrenceProblem;
}

export interface Agenda {
  occurrences: Occurrence[];
  tasks: Task[];
  truncated: boolean;
  notExpandable: NotExpandable[];
  /** Recurrence iterations spent (counted against the budget), so a caller can share one budget between builds. */
  steps: number;
  windowStart: Date;
  windowEnd: Date;
}

export interface AgendaOptions {
  windowStart: Date;
  windowEnd: Date;
  /** The zone the page shows times in; floating times are read in it so they show as written. */
  timeZone: string;
  /** "Now", for overdue tasks and the current instance of repeating tasks (defaults to windowStart). */
  now?: Date;
  /** Total recurrence iterations for the whole agenda (all series together). */
  budget?: number;
}

/** Iterations (all series together) one agenda may spend; beyond, the page says that some events are missing. */
export const DEFAULT_AGENDA_BUDGET = 10_000;
const MAX_ITERATIONS_PER_SERIES = 20_000;
const MIN_PER_SERIES = 20;
const MAX_OCCURRENCES = 2000;
/** Iterations between two yields to the event loop in the async form. */
const SLICE = 100;

const UNIT_SECONDS: Record<string, number> = {
  SECONDLY: 1,
  MINUTELY: 60,
  HOURLY: 3600,
  DAILY: 86_400,
  WEEKLY: 7 * 86_400,
};

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

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

function text(item: Component, name: string): string | undefined {
  const v = item.getFirstPropertyValue(name);
  return v === null || v === undefined || v === '' ? undefined : String(v);
}

function timeProp(item: Component, name: string): Time | undefined {
  const v = item.getFirstPropertyValue(name);
  return v instanceof ICAL.Time ? v : undefined;
}

const isFloating = (t: Time): boolean => !t.zone || t.zone === ICAL.Timezone.localTimezone;

/** The instant of a date-time: zoned and UTC times convert, floating ones are read in the display zone. */
function instantOf(t: Time, timeZone: string): number {
  if (t.isDate || isFloating(t)) {
    return wallClockToInstant(
      t.year,
      t.month,
      t.day,
      t.isDate ? 0 : t.hour,
      t.isDate ? 0 : t.minute,
      t.isDate ? 0 : t.second,
      timeZone,
    );
  }
  return t.toUnixTime() * 1000;
}

function durationOf(item: Component): Duration | undefined {
  const v = item.getFirstPropertyValue('duration');
  return v instanceof ICAL.Duration ? v : undefined;
}

/** Start and end of one occurrence of `item` starting at `start` (see the module note for the duration rules). */
function span(item: Component, start: Time, timeZone: string): { startMs: number; endMs: number; endDate?: string } {
  const dtstart = timeProp(item, 'dtstart');
  const dtend = timeProp(item, item.name === 'vtodo' ? 'due' : 'dtend');
  const duration = durationOf(item);
  const startMs = instantOf(start, timeZone);
  if (start.isDate) {
    let days = 1;
    if (dtend && dtstart && dtend.isDate) {
      days = Math.round(
        (Date.UTC(dtend.year, dtend.month - 1, dtend.day) - Date.UTC(dtstart.year, dtstart.month - 1, dtstart.day)) /
          86_400_000,
      );
    } else if (duration && !duration.isNegative) {
      days = duration.weeks * 7 + duration.days;
    }
    const endDate = addDays(dateOnly(start), Math.max(1, days));
    return { startMs, endMs: wallClockToInstant(...ymd(endDate), 0, 0, 0, timeZone), endDate };
  }
  if (dtend && dtstart && !dtend.isDate) {
    return { startMs, endMs: startMs + Math.max(0, instantOf(dtend, timeZone) - instantOf(dtstart, timeZone)) };
  }
  if (duration && !duration.isNegative) {
    const nominal = start.clone();
    nominal.adjust(duration.weeks * 7 + duration.days, 0, 0, 0);
    const exact = (duration.hours * 3600 + duration.minutes * 60 + duration.seconds) * 1000;
    return { startMs, endMs: instantOf(nominal, timeZone) + exact };
  }
  return { startMs, endMs: startMs };
}

function ymd(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 1970, m ?? 1, d ?? 1];
}

interface Run {
  opts: Required<AgendaOptions>;
  windowStartMs: number;
  windowEndMs: number;
  steps: number;
  perSeries: number;
  truncated: boolean;
  occurrences: Occurrence[];
  notExpandable: NotExpandable[];
  /** The series (index) of each occurrence, to trim fairly. */
  seriesIndex: number[];
  current: number;
}

function emit(run: Run, o: Occurrence | undefined): boolean {
  if (!o) return false;
  run.occurrences.push(o);
  run.seriesIndex.push(run.current);
  return true;
}

/**
 * Keeps at most `max` occurrences, taking from the series with the most first (every series keeps up to the same
 * number): cutting the sorted list at `max` would let 150 series repeating every second push every other event of
 * the window off the page.
 */
function trimFairly(run: Run, max: number): Occurrence[] {
  if (run.occurrences.length <= max) return run.occurrences;
  run.truncated = true;
  const counts = new Map<number, number>();
  for (const i of run.seriesIndex) counts.set(i, (counts.get(i) ?? 0) + 1);
  const sorted = [...counts.values()].sort((a, b) => a - b);
  // The largest per-series cap k with sum(min(count, k)) <= max.
  let cap = 0;
  let used = 0;
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i] ?? 0;
    const remaining = sorted.length - i;
    if (used + c * remaining <= max) {
      used += c;
      cap = c;
      continue;
    }
    cap = Math.max(cap, Math.floor((max - used) / remaining));
    break;
  }
  const kept = new Map<number, number>();
  // Occurrences of a series are pushed in time order: the first `cap` of each are its earliest.
  return run.occurrences.filter((_, j) => {
    const series = run.seriesIndex[j] ?? 0;
    const n = kept.get(series) ?? 0;
    if (n >= cap) return false;
    kept.set(series, n + 1);
    return true;
  });
}

/**
 * Where to start iterating a rule so that its first produced instance ends before the window: a whole number of
 * periods after DTSTART (so every later instance is unchanged). Only for rules without COUNT (COUNT counts from
 * DTSTART) and with a fixed period; MONTHLY and YEARLY rules are cheap enough to iterate from their start.
 */
function jumpStart(event: InstanceType<typeof ICAL.Event>, run: Run): Time {
  const start = event.startDate;
  const rrules = event.component.getAllProperties('rrule');
  if (rrules.length !== 1 || event.component.hasProperty('rdate')) return start;
  const rule = rrules[0]?.getFirstValue() as InstanceType<typeof ICAL.Recur> | undefined;
  if (!rule || rule.count || !rule.freq) return start;
  const unit = UNIT_SECONDS[rule.freq];
  if (!unit) return start;
  const period = unit * (rule.interval || 1) * 1000;
  const startMs = instantOf(start, run.opts.timeZone);
  const lengthMs = Math.max(0, span(event.component, start, run.opts.timeZone).endMs - startMs);
  const interval = rule.interval || 1;
  // Aim one period before the window, less the event's length: the instance at the jump point ends before the
  // window. Wall-clock arithmetic in a zone with DST can land an hour off: measure and correct (twice at most).
  const target = run.windowStartMs - lengthMs - period;
  let jumped = start;
  let jumpedMs = startMs;
  for (let pass = 0; pass < 3; pass++) {
    const periods = Math.floor((target - jumpedMs) / period);
    if (periods === 0 || (pass === 0 && periods < 0)) break;
    const next = jumped.clone();
    const units = periods * interval;
    if (rule.freq === 'DAILY' || rule.freq === 'WEEKLY') next.adjust(units * (unit / 86_400), 0, 0, 0);
    else next.adjust(0, 0, 0, units * unit);
    jumped = next;
    jumpedMs = instantOf(jumped, run.opts.timeZone);
  }
  // Never before the series' own start.
  if (jumpedMs < startMs) return start;
  return jumped;
}

function occurrence(item: Component, start: Time, run: Run, master?: Component): Occurrence | undefined {
  const s = span(item, start, run.opts.timeZone);
  if (!(s.endMs > run.windowStartMs || (s.endMs === s.startMs && s.startMs >= run.windowStartMs))) return undefined;
  if (s.startMs >= run.windowEndMs) return undefined;
  const busyOnly = isPrivate(item, master);
  return {
    start: new Date(s.startMs),
    end: new Date(s.endMs),
    allDayDate: start.isDate ? dateOnly(start) : undefined,
    allDayEndDate: s.endDate,
    summary: busyOnly ? BUSY_SUMMARY : (text(item, 'summary') ?? ''),
    location: busyOnly ? undefined : text(item, 'location'),
    busyOnly,
    cancelled: String(item.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED',
    free: String(item.getFirstPropertyValue('transp') ?? '').toUpperCase() === 'TRANSPARENT',
  };
}

/** Groups a feed's events by UID, each in a VCALENDAR of its own (see the module note). */
function seriesOf(root: Component, kind: 'vevent' | 'vtodo'): Array<{ master?: Component; exceptions: Component[] }> {
  const byUid = new Map<string, { master?: Component; exceptions: Component[] }>();
  let anonymous = 0;
  for (const ev of root.getAllSubcomponents(kind)) {
    const uid = text(ev, 'uid') ?? `\u0000no-uid-${anonymous++}`;
    const entry = byUid.get(uid) ?? { exceptions: [] };
    // A copy sharing the parsed data, in a calendar of its own: the feed's other UIDs are out of ical.js's sight.
    const own = new ICAL.Component('vcalendar');
    const copy = new ICAL.Component(ev.toJSON() as unknown as unknown[]);
    own.addSubcomponent(copy);
    if (copy.hasProperty('recurrence-id')) entry.exceptions.push(copy);
    else entry.master = copy;
    byUid.set(uid, entry);
  }
  return [...byUid.values()];
}

/** Occurrences of one series; yields after every SLICE iterations so the caller can let other work run. */
function* expandSeries(master: Component | undefined, exceptions: Component[], run: Run): Generator<void> {
  if (!master) {
    // Overrides without their series: each is a plain event.
    for (const ex of exceptions) {
      const s = timeProp(ex, 'dtstart');
      emit(run, s && occurrence(ex, s, run));
    }
    return;
  }
  let event: InstanceType<typeof ICAL.Event>;
  try {
    event = new ICAL.Event(master, { exceptions, strictExceptions: true });
  } catch {
    return;
  }
  const start = event.startDate;
  if (!start) return;
  if (!event.isRecurring()) {
    emit(run, occurrence(master, start, run));
    return;
  }
  try {
    const from = jumpStart(event, run);
    if (from !== start) {
      // Instances before the jump point are not iterated: an override moving one of them into the window is
      // still shown.
      const fromMs = instantOf(from, run.opts.timeZone);
      for (const ex of exceptions) {
        const rid = timeProp(ex, 'recurrence-id');
        const s = timeProp(ex, 'dtstart');
        if (!rid || !s || instantOf(rid, run.opts.timeZone) > fromMs) continue;
        emit(run, occurrence(ex, s, run, master));
      }
    }
    const it = new BoundedInstances(event, from, MAX_ITERATIONS_PER_SERIES);
    let shown = 0;
    for (let i = 0; ; i++) {
      if (i >= MAX_ITERATIONS_PER_SERIES || run.steps >= run.opts.budget || shown >= run.perSeries) {
        run.truncated = true;
        return;
      }
      run.steps += 1;
      if (run.steps % SLICE === 0) yield;
      const next = it.next();
      if (!next) {
        if (it.problem) reportNotExpandable(run, master, start, it.problem);
        return;
      }
      if (instantOf(next, run.opts.timeZone) >= run.windowEndMs) return;
      // getOccurrenceDetails clones several times per call: only worth it when there are overrides to apply.
      const d = exceptions.length ? event.getOccurrenceDetails(next) : { item: event, startDate: next };
      if (from !== start && d.item.component !== master && timeProp(d.item.component, 'recurrence-id')) {
        // Already placed above when its recurrence id precedes the jump point.
        const rid = timeProp(d.item.component, 'recurrence-id');
        if (rid && instantOf(rid, run.opts.timeZone) <= instantOf(from, run.opts.timeZone)) continue;
      }
      if (emit(run, occurrence(d.item.component, d.startDate, run, master))) {
        shown += 1;
        it.kept();
      }
    }
  } catch {
    // An unreadable recurrence rule: skip that event, keep the others.
  }
}

function reportNotExpandable(run: Run, master: Component, start: Time, problem: RecurrenceProblem): void {
  const busyOnly = isPrivate(master);
  run.notExpandable.push({
    summary: busyOnly ? BUSY_SUMMARY : (text(master, 'summary') ?? ''),
    busyOnly,
    start: new Date(instantOf(start, run.opts.timeZone)),
    allDayDate: start.isDate ? dateOnly(start) : undefined,
    problem,
  });
}

/** The due date to show for a task: its own, or for a repeating one the first instance due from today on. */
function* taskDue(todo: Component, run: Run): Generator<void, { due: Time | undefined; recurring: boolean }> {
  const due = timeProp(todo, 'due');
  const dtstart = timeProp(todo, 'dtstart');
  if (!todo.hasProperty('rrule') || !dtstart) return { due, recurring: false };
  const event = new ICAL.Event(todo, { exceptions: [] });
  const nowMs = run.opts.now.getTime();
  const from = jumpStart(event, { ...run, windowStartMs: nowMs });
  const it = new BoundedInstances(event, from, MAX_ITERATIONS_PER_SERIES);
  const lengthMs = due ? instantOf(due, run.opts.timeZone) - instantOf(dtstart, run.opts.timeZone) : 0;
  let last: Time | undefined;
  for (let i = 0; i < MAX_ITERATIONS_PER_SERIES && run.steps < run.opts.budget; i++) {
    run.steps += 1;
    if (run.steps % SLICE === 0) yield;
    const next = it.next();
    if (!next) break;
    const c = next.clone();
    if (due && due.isDate === next.isDate) {
      if (due.isDate) c.adjust(Math.round(lengthMs / 86_400_000), 0, 0, 0);
      else c.adjust(0, 0, 0, Math.round(lengthMs / 1000));
    }
    last = c;
    const lastEndOfDay = last.isDate
      ? instantOf(last, run.opts.timeZone) + 86_400_000
      : instantOf(last, run.opts.timeZone);
    // The first instance not yet past (a late one stays shown as overdue only when no later one exists).
    if (lastEndOfDay > nowMs) break;
  }
  return { due: last ?? due, recurring: true };
}

function* tasksOf(root: Component, run: Run): Generator<void, Task[]> {
  const tasks: Task[] = [];
  for (const { master } of seriesOf(root, 'vtodo')) {
    if (!master) continue;
    const status = String(master.getFirstPropertyValue('status') ?? '').toUpperCase();
    if (status === 'COMPLETED' || status === 'CANCELLED') continue;
    const busyOnly = isPrivate(master);
    let found: { due: Time | undefined; recurring: boolean } = { due: timeProp(master, 'due'), recurring: false };
    try {
      found = yield* taskDue(master, run);
    } catch {
      // An unreadable rule: show the task with its own due date.
    }
    const due = found.due;
    const dueMs = due ? instantOf(due, run.opts.timeZone) + (due.isDate ? 86_400_000 : 0) : undefined;
    tasks.push({
      summary: busyOnly ? BUSY_SUMMARY : (text(master, 'summary') ?? ''),
      due: due && !due.isDate ? new Date(instantOf(due, run.opts.timeZone)) : undefined,
      dueDate: due ? dateOnly(due) : undefined,
      overdue: dueMs !== undefined && dueMs <= run.opts.now.getTime(),
      recurring: found.recurring,
      busyOnly,
    });
  }
  tasks.sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
  return tasks;
}

function* agendaSteps(root: Component, options: AgendaOptions): Generator<void, Agenda> {
  registerTimezones(root);
  const opts: Required<AgendaOptions> = {
    now: options.windowStart,
    budget: DEFAULT_AGENDA_BUDGET,
    ...options,
  };
  const series = seriesOf(root, 'vevent');
  const recurring = series.filter((s) => s.master?.hasProperty('rrule') || s.master?.hasProperty('rdate')).length;
  const run: Run = {
    opts,
    windowStartMs: opts.windowStart.getTime(),
    windowEndMs: opts.windowEnd.getTime(),
    steps: 0,
    // Shared fairly: 150 pathological series each get a share instead of the first ones eating the budget (the 10 %
    // left covers the few steps each series takes to reach the window).
    perSeries: Math.min(
      MAX_OCCURRENCES,
      Math.max(MIN_PER_SERIES, Math.floor((0.9 * opts.budget) / Math.max(1, recurring))),
    ),
    truncated: false,
    occurrences: [],
    notExpandable: [],
    seriesIndex: [],
    current: 0,
  };
  for (const [i, { master, exceptions }] of series.entries()) {
    run.current = i;
    if (i % SLICE === SLICE - 1) yield;
    yield* expandSeries(master, exceptions, run);
  }
  const occurrences = trimFairly(run, MAX_OCCURRENCES).sort((a, b) => a.start.getTime() - b.start.getTime());
  const tasks = yield* tasksOf(root, run);
  return {
    occurrences,
    tasks,
    truncated: run.truncated,
    notExpandable: run.notExpandable,
    steps: run.steps,
    windowStart: opts.windowStart,
    windowEnd: opts.windowEnd,
  };
}

/** Builds the agenda in one go (tests, benchmarks). The server uses buildAgendaSliced. */
export function buildAgenda(root: Component, options: AgendaOptions): Agenda {
  const steps = agendaSteps(root, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Builds the agenda in slices, yielding to the event loop between them: other requests are served meanwhile. */
export async function buildAgendaSliced(root: Component, options: AgendaOptions): Promise<Agenda> {
  const steps = agendaSteps(root, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
