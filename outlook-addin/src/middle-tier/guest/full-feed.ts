/**
 * A private feed with full detail (the user's own "Add to Outlook" feed): every calendar object of the collection
 * merged into one VCALENDAR as the server holds it (private events, attendees and descriptions kept: it is the
 * user's own access), each time zone once. The guests' redacting builder is ics-feed.ts.
 */
import ICAL from 'ical.js';
import type { ParsedFeed } from './ics-feed.js';

type Component = InstanceType<typeof ICAL.Component>;

const ITEM_KINDS = ['vevent', 'vtodo', 'vjournal'];

export function buildFullFeed(calendarData: string[], calendarName: string): ParsedFeed {
  const root = new ICAL.Component('vcalendar');
  root.addPropertyWithValue('version', '2.0');
  root.addPropertyWithValue('prodid', '-//DAV Bridge//Outlook feed//EN');
  root.addPropertyWithValue('calscale', 'GREGORIAN');
  root.addPropertyWithValue('method', 'PUBLISH');
  root.addPropertyWithValue('x-wr-calname', calendarName);
  const zones = new Set<string>();
  const items: Component[] = [];
  let skipped = 0;
  for (const data of calendarData) {
    let cal: Component;
    try {
      cal = new ICAL.Component(ICAL.parse(data));
    } catch {
      // One unparsable object must not hide the others; the count is kept for the logs.
      skipped += 1;
      continue;
    }
    for (const tz of cal.getAllSubcomponents('vtimezone')) {
      const tzid = String(tz.getFirstPropertyValue('tzid') ?? '');
      if (!tzid || zones.has(tzid)) continue;
      zones.add(tzid);
      root.addSubcomponent(tz);
    }
    for (const kind of ITEM_KINDS) items.push(...cal.getAllSubcomponents(kind));
  }
  for (const item of items) root.addSubcomponent(item);
  return { root, ics: root.toString() + '\r\n', skipped };
}
