// A series' overrides (RECURRENCE-ID) and EXDATEs <-> Graph's exceptions and cancelled occurrences, through the
// Graph event store and the Graph fake (an in-process fake of Microsoft Graph v1.0 written from its documented
// contract: `instances`, occurrence PATCH and DELETE, `cancelledOccurrences`; no Microsoft service is reachable).
import { GraphClient } from '../../src/graph/graph-client.js';
import { ensureGraphCalendar, GraphEventStore } from '../../src/graph/graph-store.js';
import { icalToGraph } from '../../src/graph/mapping.js';

import { GraphFake } from '../../../test/support/graph-fake/graph-fake.js';
import { event, PARIS_TZ } from '../../../test/support/items';

const TOKEN = 'gilles';
const NOW = Date.parse('2026-12-01T08:00:00Z');
let fake: GraphFake;

async function setUp() {
  fake = new GraphFake();
  await fake.start();
  const client = new GraphClient({ baseUrl: fake.url, getToken: async () => TOKEN, sleep: async () => undefined });
  const calendarId = await ensureGraphCalendar(client, 'Équipe technique', '#1E88E5');
  const reports: unknown[] = [];
  const store = new GraphEventStore({
    client,
    calendarId,
    category: 'Équipe technique',
    now: () => NOW,
    onReport: (m) => reports.push(m),
  });
  return { client, calendarId, store, reports };
}
afterEach(() => fake?.stop());

/** Gilles's weekly team meeting on Thursdays: one moved and renamed occurrence, one cancelled. */
const weekly = (overrides = true) =>
  event({
    uid: 'point-hebdo',
    summary: 'Point hebdo',
    stamp: '20261101T000000Z',
    tzid: 'Europe/Paris',
    zones: PARIS_TZ,
    start: '20261203T090000',
    end: '20261203T100000',
    rrule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=10',
    exdates: overrides ? ['20261217T090000'] : [],
    overrides: overrides
      ? [
          {
            recurrenceId: '20261210T090000',
            start: '20261210T110000',
            end: '20261210T120000',
            summary: 'Point hebdo (salle B)',
          },
        ]
      : [],
  });

const instances = (masterId: string) =>
  fake.instancesOf(TOKEN, masterId, '2026-11-01T00:00:00Z', '2027-03-01T00:00:00Z') as {
    type: string;
    subject: string;
    originalStart: string;
    start: { dateTime: string; timeZone: string };
  }[];

describe('series with overrides and EXDATEs through the Graph fake', () => {
  test('mapping: overrides become exception edits and EXDATEs cancelled occurrences, by date in the series zone', () => {
    const { series, downgrades } = icalToGraph(weekly(), { category: 'Équipe technique' });
    expect(series.cancelled).toEqual(['2026-12-17']);
    expect(series.exceptions).toHaveLength(1);
    expect(series.exceptions[0]).toMatchObject({
      date: '2026-12-10',
      event: {
        subject: 'Point hebdo (salle B)',
        start: { dateTime: '2026-12-10T11:00:00', timeZone: 'Romance Standard Time' },
        categories: ['Équipe technique'],
      },
    });
    expect(downgrades.map((d) => d.code)).not.toContain('exceptions-not-mapped');
    // An EXDATE in UTC names the same occurrence (08:00Z is 09:00 in Paris in December).
    const utc = weekly().replace('EXDATE;TZID=Europe/Paris:20261217T090000', 'EXDATE:20261217T080000Z');
    expect(icalToGraph(utc).series.cancelled).toEqual(['2026-12-17']);
  });

  test('Graph fake: the override is an exception of the series in Outlook, the EXDATE a deleted occurrence; reading back gives the same text', async () => {
    const { store, calendarId } = await setUp();
    const created = await store.create(weekly());
    const [master] = fake.eventsOf(TOKEN, calendarId);
    expect(master!['changeKey']).toBe(created.version); // the version is the master's after its occurrences were edited
    const list = instances(created.id);
    expect(list).toHaveLength(9); // 10 occurrences, one cancelled
    expect(list.some((i) => i.originalStart.startsWith('2026-12-17'))).toBe(false);
    const moved = list.find((i) => i.originalStart === '2026-12-10T08:00:00Z')!;
    expect(moved).toMatchObject({ type: 'exception', subject: 'Point hebdo (salle B)' });
    expect(moved.start.dateTime.slice(0, 19)).toBe('2026-12-10T11:00:00');
    expect(list.filter((i) => i.type === 'exception')).toHaveLength(1);

    const [back] = await store.getMany([created.id]);
    expect(back).toMatchObject({ id: created.id, data: weekly() });
    expect(fake.mails).toEqual([]);
  });

  test('Graph fake: an Outlook edit of one occurrence comes back as an override, a deleted occurrence as an EXDATE', async () => {
    const { store } = await setUp();
    const created = await store.create(weekly(false));
    fake.userEditOccurrence(TOKEN, created.id, '2026-12-24', {
      subject: 'Point hebdo (veille de Noël)',
      start: { dateTime: '2026-12-24T08:30:00', timeZone: 'Romance Standard Time' },
      end: { dateTime: '2026-12-24T09:00:00', timeZone: 'Romance Standard Time' },
    });
    fake.userDeleteOccurrence(TOKEN, created.id, '2026-12-31');
    const [back] = await store.getMany([created.id]);
    const text = (back as { data: string }).data;
    expect(text).toContain('EXDATE;TZID=Europe/Paris:20261231T090000');
    expect(text).toContain('RECURRENCE-ID;TZID=Europe/Paris:20261224T090000');
    expect(text).toContain('SUMMARY:Point hebdo (veille de Noël)');
    expect(text).toContain('DTSTART;TZID=Europe/Paris:20261224T083000');
    // Same meaning as the DAV side writing that override and EXDATE itself.
    const expected = event({
      uid: 'point-hebdo',
      summary: 'Point hebdo',
      stamp: '20261101T000000Z',
      tzid: 'Europe/Paris',
      zones: PARIS_TZ,
      start: '20261203T090000',
      end: '20261203T100000',
      rrule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=10',
      exdates: ['20261231T090000'],
      overrides: [
        {
          recurrenceId: '20261224T090000',
          start: '20261224T083000',
          end: '20261224T090000',
          summary: 'Point hebdo (veille de Noël)',
        },
      ],
    });
    const again = icalToGraph(text, { category: 'Équipe technique' }).series;
    expect(again).toEqual(icalToGraph(expected, { category: 'Équipe technique' }).series);
  });

  test('Graph fake: a DAV update that drops an override and adds an EXDATE is placed on the occurrences; an occurrence Graph cannot restore is reported', async () => {
    const { store, reports } = await setUp();
    const created = await store.create(weekly());
    const next = weekly(false).replace(
      'RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=10',
      'RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=10\r\nEXDATE;TZID=Europe/Paris:20261203T090000',
    );
    await store.update(created.id, next, created.version);
    const list = instances(created.id);
    // Graph cannot turn an exception back into an occurrence: it is patched back to the series' values.
    const formerlyMoved = list.find((i) => i.originalStart === '2026-12-10T08:00:00Z')!;
    expect(formerlyMoved.subject).toBe('Point hebdo');
    expect(formerlyMoved.start.dateTime.slice(0, 19)).toBe('2026-12-10T09:00:00');
    expect(list.map((i) => i.originalStart.slice(0, 10))).not.toContain('2026-12-03');
    expect(reports).toContainEqual(
      expect.objectContaining({
        key: 'graph.downgrade',
        params: expect.objectContaining({ downgrade: { code: 'occurrence-not-restored', dates: '2026-12-17' } }),
      }),
    );
  });

  test('Graph fake (strict): an occurrence takes no recurrence, instances need a window', async () => {
    const { client, store } = await setUp();
    const created = await store.create(weekly(false));
    const [first] = instances(created.id) as unknown as { id: string }[];
    const res = await client.request('PATCH', `/me/events/${encodeURIComponent(first!.id)}`, {
      recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'noEnd', startDate: '2026-12-03' } },
    });
    expect(res.status).toBe(400);
    const noWindow = await client.request('GET', `/me/events/${encodeURIComponent(created.id)}/instances`);
    expect(noWindow.status).toBe(400);
  });
});
