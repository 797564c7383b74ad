/**
 * iCalendar VEVENT <-> Microsoft Graph event. The rule table is in the README ("Outlook sync through
 * Microsoft Graph"); each rule is implemented by one field group below.
 *
 * Two principles:
 * - Nothing is lost on the DAV side. The store keeps the whole iCalendar text the bridge last wrote in an
 *   extended property of the Graph event; reading back, every field group whose Graph value still equals what
 *   that text maps to keeps the original lines as they were (attendees, overrides, rules Graph cannot express,
 *   floating times, X- properties...). Only a group changed in Outlook is rewritten from Graph.
 * - No mail. Graph mails attendees when an event with `attendees` is created or updated by its organizer's
 *   mailbox, and sends cancellations when it is deleted: the bridge never sends `attendees` (nor `organizer`),
 *   so a synced event is never a meeting in Graph's eyes; the attendees ride along in the kept iCalendar text.
 */
import { foldLine, parseComponents, type Component, type ContentLine } from '../sync/content-lines.js';
import type { GraphDowngrade } from '../i18n/graph.messages.js';
import type { GraphDateTime, GraphEventRead, GraphEventWrite, GraphSensitivity } from './graph-types.js';
import ICAL from 'ical.js';
import { BoundedInstances } from '../use-cases/feed-recurrence.js';
import { customZone, type CustomZone } from './custom-zones.js';
import { graphToRrule, rruleToGraph, type SeriesStart } from './recurrence.js';
import { ianaZoneFor, instantOf, isIanaZone, sameZone, wallAt, windowsZoneFor, type Wall } from './zones.js';

export interface MappingOptions {
  /** The Outlook category of the subscribed calendar, put on every event (and taken off when reading back). */
  category?: string;
  /** Graph's zone for floating times (the mailbox's zone); default UTC. */
  floatingZone?: string;
}

export interface ToGraphResult {
  uid: string;
  event: GraphEventWrite;
  downgrades: GraphDowngrade[];
  /** A series Graph holds: its overrides and EXDATEs, as edits of its occurrences (empty otherwise). */
  series: SeriesEdits;
}

/** The fields of one occurrence of a series Outlook can hold (no recurrence: that is the master's). */
export type OccurrenceWrite = Omit<GraphEventWrite, 'recurrence' | 'singleValueExtendedProperties' | 'transactionId'>;

/**
 * The occurrences of a series that differ from its rule. An occurrence is named by its date (yyyy-mm-dd) in the
 * series' zone: every Graph pattern has at most one occurrence a day, and Graph's own occurrence ids
 * (`OID.<master>.<date>`) name them so too.
 */
export interface SeriesEdits {
  /** RECURRENCE-ID overrides: Graph exceptions (an occurrence patched with these fields). */
  exceptions: { date: string; event: OccurrenceWrite }[];
  /** EXDATEs: occurrences deleted in Graph (its cancelled occurrences). */
  cancelled: string[];
}

/** An event the mapping cannot send at all (bad input): carries the catalog key, never loses data. */
export class GraphMappingError extends Error {
  constructor(
    readonly key: 'graph.unknown-zone' | 'graph.no-event',
    readonly params: Record<string, string>,
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = 'GraphMappingError';
  }
}

// ---- iCalendar values --------------------------------------------------------------------------------------

export function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

export function escapeText(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

const param = (l: ContentLine, name: string) => l.params.find(([k]) => k === name)?.[1]?.replace(/^"|"$/g, '');
const prop = (c: Component, name: string) => c.props.find((l) => l.name === name);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

interface IcalTime {
  kind: 'date' | 'utc' | 'zoned' | 'floating';
  wall: Wall;
  tzid?: string;
}

function readTime(l: ContentLine): IcalTime {
  const m = /^(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)(Z?))?$/.exec(l.value.trim());
  if (!m) throw new Error(`bad date-time ${l.value}`);
  const wall: Wall = { y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +(m[4] ?? 0), mi: +(m[5] ?? 0), s: +(m[6] ?? 0) };
  if (m[4] === undefined) return { kind: 'date', wall };
  if (m[7] === 'Z') return { kind: 'utc', wall };
  const tzid = param(l, 'TZID');
  return tzid ? { kind: 'zoned', wall, tzid } : { kind: 'floating', wall };
}

const msToWall = (ms: number): Wall => {
  const d = new Date(ms);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
  };
};
const wallMs = (w: Wall) => Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
const graphWall = (w: Wall) => `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`;
const icalWall = (w: Wall) => `${w.y}${pad(w.mo)}${pad(w.d)}T${pad(w.h)}${pad(w.mi)}${pad(w.s)}`;
const icalDate = (w: Wall) => `${w.y}${pad(w.mo)}${pad(w.d)}`;

function parseGraphWall(dt: string): Wall {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)/.exec(dt);
  if (!m) throw new Error(`bad Graph dateTime ${dt}`);
  return { y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: +m[6]! };
}

/** DURATION (RFC 5545) in milliseconds: "P1D", "PT1H30M", "-PT15M", "P2W". */
export function durationMs(v: string): number | undefined {
  const m = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(v.trim());
  if (!m) return undefined;
  const ms =
    ((+(m[2] ?? 0) * 7 + +(m[3] ?? 0)) * 86400 + +(m[4] ?? 0) * 3600 + +(m[5] ?? 0) * 60 + +(m[6] ?? 0)) * 1000;
  return m[1] === '-' ? -ms : ms;
}

// ---- VEVENT -> Graph ---------------------------------------------------------------------------------------

interface Placed {
  graph: GraphDateTime;
  /** IANA zone (or 'UTC') the wall time is in; undefined for floating and all-day. */
  zone: string | undefined;
}

/** The calendar object's custom VTIMEZONEs (TZIDs neither IANA nor Windows names), by TZID. */
type CustomZones = Map<string, CustomZone>;

function customZonesOf(root: Component): CustomZones {
  const out: CustomZones = new Map();
  const cal = root.children.find((c) => c.name === 'VCALENDAR') ?? root;
  for (const vtz of cal.children.filter((c) => c.name === 'VTIMEZONE')) {
    const tzid = prop(vtz, 'TZID')?.value;
    if (!tzid || windowsZoneFor(tzid) || isIanaZone(tzid)) continue;
    const zone = customZone(tzid, serialize(vtz));
    if (zone) out.set(tzid, zone);
  }
  return out;
}

function place(
  t: IcalTime,
  uid: string,
  opts: MappingOptions,
  downgrades: GraphDowngrade[],
  zones: CustomZones = new Map(),
): Placed {
  switch (t.kind) {
    case 'date':
      return { graph: { dateTime: graphWall(t.wall), timeZone: 'UTC' }, zone: undefined };
    case 'utc':
      return { graph: { dateTime: graphWall(t.wall), timeZone: 'UTC' }, zone: 'UTC' };
    case 'floating': {
      const zone = opts.floatingZone ?? 'UTC';
      if (!downgrades.some((d) => d.code === 'floating-time')) downgrades.push({ code: 'floating-time', zone });
      return { graph: { dateTime: graphWall(t.wall), timeZone: zone }, zone: undefined };
    }
    case 'zoned': {
      const tzid = t.tzid!;
      const windows = windowsZoneFor(tzid);
      if (windows) return { graph: { dateTime: graphWall(t.wall), timeZone: windows }, zone: ianaZoneFor(windows) };
      if (isIanaZone(tzid)) {
        if (!downgrades.some((d) => d.code === 'zone-converted-to-utc'))
          downgrades.push({ code: 'zone-converted-to-utc', tzid });
        const utc = msToWall(instantOf(t.wall, tzid));
        return { graph: { dateTime: graphWall(utc), timeZone: 'UTC' }, zone: 'UTC' };
      }
      // A custom VTIMEZONE: the known zone with the same rules, else the exact instants in UTC (reported).
      const custom = zones.get(tzid);
      if (!custom) throw new GraphMappingError('graph.unknown-zone', { uid, tzid });
      const same = custom.match(t.wall.y);
      if (same) return { graph: { dateTime: graphWall(t.wall), timeZone: same }, zone: ianaZoneFor(same) };
      if (!downgrades.some((d) => d.code === 'zone-converted-to-utc'))
        downgrades.push({ code: 'zone-converted-to-utc', tzid });
      return { graph: { dateTime: graphWall(msToWall(custom.instantOf(t.wall))), timeZone: 'UTC' }, zone: 'UTC' };
    }
  }
}

/** The master VEVENT (no RECURRENCE-ID) of a calendar object, and its overrides. */
function masterOf(root: Component): { master: Component; overrideEvents: Component[] } {
  const cal = root.children.find((c) => c.name === 'VCALENDAR') ?? root;
  const events = cal.children.filter((c) => c.name === 'VEVENT');
  const master = events.find((e) => !prop(e, 'RECURRENCE-ID'));
  if (!master) throw new GraphMappingError('graph.no-event', { id: '' });
  return { master, overrideEvents: events.filter((e) => e !== master) };
}

export function icalToGraph(ical: string, opts: MappingOptions = {}): ToGraphResult {
  const root = parseComponents(ical);
  const { master: ev, overrideEvents } = masterOf(root);
  const uid = prop(ev, 'UID')?.value ?? '';
  const downgrades: GraphDowngrade[] = [];
  const zones = customZonesOf(root);
  const { fields, start, placedStart } = occurrenceFields(ev, uid, opts, downgrades, zones);
  const allDay = start.kind === 'date';

  let recurrence: GraphEventWrite['recurrence'] = null;
  const rrule = prop(ev, 'RRULE');
  if (rrule) {
    const series: SeriesStart = {
      wall: start.wall,
      allDay,
      zone:
        start.kind === 'zoned'
          ? windowsZoneFor(start.tzid!)
            ? ianaZoneFor(windowsZoneFor(start.tzid!)!)
            : isIanaZone(start.tzid!)
              ? start.tzid
              : placedStart.zone
          : start.kind === 'utc'
            ? 'UTC'
            : undefined,
      graphZone: placedStart.graph.timeZone,
    };
    // A start converted to UTC keeps its rule only if the rule's days do not depend on the zone: keep it simple
    // and exact, the series is then read with its converted start.
    if (placedStart.zone === 'UTC' && start.kind === 'zoned') series.wall = parseGraphWall(placedStart.graph.dateTime);
    const mapped = rruleToGraph(rrule.value, series);
    if ('recurrence' in mapped && !ev.props.some((l) => l.name === 'RDATE')) recurrence = mapped.recurrence;
    else
      downgrades.push({
        code: 'recurrence-not-expressible',
        rule: 'recurrence' in mapped ? 'RDATE' : mapped.notExpressible,
      });
  }

  const series: SeriesEdits = { exceptions: [], cancelled: [] };
  if (recurrence) {
    const seriesZone = placedStart.zone;
    for (const l of ev.props.filter((x) => x.name === 'EXDATE')) {
      for (const value of l.value.split(',')) series.cancelled.push(occurrenceDate({ ...l, value }, start, seriesZone));
    }
    for (const o of overrideEvents) {
      const rid = prop(o, 'RECURRENCE-ID')!;
      const own = occurrenceFields(o, uid, opts, downgrades, zones).fields;
      series.exceptions.push({ date: occurrenceDate(rid, start, seriesZone), event: own });
    }
    series.cancelled = [...new Set(series.cancelled)].sort();
    series.exceptions.sort((x, y) => (x.date < y.date ? -1 : 1));
  }

  const event: GraphEventWrite = { ...fields, recurrence };
  return { uid, event, downgrades: dedupe(downgrades), series };
}

/** The same downgrade once (an override repeats its master's zone, alarms, attendees...). */
function dedupe(downgrades: GraphDowngrade[]): GraphDowngrade[] {
  const seen = new Set<string>();
  return downgrades.filter((d) => {
    const key = JSON.stringify(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The date (yyyy-mm-dd, in the series' zone) of the occurrence a RECURRENCE-ID or EXDATE value names. A value in
 * the DTSTART's own form is read as written; another form (UTC, another zone) is put in the series' zone.
 */
function occurrenceDate(l: ContentLine, start: IcalTime, seriesZone: string | undefined): string {
  const t = readTime(l);
  const iso = (w: Wall) => `${w.y}-${pad(w.mo)}-${pad(w.d)}`;
  const sameForm = t.kind === start.kind && t.tzid === start.tzid;
  if (sameForm && (t.kind !== 'zoned' || seriesZone !== 'UTC' || !isIanaZone(t.tzid!))) return iso(t.wall);
  if (t.kind === 'date' || t.kind === 'floating' || !seriesZone) return iso(t.wall);
  const ms = t.kind === 'utc' ? wallMs(t.wall) : isIanaZone(t.tzid!) ? instantOf(t.wall, t.tzid!) : wallMs(t.wall);
  return iso(seriesZone === 'UTC' ? msToWall(ms) : wallAt(ms, seriesZone));
}

/** The Graph fields of one VEVENT (a single event, a master or an override), recurrence aside. */
function occurrenceFields(
  ev: Component,
  uid: string,
  opts: MappingOptions,
  downgrades: GraphDowngrade[],
  zones: CustomZones,
): { fields: OccurrenceWrite; start: IcalTime; placedStart: Placed } {
  const dtstartLine = prop(ev, 'DTSTART');
  if (!dtstartLine) throw new GraphMappingError('graph.no-event', { id: uid });
  const start = readTime(dtstartLine);
  const allDay = start.kind === 'date';
  const placedStart = place(start, uid, opts, downgrades, zones);
  const dtend = prop(ev, 'DTEND');
  const duration = prop(ev, 'DURATION');
  let end: IcalTime;
  if (dtend) end = readTime(dtend);
  else {
    const ms = duration ? (durationMs(duration.value) ?? 0) : allDay ? 86_400_000 : 0;
    end = { ...start, wall: msToWall(wallMs(start.wall) + ms) };
  }
  const placedEnd = place(end, uid, opts, downgrades, zones);

  const alarms = ev.children.filter((c) => c.name === 'VALARM');
  const reminder = alarms.map(reminderMinutes).find((m) => m !== undefined);
  const kept = reminder === undefined ? 0 : 1;
  if (alarms.length > kept) downgrades.push({ code: 'reminder-dropped', count: alarms.length - kept });

  const attendees = ev.props.filter((l) => l.name === 'ATTENDEE').length;
  if (attendees > 0) downgrades.push({ code: 'attendees-kept-aside', count: attendees });

  const own = ev.props
    .filter((l) => l.name === 'CATEGORIES')
    .flatMap((l) => l.value.split(/(?<!\\),/))
    .map((c) => unescapeText(c).trim())
    .filter((c) => c && c !== opts.category);
  const fields: OccurrenceWrite = {
    subject: unescapeText(prop(ev, 'SUMMARY')?.value ?? ''),
    body: { contentType: 'text', content: unescapeText(prop(ev, 'DESCRIPTION')?.value ?? '') },
    location: { displayName: unescapeText(prop(ev, 'LOCATION')?.value ?? '') },
    start: placedStart.graph,
    end: placedEnd.graph,
    isAllDay: allDay,
    sensitivity: CLASS_TO_SENSITIVITY[(prop(ev, 'CLASS')?.value ?? 'PUBLIC').toUpperCase()] ?? 'private',
    showAs: (prop(ev, 'TRANSP')?.value ?? '').toUpperCase() === 'TRANSPARENT' ? 'free' : 'busy',
    categories: [...(opts.category ? [opts.category] : []), ...own],
    isReminderOn: reminder !== undefined,
    reminderMinutesBeforeStart: reminder ?? 0,
  };
  return { fields, start, placedStart };
}

const CLASS_TO_SENSITIVITY: Record<string, GraphSensitivity> = {
  PUBLIC: 'normal',
  PRIVATE: 'private',
  CONFIDENTIAL: 'confidential',
};

/** Minutes before the start of a VALARM Outlook can hold (relative to the start, at or before it). */
function reminderMinutes(alarm: Component): number | undefined {
  const trigger = prop(alarm, 'TRIGGER');
  if (!trigger || param(trigger, 'VALUE') === 'DATE-TIME' || param(trigger, 'RELATED') === 'END') return undefined;
  const ms = durationMs(trigger.value);
  if (ms === undefined || ms > 0 || ms % 60_000 !== 0) return undefined;
  return -ms / 60_000;
}

// ---- Graph -> VEVENT ---------------------------------------------------------------------------------------

/** One rule of the table: the Graph fields it compares, the iCalendar lines it owns, how it writes them. */
interface FieldGroup {
  name: string;
  /** A comparable form of the group's Graph fields. */
  value(ev: Partial<GraphEventWrite>, opts: MappingOptions): unknown;
  /** Property names the group owns in the master VEVENT. */
  props: string[];
  /** Whether the group owns the VALARM children. */
  alarms?: boolean;
  write(ev: Partial<GraphEventWrite>, ctx: WriteContext): ContentLine[] | Component[];
}

interface WriteContext {
  opts: MappingOptions;
  /** The TZID the DAV side used, kept when Outlook's zone is still the same zone. */
  tzid: string | undefined;
}

const line = (name: string, value: string, params: [string, string][] = []): ContentLine => ({
  group: undefined,
  name,
  params,
  value,
});

const normDt = (t: GraphDateTime | undefined) => (t ? `${t.dateTime.slice(0, 19)} ${t.timeZone}` : '');

/** Outlook returns bodies it edited as HTML: compared and written back as plain text. */
export function bodyText(body: GraphEventWrite['body'] | undefined): string {
  if (!body) return '';
  if (body.contentType !== 'html') return body.content;
  return body.content
    .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\r\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function timeLine(name: string, t: GraphDateTime, allDay: boolean, tzid: string | undefined): ContentLine {
  const wall = parseGraphWall(t.dateTime);
  if (allDay) return line(name, icalDate(wall), [['VALUE', 'DATE']]);
  if (t.timeZone === 'UTC') return line(name, `${icalWall(wall)}Z`);
  // The DAV side's own TZID (and its VTIMEZONE) still fits: keep it. Otherwise UTC, which needs no VTIMEZONE.
  if (tzid && sameZone(tzid, t.timeZone)) return line(name, icalWall(wall), [['TZID', tzid]]);
  // Outlook's zone as its IANA name (graphToIcal adds a VTIMEZONE for it); a zone with no IANA name: UTC.
  const iana = ianaZoneFor(t.timeZone);
  if (iana) return line(name, icalWall(wall), [['TZID', iana]]);
  return line(name, `${icalWall(wall)}Z`);
}

/**
 * A VTIMEZONE for each IANA TZID the rewritten event uses and the calendar lacks (RFC 5545 requires one per
 * TZID). Clients know IANA zones by name; for one that does not, the component gives the offset in force at
 * the event's start (one STANDARD observance: exact for that date, not a full rule set).
 */
function addMissingTimezones(root: Component, master: Component): void {
  const cal = root.children.find((c) => c.name === 'VCALENDAR');
  if (!cal) return;
  const present = new Set(cal.children.filter((c) => c.name === 'VTIMEZONE').map((c) => prop(c, 'TZID')?.value));
  for (const l of master.props) {
    const tzid = param(l, 'TZID');
    if (!tzid || present.has(tzid) || !isIanaZone(tzid)) continue;
    const wall = readTime(l).wall;
    const offsetMin = Math.round((wallMs(wall) - instantOf(wall, tzid)) / 60_000);
    const sign = offsetMin < 0 ? '-' : '+';
    const offset = `${sign}${pad(Math.floor(Math.abs(offsetMin) / 60))}${pad(Math.abs(offsetMin) % 60)}`;
    const observance: Component = {
      name: 'STANDARD',
      props: [line('DTSTART', '19700101T000000'), line('TZOFFSETFROM', offset), line('TZOFFSETTO', offset)],
      children: [],
    };
    cal.children.unshift({ name: 'VTIMEZONE', props: [line('TZID', tzid)], children: [observance] });
    present.add(tzid);
  }
}

function seriesStartOf(ev: Partial<GraphEventWrite>): SeriesStart {
  const start = ev.start ?? { dateTime: '1970-01-01T00:00:00', timeZone: 'UTC' };
  return {
    wall: parseGraphWall(start.dateTime),
    allDay: ev.isAllDay === true,
    zone: start.timeZone === 'UTC' ? 'UTC' : ianaZoneFor(start.timeZone),
    graphZone: start.timeZone,
  };
}

const GROUPS: FieldGroup[] = [
  {
    name: 'summary',
    props: ['SUMMARY'],
    value: (ev) => ev.subject ?? '',
    write: (ev) => (ev.subject ? [line('SUMMARY', escapeText(ev.subject))] : []),
  },
  {
    name: 'description',
    props: ['DESCRIPTION'],
    value: (ev) => bodyText(ev.body),
    write: (ev) => {
      const text = bodyText(ev.body);
      return text ? [line('DESCRIPTION', escapeText(text))] : [];
    },
  },
  {
    name: 'location',
    props: ['LOCATION'],
    value: (ev) => ev.location?.displayName ?? '',
    write: (ev) => (ev.location?.displayName ? [line('LOCATION', escapeText(ev.location.displayName))] : []),
  },
  {
    name: 'time',
    props: ['DTSTART', 'DTEND', 'DURATION'],
    value: (ev) => `${normDt(ev.start)}|${normDt(ev.end)}|${ev.isAllDay === true}`,
    write: (ev, ctx) =>
      ev.start && ev.end
        ? [
            timeLine('DTSTART', ev.start, ev.isAllDay === true, ctx.tzid),
            timeLine('DTEND', ev.end, ev.isAllDay === true, ctx.tzid),
          ]
        : [],
  },
  {
    name: 'recurrence',
    props: ['RRULE'],
    value: (ev) => JSON.stringify(ev.recurrence ?? null),
    write: (ev) => (ev.recurrence ? [line('RRULE', graphToRrule(ev.recurrence, seriesStartOf(ev)))] : []),
  },
  {
    name: 'privacy',
    props: ['CLASS'],
    value: (ev) => ev.sensitivity ?? 'normal',
    write: (ev) => {
      // Graph's "personal" has no iCalendar class: PRIVATE is the nearest (the table says so).
      const cls = { normal: '', personal: 'PRIVATE', private: 'PRIVATE', confidential: 'CONFIDENTIAL' }[
        ev.sensitivity ?? 'normal'
      ];
      return cls ? [line('CLASS', cls)] : [];
    },
  },
  {
    name: 'busy',
    props: ['TRANSP'],
    value: (ev) => ((ev.showAs ?? 'busy') === 'free' ? 'free' : 'busy'),
    write: (ev) => [line('TRANSP', (ev.showAs ?? 'busy') === 'free' ? 'TRANSPARENT' : 'OPAQUE')],
  },
  {
    name: 'categories',
    props: ['CATEGORIES'],
    value: (ev, opts) => (ev.categories ?? []).filter((c) => c !== opts.category).join('\u0000'),
    write: (ev, ctx) => {
      const own = (ev.categories ?? []).filter((c) => c !== ctx.opts.category);
      return own.length ? [line('CATEGORIES', own.map(escapeText).join(','))] : [];
    },
  },
  {
    name: 'reminder',
    props: [],
    alarms: true,
    value: (ev) => (ev.isReminderOn ? (ev.reminderMinutesBeforeStart ?? 0) : null),
    write: (ev): Component[] =>
      ev.isReminderOn
        ? [
            {
              name: 'VALARM',
              props: [
                line('ACTION', 'DISPLAY'),
                line('DESCRIPTION', 'Reminder'),
                line('TRIGGER', `-PT${ev.reminderMinutesBeforeStart ?? 0}M`),
              ],
              children: [],
            },
          ]
        : [],
  },
];

export interface FromGraphOptions extends MappingOptions {
  /** The UID to give an event that has none of the bridge's (created in Outlook): Graph's iCalUId. */
  uid: string;
  /** The iCalendar text the bridge last wrote for this event (kept in an extended property), if any. */
  original?: string | undefined;
  /**
   * For a series master: its exceptions (`type: exception` instances) within `window`, read from Graph's
   * `instances`. Overrides of the original text outside the window are kept as they are; inside it, Graph's
   * exceptions are the truth. Cancelled occurrences come from the master's `cancelledOccurrences` (the whole
   * series); without that property the original's EXDATEs are kept.
   */
  exceptions?: GraphEventRead[];
  /** The dates (yyyy-mm-dd, inclusive) the exceptions were read for. */
  span?: { from: string; to: string };
}

/** The groups an override can differ from its series by (its rule is the master's). */
const OCCURRENCE_GROUPS = (): FieldGroup[] => GROUPS.filter((g) => g.name !== 'recurrence');

/** The date (yyyy-mm-dd in the series' zone) of a Graph exception, from its `originalStart` (a UTC instant). */
function exceptionDate(inst: GraphEventRead, series: GraphEventRead): string {
  const at = Date.parse(inst.originalStart ?? '');
  if (!Number.isFinite(at)) return (inst.start?.dateTime ?? '').slice(0, 10);
  const zone = series.isAllDay ? 'UTC' : (ianaZoneFor(series.start?.timeZone ?? 'UTC') ?? 'UTC');
  const w = zone === 'UTC' ? msToWall(at) : wallAt(at, zone);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}`;
}

interface GraphSeriesState {
  /** undefined: Graph did not say (the original's EXDATEs stand). */
  cancelled: string[] | undefined;
  exceptions: Map<string, GraphEventRead>;
  inWindow: (date: string) => boolean;
}

function graphSeriesState(ev: GraphEventRead, opts: FromGraphOptions): GraphSeriesState | undefined {
  if (!ev.recurrence) return undefined;
  const exceptions = new Map<string, GraphEventRead>();
  for (const inst of opts.exceptions ?? []) {
    if (inst.type !== 'exception') continue;
    const date = exceptionDate(inst, ev);
    // An exception patched back to the series' values (how the bridge undoes one: Graph has no "restore") is
    // a plain occurrence again.
    if (ev.start && ev.end && !occurrenceDiffers(inst, plainOccurrence(ev as GraphEventWrite, date), opts)) continue;
    exceptions.set(date, inst);
  }
  const span = opts.span;
  return {
    cancelled: ev.cancelledOccurrences?.map((id) => id.slice(-10)).sort(),
    exceptions,
    inWindow: (date) => (span ? date >= span.from && date <= span.to : opts.exceptions !== undefined),
  };
}

/** Do Graph's exceptions and cancellations say what the original's overrides and EXDATEs say? */
function sameSeries(state: GraphSeriesState, edits: SeriesEdits, opts: FromGraphOptions): boolean {
  if (state.cancelled && !sameValue(state.cancelled, edits.cancelled)) return false;
  const mine = new Map(edits.exceptions.filter((x) => state.inWindow(x.date)).map((x) => [x.date, x.event]));
  if (mine.size !== state.exceptions.size) return false;
  for (const [date, inst] of state.exceptions) {
    const own = mine.get(date);
    if (!own || OCCURRENCE_GROUPS().some((g) => !sameValue(g.value(inst, opts), g.value(own, opts)))) return false;
  }
  return true;
}

/** "20261210T090000" (with DTSTART's form and parameters) for an occurrence date. */
function occurrenceLine(name: string, date: string, dtstart: ContentLine): ContentLine {
  const compact = date.replace(/-/g, '');
  const time = dtstart.value.length > 8 ? dtstart.value.slice(8) : '';
  return line(
    name,
    `${compact}${time}`,
    dtstart.params.filter(([k]) => k === 'TZID' || k === 'VALUE'),
  );
}

/**
 * Rewrites the overrides and EXDATEs of a calendar object from Graph's series state: EXDATEs from the cancelled
 * occurrences, overrides in the window from the exceptions (an unchanged override is kept line for line, a changed
 * one gets only its changed groups rewritten), overrides outside the window kept.
 */
function applySeries(
  root: Component,
  master: Component,
  state: GraphSeriesState,
  edits: SeriesEdits | undefined,
  opts: FromGraphOptions,
): void {
  const cal = root.children.find((c) => c.name === 'VCALENDAR') ?? root;
  const dtstart = prop(master, 'DTSTART');
  if (!dtstart) return;
  const uid = prop(master, 'UID')?.value ?? opts.uid;
  const ctx: WriteContext = { opts, tzid: param(dtstart, 'TZID') };
  if (state.cancelled && !sameValue(state.cancelled, edits?.cancelled ?? [])) {
    master.props = master.props.filter((l) => l.name !== 'EXDATE');
    if (state.cancelled.length) {
      const lines = state.cancelled.map((d) => occurrenceLine('EXDATE', d, dtstart));
      master.props.push({ ...lines[0]!, value: lines.map((l) => l.value).join(',') });
    }
  }
  const startForm = readTime(dtstart);
  const seriesZone = startForm.kind === 'zoned' ? ianaZoneFor(windowsZoneFor(startForm.tzid!) ?? '') : undefined;
  const overrides = cal.children.filter((c) => c.name === 'VEVENT' && c !== master && prop(c, 'RECURRENCE-ID'));
  const byDate = new Map(
    overrides.map((o) => [occurrenceDate(prop(o, 'RECURRENCE-ID')!, startForm, seriesZone ?? undefined), o]),
  );
  const mine = new Map((edits?.exceptions ?? []).map((x) => [x.date, x.event]));
  for (const [date, o] of byDate) {
    // Inside the window an override Graph no longer has is gone (back to normal, or cancelled).
    if (state.inWindow(date) && !state.exceptions.has(date)) cal.children = cal.children.filter((c) => c !== o);
  }
  for (const [date, inst] of state.exceptions) {
    const existing = byDate.get(date);
    const own = mine.get(date);
    if (existing && own) {
      const changed = OCCURRENCE_GROUPS().filter((g) => !sameValue(g.value(inst, opts), g.value(own, opts)));
      if (changed.length === 0) continue;
      for (const g of changed) applyGroup(existing, g, inst, ctx);
      bumpSequence(existing);
      addMissingTimezones(root, existing);
      continue;
    }
    const created: Component = {
      name: 'VEVENT',
      props: [
        line('UID', uid),
        line('DTSTAMP', `${icalWall(msToWall(Date.now()))}Z`),
        occurrenceLine('RECURRENCE-ID', date, dtstart),
      ],
      children: [],
    };
    for (const g of OCCURRENCE_GROUPS()) applyGroup(created, g, inst, ctx);
    cal.children.push(created);
    addMissingTimezones(root, created);
  }
}

/**
 * The iCalendar text for a Graph event. With the original text, only the groups Outlook changed are rewritten
 * (and nothing at all when none changed: the original comes back byte for byte). A series' exceptions come back
 * as overrides (RECURRENCE-ID), its cancelled occurrences as EXDATEs.
 */
export function graphToIcal(ev: GraphEventRead, opts: FromGraphOptions): string {
  const state = graphSeriesState(ev, opts);
  if (opts.original) {
    let projection: ToGraphResult | undefined;
    try {
      projection = icalToGraph(opts.original, opts);
    } catch {
      projection = undefined;
    }
    if (projection) {
      const changed = GROUPS.filter((g) => !sameValue(g.value(ev, opts), g.value(projection.event, opts)));
      const seriesSame = !state || sameSeries(state, projection.series, opts);
      if (changed.length === 0 && seriesSame) return opts.original;
      const root = parseComponents(opts.original);
      const { master } = masterOf(root);
      const ctx: WriteContext = { opts, tzid: param(prop(master, 'DTSTART') ?? line('X', ''), 'TZID') };
      for (const g of changed) applyGroup(master, g, ev, ctx);
      if (changed.length) bumpSequence(master);
      if (state && !seriesSame) applySeries(root, master, state, projection.series, opts);
      addMissingTimezones(root, master);
      return serialize(root);
    }
  }
  const master: Component = {
    name: 'VEVENT',
    props: [line('UID', opts.uid), line('DTSTAMP', `${icalWall(msToWall(Date.now()))}Z`)],
    children: [],
  };
  const ctx: WriteContext = { opts, tzid: undefined };
  for (const g of GROUPS) applyGroup(master, g, ev, ctx);
  const cal: Component = {
    name: 'VCALENDAR',
    props: [line('VERSION', '2.0'), line('PRODID', '-//DAV Bridge//Outlook sync//EN')],
    children: [master],
  };
  const root: Component = { name: '', props: [], children: [cal] };
  if (state) applySeries(root, master, state, undefined, opts);
  addMissingTimezones(root, master);
  return serialize(root);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function applyGroup(master: Component, g: FieldGroup, ev: GraphEventRead, ctx: WriteContext): void {
  const written = g.write(ev, ctx);
  if (g.alarms) {
    master.children = [...master.children.filter((c) => c.name !== 'VALARM'), ...(written as Component[])];
    return;
  }
  master.props = [...master.props.filter((l) => !g.props.includes(l.name)), ...(written as ContentLine[])];
}

/** An edit made in Outlook is a new revision for DAV clients (RFC 5545 SEQUENCE). */
function bumpSequence(master: Component): void {
  const seq = prop(master, 'SEQUENCE');
  if (seq) seq.value = String((Number(seq.value) || 0) + 1);
}

function serializeLine(l: ContentLine): string {
  const head = [l.group ? `${l.group}.${l.name}` : l.name, ...l.params.map(([k, v]) => `${k}=${v}`)].join(';');
  return foldLine(`${head}:${l.value}`);
}

function serialize(c: Component): string {
  const out: string[] = [];
  const walk = (x: Component) => {
    if (x.name) out.push(`BEGIN:${x.name}`);
    for (const l of x.props) out.push(serializeLine(l));
    for (const child of x.children) walk(child);
    if (x.name) out.push(`END:${x.name}`);
  };
  walk(c);
  return out.join('\r\n') + '\r\n';
}

// ---- occurrences of a series in Graph -----------------------------------------------------------------------

export { exceptionDate };

/** Does an instance Graph holds differ from the fields the bridge wants on that occurrence? */
export function occurrenceDiffers(inst: GraphEventRead, want: OccurrenceWrite, opts: MappingOptions): boolean {
  return OCCURRENCE_GROUPS().some((g) => !sameValue(g.value(inst, opts), g.value(want, opts)));
}

/** The fields of a plain occurrence of a series on a date: what an exception is patched back to. */
export function plainOccurrence(series: GraphEventWrite, date: string): OccurrenceWrite {
  const { recurrence: _r, singleValueExtendedProperties: _p, transactionId: _t, ...fields } = series;
  const startWall = parseGraphWall(series.start.dateTime);
  const length = wallMs(parseGraphWall(series.end.dateTime)) - wallMs(startWall);
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const start: Wall = { ...startWall, y, mo, d };
  return {
    ...fields,
    start: { dateTime: graphWall(start), timeZone: series.start.timeZone },
    end: { dateTime: graphWall(msToWall(wallMs(start) + length)), timeZone: series.end.timeZone },
  };
}

// ---- series Graph cannot express: their instances, as single events -----------------------------------------

/** One instance of a series Graph cannot express, as a single Outlook event. */
export interface SeriesInstance {
  /** The instance's RECURRENCE-ID value as the series writes it ("20261203T090000", "20261203"). */
  key: string;
  event: OccurrenceWrite;
}

/**
 * The instances of a series Graph cannot express (an RRULE it has no pattern for, RDATE...) whose start falls in
 * [from, to) (UTC ms), the series' own start excepted (the master event shows it), at most `max`; overrides give
 * their own fields, EXDATEs are left out. Undefined for anything else (a single event, a series Graph holds).
 * Expanded with ical.js, guarded against rules that never end (feed-recurrence.ts).
 */
export function seriesInstances(
  ical: string,
  opts: MappingOptions,
  span: { from: number; to: number },
  max: number,
): { instances: SeriesInstance[]; truncated: boolean } | undefined {
  const root = parseComponents(ical);
  const { master, overrideEvents } = masterOf(root);
  if (!prop(master, 'RRULE') && !prop(master, 'RDATE')) return undefined;
  if (!icalToGraph(ical, opts).downgrades.some((d) => d.code === 'recurrence-not-expressible')) return undefined;
  const dtstart = prop(master, 'DTSTART')!;
  const dtend = prop(master, 'DTEND');
  const startWall = readTime(dtstart).wall;
  const length = dtend ? wallMs(readTime(dtend).wall) - wallMs(startWall) : 0;
  const cal = root.children.find((c) => c.name === 'VCALENDAR') ?? root;
  const zones = cal.children.filter((c) => c.name === 'VTIMEZONE');
  const format = (w: Wall, like: ContentLine) =>
    like.value.length === 8 ? icalDate(w) : `${icalWall(w)}${like.value.endsWith('Z') ? 'Z' : ''}`;

  let parsed: InstanceType<typeof ICAL.Event>;
  try {
    const comp = new ICAL.Component(ICAL.parse(ical) as unknown[]);
    const vevent = comp.getAllSubcomponents('vevent').find((e) => !e.hasProperty('recurrence-id'));
    if (!vevent) return undefined;
    parsed = new ICAL.Event(vevent);
  } catch {
    return { instances: [], truncated: false };
  }
  const it = new BoundedInstances(parsed, parsed.startDate, 2000);
  const out: SeriesInstance[] = [];
  const margin = 86_400_000; // wall times are compared to UTC bounds: a day of slack on each side
  for (let t = it.next(); t; t = it.next()) {
    const wall: Wall = { y: t.year, mo: t.month, d: t.day, h: t.hour, mi: t.minute, s: t.second };
    const at = wallMs(wall);
    if (at >= span.to + margin) break;
    if (at < span.from - margin) continue;
    it.kept();
    const key = format(wall, dtstart);
    if (key === dtstart.value) continue;
    if (out.length >= max) return { instances: out, truncated: true };
    const override = overrideEvents.find((o) => prop(o, 'RECURRENCE-ID')?.value === key);
    const one: Component = override
      ? { ...override, props: override.props.filter((l) => l.name !== 'RECURRENCE-ID') }
      : {
          ...master,
          props: master.props
            .filter((l) => !['RRULE', 'RDATE', 'EXDATE', 'EXRULE'].includes(l.name))
            .map((l) =>
              l.name === 'DTSTART'
                ? { ...l, value: key }
                : l.name === 'DTEND'
                  ? { ...l, value: format(msToWall(at + length), l) }
                  : l,
            ),
        };
    const single: Component = { name: '', props: [], children: [{ ...cal, children: [...zones, one] }] };
    const { event } = icalToGraph(serialize(single), opts);
    const { recurrence: _r, ...fields } = event;
    out.push({ key, event: fields });
  }
  return { instances: out, truncated: false };
}
