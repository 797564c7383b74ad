/**
 * RRULE (RFC 5545) <-> Graph patternedRecurrence, for the rules Graph can express. A rule it cannot express
 * comes back as `{ notExpressible }` with the reason: the caller reports a downgrade and never sends a rule
 * that means something else.
 */
import type { GraphDay, GraphRecurrence, GraphRecurrencePattern, GraphWeekIndex } from './graph-types.js';
import { instantOf, wallAt, type Wall } from './zones.js';

const DAY: Record<string, GraphDay> = {
  SU: 'sunday',
  MO: 'monday',
  TU: 'tuesday',
  WE: 'wednesday',
  TH: 'thursday',
  FR: 'friday',
  SA: 'saturday',
};
const ICAL_DAY = Object.fromEntries(Object.entries(DAY).map(([k, v]) => [v, k])) as Record<GraphDay, string>;
const INDEX: Record<string, GraphWeekIndex> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '-1': 'last',
};
const ICAL_INDEX = Object.fromEntries(Object.entries(INDEX).map(([k, v]) => [v, k])) as Record<GraphWeekIndex, string>;
const WEEKDAY_OF_INDEX: GraphDay[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Where the series starts, and in which zone its UNTIL is to be read. */
export interface SeriesStart {
  wall: Wall;
  allDay: boolean;
  /** IANA zone of the start, 'UTC', or undefined for a floating time. */
  zone: string | undefined;
  /** Graph's name of that zone (recurrenceTimeZone). */
  graphZone: string;
}

export type RecurrenceResult = { recurrence: GraphRecurrence } | { notExpressible: string };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const dateOf = (w: Wall) => `${w.y}-${pad(w.mo)}-${pad(w.d)}`;

export function parseRrule(rule: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of rule.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) parts.set(part.slice(0, eq).toUpperCase(), part.slice(eq + 1).toUpperCase());
  }
  return parts;
}

export function rruleToGraph(rule: string, start: SeriesStart): RecurrenceResult {
  const p = parseRrule(rule);
  const no = (why: string): RecurrenceResult => ({ notExpressible: why });
  for (const key of ['BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYYEARDAY', 'BYWEEKNO']) if (p.has(key)) return no(key);
  const freq = p.get('FREQ');
  const interval = Number(p.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1) return no(`INTERVAL=${p.get('INTERVAL')}`);
  const byMonthDay = p.get('BYMONTHDAY')?.split(',');
  if (byMonthDay && (byMonthDay.length > 1 || Number(byMonthDay[0]) < 1))
    return no(`BYMONTHDAY=${p.get('BYMONTHDAY')}`);
  const byMonth = p.get('BYMONTH')?.split(',');
  if (byMonth && byMonth.length > 1) return no(`BYMONTH=${p.get('BYMONTH')}`);
  const bySetPos = p.get('BYSETPOS');
  if (bySetPos !== undefined && !INDEX[bySetPos]) return no(`BYSETPOS=${bySetPos}`);
  const byDay = p.get('BYDAY')?.split(',') ?? [];
  const days: GraphDay[] = [];
  const ordinals = new Set<string>();
  for (const d of byDay) {
    const m = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(d);
    if (!m) return no(`BYDAY=${p.get('BYDAY')}`);
    days.push(DAY[m[2]!]!);
    ordinals.add(m[1]?.replace('+', '') ?? '');
  }
  if (ordinals.size > 1) return no(`BYDAY=${p.get('BYDAY')}`);
  const ordinal = [...ordinals][0] ?? '';
  if (ordinal && !INDEX[ordinal]) return no(`BYDAY=${p.get('BYDAY')}`);
  if (ordinal && bySetPos) return no(`BYDAY=${p.get('BYDAY')};BYSETPOS=${bySetPos}`);
  const index = INDEX[ordinal || bySetPos || ''];
  const weekStart = DAY[p.get('WKST') ?? 'MO'];
  const startDay = WEEKDAY_OF_INDEX[new Date(Date.UTC(start.wall.y, start.wall.mo - 1, start.wall.d)).getUTCDay()]!;

  let pattern: GraphRecurrencePattern;
  switch (freq) {
    case 'DAILY':
      if (byMonthDay || byMonth || bySetPos || ordinal) return no(rule);
      // "every day on weekdays" is Graph's weekly pattern with those days (the same occurrences when INTERVAL=1).
      if (days.length > 0) {
        if (interval !== 1) return no(rule);
        pattern = { type: 'weekly', interval: 1, daysOfWeek: days, firstDayOfWeek: weekStart ?? 'monday' };
      } else pattern = { type: 'daily', interval };
      break;
    case 'WEEKLY':
      if (byMonthDay || byMonth || bySetPos || ordinal) return no(rule);
      pattern = {
        type: 'weekly',
        interval,
        daysOfWeek: days.length ? days : [startDay],
        firstDayOfWeek: weekStart ?? 'monday',
      };
      break;
    case 'MONTHLY':
      if (byMonth) return no(rule);
      if (days.length) {
        if (byMonthDay || !index) return no(rule);
        pattern = { type: 'relativeMonthly', interval, daysOfWeek: days, index };
      } else {
        if (bySetPos) return no(rule);
        pattern = { type: 'absoluteMonthly', interval, dayOfMonth: Number(byMonthDay?.[0] ?? start.wall.d) };
      }
      break;
    case 'YEARLY': {
      const month = Number(byMonth?.[0] ?? start.wall.mo);
      if (days.length) {
        if (byMonthDay || !index || !byMonth) return no(rule);
        pattern = { type: 'relativeYearly', interval, daysOfWeek: days, index, month };
      } else {
        if (bySetPos) return no(rule);
        pattern = { type: 'absoluteYearly', interval, dayOfMonth: Number(byMonthDay?.[0] ?? start.wall.d), month };
      }
      break;
    }
    default:
      return no(`FREQ=${freq ?? '?'}`);
  }

  const range: GraphRecurrence['range'] = {
    type: 'noEnd',
    startDate: dateOf(start.wall),
    recurrenceTimeZone: start.graphZone,
  };
  const count = p.get('COUNT');
  const until = p.get('UNTIL');
  if (count !== undefined && until !== undefined) return no(rule);
  if (count !== undefined) {
    range.type = 'numbered';
    range.numberOfOccurrences = Number(count);
  } else if (until !== undefined) {
    const endDate = untilToEndDate(until, start);
    if (!endDate) return no(`UNTIL=${until}`);
    range.type = 'endDate';
    range.endDate = endDate;
  }
  return { recurrence: { pattern, range } };
}

/**
 * Graph's endDate is a date: the last day an occurrence may fall on. An UNTIL with a time gives the same
 * occurrences as the date of that instant in the series' zone when the UNTIL's time of day is at or after the
 * start's, else as the day before (one occurrence a day at most in every pattern Graph has).
 */
function untilToEndDate(until: string, start: SeriesStart): string | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)(Z?))?$/.exec(until);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (m[4] === undefined) return `${m[1]}-${m[2]}-${m[3]}`;
  let local: Wall = { y, mo, d, h: Number(m[4]), mi: Number(m[5]), s: Number(m[6]) };
  if (m[7] === 'Z' && start.zone) local = wallAt(Date.UTC(y, mo - 1, d, local.h, local.mi, local.s), start.zone);
  const secs = (w: Wall) => w.h * 3600 + w.mi * 60 + w.s;
  if (secs(local) >= secs(start.wall)) return dateOf(local);
  const prev = new Date(Date.UTC(local.y, local.mo - 1, local.d) - 86_400_000);
  return `${prev.getUTCFullYear()}-${pad(prev.getUTCMonth() + 1)}-${pad(prev.getUTCDate())}`;
}

/** The RRULE for a Graph recurrence (UNTIL in UTC for a zoned start, as RFC 5545 requires). */
export function graphToRrule(r: GraphRecurrence, start: SeriesStart): string {
  const { pattern, range } = r;
  const parts: string[] = [];
  const days = (pattern.daysOfWeek ?? []).map((d) => ICAL_DAY[d]);
  const ordinal = pattern.index ? ICAL_INDEX[pattern.index] : '';
  switch (pattern.type) {
    case 'daily':
      parts.push('FREQ=DAILY');
      break;
    case 'weekly':
      parts.push('FREQ=WEEKLY', `BYDAY=${days.join(',')}`);
      break;
    case 'absoluteMonthly':
      parts.push('FREQ=MONTHLY', `BYMONTHDAY=${pattern.dayOfMonth}`);
      break;
    case 'relativeMonthly':
      parts.push('FREQ=MONTHLY', ...relativeDays(days, ordinal));
      break;
    case 'absoluteYearly':
      parts.push('FREQ=YEARLY', `BYMONTH=${pattern.month}`, `BYMONTHDAY=${pattern.dayOfMonth}`);
      break;
    case 'relativeYearly':
      parts.push('FREQ=YEARLY', `BYMONTH=${pattern.month}`, ...relativeDays(days, ordinal));
      break;
  }
  if (pattern.interval > 1) parts.push(`INTERVAL=${pattern.interval}`);
  if (range.type === 'numbered') parts.push(`COUNT=${range.numberOfOccurrences}`);
  if (range.type === 'endDate' && range.endDate) {
    const [y, mo, d] = range.endDate.split('-').map(Number) as [number, number, number];
    if (start.allDay) parts.push(`UNTIL=${y}${pad(mo)}${pad(d)}`);
    else {
      const endOfDay: Wall = { y, mo, d, h: 23, mi: 59, s: 59 };
      if (start.zone) {
        const utc = new Date(instantOf(endOfDay, start.zone));
        parts.push(`UNTIL=${utcStamp(utc)}`);
      } else parts.push(`UNTIL=${y}${pad(mo)}${pad(d)}T235959`);
    }
  }
  if (pattern.type === 'weekly' && pattern.firstDayOfWeek && pattern.firstDayOfWeek !== 'monday') {
    parts.push(`WKST=${ICAL_DAY[pattern.firstDayOfWeek]}`);
  }
  return parts.join(';');
}

function relativeDays(days: string[], ordinal: string): string[] {
  return days.length === 1 ? [`BYDAY=${ordinal}${days[0]}`] : [`BYDAY=${days.join(',')}`, `BYSETPOS=${ordinal}`];
}

function utcStamp(d: Date): string {
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
  );
}
