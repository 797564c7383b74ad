/**
 * Custom VTIMEZONEs (a TZID that is no IANA name, e.g. Outlook's own "W. Europe Standard Time 1" or a client's
 * "Custom/Bruxelles"): matched to a zone Graph knows by their rules, else converted exactly to UTC by them. Never
 * guessed from the name.
 *
 * Matching: the zone's wall time 12:00 of every day of the event's year and the next is put on the timeline with
 * the VTIMEZONE's own observances (ical.js) and with each known zone (Intl); the first known zone that gives the
 * same instant every day is the match (same offsets, same transition days; the hour of a transition is not
 * compared). Candidates are first narrowed on 15 January and 15 July.
 */
import ICAL from 'ical.js';
import { instantOf, knownWindowsZones, type Wall } from './zones.js';

type Timezone = InstanceType<typeof ICAL.Timezone>;

export interface CustomZone {
  tzid: string;
  /** The UTC instant of a wall time in this zone, by its own rules. */
  instantOf(wall: Wall): number;
  /** The Windows zone with the same rules around `year`, if any. */
  match(year: number): string | undefined;
}

const matches = new Map<string, string | null>();

/** A custom zone from a VTIMEZONE's text (BEGIN:VTIMEZONE ... END:VTIMEZONE); undefined when ical.js cannot read it. */
export function customZone(tzid: string, vtimezoneText: string): CustomZone | undefined {
  let tz: Timezone;
  try {
    const comp = new ICAL.Component(ICAL.parse(vtimezoneText) as unknown[]);
    tz = new ICAL.Timezone(comp);
  } catch {
    return undefined;
  }
  const at = (w: Wall) =>
    ICAL.Time.fromData({ year: w.y, month: w.mo, day: w.d, hour: w.h, minute: w.mi, second: w.s }, tz).toUnixTime() *
    1000;
  return {
    tzid,
    instantOf: at,
    match(year) {
      const key = `${year}\n${vtimezoneText}`;
      const known = matches.get(key);
      if (known !== undefined) return known ?? undefined;
      const noon = (y: number, mo: number, d: number): Wall => ({ y, mo, d, h: 12, mi: 0, s: 0 });
      const same = (iana: string, w: Wall) => instantOf(w, iana) === at(w);
      let candidates = knownWindowsZones().filter(
        ([, iana]) => same(iana, noon(year, 1, 15)) && same(iana, noon(year, 7, 15)),
      );
      for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 2, 0, 1) && candidates.length; day += 86_400_000) {
        const d = new Date(day);
        const w = noon(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
        candidates = candidates.filter(([, iana]) => same(iana, w));
      }
      const found = candidates[0]?.[0];
      if (matches.size > 200) matches.clear();
      matches.set(key, found ?? null);
      return found;
    },
  };
}
