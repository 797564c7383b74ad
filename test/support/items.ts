/**
 * The one place tests build calendar items, tasks and contacts (issue 11 item 6). Every test tree imports it:
 * bridge-core/test, outlook-addin/test, thunderbird-ext/test and test/integration through a relative path,
 * the benchmarks (plain .mjs) through test/bench/lib/support.mjs, which transpiles this file.
 *
 * No imports and no Node built-ins on purpose: the same text must run under Jest (CommonJS), in Node's ESM and
 * in the core's isomorphic tests. `test/tools/test/no-copied-test-support.test.ts` fails when a builder of
 * VEVENTs, VTODOs or vCards appears anywhere else.
 */

/** A date-time or date as iCalendar writes it ('20261201T100000Z', '20261201T090000' with a TZID, '20261201'), or a Date (UTC). */
export type IcsTime = string | Date;

/** The DTSTAMP every builder writes unless told otherwise: fixed, so that two builds of one item are equal. */
export const DEFAULT_STAMP = '20261122T100000Z';
const DEFAULT_START = '20261201T100000Z';
const PRODID_VALUE = '-//DAV Bridge tests//EN';

/** 2026-12-01T10:00:00.000Z -> 20261201T100000Z */
export function icsUtc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 5545 TEXT escaping (backslash, semicolon, comma, newline). */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Folds a content line at 75 octets (RFC 5545 3.1) without cutting a UTF-8 sequence. */
export function foldLine(line: string): string {
  const bytes = encoder.encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // A continuation byte (10xxxxxx) starts no character: step back to the start of the one it belongs to.
    while (end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
    parts.push(decoder.decode(bytes.subarray(start, end)));
    start = end;
    limit = 74; // continuation lines begin with a space
  }
  return parts.join('\r\n ');
}

/** Content lines -> the text of an item: folded, CRLF-terminated (the last line too). */
export function contentLines(lines: readonly string[]): string {
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** A whole VCALENDAR around the given lines (components, time zones, X-WR-CALNAME...). */
export function calendar(...lines: string[]): string {
  return calendarFrom(PRODID_VALUE, lines);
}

/** The same with a PRODID of the caller's (normalisation ignores it: tests vary it to prove so). */
export function calendarFrom(prodid: string, lines: readonly string[]): string {
  return contentLines(['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${prodid}`, ...lines, 'END:VCALENDAR']);
}

/** A component's lines with a DTSTAMP around the given properties, for tests that write the properties themselves. */
export function component(kind: 'VEVENT' | 'VTODO' | 'VJOURNAL', ...lines: string[]): string[] {
  return [`BEGIN:${kind}`, `DTSTAMP:${DEFAULT_STAMP}`, ...lines, `END:${kind}`];
}

export interface EventOptions {
  uid: string;
  summary?: string;
  /** Default 2026-12-01 10:00 UTC. A string is written as given (with `tzid` it is local time there). */
  start?: IcsTime;
  /** Default: one hour after a Date start, else DURATION:PT1H. */
  end?: IcsTime;
  /** Written instead of DTEND (e.g. 'PT1S'). */
  duration?: string;
  /** start and end are dates (VALUE=DATE): '20261201'. A Date is cut to its UTC day. */
  allDay?: boolean;
  /** start, end, exdates and recurrenceId are local times in this zone (add its VTIMEZONE with `zones`). */
  tzid?: string;
  rrule?: string;
  exdates?: string[];
  /** Makes this VEVENT the override of one occurrence of the series with the same UID. */
  recurrenceId?: string;
  klass?: 'PUBLIC' | 'PRIVATE' | 'CONFIDENTIAL' | string;
  location?: string;
  description?: string;
  stamp?: string;
  lastModified?: string;
  sequence?: number;
  /** A display alarm with this description, 15 minutes before. */
  alarm?: string;
  /** Raw property lines added as they are, before END:VEVENT. */
  extra?: string[];
}

function timeProperty(name: string, t: IcsTime, o: { allDay?: boolean; tzid?: string }): string {
  if (o.allDay) return `${name};VALUE=DATE:${typeof t === 'string' ? t.slice(0, 8) : icsUtc(t).slice(0, 8)}`;
  if (typeof t !== 'string') return `${name}:${icsUtc(t)}`;
  return o.tzid ? `${name};TZID=${o.tzid}:${t}` : `${name}:${t}`;
}

function alarmLines(description: string): string[] {
  return ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(description)}`, 'TRIGGER:-PT15M', 'END:VALARM'];
}

/** One VEVENT's lines: for a series and its overrides in one resource, or for feeds of many events. */
export function eventLines(o: EventOptions): string[] {
  const start = o.start ?? DEFAULT_START;
  let endLine: string;
  if (o.duration) endLine = `DURATION:${o.duration}`;
  else if (o.end !== undefined) endLine = timeProperty('DTEND', o.end, o);
  else if (start instanceof Date && !o.allDay)
    endLine = timeProperty('DTEND', new Date(start.getTime() + 3_600_000), o);
  else endLine = o.allDay ? 'DURATION:P1D' : 'DURATION:PT1H';
  return [
    'BEGIN:VEVENT',
    `UID:${o.uid}`,
    `DTSTAMP:${o.stamp ?? DEFAULT_STAMP}`,
    ...(o.recurrenceId ? [timeProperty('RECURRENCE-ID', o.recurrenceId, o)] : []),
    timeProperty('DTSTART', start, o),
    endLine,
    ...(o.summary !== undefined ? [`SUMMARY:${escapeText(o.summary)}`] : []),
    ...(o.location ? [`LOCATION:${escapeText(o.location)}`] : []),
    ...(o.description ? [`DESCRIPTION:${escapeText(o.description)}`] : []),
    ...(o.klass ? [`CLASS:${o.klass}`] : []),
    ...(o.rrule ? [`RRULE:${o.rrule}`] : []),
    ...(o.exdates?.length ? [timeProperty('EXDATE', o.exdates.join(','), o)] : []),
    ...(o.lastModified ? [`LAST-MODIFIED:${o.lastModified}`] : []),
    ...(o.sequence !== undefined ? [`SEQUENCE:${o.sequence}`] : []),
    ...(o.extra ?? []),
    ...(o.alarm !== undefined ? alarmLines(o.alarm) : []),
    'END:VEVENT',
  ];
}

/**
 * A calendar resource: one event, or a series with its overrides (`overrides`, same UID), with the VTIMEZONEs
 * given in `zones` (e.g. PARIS_TZ).
 */
export function event(
  o: EventOptions & { overrides?: Omit<EventOptions, 'uid'>[]; zones?: string[]; prodid?: string },
): string {
  const overrides = (o.overrides ?? []).map((x) => eventLines({ tzid: o.tzid, ...x, uid: o.uid }));
  return calendarFrom(o.prodid ?? PRODID_VALUE, [...(o.zones ?? []), ...eventLines(o), ...overrides.flat()]);
}

/** The short form most tests need: an event with this UID and title, and any raw extra lines. */
export function vevent(uid: string, summary: string, extra: string[] = []): string {
  return event({ uid, summary, extra });
}

export interface TodoOptions {
  uid: string;
  summary?: string;
  due?: IcsTime;
  /** A due date (VALUE=DATE) rather than a date-time. */
  allDay?: boolean;
  status?: 'NEEDS-ACTION' | 'IN-PROCESS' | 'COMPLETED' | 'CANCELLED';
  klass?: string;
  stamp?: string;
  extra?: string[];
}

export function todoLines(o: TodoOptions): string[] {
  return [
    'BEGIN:VTODO',
    `UID:${o.uid}`,
    `DTSTAMP:${o.stamp ?? DEFAULT_STAMP}`,
    ...(o.due !== undefined ? [timeProperty('DUE', o.due, o)] : []),
    ...(o.summary !== undefined ? [`SUMMARY:${escapeText(o.summary)}`] : []),
    ...(o.status ? [`STATUS:${o.status}`] : []),
    ...(o.klass ? [`CLASS:${o.klass}`] : []),
    ...(o.extra ?? []),
    'END:VTODO',
  ];
}

/** A task list resource with one VTODO. */
export function todo(o: TodoOptions): string {
  return calendar(...todoLines(o));
}

export interface CardOptions {
  uid: string;
  /** The formatted name (FN); N is derived from it for vCard 3.0, which requires N. */
  name: string;
  version?: '3.0' | '4.0';
  /** The structured name as written (already escaped); default for 3.0: the name as family name. */
  n?: string;
  email?: string;
  prodid?: string;
  extra?: string[];
}

/** A vCard: 3.0 by default, the version every server here accepts. */
export function card(o: CardOptions): string {
  const version = o.version ?? '3.0';
  return contentLines([
    'BEGIN:VCARD',
    `VERSION:${version}`,
    ...(o.prodid ? [`PRODID:${o.prodid}`] : []),
    `UID:${o.uid}`,
    `FN:${escapeText(o.name)}`,
    ...(o.n !== undefined ? [`N:${o.n}`] : version === '3.0' ? [`N:${escapeText(o.name)};;;;`] : []),
    ...(o.email ? [`EMAIL;TYPE=INTERNET:${o.email}`] : []),
    ...(o.extra ?? []),
    'END:VCARD',
  ]);
}

/** The short form: a contact with this UID and name, and any raw extra lines. */
export function vcard(uid: string, name: string, extra: string[] = []): string {
  return card({ uid, name, extra });
}

/** A VTIMEZONE with Central European rules (CET/CEST), under any TZID. */
export function centralEuropeanZone(tzid: string): string[] {
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${tzid}`,
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
}

export const PARIS_TZ: string[] = centralEuropeanZone('Europe/Paris');

/** America/New_York's rules since 2007 (EST/EDT): a second zone, west of UTC. */
export const NEW_YORK_TZ: string[] = [
  'BEGIN:VTIMEZONE',
  'TZID:America/New_York',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'TZNAME:EDT',
  'DTSTART:19700308T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'TZNAME:EST',
  'DTSTART:19701101T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];
