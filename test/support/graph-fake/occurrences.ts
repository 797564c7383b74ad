/**
 * The Graph fake's series: the occurrences of a patternedRecurrence, written from Graph's documented pattern and
 * range semantics (recurrencePattern, recurrenceRange), independently of bridge-core's recurrence code so the
 * fake cannot agree with it by construction.
 *
 * - An occurrence falls on a day (at most one a day in every Graph pattern) at the series start's wall time, in
 *   the start's zone; `originalStart` is that instant in UTC.
 * - Its id: `<master id>.OCC.<yyyy-mm-dd>`. Graph's real occurrence ids are opaque strings; the fake's are too
 *   for the bridge, which only reads them from `instances`.
 * - `cancelledOccurrences` (v1.0, on the series master, returned on `$select`): `OID.<master id>.<yyyy-mm-dd>`.
 */
import { WINDOWS_TO_IANA } from './rules.js';

type Json = Record<string, unknown>;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const INDEXES = ['first', 'second', 'third', 'fourth'];
const DAY_MS = 86_400_000;

export interface Occurrence {
  /** yyyy-mm-dd of the occurrence in the series' zone. */
  date: string;
  /** Wall start "yyyy-mm-ddThh:mm:ss" in the series start's zone. */
  start: string;
  /** Wall end in the end's zone (same duration as the series' first occurrence). */
  end: string;
  /** UTC instant of the start, ISO with Z. */
  originalStart: string;
}

export const occurrenceId = (masterId: string, date: string) => `${masterId}.OCC.${date}`;

/** [master id, date] of an occurrence id, or undefined. */
export function parseOccurrenceId(id: string): [string, string] | undefined {
  const m = /^(.+)\.OCC\.(\d{4}-\d\d-\d\d)$/.exec(id);
  return m ? [m[1]!, m[2]!] : undefined;
}

const dayNumber = (date: string) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The UTC instant of a wall time in a Graph zone (Windows or accepted IANA name). */
export function instantIn(wall: string, graphZone: string): number {
  const zone = WINDOWS_TO_IANA[graphZone] ?? 'UTC';
  const asUtc = Date.parse(`${wall.slice(0, 19)}Z`);
  const offsetAt = (ms: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(ms));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - ms;
  };
  // Two passes settle the offset around a transition.
  let guess = asUtc - offsetAt(asUtc);
  guess = asUtc - offsetAt(guess);
  return guess;
}

/** Does the pattern put an occurrence on this day (the range aside)? */
function onPattern(pattern: Json, firstDay: number, day: number): boolean {
  const interval = Number(pattern['interval'] ?? 1);
  const weekday = WEEKDAYS[new Date(day * DAY_MS).getUTCDay()]!;
  const days = (pattern['daysOfWeek'] as string[] | undefined) ?? [];
  const d = new Date(day * DAY_MS);
  const first = new Date(firstDay * DAY_MS);
  const monthsApart = (d.getUTCFullYear() - first.getUTCFullYear()) * 12 + d.getUTCMonth() - first.getUTCMonth();
  const nth = (month: Date) => {
    // The days of this month on one of the pattern's weekdays; `index` picks one of them.
    const y = month.getUTCFullYear();
    const mo = month.getUTCMonth();
    const all: number[] = [];
    for (let x = Date.UTC(y, mo, 1) / DAY_MS; new Date(x * DAY_MS).getUTCMonth() === mo; x++) {
      if (days.includes(WEEKDAYS[new Date(x * DAY_MS).getUTCDay()]!)) all.push(x);
    }
    const index = String(pattern['index'] ?? 'first');
    return index === 'last' ? all[all.length - 1] : all[INDEXES.indexOf(index)];
  };
  switch (pattern['type']) {
    case 'daily':
      return (day - firstDay) % interval === 0;
    case 'weekly': {
      if (!days.includes(weekday)) return false;
      const weekStart = WEEKDAYS.indexOf(String(pattern['firstDayOfWeek'] ?? 'sunday'));
      const startOfWeek = (x: number) => x - ((new Date(x * DAY_MS).getUTCDay() - weekStart + 7) % 7);
      return ((startOfWeek(day) - startOfWeek(firstDay)) / 7) % interval === 0;
    }
    case 'absoluteMonthly':
      return d.getUTCDate() === pattern['dayOfMonth'] && monthsApart % interval === 0;
    case 'relativeMonthly':
      return monthsApart % interval === 0 && nth(d) === day;
    case 'absoluteYearly':
      return (
        d.getUTCMonth() + 1 === pattern['month'] &&
        d.getUTCDate() === pattern['dayOfMonth'] &&
        (d.getUTCFullYear() - first.getUTCFullYear()) % interval === 0
      );
    case 'relativeYearly':
      return (
        d.getUTCMonth() + 1 === pattern['month'] &&
        (d.getUTCFullYear() - first.getUTCFullYear()) % interval === 0 &&
        nth(d) === day
      );
    default:
      return false;
  }
}

/**
 * The occurrences of a series master's body whose start falls in [from, to) (UTC instants; `to` may be
 * Infinity), cancelled ones included: the caller leaves those out.
 */
export function occurrencesOf(body: Json, from: number, to: number): Occurrence[] {
  const recurrence = body['recurrence'] as Json | null | undefined;
  if (!recurrence) return [];
  const pattern = recurrence['pattern'] as Json;
  const range = recurrence['range'] as Json;
  const start = body['start'] as { dateTime: string; timeZone: string };
  const end = body['end'] as { dateTime: string; timeZone: string };
  const time = start.dateTime.slice(11, 19);
  const durationMs = Date.parse(`${end.dateTime.slice(0, 19)}Z`) - Date.parse(`${start.dateTime.slice(0, 19)}Z`);
  const firstDay = dayNumber(String(range['startDate']));
  const lastDay = range['type'] === 'endDate' ? dayNumber(String(range['endDate'])) : Infinity;
  const count = range['type'] === 'numbered' ? Number(range['numberOfOccurrences']) : Infinity;
  const out: Occurrence[] = [];
  let seen = 0;
  // Day by day: simple and exact; bounded by the range, the count, and the window's end (plus a day of zones).
  const stop = Math.min(lastDay, Number.isFinite(to) ? Math.floor(to / DAY_MS) + 2 : firstDay + 366 * 10);
  for (let day = firstDay; day <= stop && seen < count; day++) {
    if (!onPattern(pattern, firstDay, day)) continue;
    seen++;
    const date = dateOf(day);
    const wall = `${date}T${time}`;
    const instant = instantIn(wall, start.timeZone);
    if (instant < from || instant >= to) continue;
    const endWall = new Date(Date.parse(`${wall}Z`) + durationMs).toISOString().slice(0, 19);
    out.push({
      date,
      start: wall,
      end: endWall,
      originalStart: new Date(instant).toISOString().replace(/\.000Z$/, 'Z'),
    });
  }
  return out;
}
