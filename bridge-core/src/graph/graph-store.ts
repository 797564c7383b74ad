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
import { message, type Message } from '../i18n/index.js';
import {
  ItemError,
  PreconditionFailedError,
  type ChangeSet,
  type ItemRef,
  type ItemStore,
  type ReadResult,
} from '../sync/store.js';
import { errorOf, GraphClient, type GraphResponse } from './graph-client.js';
import { bothLanguages, findOrCreateContainer, isExpiredDelta, walkDelta, writeAnswer } from './graph-collection.js';
import type { GraphEventRead, GraphEventWrite } from './graph-types.js';
import {
  exceptionDate,
  GraphMappingError,
  seriesInstances,
  graphToIcal,
  icalToGraph,
  occurrenceDiffers,
  plainOccurrence,
  type MappingOptions,
  type OccurrenceWrite,
  type SeriesEdits,
} from './mapping.js';

const PROPERTY_SET = '{66f5a359-4659-4830-9070-00047ec6ac6e}';
/** The iCalendar UID of the event (filterable). */
export const UID_PROPERTY = `String ${PROPERTY_SET} Name DavBridgeUid`;
/** The iCalendar text the bridge last wrote for the event. */
export const ICAL_PROPERTY = `String ${PROPERTY_SET} Name DavBridgeICalendar`;
/**
 * On the single events that show the instances of a series Graph cannot express: the series' UID (filterable),
 * and which instance (its RECURRENCE-ID value). They carry no UID property: the engine never sees them as items.
 */
export const INSTANCE_OF_PROPERTY = `String ${PROPERTY_SET} Name DavBridgeInstanceOf`;
export const INSTANCE_KEY_PROPERTY = `String ${PROPERTY_SET} Name DavBridgeInstanceKey`;
/** At most this many instances of one such series are shown (an hourly rule would make thousands). */
const MAX_INSTANCES = 400;

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
    const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${INSTANCE_OF_PROPERTY}')`);
    let next: string | undefined = `${this.base}/events?$select=id,changeKey&$top=1000&$expand=${expand}`;
    while (next) {
      const page = (await this.client.ok('GET', next)) as { value: GraphEventRead[]; '@odata.nextLink'?: string };
      for (const e of page.value)
        if (!extended(e, INSTANCE_OF_PROPERTY)) out.push({ id: e.id, version: e.changeKey ?? '' });
      next = page['@odata.nextLink'];
    }
    return out;
  }

  async changesSince(token: string | null): Promise<ChangeSet> {
    this.uidIndexRead = undefined; // a listing starts a run: the UID index is read again
    let changes: ChangeSet | undefined;
    if (token !== null) {
      try {
        changes = await walkDelta(this.client, token, false, eventVersion);
      } catch (err) {
        if (!isExpiredDelta(err)) throw err;
        // The token expired: start over with a full listing, paired by id by the engine (no duplicate).
      }
    }
    changes ??= await walkDelta(this.client, `${this.base}/events/delta`, true, eventVersion);
    return this.withoutInstances(changes);
  }

  /**
   * Takes the read-only instance events of series Graph cannot express out of a change set (they are not items
   * of their own), and undoes any Outlook edit or deletion of them. Needs a listing only when something changed.
   */
  private async withoutInstances(changes: ChangeSet): Promise<ChangeSet> {
    if (changes.changed.length === 0 && changes.deleted.length === 0) return changes;
    const instances = new Map<string, string>(); // id -> series UID
    const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${INSTANCE_OF_PROPERTY}')`);
    let next: string | undefined = `${this.base}/events?$select=id&$top=1000&$expand=${expand}`;
    while (next) {
      const page = (await this.client.ok('GET', next)) as { value: GraphEventRead[]; '@odata.nextLink'?: string };
      for (const e of page.value) {
        const uid = extended(e, INSTANCE_OF_PROPERTY);
        if (uid) instances.set(e.id, uid);
      }
      next = page['@odata.nextLink'];
    }
    if (instances.size === 0) return changes;
    const touched = new Set(changes.changed.flatMap((c) => (instances.has(c.id) ? [instances.get(c.id)!] : [])));
    // A deleted event leaves no trace of the series it belonged to: every series shown as instances is checked.
    // (One whose every instance but its master was deleted has none left to be found by: it comes back with the
    // series' next change on the DAV side.)
    if (changes.deleted.length > 0) for (const uid of instances.values()) touched.add(uid);
    for (const uid of touched) await this.restoreInstances(uid);
    return { ...changes, changed: changes.changed.filter((c) => !instances.has(c.id)) };
  }

  /** The instance events of a series, as Graph has them: id, which instance, and their fields. */
  private async instanceEvents(uid: string): Promise<{ id: string; key: string; event: GraphEventRead }[]> {
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${INSTANCE_OF_PROPERTY}' and ep/value eq '${uid.replace(/'/g, "''")}')`;
    const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${INSTANCE_KEY_PROPERTY}')`);
    const out: { id: string; key: string; event: GraphEventRead }[] = [];
    let next: string | undefined =
      `${this.base}/events?$filter=${encodeURIComponent(filter)}&$top=1000&$expand=${expand}`;
    while (next) {
      const page = (await this.client.ok('GET', next)) as { value: GraphEventRead[]; '@odata.nextLink'?: string };
      for (const e of page.value) out.push({ id: e.id, key: extended(e, INSTANCE_KEY_PROPERTY) ?? '', event: e });
      next = page['@odata.nextLink'];
    }
    return out;
  }

  /**
   * Puts every instance event of a series back as the DAV side has it: each one Outlook changed is rewritten,
   * each one Outlook deleted is made again; both are reported.
   */
  private async restoreInstances(uid: string): Promise<void> {
    const masterId = (await this.uidIndex()).get(uid);
    if (!masterId) return;
    const master = (await this.client.ok(
      'GET',
      `/me/events/${encodeURIComponent(masterId)}?${EXPAND}`,
    )) as GraphEventRead;
    const text = extended(master, ICAL_PROPERTY);
    if (!text) return;
    const want = new Map(this.instancesOf(text).map((i) => [i.key, i.event]));
    const writes: Promise<unknown>[] = [];
    const present = await this.instanceEvents(uid);
    const kept = new Set(present.map((p) => p.key));
    for (const [key, event] of want) {
      if (kept.has(key)) continue;
      this.opts.onReport?.(message('graph.instance-deletion-reverted', { uid, title: event.subject }));
      // A transaction id of its own: Graph may still hold the deleted event under the first one.
      const restoredAt = this.opts.now?.() ?? Date.now();
      writes.push(this.createInstance(uid, key, event, `${text}\n${restoredAt}`));
    }
    const seen = new Set<string>();
    for (const have of present) {
      // Two events for one instance the series has (a create retried after a lost answer): the second goes. Only
      // for a known instance key: an event without one (a copy the user made?) is never deleted here.
      if (have.key !== '' && want.has(have.key) && seen.has(have.key)) {
        writes.push(
          this.client
            .queued({ method: 'DELETE', url: `/me/events/${encodeURIComponent(have.id)}` })
            .then((res) => (res.status === 404 ? undefined : writeAnswer(have.id, res))),
        );
        continue;
      }
      seen.add(have.key);
      const event = want.get(have.key);
      if (!event || !occurrenceDiffers(have.event, event, this.mapping())) continue;
      this.opts.onReport?.(
        message('graph.instance-edit-reverted', { uid, title: have.event.subject || event.subject }),
      );
      writes.push(
        this.client
          .queued({ method: 'PATCH', url: `/me/events/${encodeURIComponent(have.id)}`, body: event })
          .then((res) => writeAnswer(have.id, res)),
      );
    }
    await Promise.all(writes);
  }

  /** The instances (in the window) of a series Graph cannot express; none for anything else. */
  private instancesOf(text: string): { key: string; event: OccurrenceWrite }[] {
    if (!text) return [];
    const span = this.span();
    const found = seriesInstances(
      text,
      this.mapping(),
      { from: Date.parse(span.from), to: Date.parse(span.to) },
      MAX_INSTANCES,
    );
    return found?.instances ?? [];
  }

  /** Creates the instance events of a series Graph cannot express (after its master was written). */
  private async writeInstances(uid: string, text: string, replace: boolean): Promise<void> {
    const want = this.instancesOf(text);
    const old = replace ? await this.instanceEvents(uid) : [];
    if (want.length === 0 && old.length === 0) return;
    const writes: Promise<unknown>[] = old.map((o) =>
      this.client
        .queued({ method: 'DELETE', url: `/me/events/${encodeURIComponent(o.id)}` })
        .then((res) => (res.status === 404 ? undefined : writeAnswer(o.id, res))),
    );
    for (const { key, event } of want) writes.push(this.createInstance(uid, key, event, text));
    await Promise.all(writes);
  }

  /** Creates one read-only instance event of a series (marked with its series UID and which instance it is). */
  private createInstance(uid: string, key: string, event: OccurrenceWrite, text: string): Promise<unknown> {
    return this.client
      .queued({
        method: 'POST',
        url: `${this.base}/events`,
        body: {
          ...event,
          transactionId: transactionIdOf(`${uid}#${key}`, text),
          singleValueExtendedProperties: [
            { id: INSTANCE_OF_PROPERTY, value: uid },
            { id: INSTANCE_KEY_PROPERTY, value: key },
          ],
        },
      })
      .then((res) => writeAnswer('', res));
  }

  async getMany(ids: string[]): Promise<ReadResult[]> {
    const answers = await this.client.batch(
      ids.map((id) => ({ method: 'GET' as const, url: `/me/events/${encodeURIComponent(id)}?${SELECT}&${EXPAND}` })),
    );
    // A series' exceptions are its instances of type exception, read within the days around now.
    const series = answers.flatMap((res, i) =>
      res.status === 200 && (res.body as GraphEventRead).recurrence ? [ids[i]!] : [],
    );
    const span = this.span();
    const instances = new Map<string, GraphEventRead[] | string>();
    await Promise.all(
      series.map(async (id) => {
        try {
          instances.set(id, await this.instances(id, span.from, span.to));
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
        out.push({ id, version: ev.changeKey ?? '', data: this.toIcal(ev, exceptions, span) });
      } catch (err) {
        out.push({ id, unreadable: String(err) });
      }
    });
    // The master event of a series Graph cannot express shows its first instance, read-only like the others.
    await Promise.all(
      out.map(async (r, i) => {
        if (!('data' in r)) return;
        const original = extended(answers[ids.indexOf(r.id)]!.body as GraphEventRead, ICAL_PROPERTY);
        if (!original || r.data === original || !this.shownAsInstances(original)) return;
        const want = icalToGraph(original, this.mapping()).event;
        const ev = answers[ids.indexOf(r.id)]!.body as GraphEventRead;
        const uid = extended(ev, UID_PROPERTY) ?? '';
        this.opts.onReport?.(message('graph.instance-edit-reverted', { uid, title: ev.subject || want.subject }));
        const res = await this.client.queued({
          method: 'PATCH',
          url: `/me/events/${encodeURIComponent(r.id)}`,
          body: want,
        });
        const reverted = writeAnswer(r.id, res) as GraphEventRead;
        out[i] = { id: r.id, version: reverted.changeKey ?? '', data: original };
      }),
    );
    return out;
  }

  /** Is this the text of a series Graph cannot express (shown as read-only instances)? */
  private shownAsInstances(text: string): boolean {
    try {
      return icalToGraph(text, this.mapping()).downgrades.some((d) => d.code === 'recurrence-not-expressible');
    } catch {
      return false;
    }
  }

  /** The window series are read in: ISO instants for Graph, dates for the mapping. */
  private span(): { from: string; to: string; fromDate: string; toDate: string } {
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
    span: { fromDate: string; toDate: string },
  ): string {
    const ext =
      (ev as { singleValueExtendedProperties?: { id: string; value: string }[] }).singleValueExtendedProperties ?? [];
    const value = (name: string) => ext.find((p) => p.id.toLowerCase() === name.toLowerCase())?.value;
    return graphToIcal(ev, {
      ...this.mapping(),
      uid: value(UID_PROPERTY) ?? ev.iCalUId ?? ev.id,
      original: value(ICAL_PROPERTY),
      ...(instances ? { exceptions: instances, span: { from: span.fromDate, to: span.toDate } } : {}),
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
      this.opts.onReport?.(message('graph.downgrade', { uid: mapped.uid, downgrade, ...titled(mapped.event.subject) }));
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
    const created = writeAnswer('', res) as GraphEventRead;
    index.set(uid, created.id);
    const version = await this.placeSeriesEdits(created.id, uid, event, series, true);
    await this.writeInstances(uid, data, false);
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
    const updated = writeAnswer(id, res) as GraphEventRead;
    const version = await this.placeSeriesEdits(id, uid, event, series, false);
    await this.writeInstances(uid, data, true);
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
    const span = this.span();
    const dates = [...want.cancelled, ...want.exceptions.map((x) => x.date)].sort();
    const iso = (date: string, shift: number) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + shift * DAY_MS).toISOString();
    const from = dates.length && iso(dates[0]!, -1) < span.from ? iso(dates[0]!, -1) : span.from;
    const to = dates.length && iso(dates.at(-1)!, 2) > span.to ? iso(dates.at(-1)!, 2) : span.to;
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
          .then((res) => writeAnswer(id, res)),
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
    return (writeAnswer(id, master) as GraphEventRead).changeKey;
  }

  async delete(id: string, ifVersion: string): Promise<void> {
    const res = await this.client.queued({
      method: 'DELETE',
      url: `/me/events/${encodeURIComponent(id)}`,
      headers: { 'If-Match': `W/"${ifVersion}"` },
    });
    writeAnswer(id, res);
    // The read-only instance events of a series Graph cannot express go with it.
    const uid = [...(await this.uidIndex())].find(([, eventId]) => eventId === id)?.[0];
    if (uid) await this.writeInstances(uid, '', true);
  }
}

/** The value of one of the bridge's extended properties on an event Graph returned (expanded), if there. */
/** The title of a note's item, when it has one. */
function titled(subject: string | undefined): { title?: string } {
  return subject ? { title: subject } : {};
}

function extended(e: GraphEventRead, name: string): string | undefined {
  const props = (e as { singleValueExtendedProperties?: { id: string; value: string }[] })
    .singleValueExtendedProperties;
  return props?.find((p) => p.id.toLowerCase() === name.toLowerCase())?.value;
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
  return findOrCreateContainer<{ id: string; name: string }>(
    client,
    '/me/calendars?$select=id,name&$top=100',
    (c) => c.name === name,
    async () =>
      ((await client.ok('POST', '/me/calendars', { name, color: nearestGraphCalendarColor(color) })) as { id: string })
        .id,
  );
}

/** An event's version in a delta: its change key. */
function eventVersion(e: GraphEventRead): string {
  return e.changeKey ?? '';
}
