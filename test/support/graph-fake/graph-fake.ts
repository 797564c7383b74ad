/**
 * Graph fake: an in-process HTTP server speaking the part of Microsoft Graph v1.0 the bridge's event store
 * uses, written from Microsoft's documented contract (no Microsoft service is reachable from the test
 * machines). Strict like the real service: unknown properties, unknown time zones, invalid recurrences and
 * batches over 20 are rejected with Graph's error shape; a mailbox takes 4 concurrent requests and answers the
 * fifth with 429 and Retry-After. It records every mail Graph would have sent (meeting requests, updates,
 * cancellations) so tests can assert there were none.
 *
 * Endpoints: /v1.0/me/calendars (GET, POST), /v1.0/me/calendars/{id} (GET, DELETE),
 * /v1.0/me/calendars/{id}/events (GET with $filter on a single-value extended property, $expand, $top, POST),
 * /v1.0/me/calendars/{id}/events/delta (delta of series masters and single events: documented in beta for a
 * secondary calendar), /v1.0/me/events/{id} and /v1.0/me/calendars/{cid}/events/{id} (GET, PATCH, DELETE,
 * If-Match on the @odata.etag), /v1.0/$batch.
 * Series (occurrences.ts): /v1.0/me/events/{id}/instances?startDateTime&endDateTime (occurrences and exceptions
 * in the window, cancelled ones left out, as documented), an occurrence's id under /me/events/{id} (GET; PATCH
 * makes it an exception; DELETE cancels it), `cancelledOccurrences` on the master when `$select` names it.
 * Assumption, not documented: an edit of one occurrence changes the master's changeKey (Exchange keeps
 * exceptions inside the master item), so the master comes back in delta.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Event } from '@microsoft/microsoft-graph-types';
import {
  CALENDAR_COLORS,
  DAYS,
  KNOWN_TIME_ZONES,
  PATTERN_TYPES,
  RANGE_TYPES,
  SENSITIVITIES,
  SHOW_AS,
  WEEK_INDEX,
  WRITABLE_EVENT_PROPERTIES,
  WRITABLE_OCCURRENCE_PROPERTIES,
} from './rules.js';
import { CategoriesFake } from './categories-fake.js';
import { ContactsFake } from './contacts-fake.js';
import { SubscriptionsFake } from './subscriptions-fake.js';
import { TodoFake } from './todo-fake.js';
import { instantIn, occurrenceId, occurrencesOf, parseOccurrenceId, type Occurrence } from './occurrences.js';
import { deltaPage, skipPage } from './paging.js';

type Json = Record<string, unknown>;
/** An event as the fake answers it: Microsoft's type (@microsoft/microsoft-graph-types) and the OData annotations. */
type AnsweredEvent = Event & { '@odata.etag': string };

export interface GraphFakeOptions {
  /** Concurrent requests per mailbox before 429 (Graph's Outlook limit: 4). */
  maxConcurrent?: number;
  /** Retry-After seconds sent with a 429. */
  retryAfterSeconds?: number;
  /** Delay added to every request, so concurrency can build up in tests. */
  latencyMs?: number;
  /** Page size of listings and delta rounds (Graph's default for events is 10; `Prefer: odata.maxpagesize`). */
  pageSize?: number;
}

/** A mail Graph would have sent on the user's behalf. */
export interface RecordedMail {
  kind: 'meetingRequest' | 'meetingUpdate' | 'cancellation';
  eventId: string;
  subject: string;
  to: string[];
}

interface StoredEvent {
  id: string;
  calendarId: string;
  changeKey: string;
  seq: number;
  transactionId?: string;
  body: Json;
  extended: Map<string, string>;
  /** A series master's exceptions (date of the occurrence -> the properties patched on it). */
  exceptions?: Map<string, Json>;
  /** A series master's cancelled (deleted) occurrences, by date. */
  cancelled?: Set<string>;
}

interface Calendar {
  id: string;
  name: string;
  color: string;
  changeKey: string;
}

interface Mailbox {
  inFlight: number;
  calendars: Map<string, Calendar>;
  events: Map<string, StoredEvent>;
  /** Deletions, by sequence number, for delta. */
  tombstones: { id: string; calendarId: string; seq: number }[];
  seq: number;
  /** Delta tokens below this sequence are expired (410 syncStateNotFound). */
  oldestValidSeq: number;
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

export interface Res {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const MAILBOX_ADDRESS = 'gilles@contoso.example';

export class GraphFake {
  readonly mails: RecordedMail[] = [];
  /** Every request the fake answered (method and path, inner batch requests included), for request counts. */
  readonly requests: { method: string; path: string; status: number }[] = [];
  private readonly mailboxes = new Map<string, Mailbox>();
  private server: Server | undefined;
  private readonly opts: Required<GraphFakeOptions>;
  private counter = 0;
  url = '';

  constructor(opts: GraphFakeOptions = {}) {
    this.opts = { maxConcurrent: 4, retryAfterSeconds: 1, latencyMs: 0, pageSize: 10, ...opts };
    this.subscriptions = new SubscriptionsFake((mb, kind, id) =>
      kind === 'calendar'
        ? (mb as Mailbox).calendars.has(id)
        : kind === 'todo-list'
          ? this.todo.hasList(mb, id)
          : this.contacts.hasFolder(mb, id),
    );
    this.todo = new TodoFake(
      () => this.url,
      this.opts.pageSize,
      (mb, listId, id, change) => this.subscriptions.changed(mb, 'todo-list', listId, id, change),
    );
    this.contacts = new ContactsFake(
      () => this.url,
      this.opts.pageSize,
      (mb, folderId, id, change) => this.subscriptions.changed(mb, 'contact-folder', folderId, id, change),
    );
  }

  /** Change notifications: /subscriptions and the notifications sent (subscriptions-fake.ts). */
  readonly subscriptions: SubscriptionsFake;

  /** Microsoft To Do (todo-fake.ts). */
  readonly todo: TodoFake;
  /** Outlook contacts (contacts-fake.ts). */
  readonly contacts: ContactsFake;
  /** Outlook master categories (categories-fake.ts). */
  readonly categories = new CategoriesFake();

  /** The mailbox a token opens, for the To Do and contacts parts' helpers (tasksOf, userEdit...). */
  mailboxOf(token: string): object {
    return this.mailbox(token);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    // Node closes an idle kept-alive connection after 5 s, racing a client that reuses it after a long pause (a
    // sync planning 10,000 items): "fetch failed". Graph keeps connections longer.
    this.server.keepAliveTimeout = 120_000;
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/v1.0`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server!.close(() => done()));
  }

  /** Makes every delta token issued so far invalid, as Outlook does after some unspecified time. */
  expireDeltaTokens(): void {
    for (const mb of this.mailboxes.values()) mb.oldestValidSeq = mb.seq + 1;
    this.todo.expire();
    this.contacts.expire();
  }

  /** The events of a calendar as Graph stores them (for assertions). */
  eventsOf(token: string, calendarId: string): AnsweredEvent[] {
    const mb = this.mailbox(token);
    return [...mb.events.values()].filter((e) => e.calendarId === calendarId).map((e) => this.render(e, true, true));
  }

  /** Edits an event as the user would in Outlook (bypasses the HTTP layer, bumps the changeKey). */
  userEdit(token: string, eventId: string, patch: Json): void {
    const mb = this.mailbox(token);
    const ev = mb.events.get(eventId);
    if (!ev) throw new Error(`no event ${eventId}`);
    Object.assign(ev.body, patch);
    this.bump(mb, ev);
    this.subscriptions.changed(mb, 'calendar', ev.calendarId, ev.id, 'updated');
  }

  /** Creates an event as the user would in Outlook (validated as a POST would be); returns its id. */
  userCreate(token: string, calendarId: string, body: Json): string {
    const mb = this.mailbox(token);
    const created = this.createEvent(mb, calendarOr404(mb, calendarId), body, true).body as Json;
    this.subscriptions.changed(mb, 'calendar', calendarId, String(created['id']), 'created');
    return String(created['id']);
  }

  /** Edits one occurrence (by its date, yyyy-mm-dd) of a series as the user would in Outlook. */
  userEditOccurrence(token: string, masterId: string, date: string, patch: Json): void {
    const mb = this.mailbox(token);
    const master = eventOr404(mb, masterId);
    (master.exceptions ??= new Map()).set(date, { ...master.exceptions?.get(date), ...patch });
    this.bump(mb, master);
    this.subscriptions.changed(mb, 'calendar', master.calendarId, master.id, 'updated');
  }

  /** Deletes one occurrence (by its date) of a series as the user would in Outlook. */
  userDeleteOccurrence(token: string, masterId: string, date: string): void {
    const mb = this.mailbox(token);
    const master = eventOr404(mb, masterId);
    master.exceptions?.delete(date);
    (master.cancelled ??= new Set()).add(date);
    this.bump(mb, master);
    this.subscriptions.changed(mb, 'calendar', master.calendarId, master.id, 'updated');
  }

  /** The instances of a series in [from, to) as Graph's `instances` lists them (for assertions). */
  instancesOf(token: string, masterId: string, from: string, to: string): Json[] {
    const master = eventOr404(this.mailbox(token), masterId);
    return this.instances(master, Date.parse(from), Date.parse(to), true);
  }

  /** Deletes an event as the user would in Outlook. */
  userDelete(token: string, eventId: string): void {
    const mb = this.mailbox(token);
    const ev = mb.events.get(eventId);
    if (!ev) throw new Error(`no event ${eventId}`);
    mb.events.delete(eventId);
    mb.tombstones.push({ id: eventId, calendarId: ev.calendarId, seq: ++mb.seq });
    this.subscriptions.changed(mb, 'calendar', ev.calendarId, eventId, 'deleted');
  }

  // ---------------------------------------------------------------------------------------------------------

  private mailbox(token: string): Mailbox {
    let mb = this.mailboxes.get(token);
    if (!mb) {
      mb = { inFlight: 0, calendars: new Map(), events: new Map(), tombstones: [], seq: 0, oldestValidSeq: 0 };
      this.mailboxes.set(token, mb);
    }
    return mb;
  }

  private newId(prefix: string): string {
    this.counter++;
    return `${prefix}${randomBytes(9).toString('base64url')}${this.counter.toString(36)}`;
  }

  private bump(mb: Mailbox, ev: StoredEvent): void {
    ev.changeKey = randomBytes(12).toString('base64');
    ev.seq = ++mb.seq;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    let out: Res;
    const auth = headers['authorization'];
    if (!auth?.startsWith('Bearer ')) {
      out = errorRes(new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty.'));
    } else {
      const mb = this.mailbox(auth.slice(7));
      if (mb.inFlight >= this.opts.maxConcurrent) {
        out = errorRes(
          new GraphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', {
            'Retry-After': String(this.opts.retryAfterSeconds),
          }),
        );
      } else {
        mb.inFlight++;
        try {
          if (this.opts.latencyMs) await new Promise((r) => setTimeout(r, this.opts.latencyMs));
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            throw new GraphError(400, 'BadRequest', 'Unable to read JSON request payload.');
          }
          const request = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, body };
          // /subscriptions answers after the validation call to the notification URL: asynchronous.
          out =
            (await this.subscriptions.route(mb, url.pathname.replace(/^\/v1\.0/, ''), request)) ??
            this.route(mb, request);
        } catch (err) {
          out = errorRes(err);
        } finally {
          mb.inFlight--;
        }
      }
    }
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, status: out.status });
    res.writeHead(out.status, {
      ...out.headers,
      ...(out.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    });
    res.end(out.body !== undefined ? JSON.stringify(out.body) : undefined);
  }

  private route(mb: Mailbox, req: Req): Res {
    const p = req.path.replace(/^\/v1\.0/, '');
    const immutable = /IdType="ImmutableId"/i.test(req.headers['prefer'] ?? '');
    let m: RegExpMatchArray | null;
    if (p === '/$batch' && req.method === 'POST') return this.batch(mb, req);
    if (p === '/me/calendars') {
      if (req.method === 'GET') return ok({ value: [...mb.calendars.values()].map(renderCalendar) });
      if (req.method === 'POST') return this.createCalendar(mb, req.body);
    }
    if ((m = p.match(/^\/me\/calendars\/([^/]+)$/))) {
      const cal = calendarOr404(mb, m[1]!);
      if (req.method === 'GET') return ok(renderCalendar(cal));
      if (req.method === 'DELETE') {
        mb.calendars.delete(cal.id);
        for (const ev of [...mb.events.values()]) if (ev.calendarId === cal.id) mb.events.delete(ev.id);
        return { status: 204, headers: {} };
      }
    }
    if ((m = p.match(/^\/me\/calendars\/([^/]+)\/events\/delta$/)) && req.method === 'GET') {
      return this.delta(mb, calendarOr404(mb, m[1]!), req, immutable);
    }
    if ((m = p.match(/^\/me\/calendars\/([^/]+)\/events$/))) {
      const cal = calendarOr404(mb, m[1]!);
      if (req.method === 'GET') return this.listEvents(mb, cal, req, immutable);
      if (req.method === 'POST') return this.createEvent(mb, cal, req.body, immutable);
    }
    if ((m = p.match(/^\/me(?:\/calendars\/[^/]+)?\/events\/([^/]+)\/instances$/)) && req.method === 'GET') {
      return this.listInstances(eventOr404(mb, decodeURIComponent(m[1]!)), req, immutable);
    }
    const single = p.match(/^\/me(?:\/calendars\/[^/]+)?\/events\/([^/]+)$/);
    const occurrence = single
      ? parseOccurrenceId(decodeURIComponent(single[1]!).replace(/^AAMkMutable/, ''))
      : undefined;
    if (occurrence) return this.occurrenceRequest(mb, occurrence, req, immutable);
    if ((m = p.match(/^\/me(?:\/calendars\/[^/]+)?\/events\/([^/]+)$/))) {
      const ev = eventOr404(mb, decodeURIComponent(m[1]!));
      if (req.method === 'GET' && selects(req.query, 'cancelledOccurrences')) {
        return ok({ ...this.render(ev, immutable, expandsExtended(req.query)), ...this.cancelledOf(ev, immutable) });
      }
      if (req.method === 'GET') return ok(this.render(ev, immutable, expandsExtended(req.query)));
      checkIfMatch(ev, req.headers['if-match']);
      if (req.method === 'PATCH') return this.patchEvent(mb, ev, req.body, immutable);
      if (req.method === 'DELETE') {
        if (isMeeting(ev.body)) this.recordMail('cancellation', ev);
        mb.events.delete(ev.id);
        mb.tombstones.push({ id: ev.id, calendarId: ev.calendarId, seq: ++mb.seq });
        return { status: 204, headers: {} };
      }
    }
    const other = this.todo.route(mb, p, req) ?? this.contacts.route(mb, p, req) ?? this.categories.route(mb, p, req);
    if (other) return other;
    throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${p}'.`);
  }

  private batch(mb: Mailbox, req: Req): Res {
    const requests = (req.body as { requests?: unknown })?.requests;
    if (!Array.isArray(requests)) throw new GraphError(400, 'BadRequest', 'Invalid batch payload format.');
    if (requests.length > 20) {
      throw new GraphError(400, 'BadRequest', 'Invalid batch payload format. The limit is 20 requests.');
    }
    // The batch holds one of the mailbox's slots; its requests run one after the other here (Outlook runs at
    // most 4 of a batch at once, each throttled on its own).
    const responses = requests.map((inner: Json) => {
      const url = new URL(String(inner['url'] ?? ''), 'http://fake/v1.0/');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries((inner['headers'] as Record<string, string>) ?? {}))
        headers[k.toLowerCase()] = v;
      // Headers of the outer request (Prefer) do not apply to the inner ones: each names its own.
      let out: Res;
      try {
        out = this.route(mb, {
          method: String(inner['method'] ?? 'GET'),
          path: url.pathname.replace(/^\/v1\.0/, ''),
          query: url.searchParams,
          headers,
          body: inner['body'],
        });
      } catch (err) {
        out = errorRes(err);
      }
      this.requests.push({ method: `batch:${String(inner['method'])}`, path: url.pathname, status: out.status });
      return { id: inner['id'], status: out.status, headers: out.headers, body: out.body };
    });
    return ok({ responses });
  }

  private createCalendar(mb: Mailbox, body: unknown): Res {
    const b = objectBody(body, 'calendar');
    for (const k of Object.keys(b)) if (!['name', 'color'].includes(k)) throw unknownProperty(k, 'calendar');
    if (typeof b['name'] !== 'string' || !b['name']) {
      throw new GraphError(400, 'ErrorInvalidParameter', 'A calendar needs a name.');
    }
    if ([...mb.calendars.values()].some((c) => c.name === b['name'])) {
      throw new GraphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
    }
    const color = b['color'] ?? 'auto';
    if (typeof color !== 'string' || !CALENDAR_COLORS.has(color)) {
      throw new GraphError(400, 'RequestBodyRead', `Requested value '${String(color)}' was not found.`);
    }
    const cal: Calendar = { id: this.newId('AAMkCal'), name: b['name'], color, changeKey: 'c1' };
    mb.calendars.set(cal.id, cal);
    return { status: 201, headers: {}, body: renderCalendar(cal) };
  }

  private createEvent(mb: Mailbox, cal: Calendar, body: unknown, immutable: boolean): Res {
    const b = objectBody(body, 'event');
    validateEvent(b, true);
    const tx = b['transactionId'];
    if (typeof tx === 'string') {
      const same = [...mb.events.values()].find((e) => e.transactionId === tx && e.calendarId === cal.id);
      // A retried POST with the same transactionId returns the event the first one created.
      if (same) return { status: 201, headers: {}, body: this.render(same, immutable, true) };
    }
    const ev: StoredEvent = {
      id: this.newId('AAkALg'),
      calendarId: cal.id,
      changeKey: '',
      seq: 0,
      ...(typeof tx === 'string' ? { transactionId: tx } : {}),
      body: {},
      extended: new Map(),
    };
    applyWrite(ev, b);
    this.bump(mb, ev);
    mb.events.set(ev.id, ev);
    if (isMeeting(ev.body)) this.recordMail('meetingRequest', ev);
    return { status: 201, headers: {}, body: this.render(ev, immutable, true) };
  }

  private patchEvent(mb: Mailbox, ev: StoredEvent, body: unknown, immutable: boolean): Res {
    const b = objectBody(body, 'event');
    validateEvent(b, false);
    if ('transactionId' in b) throw new GraphError(400, 'ErrorInvalidRequest', 'transactionId is set on create only.');
    const merged = { ...ev.body, ...b };
    validateEvent(merged, true);
    // Outlook drops a series' exceptions and cancellations when its pattern or its time changes.
    const changes = (k: string) => k in b && JSON.stringify(b[k]) !== JSON.stringify(ev.body[k]);
    if (['recurrence', 'start', 'end'].some(changes)) {
      delete ev.exceptions;
      delete ev.cancelled;
    }
    applyWrite(ev, b);
    this.bump(mb, ev);
    if (isMeeting(ev.body)) this.recordMail('meetingUpdate', ev);
    return ok(this.render(ev, immutable, true));
  }

  private listEvents(mb: Mailbox, cal: Calendar, req: Req, immutable: boolean): Res {
    let events = [...mb.events.values()].filter((e) => e.calendarId === cal.id);
    const filter = req.query.get('$filter');
    if (filter) {
      const f = filter.match(
        /^singleValueExtendedProperties\/Any\(ep:\s*ep\/id eq '((?:[^']|'')*)' and ep\/value eq '((?:[^']|'')*)'\)$/,
      );
      if (!f)
        throw new GraphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
      const [id, value] = [f[1]!.replace(/''/g, "'"), f[2]!.replace(/''/g, "'")];
      events = events.filter((e) => e.extended.get(id.toLowerCase()) === value);
    }
    events.sort((x, y) => (x.id < y.id ? -1 : 1));
    // $expand-ed properties come back whatever $select says.
    const select = req.query.get('$select')?.split(',').concat(['singleValueExtendedProperties']);
    const render = (e: StoredEvent) => pick(this.render(e, immutable, expandsExtended(req.query)), select);
    return ok(skipPage(req.query, this.opts.pageSize, events, render, `${this.url}/me/calendars/${cal.id}/events`));
  }

  private delta(mb: Mailbox, cal: Calendar, req: Req, immutable: boolean): Res {
    return ok(
      deltaPage(
        req.query,
        mb,
        this.opts.pageSize,
        `${this.url}/me/calendars/${cal.id}/events/delta`,
        [...mb.events.values()].filter((e) => e.calendarId === cal.id),
        (e) => this.render(e, immutable, false),
        mb.tombstones.filter((t) => t.calendarId === cal.id),
      ),
    );
  }

  private listInstances(master: StoredEvent, req: Req, immutable: boolean): Res {
    const from = Date.parse(`${req.query.get('startDateTime') ?? ''}`);
    const to = Date.parse(`${req.query.get('endDateTime') ?? ''}`);
    if (!Number.isFinite(from) || !Number.isFinite(to)) {
      throw new GraphError(
        400,
        'ErrorInvalidParameter',
        'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
      );
    }
    return ok({ value: this.instances(master, from, to, immutable) });
  }

  /** Occurrences and exceptions of a series in [from, to) (a window on their start), cancelled ones left out. */
  private instances(master: StoredEvent, from: number, to: number, immutable: boolean): Json[] {
    return occurrencesOf(master.body, -Infinity, Infinity)
      .filter((o) => !master.cancelled?.has(o.date))
      .map((o) => this.renderOccurrence(master, o, immutable))
      .filter((inst) => {
        const start = inst['start'] as { dateTime: string; timeZone: string };
        const at = instantIn(start.dateTime, start.timeZone);
        return at >= from && at < to;
      });
  }

  private renderOccurrence(master: StoredEvent, o: Occurrence, immutable: boolean): Json {
    const base = this.render(master, immutable, false);
    const exception = master.exceptions?.get(o.date);
    const start = master.body['start'] as { timeZone: string };
    const end = master.body['end'] as { timeZone: string };
    const out: Json = {
      ...base,
      id: occurrenceId(String(base.id), o.date),
      type: exception ? 'exception' : 'occurrence',
      seriesMasterId: base.id,
      originalStart: o.originalStart,
      originalStartTimeZone: start.timeZone,
      recurrence: null,
      start: { dateTime: `${o.start}.0000000`, timeZone: start.timeZone },
      end: { dateTime: `${o.end}.0000000`, timeZone: end.timeZone },
      ...exception,
    };
    return out;
  }

  private cancelledOf(ev: StoredEvent, immutable: boolean): Json {
    const id = immutable ? ev.id : `AAMkMutable${ev.id}`;
    return { cancelledOccurrences: [...(ev.cancelled ?? [])].sort().map((d) => `OID.${id}.${d}`) };
  }

  /** GET, PATCH (it becomes an exception) or DELETE (it is cancelled) one occurrence of a series. */
  private occurrenceRequest(mb: Mailbox, [masterId, date]: [string, string], req: Req, immutable: boolean): Res {
    const master = eventOr404(mb, masterId);
    const o = occurrencesOf(master.body, -Infinity, Infinity).find((x) => x.date === date);
    if (!o || master.cancelled?.has(date)) {
      throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    }
    if (req.method === 'GET') return ok(this.renderOccurrence(master, o, immutable));
    if (req.method === 'PATCH') {
      const b = objectBody(req.body, 'event');
      for (const k of Object.keys(b)) {
        if (!WRITABLE_OCCURRENCE_PROPERTIES.has(k)) {
          if (k === 'recurrence')
            throw new GraphError(400, 'ErrorInvalidRequest', 'An occurrence cannot have a recurrence.');
          throw unknownProperty(k, 'event');
        }
      }
      validateEvent(b, false);
      const current = this.renderOccurrence(master, o, immutable);
      validateEvent({ start: current['start'], end: current['end'], ...b }, true);
      (master.exceptions ??= new Map()).set(date, { ...master.exceptions?.get(date), ...b });
      this.bump(mb, master);
      if (isMeeting({ ...master.body, ...b })) this.recordMail('meetingUpdate', master);
      return ok(this.renderOccurrence(master, o, immutable));
    }
    if (req.method === 'DELETE') {
      master.exceptions?.delete(date);
      (master.cancelled ??= new Set()).add(date);
      this.bump(mb, master);
      if (isMeeting(master.body)) this.recordMail('cancellation', master);
      return { status: 204, headers: {} };
    }
    throw new GraphError(405, 'ErrorInvalidRequest', 'The method is not allowed on an occurrence.');
  }

  private render(ev: StoredEvent, immutable: boolean, withExtended: boolean): AnsweredEvent {
    const out: AnsweredEvent = {
      '@odata.etag': `W/"${ev.changeKey}"`,
      // Without Prefer: IdType="ImmutableId" Graph answers with the default (mutable) id of the item.
      id: immutable ? ev.id : `AAMkMutable${ev.id}`,
      changeKey: ev.changeKey,
      isOrganizer: true,
      organizer: { emailAddress: { address: MAILBOX_ADDRESS, name: 'Gilles' } },
      attendees: [],
      categories: [],
      sensitivity: 'normal',
      showAs: 'busy',
      isAllDay: false,
      isReminderOn: true,
      reminderMinutesBeforeStart: 15,
      recurrence: null,
      type: ev.body['recurrence'] ? 'seriesMaster' : 'singleInstance',
      ...(ev.body as Event),
    };
    if (withExtended && ev.extended.size > 0) {
      out.singleValueExtendedProperties = [...ev.extended].map(([id, value]) => ({ id, value }));
    } else {
      delete out.singleValueExtendedProperties;
    }
    return out;
  }

  private recordMail(kind: RecordedMail['kind'], ev: StoredEvent): void {
    const attendees = (ev.body['attendees'] as { emailAddress?: { address?: string } }[]) ?? [];
    this.mails.push({
      kind,
      eventId: ev.id,
      subject: String(ev.body['subject'] ?? ''),
      to: attendees.map((a) => a.emailAddress?.address ?? ''),
    });
  }
}

// --------------------------------------------------------------------------------------------------------------

export function ok(body: unknown): Res {
  return { status: 200, headers: {}, body };
}

function errorRes(err: unknown): Res {
  if (err instanceof GraphError) {
    return {
      status: err.status,
      headers: err.headers,
      body: { error: { code: err.code, message: err.message, innerError: { date: new Date().toISOString() } } },
    };
  }
  return { status: 500, headers: {}, body: { error: { code: 'InternalServerError', message: String(err) } } };
}

export function unknownProperty(name: string, type: string): GraphError {
  return new GraphError(
    400,
    'RequestBodyRead',
    `The property '${name}' does not exist on type 'microsoft.graph.${type}'. Make sure to only use property ` +
      'names that are defined by the type or mark the type as open type.',
  );
}

export function objectBody(body: unknown, type: string): Json {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new GraphError(400, 'BadRequest', `Empty Payload. JSON content expected for a ${type}.`);
  }
  return body as Json;
}

function calendarOr404(mb: Mailbox, id: string): Calendar {
  const cal = mb.calendars.get(decodeURIComponent(id));
  if (!cal) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  return cal;
}

function eventOr404(mb: Mailbox, id: string): StoredEvent {
  const ev = mb.events.get(id.replace(/^AAMkMutable/, ''));
  if (!ev) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  return ev;
}

function checkIfMatch(ev: StoredEvent, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch === '*') return;
  if (ifMatch !== `W/"${ev.changeKey}"` && ifMatch !== ev.changeKey) {
    throw new GraphError(
      412,
      'ErrorIrresolvableConflict',
      'The change key passed in the request does not match the current change key for the item.',
    );
  }
}

function selects(q: URLSearchParams, name: string): boolean {
  return (q.get('$select') ?? '').split(',').includes(name);
}

function expandsExtended(q: URLSearchParams): boolean {
  return (q.get('$expand') ?? '').startsWith('singleValueExtendedProperties');
}

function pick(obj: object, select: string[] | undefined): object {
  if (!select) return obj;
  const out: Json = {};
  for (const k of ['@odata.etag', 'id', ...select]) if (k in obj) out[k] = (obj as Json)[k];
  return out;
}

/** An event that makes Exchange mail its attendees: the mailbox organizes it and it has attendees. */
function isMeeting(body: Json): boolean {
  const attendees = body['attendees'];
  return Array.isArray(attendees) && attendees.length > 0;
}

function applyWrite(ev: StoredEvent, b: Json): void {
  for (const [k, v] of Object.entries(b)) {
    if (k === 'transactionId') continue;
    if (k === 'singleValueExtendedProperties') {
      for (const p of v as { id: string; value: string }[]) ev.extended.set(p.id.toLowerCase(), p.value);
      continue;
    }
    ev.body[k] = v;
  }
}

function validateEvent(b: Json, complete: boolean): void {
  for (const k of Object.keys(b)) {
    if (!WRITABLE_EVENT_PROPERTIES.has(k)) throw unknownProperty(k, 'event');
  }
  for (const k of ['start', 'end'] as const) {
    const v = b[k] as Json | undefined;
    if (v === undefined) {
      if (complete)
        throw new GraphError(400, 'ErrorInvalidRequest', `Your request can't be completed. ${k} is required.`);
      continue;
    }
    if (typeof v['dateTime'] !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?$/.test(v['dateTime'])) {
      throw new GraphError(400, 'ErrorInvalidRequest', `Invalid dateTime in ${k}.`);
    }
    if (typeof v['timeZone'] !== 'string' || !KNOWN_TIME_ZONES.has(v['timeZone'])) {
      throw new GraphError(
        400,
        'TimeZoneNotSupportedException',
        `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${String(v['timeZone'])}'.`,
      );
    }
    if (b['isAllDay'] === true && !/T00:00:00(\.0+)?$/.test(v['dateTime'])) {
      throw new GraphError(400, 'ErrorInvalidRequest', 'An all-day event must start and end at midnight.');
    }
  }
  if (complete && b['start'] && b['end']) {
    if (String((b['end'] as Json)['dateTime']) < String((b['start'] as Json)['dateTime'])) {
      throw new GraphError(400, 'ErrorInvalidRequest', 'The end of the event is before its start.');
    }
  }
  if (b['sensitivity'] !== undefined && !SENSITIVITIES.has(String(b['sensitivity']))) {
    throw new GraphError(400, 'RequestBodyRead', `Requested value '${String(b['sensitivity'])}' was not found.`);
  }
  if (b['showAs'] !== undefined && !SHOW_AS.has(String(b['showAs']))) {
    throw new GraphError(400, 'RequestBodyRead', `Requested value '${String(b['showAs'])}' was not found.`);
  }
  if (
    b['categories'] !== undefined &&
    !(Array.isArray(b['categories']) && b['categories'].every((c) => typeof c === 'string'))
  ) {
    throw new GraphError(400, 'RequestBodyRead', 'categories must be a collection of strings.');
  }
  const ext = b['singleValueExtendedProperties'];
  if (ext !== undefined) {
    if (!Array.isArray(ext) || ext.some((p: Json) => typeof p?.['id'] !== 'string' || typeof p['value'] !== 'string')) {
      throw new GraphError(400, 'RequestBodyRead', 'singleValueExtendedProperties entries need an id and a value.');
    }
  }
  if (b['recurrence'] !== undefined && b['recurrence'] !== null) validateRecurrence(b['recurrence'] as Json);
}

function badRecurrence(what: string): GraphError {
  return new GraphError(
    400,
    'ErrorPropertyValidationFailure',
    `At least one property failed validation: recurrence ${what}.`,
  );
}

export function validateRecurrence(r: Json): void {
  const pattern = r['pattern'] as Json | undefined;
  const range = r['range'] as Json | undefined;
  if (!pattern || !range) throw badRecurrence('needs a pattern and a range');
  for (const k of Object.keys(pattern)) {
    if (!['type', 'interval', 'daysOfWeek', 'dayOfMonth', 'month', 'firstDayOfWeek', 'index'].includes(k)) {
      throw unknownProperty(k, 'recurrencePattern');
    }
  }
  const type = String(pattern['type']);
  if (!PATTERN_TYPES.has(type)) throw badRecurrence(`type '${type}'`);
  if (!Number.isInteger(pattern['interval']) || (pattern['interval'] as number) < 1) throw badRecurrence('interval');
  const days = pattern['daysOfWeek'] as unknown[] | undefined;
  if (days !== undefined && !(Array.isArray(days) && days.every((d) => DAYS.has(String(d)))))
    throw badRecurrence('daysOfWeek');
  if (['weekly', 'relativeMonthly', 'relativeYearly'].includes(type) && !days?.length)
    throw badRecurrence('daysOfWeek missing');
  const dom = pattern['dayOfMonth'];
  if (
    ['absoluteMonthly', 'absoluteYearly'].includes(type) &&
    !(Number.isInteger(dom) && (dom as number) >= 1 && (dom as number) <= 31)
  ) {
    throw badRecurrence('dayOfMonth');
  }
  const month = pattern['month'];
  if (
    ['absoluteYearly', 'relativeYearly'].includes(type) &&
    !(Number.isInteger(month) && (month as number) >= 1 && (month as number) <= 12)
  ) {
    throw badRecurrence('month');
  }
  if (pattern['index'] !== undefined && !WEEK_INDEX.has(String(pattern['index']))) throw badRecurrence('index');
  const rtype = String(range['type']);
  if (!RANGE_TYPES.has(rtype)) throw badRecurrence(`range type '${rtype}'`);
  const date = /^\d{4}-\d\d-\d\d$/;
  if (!date.test(String(range['startDate']))) throw badRecurrence('range startDate');
  if (rtype === 'endDate' && !date.test(String(range['endDate']))) throw badRecurrence('range endDate');
  if (
    rtype === 'numbered' &&
    !(Number.isInteger(range['numberOfOccurrences']) && (range['numberOfOccurrences'] as number) > 0)
  ) {
    throw badRecurrence('numberOfOccurrences');
  }
}

function renderCalendar(c: Calendar): Json {
  return { id: c.id, name: c.name, color: c.color, changeKey: c.changeKey, canEdit: true, isRemovable: true };
}
