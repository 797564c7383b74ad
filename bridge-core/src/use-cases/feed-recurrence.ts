/**
 * Expanding a series with ical.js without ever hanging. ical.js's iterator loops inside one `next()` call, for ever,
 * on a rule that can never produce another instance (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`), and on rules it reads
 * more narrowly than RFC 5545 (a daily rule compares BYMONTHDAY=-1 to the day of the month as written, so it never
 * matches). On a single-threaded server one such event in a shared calendar would stall every request. So:
 *
 * - a guard recognizes those rules before ical.js iterates them: BYMONTH/BYMONTHDAY combinations no month has
 *   (30 February, 31 April), and, for the frequencies ical.js walks unit by unit (SECONDLY to WEEKLY), rules whose
 *   day-level filters match no day in 28 years (every weekday and leap-year pattern) as ical.js compares them;
 * - the iterator is counted: after `maxIdleSteps` `next()` calls without an instance the caller kept, it gives up.
 *
 * Either way the series is reported as not expandable (the caller shows it once, with a note), never dropped.
 */
import ICAL from 'ical.js';

type Time = InstanceType<typeof ICAL.Time>;
type Recur = InstanceType<typeof ICAL.Recur>;
type Component = InstanceType<typeof ICAL.Component>;
type Event = InstanceType<typeof ICAL.Event>;

/**
 * Why a series cannot be expanded: a rule that gives no date, a rule ical.js refuses to iterate (BYYEARDAY in a
 * daily rule...), or no kept instance within the step budget.
 */
export type RecurrenceProblem = 'impossible-rule' | 'unreadable-rule' | 'no-instance-within-budget';

/** The most days each month can have (February in a leap year). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Frequencies ical.js advances one unit at a time, filtering each candidate (the loop that can be endless). */
const UNIT_BY_UNIT = new Set(['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY']);
/** 28 years: every combination of the weekday of 1 January and leap year (1901-2099). */
const SCAN_DAYS = 28 * 366;

/** True when no month has one of the days BYMONTHDAY asks for (counted from either end of the month). */
function noMonthHasTheDay(parts: Record<string, unknown[] | undefined>): boolean {
  const days = (parts['BYMONTHDAY'] ?? []).map(Number);
  if (days.length === 0) return false;
  const months = (parts['BYMONTH'] ?? []).map(Number);
  const candidates = months.length ? months : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  return !candidates.some((m) => days.some((d) => d !== 0 && Math.abs(d) <= (MONTH_DAYS[m - 1] ?? 0)));
}

/**
 * ical.js's own table (RecurIterator._expandMap): which day-level BYxxx parts filter (contract) candidates for each
 * unit-by-unit frequency. BYDAY filters too, except in WEEKLY rules (where it expands): kept apart below.
 */
const CONTRACTING: Record<string, string[]> = {
  SECONDLY: ['BYWEEKNO', 'BYMONTHDAY', 'BYMONTH', 'BYYEARDAY'],
  MINUTELY: ['BYWEEKNO', 'BYMONTHDAY', 'BYMONTH', 'BYYEARDAY'],
  HOURLY: ['BYWEEKNO', 'BYMONTHDAY', 'BYMONTH', 'BYYEARDAY'],
  DAILY: ['BYWEEKNO', 'BYMONTHDAY', 'BYMONTH', 'BYYEARDAY'],
  WEEKLY: ['BYWEEKNO', 'BYMONTH'],
};

const cache = new Map<string, boolean>();
const MAX_CACHED = 1000;

/**
 * True when the day-level filters of a unit-by-unit rule match no day in 28 years, compared the way ical.js does
 * (raw values: a negative BYMONTHDAY or a "1MO" BYDAY never matches in a daily rule).
 */
function noDayMatches(rule: Recur, dtstart: Time): boolean {
  const freq = String(rule.freq);
  const parts = rule.parts as Record<string, unknown[] | undefined>;
  const filters = (CONTRACTING[freq] ?? []).filter((p) => (parts[p]?.length ?? 0) > 0);
  // BYDAY compares weekday names ("MO"; a "1MO" never matches a day in these frequencies).
  const byDay = freq !== 'WEEKLY' ? parts['BYDAY']?.map(String) : undefined;
  if (filters.length === 0 && !byDay?.length) return false;
  const key = `${rule.toString()}|${dtstart.year % 28}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const wanted = (name: string) => new Set((parts[name] ?? []).map(Number));
  const months = wanted('BYMONTH');
  const monthDays = wanted('BYMONTHDAY');
  const yearDays = wanted('BYYEARDAY');
  const weeks = wanted('BYWEEKNO');
  const weekdays = new Set(byDay ?? []);
  const day = ICAL.Time.fromData({ year: dtstart.year, month: dtstart.month, day: dtstart.day, isDate: true });
  let found = false;
  for (let i = 0; i < SCAN_DAYS && !found; i++) {
    found =
      (!filters.includes('BYMONTH') || months.has(day.month)) &&
      (!filters.includes('BYMONTHDAY') || monthDays.has(day.day)) &&
      (!filters.includes('BYYEARDAY') || yearDays.has(day.dayOfYear())) &&
      (!filters.includes('BYWEEKNO') || weeks.has(day.weekNumber(rule.wkst))) &&
      (weekdays.size === 0 || weekdays.has(ICAL.Recur.numericDayToIcalDay(day.dayOfWeek())));
    day.adjust(1, 0, 0, 0);
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, !found);
  return !found;
}

/** True when ical.js must not iterate this rule: it gives no date, or ical.js would search for one for ever. */
export function isImpossibleRule(rule: Recur, dtstart: Time): boolean {
  const parts = rule.parts as Record<string, unknown[] | undefined>;
  if (noMonthHasTheDay(parts)) return true;
  return UNIT_BY_UNIT.has(String(rule.freq)) && noDayMatches(rule, dtstart);
}

/** The problem of a series' master before any iteration: one of its RRULEs cannot be iterated safely. */
export function recurrenceProblem(master: Component): RecurrenceProblem | undefined {
  const dtstart = master.getFirstPropertyValue('dtstart');
  if (!(dtstart instanceof ICAL.Time)) return undefined;
  for (const prop of master.getAllProperties('rrule')) {
    const rule = prop.getFirstValue();
    if (rule instanceof ICAL.Recur && isImpossibleRule(rule, dtstart)) return 'impossible-rule';
  }
  return undefined;
}

/**
 * A series' instances from `from`, with ical.js guarded and counted. `next()` returns an instance, `null` at the
 * end of the series, or stops (null) and sets `problem` when the rule cannot be iterated or `maxIdleSteps` calls
 * in a row gave no instance the caller kept (`kept()` resets the count).
 */
export class BoundedInstances {
  problem: RecurrenceProblem | undefined;
  private idle = 0;
  private readonly iterator: { next(): Time | null | undefined } | undefined;
  private firstOnly: Time | undefined;

  constructor(
    event: Event,
    from: Time,
    private readonly maxIdleSteps: number,
  ) {
    this.problem = recurrenceProblem(event.component);
    if (!this.problem) {
      try {
        this.iterator = event.iterator(from);
        return;
      } catch {
        this.problem = 'unreadable-rule';
      }
    }
    // The series' own start is an instance whatever its rule says (RFC 5545 §3.8.5.3): it is shown, once.
    const start = event.startDate;
    this.firstOnly = start && from.compare(start) <= 0 ? start : undefined;
  }

  next(): Time | null {
    if (!this.iterator) {
      const first = this.firstOnly ?? null;
      this.firstOnly = undefined;
      return first;
    }
    if (this.idle >= this.maxIdleSteps) {
      this.problem = 'no-instance-within-budget';
      return null;
    }
    this.idle += 1;
    try {
      return this.iterator.next() ?? null;
    } catch {
      this.problem = 'unreadable-rule';
      return null;
    }
  }

  /** The last instance was kept (it fell in the caller's range): the idle count starts again. */
  kept(): void {
    this.idle = 0;
  }
}
