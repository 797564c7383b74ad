/**
 * Builds a guest feed: every calendar object of the collection merged into one VCALENDAR, with what a guest must
 * not see removed. Alarms (the owner's reminders) and attendees/organizer (other people's addresses) are dropped
 * from every item. Private items (see privacy.ts: CLASS per series, unknown values private) become busy blocks:
 * one VEVENT per occurrence in a window, with a UID of their own for this link (an HMAC of the link id and the
 * original UID and time: stable for the link, unrelated between links and to the owner's calendar), their times,
 * TRANSP and nothing else: no summary, description, location, attendees, and no rule that would tell the series'
 * pattern beyond the window. A link can also hide them completely.
 *
 * The busy blocks of the whole feed share one budget of recurrence iterations (the agenda's): past it, the feed
 * stops expanding and says so in a calendar property (X-DAV-BRIDGE-BUSY-BLOCKS-TRUNCATED), so a calendar full of
 * private daily series cannot make one feed request expand without end.
 */
import { createHmac } from 'node:crypto';
import ICAL from 'ical.js';
import { buildAgenda, DEFAULT_AGENDA_BUDGET, type Occurrence } from './agenda.js';
import { BUSY_SUMMARY, isPrivate } from './privacy.js';

export { BUSY_SUMMARY, isPrivate } from './privacy.js';

type Component = InstanceType<typeof ICAL.Component>;

const ALWAYS_DROP = new Set(['attendee', 'organizer', 'x-moz-snooze-time', 'x-moz-lastack']);

export interface FeedPrivacy {
  /** The link the feed is for: busy blocks get UIDs of their own for it. */
  linkId: string;
  /** Secret key of the UID HMAC (never the token: guests know it). */
  uidKey: Buffer;
  /** Leave private items out instead of showing them as busy. */
  hidePrivate: boolean;
  /** Busy blocks are listed from `now` - 31 days to `now` + 400 days. */
  now: number;
  /** Zone floating times of private items are read in. */
  timeZone: string;
}

const DAY_MS = 24 * 3600 * 1000;
/** Iterations one private series may spend on its busy blocks. */
const BUSY_BUDGET_PER_SERIES = 2000;
/** Iterations the busy blocks of one whole feed may spend (all private series together). */
export const FEED_BUSY_BUDGET = DEFAULT_AGENDA_BUDGET;
/** The calendar property saying that the feed's busy blocks stopped at the budget; its value is the budget. */
export const BUSY_TRUNCATED_PROPERTY = 'x-dav-bridge-busy-blocks-truncated';

/** What the busy blocks of one feed build have spent. */
interface BusyBudget {
  remaining: number;
  truncated: boolean;
}
const BUSY_PAST_DAYS = 31;
const BUSY_FUTURE_DAYS = 400;

function dropForGuests(item: Component): void {
  // Copies: ical.js hands out its live arrays, and removing while iterating one would skip items.
  for (const sub of [...item.getAllSubcomponents()]) item.removeSubcomponent(sub);
  for (const prop of [...item.getAllProperties()]) if (ALWAYS_DROP.has(prop.name)) item.removeProperty(prop);
}

function busyUid(privacy: FeedPrivacy, uid: string, at: string): string {
  const mac = createHmac('sha256', privacy.uidKey).update(`${privacy.linkId}\n${uid}\n${at}`).digest('base64url');
  return `busy-${mac.slice(0, 32)}@dav-bridge`;
}

/**
 * DTSTAMP of every busy block: the day the feed was built (midnight UTC), never the original's, which would tell
 * guests when the private event was last changed. A day, not the instant: the feed's bytes (hence its ETag and every
 * cache keyed on it) stay the same while the calendar does, within a day.
 */
function buildStamp(privacy: FeedPrivacy): InstanceType<typeof ICAL.Time> {
  const day = new Date(Math.floor(privacy.now / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
  return ICAL.Time.fromDateTimeString(`${day}T00:00:00Z`);
}

function busyEvent(privacy: FeedPrivacy, uid: string, o: Occurrence, stamp: InstanceType<typeof ICAL.Time>): Component {
  const ev = new ICAL.Component('vevent');
  const at = o.allDayDate ?? o.start.toISOString();
  ev.addPropertyWithValue('uid', busyUid(privacy, uid, at));
  ev.addPropertyWithValue('dtstamp', stamp);
  if (o.allDayDate) {
    ev.addPropertyWithValue('dtstart', ICAL.Time.fromDateString(o.allDayDate));
    ev.addPropertyWithValue('dtend', ICAL.Time.fromDateString(o.allDayEndDate ?? o.allDayDate));
  } else {
    ev.addPropertyWithValue('dtstart', ICAL.Time.fromDateTimeString(utcStampIso(o.start)));
    ev.addPropertyWithValue('dtend', ICAL.Time.fromDateTimeString(utcStampIso(o.end)));
  }
  ev.addPropertyWithValue('summary', BUSY_SUMMARY);
  ev.addPropertyWithValue('class', 'PRIVATE');
  ev.addPropertyWithValue('transp', o.free ? 'TRANSPARENT' : 'OPAQUE');
  return ev;
}

const utcStampIso = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

/** A private task: its dates (no rule) and nothing else, under a UID of its own. */
function busyTask(privacy: FeedPrivacy, uid: string, todo: Component): Component {
  const t = new ICAL.Component('vtodo');
  t.addPropertyWithValue('uid', busyUid(privacy, uid, 'task'));
  t.addPropertyWithValue('dtstamp', buildStamp(privacy));
  for (const name of ['dtstart', 'due', 'status']) {
    const p = todo.getFirstProperty(name);
    if (p) t.addProperty(new ICAL.Property(p.toJSON() as unknown as unknown[]));
  }
  t.addPropertyWithValue('summary', BUSY_SUMMARY);
  t.addPropertyWithValue('class', 'PRIVATE');
  return t;
}

export interface ParsedFeed {
  /** The merged, redacted calendar. */
  root: Component;
  ics: string;
  /** Items the server sent that could not be parsed (skipped, not fatal: one bad event must not hide the rest). */
  skipped: number;
  /** The busy blocks stopped at the feed's budget (the feed says so in BUSY_TRUNCATED_PROPERTY). */
  busyTruncated: boolean;
}

/** Groups components by UID, masters (no RECURRENCE-ID) first. */
function byUid(cal: Component, kind: string): Map<string, Component[]> {
  const groups = new Map<string, Component[]>();
  let anonymous = 0;
  for (const item of cal.getAllSubcomponents(kind)) {
    const uid = String(item.getFirstPropertyValue('uid') ?? '') || `no-uid-${anonymous++}`;
    const list = groups.get(uid) ?? [];
    if (item.hasProperty('recurrence-id')) list.push(item);
    else list.unshift(item);
    groups.set(uid, list);
  }
  return groups;
}

/** Calendar objects read between two yields to the event loop in the sliced form. */
const OBJECTS_PER_SLICE = 50;

/** Builds the feed in one go (tests, benchmarks). The server uses buildFeedSliced. */
export function buildFeed(calendarData: string[], calendarName: string, privacy?: FeedPrivacy): ParsedFeed {
  const steps = feedSteps(calendarData, calendarName, privacy);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Builds the feed in slices (a few calendar objects, or one private series' busy blocks, at a time), yielding to
 * the event loop between them: a large calendar does not hold the server's other requests while it is built.
 */
export async function buildFeedSliced(
  calendarData: string[],
  calendarName: string,
  privacy?: FeedPrivacy,
): Promise<ParsedFeed> {
  const steps = feedSteps(calendarData, calendarName, privacy);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function* feedSteps(calendarData: string[], calendarName: string, privacy?: FeedPrivacy): Generator<void, ParsedFeed> {
  const root = new ICAL.Component('vcalendar');
  root.addPropertyWithValue('version', '2.0');
  root.addPropertyWithValue('prodid', '-//DAV Bridge//Guest link//EN');
  root.addPropertyWithValue('calscale', 'GREGORIAN');
  root.addPropertyWithValue('method', 'PUBLISH');
  root.addPropertyWithValue('x-wr-calname', calendarName);
  const privacyOf: FeedPrivacy = privacy ?? {
    linkId: 'feed',
    uidKey: Buffer.from('dav-bridge guest feed'),
    hidePrivate: false,
    now: Date.now(),
    timeZone: 'UTC',
  };
  const timezones = new Set<string>();
  const items: Component[] = [];
  const budget: BusyBudget = { remaining: FEED_BUSY_BUDGET, truncated: false };
  let skipped = 0;
  for (const [n, data] of calendarData.entries()) {
    if (n % OBJECTS_PER_SLICE === OBJECTS_PER_SLICE - 1) yield;
    let cal: Component;
    try {
      cal = new ICAL.Component(ICAL.parse(data));
    } catch {
      skipped += 1;
      continue;
    }
    const zones = cal.getAllSubcomponents('vtimezone');
    for (const tz of zones) {
      const tzid = String(tz.getFirstPropertyValue('tzid') ?? '');
      if (!tzid || timezones.has(tzid)) continue;
      timezones.add(tzid);
      root.addSubcomponent(tz);
    }
    for (const kind of ['vevent', 'vtodo']) {
      for (const [uid, comps] of byUid(cal, kind)) {
        const master = comps[0]?.hasProperty('recurrence-id') ? undefined : comps[0];
        const seriesPrivate = master !== undefined && isPrivate(master);
        for (const c of comps) dropForGuests(c);
        if (!seriesPrivate) {
          for (const c of comps) {
            // A private override of a public series: that instance alone becomes a busy block.
            if (isPrivate(c, master)) {
              if (c !== master && master) exclude(master, c);
              if (!privacyOf.hidePrivate) {
                items.push(...busyBlocks(privacyOf, uid, [c], zones, kind, budget));
                yield;
              }
              continue;
            }
            items.push(c);
          }
          continue;
        }
        if (!privacyOf.hidePrivate) {
          items.push(...busyBlocks(privacyOf, uid, comps, zones, kind, budget));
          yield;
        }
      }
    }
  }
  if (budget.truncated) root.addPropertyWithValue(BUSY_TRUNCATED_PROPERTY, String(FEED_BUSY_BUDGET));
  for (const item of items) root.addSubcomponent(item);
  return { root, ics: root.toString() + '\r\n', skipped, busyTruncated: budget.truncated };
}

/** The public master no longer produces the instance a private override replaced. */
function exclude(master: Component, override: Component): void {
  const rid = override.getFirstProperty('recurrence-id');
  if (!rid) return;
  const ex = new ICAL.Property('exdate');
  const value = rid.getFirstValue();
  ex.setValue(value as InstanceType<typeof ICAL.Time>);
  const tzid = rid.getParameter('tzid');
  if (tzid) ex.setParameter('tzid', tzid);
  master.addProperty(ex);
}

/** Busy blocks for private items: occurrences expanded in a window (bounded), each under a UID of its own. */
function busyBlocks(
  privacy: FeedPrivacy,
  uid: string,
  comps: Component[],
  zones: Component[],
  kind: string,
  budget: BusyBudget,
): Component[] {
  if (kind === 'vtodo')
    return comps.filter((c) => !c.hasProperty('recurrence-id')).map((c) => busyTask(privacy, uid, c));
  if (budget.remaining <= 0) {
    budget.truncated = true;
    return [];
  }
  const own = new ICAL.Component('vcalendar');
  for (const z of zones) own.addSubcomponent(new ICAL.Component(z.toJSON() as unknown as unknown[]));
  for (const c of comps) {
    // A deep copy: ical.js components built from toJSON() share their arrays, and this one is edited below.
    const copy = new ICAL.Component(structuredClone(c.toJSON()) as unknown as unknown[]);
    // An override alone (its series public) is one block at its own time, not a series.
    if (comps.length === 1 && copy.hasProperty('recurrence-id')) copy.removeAllProperties('recurrence-id');
    own.addSubcomponent(copy);
  }
  const agenda = buildAgenda(own, {
    windowStart: new Date(privacy.now - BUSY_PAST_DAYS * DAY_MS),
    windowEnd: new Date(privacy.now + BUSY_FUTURE_DAYS * DAY_MS),
    timeZone: privacy.timeZone,
    budget: Math.min(BUSY_BUDGET_PER_SERIES, budget.remaining),
  });
  budget.remaining -= agenda.steps;
  if (agenda.truncated) budget.truncated = true;
  const stamp = buildStamp(privacy);
  return agenda.occurrences.filter((o) => !o.cancelled).map((o) => busyEvent(privacy, uid, o, stamp));
}
