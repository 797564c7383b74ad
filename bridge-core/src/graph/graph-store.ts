/**
 * The sync engine's item store over an Outlook calendar the bridge creates and owns, through Microsoft Graph.
 *
 * - Ids are immutable ids (`Prefer: IdType="ImmutableId"`, set by GraphClient); versions are change keys.
 * - The iCalendar UID lives in a single-value extended property, filterable: before creating, the store looks
 *   for an event already carrying the UID (a run that crashed after Graph's create but before the status
 *   commit), and answers PreconditionFailedError with its id, as the contract asks; the POST also carries a
 *   `transactionId` derived from the UID and content, so a retried POST returns the first event.
 * - The iCalendar text last written lives in a second extended property: mapping.ts reads it back so nothing
 *   Outlook cannot hold (attendees, overrides, odd rules) is lost on the DAV side.
 * - Listing: delta of the calendar's events (series masters and single events), token = the deltaLink; an
 *   expired token (410 / syncStateNotFound) gives a full listing (`full: true`), which the engine pairs by
 *   id, so nothing is duplicated. `list()` is a change-key listing (`$select=id,changeKey`).
 * - Reads and writes go through `$batch` (20 per request); at most 4 requests at once; Retry-After honoured.
 */
import { parseColor, type Rgb } from '../colors/parse.js';
import { deltaE2000Rgb } from '../colors/ciede2000.js';
import { message, render, type Message } from '../i18n/index.js';
import {
  ItemError,
  NotFoundError,
  PreconditionFailedError,
  type ChangeSet,
  type ItemRef,
  type ItemStore,
  type ReadResult,
} from '../sync/store.js';
import { errorOf, GraphClient, GraphRequestError, type GraphResponse } from './graph-client.js';
import type { GraphEventRead, GraphEventWrite } from './graph-types.js';
import {
  exceptionDate,
  GraphMappingError,
  graphToIcal,
  icalToGraph,
  occurrenceDiffers,
  plainOccurrence,
  type MappingOptions,
  type SeriesEdits,
} from './mapping.js';

const PROPERTY_SET = '{66f5a359-4659-4830-9070-00047ec6ac6e}';
/** The iCalendar UID of the event (filterable). */
export const UID_PROPERTY = `String ${PROPERTY_SET} Name DavBridgeUid`;
/** The iCalendar text the bridge last wrote for the event. */
export const ICAL_PROPERTY = `String ${PROPERTY_SET} Name DavBridgeICalendar`;

/**
 * What the mapping reads of an event. `cancelledOccurrences` (v1.0) is returned on `$select` only, so the
 * fields are named.
 */
const SELECT = `$select=${[
  'id',
  'changeKey',
  'iCalUId',
  'type',
  'subject',
  'body',
  'location',
  'start',
  'end',
  'isAllDay',
  'recurrence',
  'sensitivity',
  'showAs',
  'categories',
  'isReminderOn',
  'reminderMinutesBeforeStart',
  'cancelledOccurrences',
].join(',')}`;

const DAY_MS = 86_400_000;

const EXPAND = `$expand=${encodeURIComponent(
  `singleValueExtendedProperties($filter=id eq '${UID_PROPERTY}' or id eq '${ICAL_PROPERTY}')`,
)}`;

export interface GraphEventStoreOptions extends MappingOptions {
  client: GraphClient;
  calendarId: string;
  name?: string;
  /**
   * Look each new UID up with a filtered query besides the run's index. Off by default: the calendar belongs
   * to the bridge, whose one sync per calendar at a time reads the index fresh each run.
   */
  lookupEachCreate?: boolean;
  /** Told about every downgrade of an event written to Outlook (a catalog message, rendered by the shell). */
  onReport?: (m: Message) => void;
  /**
   * The days around now in which a series' exceptions are read from Graph (`instances` needs a window): default
   * 365 days back, 730 ahead. Overrides outside it are kept as the DAV side has them.
   */
  seriesWindow?: { pastDays: number; futureDays: number };
  /** The clock (tests). */
  now?: () => number;
}

export class GraphEventStore implements ItemStore {
  readonly readOnly = false;
  readonly name: string | undefined;
  /**
   * Writes the engine may have in flight: they are grouped 20 to a `$batch`, and GraphClient keeps the HTTP
   * requests to 4 at once, so this is about filling batches, not about load on Graph.
   */
  readonly concurrency = 40;
  private readonly client: GraphClient;
  private readonly base: string;
  private uidIndexRead: Promise<Map<string, string>> | undefined;
  /** Also look each new UID up with a filtered query (when other writers may create in the calendar). */
  private readonly lookupEach: boolean;

  constructor(private readonly opts: GraphEventStoreOptions) {
    this.client = opts.client;
    this.name = opts.name;
    this.base = `/me/calendars/${encodeURIComponent(opts.calendarId)}`;
    this.lookupEach = opts.lookupEachCreate ?? false;
  }

  async list(): Promise<ItemRef[]> {
    this.uidIndexRead = undefined;
    const out: ItemRef[] = [];
    let next: string | undefined = `${this.base}/events?$select=id,changeKey&$top=1000`;
    while (next) {
      const page = (await this.client.ok('GET', next)) as { value: GraphEventRead[]; '@odata.nextLink'?: string };
      for (const e of page.value) out.push({ id: e.id, version: e.changeKey ?? '' });
      next = page['@odata.nextLink'];
    }
    return out;
  }

  async changesSince(token: string | null): Promise<ChangeSet> {
    this.uidIndexRead = undefined; // a listing starts a run: the UID index is read again
    if (token !== null) {
      try {
        return await this.walkDelta(token, false);
      } catch (err) {
        if (!isExpiredDelta(err)) throw err;
        // The token expired: start over with a full listing, paired by id by the engine (no duplicate).
      }
    }
    return this.walkDelta(`${this.base}/events/delta`, true);
  }

  private async walkDelta(start: string, full: boolean): Promise<ChangeSet> {
    const changed = new Map<string, string>();
    const deleted = new Set<string>();
    let link: string | undefined = start;
    for (;;) {
      const page = (await this.client.ok('GET', link)) as {
        value: GraphEventRead[];
        '@odata.nextLink'?: string;
        '@odata.deltaLink'?: string;
      };
      // Replays happen: the last word about an id wins.
      for (const e of page.value) {
        if (e['@removed']) {
          changed.delete(e.id);
          if (!full) deleted.add(e.id);
        } else {
          deleted.delete(e.id);
          changed.set(e.id, e.changeKey ?? '');
        }
      }
      if (page['@odata.nextLink']) link = page['@odata.nextLink'];
      else {
        const token = page['@odata.deltaLink'];
        if (!token) throw new GraphRequestError(200, 'NoDeltaLink', 'delta answer without nextLink or deltaLink');
        return {
          changed: [...changed].map(([id, version]) => ({ id, version })),
          deleted: [...deleted],
          token,
          ...(full ? { full: true } : {}),
        };
      }
    }
  }

  async getMany(ids: string[]): Promise<ReadResult[]> {
    const answers = await this.client.batch(
      ids.map((id) => ({ method: 'GET' as const, url: `/me/events/${encodeURIComponent(id)}?${SELECT}&${EXPAND}` })),
    );
    // A series' exceptions are its instances of type exception: read for the series among them, in the window.
    const series = answers.flatMap((res, i) =>
      res.status === 200 && (res.body as GraphEventRead).recurrence ? [ids[i]!] : [],
    );
    const window = this.window();
    const instances = new Map<string, GraphEventRead[] | string>();
    await Promise.all(
      series.map(async (id) => {
        try {
          instances.set(id, await this.instances(id, window.from, window.to));
        } catch (err) {
          instances.set(id, String(err));
        }
      }),
    );
    const out: ReadResult[] = [];
    answers.forEach((res, i) => {
      const id = ids[i]!;
      if (res.status === 404) return; // Graph knows it is gone: a deletion.
      if (res.status !== 200) {
        out.push({ id, unreadable: `HTTP ${res.status} ${errorOf(res).code}` });
        return;
      }
      const ev = res.body as GraphEventRead;
      const exceptions = instances.get(id);
      if (typeof exceptions === 'string') {
        out.push({ id, unreadable: exceptions });
        return;
      }
      try {
        out.push({ id, version: ev.changeKey ?? '', data: this.toIcal(ev, exceptions, window) });
      } catch (err) {
        out.push({ id, unreadable: String(err) });
      }
    });
    return out;
  }

  /** The window series are read in: ISO instants for Graph, dates for the mapping. */
  private window(): { from: string; to: string; fromDate: string; toDate: string } {
    const now = this.opts.now?.() ?? Date.now();
    const { pastDays, futureDays } = this.opts.seriesWindow ?? { pastDays: 365, futureDays: 730 };
    const from = new Date(Math.floor(now / DAY_MS - pastDays) * DAY_MS).toISOString();
    const to = new Date(Math.floor(now / DAY_MS + futureDays + 1) * DAY_MS).toISOString();
    // Dates a day inside the instants: a zone's day near an edge may be half in, half out.
    const day = (iso: string, shift: number) => new Date(Date.parse(iso) + shift * DAY_MS).toISOString().slice(0, 10);
    return { from, to, fromDate: day(from, 1), toDate: day(to, -2) };
  }

  /** A series' instances (occurrences and exceptions; Graph leaves cancelled ones out) in [from, to). */
  private async instances(id: string, from: string, to: string): Promise<GraphEventRead[]> {
    const out: GraphEventRead[] = [];
    const first = `/me/events/${encodeURIComponent(id)}/instances?startDateTime=${encodeURIComponent(from)}&endDateTime=${encodeURIComponent(to)}&$top=1000`;
    const res = await this.client.queued({ method: 'GET', url: first });
    if (res.status >= 300) throw errorOf(res);
    let page = res.body as { value: GraphEventRead[]; '@odata.nextLink'?: string };
    for (;;) {
      out.push(...page.value);
      if (!page['@odata.nextLink']) return out;
      page = (await this.client.ok('GET', page['@odata.nextLink'])) as typeof page;
    }
  }

  private toIcal(
    ev: GraphEventRead,
    instances: GraphEventRead[] | undefined,
    window: { fromDate: string; toDate: string },
  ): string {
    const ext =
      (ev as { singleValueExtendedProperties?: { id: string; value: string }[] }).singleValueExtendedProperties ?? [];
    const value = (name: string) => ext.find((p) => p.id.toLowerCase() === name.toLowerCase())?.value;
    return graphToIcal(ev, {
      ...this.mapping(),
      uid: value(UID_PROPERTY) ?? ev.iCalUId ?? ev.id,
      original: value(ICAL_PROPERTY),
      ...(instances ? { exceptions: instances, window: { from: window.fromDate, to: window.toDate } } : {}),
    });
  }

  private mapping(): MappingOptions {
    return {
      ...(this.opts.category !== undefined ? { category: this.opts.category } : {}),
      ...(this.opts.floatingZone !== undefined ? { floatingZone: this.opts.floatingZone } : {}),
    };
  }

  /** The Graph body for an iCalendar text, downgrades reported; bad input becomes an ItemError. */
  private toGraph(id: string, data: string) {
    let mapped;
    try {
      mapped = icalToGraph(data, this.mapping());
    } catch (err) {
      if (err instanceof GraphMappingError) {
        const m =
          err.key === 'graph.unknown-zone'
            ? message('graph.unknown-zone', { uid: err.params['uid'] ?? '', tzid: err.params['tzid'] ?? '' })
            : message('graph.no-event', { id });
        throw new ItemError(id, bothLanguages(m));
      }
      throw err;
    }
    for (const downgrade of mapped.downgrades) {
      this.opts.onReport?.(message('graph.downgrade', { uid: mapped.uid, downgrade }));
    }
    return {
      uid: mapped.uid,
      series: mapped.series,
      event: {
        ...mapped.event,
        singleValueExtendedProperties: [
          { id: UID_PROPERTY, value: mapped.uid },
          { id: ICAL_PROPERTY, value: data },
        ],
      },
    };
  }

  async create(data: string): Promise<ItemRef> {
    const { uid, event, series } = this.toGraph('', data);
    // A crashed run may have created it already: find it by its UID before creating (never a duplicate).
    const index = await this.uidIndex();
    const existing = index.get(uid) ?? (await this.findByUid(uid));
    if (existing) throw new PreconditionFailedError(existing, `an event with UID ${uid} already exists`);
    const res = await this.client.queued({
      method: 'POST',
      url: `${this.base}/events`,
      body: { ...event, transactionId: transactionIdOf(uid, data) },
    });
    const created = this.answer('', res) as GraphEventRead;
    index.set(uid, created.id);
    const version = await this.placeSeriesEdits(created.id, uid, event, series, true);
    return { id: created.id, version: version ?? created.changeKey ?? '' };
  }

  /**
   * UID -> id of every event of the calendar, read once per run (a page of 1,000 per request) on the run's first
   * create: a first sync of thousands of events then needs no lookup per event. It is read fresh each run (a
   * listing starts a run), so events a crashed run created are in it.
   */
  private uidIndex(): Promise<Map<string, string>> {
    this.uidIndexRead ??= (async () => {
      const index = new Map<string, string>();
      const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${UID_PROPERTY}')`);
      let next: string | undefined = `${this.base}/events?$select=id&$top=1000&$expand=${expand}`;
      while (next) {
        const page = (await this.client.ok('GET', next)) as {
          value: (GraphEventRead & { singleValueExtendedProperties?: { id: string; value: string }[] })[];
          '@odata.nextLink'?: string;
        };
        for (const e of page.value) {
          const uid = e.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === UID_PROPERTY.toLowerCase());
          if (uid) index.set(uid.value, e.id);
        }
        next = page['@odata.nextLink'];
      }
      return index;
    })();
    // A failed read is not kept: the next create reads again.
    this.uidIndexRead.catch(() => (this.uidIndexRead = undefined));
    return this.uidIndexRead;
  }

  /** The filtered lookup, for a UID the run's index does not know (an event created since it was read). */
  private async findByUid(uid: string): Promise<string | undefined> {
    if (!this.lookupEach) return undefined;
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${UID_PROPERTY}' and ep/value eq '${uid.replace(/'/g, "''")}')`;
    const lookup = await this.client.queued({
      method: 'GET',
      url: `${this.base}/events?$filter=${encodeURIComponent(filter)}&$select=id,changeKey`,
    });
    if (lookup.status >= 300) throw errorOf(lookup);
    return (lookup.body as { value: GraphEventRead[] }).value[0]?.id;
  }

  async update(id: string, data: string, ifVersion: string): Promise<{ version: string }> {
    const { uid, event, series } = this.toGraph(id, data);
    const res = await this.client.queued({
      method: 'PATCH',
      url: `/me/events/${encodeURIComponent(id)}`,
      body: event,
      headers: { 'If-Match': `W/"${ifVersion}"` },
    });
    const updated = this.answer(id, res) as GraphEventRead;
    const version = await this.placeSeriesEdits(id, uid, event, series, false);
    return { version: version ?? updated.changeKey ?? '' };
  }

  /**
   * Makes a series' occurrences in Graph say what its overrides and EXDATEs say: an EXDATE deletes that
   * occurrence, an override patches it (Graph makes it an exception), an exception the DAV side no longer has
   * is patched back to the series' values. Answers the master's new change key (each of these writes changes
   * it), or undefined when nothing was written. An override that falls on no occurrence Graph has is reported.
   */
  private async placeSeriesEdits(
    id: string,
    uid: string,
    event: GraphEventWrite,
    want: SeriesEdits,
    fresh: boolean,
  ): Promise<string | undefined> {
    if (!event.recurrence || (fresh && want.exceptions.length === 0 && want.cancelled.length === 0)) return undefined;
    const window = this.window();
    const dates = [...want.cancelled, ...want.exceptions.map((x) => x.date)].sort();
    const iso = (date: string, shift: number) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + shift * DAY_MS).toISOString();
    const from = dates.length && iso(dates[0]!, -1) < window.from ? iso(dates[0]!, -1) : window.from;
    const to = dates.length && iso(dates.at(-1)!, 2) > window.to ? iso(dates.at(-1)!, 2) : window.to;
    const series = { ...event, id } as GraphEventRead;
    const [listed, before] = await Promise.all([
      this.instances(id, from, to),
      fresh
        ? undefined
        : this.client.queued({
            method: 'GET',
            url: `/me/events/${encodeURIComponent(id)}?$select=id,cancelledOccurrences`,
          }),
    ]);
    const byDate = new Map(listed.map((inst) => [exceptionDate(inst, series), inst]));
    const cancelled = new Set(want.cancelled);
    // Graph has no way to bring a deleted occurrence back: said, never hidden.
    const stillDeleted = ((before?.body as GraphEventRead | undefined)?.cancelledOccurrences ?? [])
      .map((oid) => oid.slice(-10))
      .filter((date) => !cancelled.has(date));
    if (stillDeleted.length > 0) {
      this.opts.onReport?.(
        message('graph.downgrade', {
          uid,
          downgrade: { code: 'occurrence-not-restored', dates: stillDeleted.join(', ') },
        }),
      );
    }
    const wanted = new Map(want.exceptions.filter((x) => !cancelled.has(x.date)).map((x) => [x.date, x.event]));
    const writes: Promise<unknown>[] = [];
    const write = (method: 'PATCH' | 'DELETE', inst: GraphEventRead, body?: unknown) =>
      writes.push(
        this.client
          .queued({ method, url: `/me/events/${encodeURIComponent(inst.id)}`, ...(body ? { body } : {}) })
          .then((res) => this.answer(id, res)),
      );
    for (const date of cancelled) {
      const inst = byDate.get(date);
      if (inst) write('DELETE', inst);
    }
    let unplaced = 0;
    for (const [date, fields] of wanted) {
      const inst = byDate.get(date);
      if (!inst) unplaced++;
      else if (occurrenceDiffers(inst, fields, this.mapping())) write('PATCH', inst, fields);
    }
    for (const [date, inst] of byDate) {
      if (inst.type === 'exception' && !wanted.has(date) && !cancelled.has(date)) {
        write('PATCH', inst, plainOccurrence(event, date));
      }
    }
    if (unplaced > 0) {
      this.opts.onReport?.(
        message('graph.downgrade', { uid, downgrade: { code: 'exceptions-not-mapped', count: unplaced } }),
      );
    }
    if (writes.length === 0) return undefined;
    await Promise.all(writes);
    const master = (await this.client.queued({
      method: 'GET',
      url: `/me/events/${encodeURIComponent(id)}?$select=id,changeKey`,
    })) as GraphResponse;
    return (this.answer(id, master) as GraphEventRead).changeKey;
  }

  async delete(id: string, ifVersion: string): Promise<void> {
    const res = await this.client.queued({
      method: 'DELETE',
      url: `/me/events/${encodeURIComponent(id)}`,
      headers: { 'If-Match': `W/"${ifVersion}"` },
    });
    this.answer(id, res);
  }

  /** Maps a write's answer to the contract's errors. */
  private answer(id: string, res: GraphResponse): unknown {
    if (res.status < 300) return res.body;
    const err = errorOf(res);
    const text = bothLanguages(
      message('graph.request-failed', { status: err.status, code: err.code, detail: err.detail }),
    );
    if (res.status === 412 || res.status === 409) throw new PreconditionFailedError(id, text);
    if (res.status === 404) throw new NotFoundError(id, text);
    if (res.status === 400 || res.status === 413 || res.status === 422) throw new ItemError(id, text);
    throw err;
  }
}

function isExpiredDelta(err: unknown): boolean {
  return err instanceof GraphRequestError && (err.status === 410 || err.code === 'syncStateNotFound');
}

function bothLanguages(m: Message): string {
  return `${render('en', m)} / ${render('fr', m)}`;
}

/** Same UID and content, same transaction: a POST retried after a lost answer creates nothing new. */
function transactionIdOf(uid: string, data: string): string {
  const h = (seed: number, s: string) => {
    let x = seed >>> 0;
    for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 16777619) >>> 0;
    return x.toString(16).padStart(8, '0');
  };
  const text = `${uid}\n${data}`;
  return `davbridge-${h(2166136261, text)}${h(0x9747b28c, text)}`;
}

/** Graph's calendar colors (an enum; `hexColor` is read-only), with approximate swatches for matching. */
const CALENDAR_COLORS: [string, string][] = [
  ['lightBlue', '#A6C9F0'],
  ['lightGreen', '#B5DDA3'],
  ['lightOrange', '#F6C38E'],
  ['lightGray', '#C8C8C8'],
  ['lightYellow', '#F9E79F'],
  ['lightTeal', '#9FD9D9'],
  ['lightPink', '#F2B8D7'],
  ['lightBrown', '#D4B79C'],
  ['lightRed', '#F1A7A7'],
];

/** The nearest Graph calendar color to a DAV calendar color ("auto" when there is none or it is unreadable). */
export function nearestGraphCalendarColor(color: string | undefined): string {
  if (!color) return 'auto';
  let rgb: Rgb;
  try {
    rgb = parseColor(color);
  } catch {
    return 'auto';
  }
  let best = 'auto';
  let bestDelta = Infinity;
  for (const [name, hex] of CALENDAR_COLORS) {
    const d = deltaE2000Rgb(rgb, parseColor(hex));
    if (d < bestDelta) [best, bestDelta] = [name, d];
  }
  return best;
}

/** The bridge's own Outlook calendar for a subscribed collection: found by name, else created. */
export async function ensureGraphCalendar(client: GraphClient, name: string, color?: string): Promise<string> {
  let next: string | undefined = '/me/calendars?$select=id,name&$top=100';
  while (next) {
    const page = (await client.ok('GET', next)) as {
      value: { id: string; name: string }[];
      '@odata.nextLink'?: string;
    };
    const mine = page.value.find((c) => c.name === name);
    if (mine) return mine.id;
    next = page['@odata.nextLink'];
  }
  const created = (await client.ok('POST', '/me/calendars', { name, color: nearestGraphCalendarColor(color) })) as {
    id: string;
  };
  return created.id;
}
