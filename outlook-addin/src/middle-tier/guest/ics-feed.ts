/**
 * Builds a guest feed: every calendar object of the collection merged into one VCALENDAR, with what a guest must
 * not see removed. Private and confidential items keep only their time (they show as busy); alarms (the owner's
 * reminders) and attendees/organizer (other people's addresses) are dropped from every item.
 */
import ICAL from 'ical.js';

type Component = InstanceType<typeof ICAL.Component>;

export const BUSY_SUMMARY = 'Occupé / Busy';

// What a busy-only item keeps: enough to place it in time (recurrence included) and nothing about its content.
const BUSY_KEEP = new Set([
  'uid',
  'dtstamp',
  'dtstart',
  'dtend',
  'duration',
  'due',
  'rrule',
  'rdate',
  'exdate',
  'recurrence-id',
  'sequence',
  'transp',
  'status',
  'class',
  'created',
  'last-modified',
]);
const ALWAYS_DROP = new Set(['attendee', 'organizer', 'x-moz-snooze-time', 'x-moz-lastack']);

/** True when the item's content must be hidden from guests. */
export function isPrivate(item: Component): boolean {
  const cls = String(item.getFirstPropertyValue('class') ?? 'PUBLIC').toUpperCase();
  return cls === 'PRIVATE' || cls === 'CONFIDENTIAL';
}

function redact(item: Component): void {
  // Copies: ical.js hands out its live arrays, and removing while iterating one would skip items.
  for (const sub of [...item.getAllSubcomponents()]) item.removeSubcomponent(sub);
  const priv = isPrivate(item);
  for (const prop of [...item.getAllProperties()]) {
    if (ALWAYS_DROP.has(prop.name) || (priv && !BUSY_KEEP.has(prop.name))) item.removeProperty(prop);
  }
  if (priv) item.addPropertyWithValue('summary', BUSY_SUMMARY);
}

export interface ParsedFeed {
  /** The merged, redacted calendar. */
  root: Component;
  ics: string;
  /** Items the server sent that could not be parsed (skipped, not fatal: one bad event must not hide the rest). */
  skipped: number;
}

export function buildFeed(calendarData: string[], calendarName: string): ParsedFeed {
  const root = new ICAL.Component('vcalendar');
  root.addPropertyWithValue('version', '2.0');
  root.addPropertyWithValue('prodid', '-//DAV Bridge//Guest link//EN');
  root.addPropertyWithValue('calscale', 'GREGORIAN');
  root.addPropertyWithValue('method', 'PUBLISH');
  root.addPropertyWithValue('x-wr-calname', calendarName);
  const timezones = new Set<string>();
  let skipped = 0;
  for (const data of calendarData) {
    let cal: Component;
    try {
      cal = new ICAL.Component(ICAL.parse(data));
    } catch {
      skipped += 1;
      continue;
    }
    for (const tz of cal.getAllSubcomponents('vtimezone')) {
      const tzid = String(tz.getFirstPropertyValue('tzid') ?? '');
      if (!tzid || timezones.has(tzid)) continue;
      timezones.add(tzid);
      root.addSubcomponent(tz);
    }
    for (const kind of ['vevent', 'vtodo']) {
      for (const item of cal.getAllSubcomponents(kind)) {
        redact(item);
        root.addSubcomponent(item);
      }
    }
  }
  return { root, ics: root.toString() + '\r\n', skipped };
}
