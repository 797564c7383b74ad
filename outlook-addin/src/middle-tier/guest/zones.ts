/**
 * Wall-clock times in an IANA zone, with Intl only (no zone database of our own): a floating iCalendar time is
 * read in the page's display zone so that it is shown exactly as written, whatever zone the server runs in.
 */
import { wallAt, wallToMs } from '@dav-bridge/core';

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  return wallToMs(wallAt(instant, timeZone)) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the zone's clocks show this wall-clock time. In the spring gap (a time that does not
 * exist) the result is the same wall-clock time read with the offset before the change, i.e. one hour later.
 */
export function wallClockToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = asUtc - zoneOffsetMs(asUtc, timeZone);
  const second_ = asUtc - zoneOffsetMs(first, timeZone);
  return second_;
}
