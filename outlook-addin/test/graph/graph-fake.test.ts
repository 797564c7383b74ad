// The Graph fake's own tests: it must reject what Graph rejects, or tests built on it prove nothing.
import { GraphFake } from '../../../test/support/graph-fake/graph-fake.js';

const TOKEN = 'gilles-token';
const UID_PROP = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name DavBridgeUid';
let fake: GraphFake;
let base: string;

beforeEach(async () => {
  fake = new GraphFake();
  base = await fake.start();
});
afterEach(() => fake.stop());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      Prefer: 'IdType="ImmutableId"',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

async function teamCalendar(): Promise<string> {
  const res = await call('POST', '/me/calendars', { name: 'Équipe technique', color: 'lightTeal' });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const event = (extra: Record<string, unknown> = {}) => ({
  subject: 'Réunion',
  start: { dateTime: '2026-03-02T09:00:00', timeZone: 'Romance Standard Time' },
  end: { dateTime: '2026-03-02T10:00:00', timeZone: 'Romance Standard Time' },
  ...extra,
});

describe('Graph fake (a fake of Microsoft Graph v1.0, from its documented contract)', () => {
  test('Graph fake: creates and lists calendars, rejects an unknown color and an unknown property', async () => {
    const id = await teamCalendar();
    const list = await call('GET', '/me/calendars');
    expect(list.body.value.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await call('POST', '/me/calendars', { name: 'X', color: 'purple' })).status).toBe(400);
    const unknown = await call('POST', '/me/calendars', { name: 'Y', hexColor: '#fff' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('RequestBodyRead');
  });

  test('Graph fake: event create, get, patch with If-Match, delete; unknown property and time zone rejected', async () => {
    const cal = await teamCalendar();
    const created = await call('POST', `/me/calendars/${cal}/events`, event());
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const etag = created.body['@odata.etag'] as string;
    expect((await call('GET', `/me/events/${id}`)).body.subject).toBe('Réunion');
    const bad = await call('POST', `/me/calendars/${cal}/events`, event({ colour: 'red' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("'colour' does not exist on type 'microsoft.graph.event'");
    const zone = await call(
      'POST',
      `/me/calendars/${cal}/events`,
      event({ start: { dateTime: '2026-03-02T09:00:00', timeZone: 'Mars/Olympus' } }),
    );
    expect(zone.status).toBe(400);
    expect(zone.body.error.code).toBe('TimeZoneNotSupportedException');
    const patched = await call('PATCH', `/me/events/${id}`, { subject: 'Point hebdo' }, { 'If-Match': etag });
    expect(patched.status).toBe(200);
    expect(patched.body.changeKey).not.toBe(created.body.changeKey);
    expect((await call('PATCH', `/me/events/${id}`, { subject: 'stale' }, { 'If-Match': etag })).status).toBe(412);
    expect((await call('DELETE', `/me/events/${id}`, undefined, { 'If-Match': etag })).status).toBe(412);
    expect((await call('DELETE', `/me/events/${id}`)).status).toBe(204);
    expect((await call('GET', `/me/events/${id}`)).status).toBe(404);
  });

  test('Graph fake: invalid recurrences are rejected, a valid one is kept', async () => {
    const cal = await teamCalendar();
    const weekly = {
      pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
      range: { type: 'noEnd', startDate: '2026-03-02' },
    };
    expect((await call('POST', `/me/calendars/${cal}/events`, event({ recurrence: weekly }))).status).toBe(201);
    const hourly = { pattern: { type: 'hourly', interval: 1 }, range: { type: 'noEnd', startDate: '2026-03-02' } };
    expect((await call('POST', `/me/calendars/${cal}/events`, event({ recurrence: hourly }))).status).toBe(400);
    const noDays = { pattern: { type: 'weekly', interval: 1 }, range: { type: 'noEnd', startDate: '2026-03-02' } };
    expect((await call('POST', `/me/calendars/${cal}/events`, event({ recurrence: noDays }))).status).toBe(400);
  });

  test('Graph fake: ids are immutable only with Prefer IdType="ImmutableId"', async () => {
    const cal = await teamCalendar();
    const immutable = await call('POST', `/me/calendars/${cal}/events`, event());
    const mutable = await call('GET', `/me/events/${immutable.body.id}`, undefined, { Prefer: '' });
    expect(mutable.body.id).not.toBe(immutable.body.id);
  });

  test('Graph fake: transactionId makes a retried create return the first event', async () => {
    const cal = await teamCalendar();
    const a = await call('POST', `/me/calendars/${cal}/events`, event({ transactionId: 'tx-1' }));
    const b = await call('POST', `/me/calendars/${cal}/events`, event({ transactionId: 'tx-1' }));
    expect(b.body.id).toBe(a.body.id);
    expect(fake.eventsOf(TOKEN, cal)).toHaveLength(1);
  });

  test('Graph fake: $filter on a single-value extended property finds the event carrying that value', async () => {
    const cal = await teamCalendar();
    const ext = (v: string) => ({ singleValueExtendedProperties: [{ id: UID_PROP, value: v }] });
    const mine = await call('POST', `/me/calendars/${cal}/events`, event(ext("uid-l'équipe")));
    await call('POST', `/me/calendars/${cal}/events`, event(ext('other')));
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${UID_PROP}' and ep/value eq 'uid-l''équipe')`;
    const found = await call('GET', `/me/calendars/${cal}/events?$filter=${encodeURIComponent(filter)}`);
    expect(found.body.value.map((e: { id: string }) => e.id)).toEqual([mine.body.id]);
    const expanded = await call(
      'GET',
      `/me/events/${mine.body.id}?$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${UID_PROP}')`)}`,
    );
    expect(expanded.body.singleValueExtendedProperties[0].value).toBe("uid-l'équipe");
    expect((await call('GET', `/me/calendars/${cal}/events?$filter=subject eq 'x'`)).status).toBe(400);
  });

  test('Graph fake: $batch runs up to 20 requests and rejects 21', async () => {
    const cal = await teamCalendar();
    const requests = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: String(i),
        method: 'POST',
        url: `/me/calendars/${cal}/events`,
        headers: { 'Content-Type': 'application/json', Prefer: 'IdType="ImmutableId"' },
        body: event({ subject: `E${i}` }),
      }));
    const okBatch = await call('POST', '/$batch', { requests: requests(20) });
    expect(okBatch.status).toBe(200);
    expect(okBatch.body.responses.every((r: { status: number }) => r.status === 201)).toBe(true);
    expect((await call('POST', '/$batch', { requests: requests(21) })).status).toBe(400);
    expect(fake.eventsOf(TOKEN, cal)).toHaveLength(20);
  });

  test('Graph fake: the fifth concurrent request of a mailbox gets 429 with Retry-After', async () => {
    await fake.stop();
    fake = new GraphFake({ latencyMs: 200, retryAfterSeconds: 2 });
    base = await fake.start();
    const answers = await Promise.all(Array.from({ length: 5 }, () => call('GET', '/me/calendars')));
    const throttled = answers.filter((a) => a.status === 429);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]!.headers.get('retry-after')).toBe('2');
    expect(throttled[0]!.body.error.code).toBe('ApplicationThrottled');
  });

  test('Graph fake: delta gives changes and removals since a token, and 410 syncStateNotFound once expired', async () => {
    const cal = await teamCalendar();
    const a = await call('POST', `/me/calendars/${cal}/events`, event({ subject: 'A' }));
    const b = await call('POST', `/me/calendars/${cal}/events`, event({ subject: 'B' }));
    const first = await call('GET', `/me/calendars/${cal}/events/delta`);
    expect(first.body.value).toHaveLength(2);
    const deltaLink = first.body['@odata.deltaLink'] as string;
    await call('PATCH', `/me/events/${a.body.id}`, { subject: 'A2' });
    await call('DELETE', `/me/events/${b.body.id}`);
    const next = await call('GET', deltaLink.slice(base.length));
    expect(next.body.value).toEqual([
      expect.objectContaining({ id: a.body.id, subject: 'A2' }),
      { id: b.body.id, '@removed': { reason: 'deleted' } },
    ]);
    fake.expireDeltaTokens();
    const expired = await call('GET', (next.body['@odata.deltaLink'] as string).slice(base.length));
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('syncStateNotFound');
  });

  test('Graph fake: records the invitations and cancellations Graph would mail', async () => {
    const cal = await teamCalendar();
    const attendees = [{ emailAddress: { address: 'alexandre@example.org' }, type: 'required' }];
    const meeting = await call('POST', `/me/calendars/${cal}/events`, event({ attendees }));
    await call('DELETE', `/me/events/${meeting.body.id}`);
    await call('POST', `/me/calendars/${cal}/events`, event());
    expect(fake.mails.map((m) => m.kind)).toEqual(['meetingRequest', 'cancellation']);
    expect(fake.mails[0]!.to).toEqual(['alexandre@example.org']);
  });
});
