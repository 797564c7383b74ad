// A series Graph cannot express (here: hourly, and several BYMONTHDAY values) through the Graph event store and the
// Graph fake (an in-process fake of Microsoft Graph v1.0 from its documented contract; no Microsoft service is
// reachable here): kept exact on the DAV side, shown in Outlook as single read-only events for its instances in
// the sync window; an Outlook edit of one is undone and reported, never read back as a change.
import { GraphClient } from '../../src/graph/graph-client.js';
import { ensureGraphCalendar, GraphEventStore, INSTANCE_KEY_PROPERTY } from '../../src/graph/graph-store.js';
import type { Message } from '../../src/i18n/index.js';
import { render } from '../../src/i18n/index.js';
import { GraphFake } from '../../../test/support/graph-fake/graph-fake.js';
import { event, PARIS_TZ } from '../../../test/support/items';

const TOKEN = 'gilles';
const NOW = Date.parse('2026-12-01T08:00:00Z');
let fake: GraphFake;
afterEach(() => fake?.stop());

async function setUp() {
  fake = new GraphFake();
  await fake.start();
  const client = new GraphClient({ baseUrl: fake.url, getToken: async () => TOKEN, sleep: async () => undefined });
  const calendarId = await ensureGraphCalendar(client, 'Équipe technique', '#1E88E5');
  const reports: Message[] = [];
  const store = new GraphEventStore({
    client,
    calendarId,
    category: 'Équipe technique',
    now: () => NOW,
    onReport: (m) => reports.push(m),
  });
  return { client, calendarId, store, reports };
}

/** The 1st and 15th of each month, six times: Graph has one dayOfMonth per pattern. */
const payroll = event({
  uid: 'paie',
  summary: 'Clôture de la paie',
  tzid: 'Europe/Paris',
  zones: PARIS_TZ,
  start: '20261201T140000',
  end: '20261201T150000',
  rrule: 'FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=6',
  exdates: ['20261215T140000'],
});

const eventsIn = (calendarId: string) =>
  fake.eventsOf(TOKEN, calendarId) as {
    id: string;
    subject: string;
    start: { dateTime: string };
    recurrence: unknown;
    singleValueExtendedProperties?: { id: string; value: string }[];
  }[];

describe('series Graph cannot express, through the Graph fake', () => {
  test('Graph fake: several BYMONTHDAY values: the master shows the first instance, single events the others in the window (EXDATE left out); the DAV text is kept exact', async () => {
    const { store, calendarId, reports } = await setUp();
    const created = await store.create(payroll);
    const events = eventsIn(calendarId);
    // 6 instances, one EXDATE: the master (1 Dec) and 4 single events (1 Jan, 15 Jan, 1 Feb, 15 Feb).
    expect(events).toHaveLength(5);
    expect(events.every((e) => e.recurrence === null)).toBe(true);
    const starts = events.map((e) => e.start.dateTime.slice(0, 16)).sort();
    expect(starts).toEqual([
      '2026-12-01T14:00',
      '2027-01-01T14:00',
      '2027-01-15T14:00',
      '2027-02-01T14:00',
      '2027-02-15T14:00',
    ]);
    expect(reports.map((m) => (m.params as { downgrade: { code: string } }).downgrade.code)).toContain(
      'recurrence-not-expressible',
    );
    // The engine sees one item, the series, with the DAV side's text.
    const changes = await store.changesSince(null);
    expect(changes.changed.map((c) => c.id)).toEqual([created.id]);
    expect((await store.list()).map((r) => r.id)).toEqual([created.id]);
    const [back] = await store.getMany([created.id]);
    expect(back).toMatchObject({ data: payroll });
    expect(fake.mails).toEqual([]);
  });

  test('Graph fake: an Outlook edit of one read-only instance is undone, reported in both languages, and never comes back as a change', async () => {
    const { store, calendarId, reports } = await setUp();
    const created = await store.create(payroll);
    const first = await store.changesSince(null);
    const jan15 = eventsIn(calendarId).find((e) =>
      e.singleValueExtendedProperties?.some(
        (p) => p.id.toLowerCase() === INSTANCE_KEY_PROPERTY.toLowerCase() && p.value === '20270115T140000',
      ),
    )!;
    fake.userEdit(TOKEN, jan15.id, { subject: 'Paie décalée' });
    const next = await store.changesSince(first.token);
    expect(next.changed.map((c) => c.id)).not.toContain(jan15.id);
    expect(eventsIn(calendarId).find((e) => e.id === jan15.id)!.subject).toBe('Clôture de la paie');
    const undone = reports.find((m) => m.key === 'graph.instance-edit-reverted')!;
    expect(undone).toBeDefined();
    expect(render('en', undone)).toContain('Paie décalée');
    expect(render('fr', undone)).toContain('annulée');
    // The DAV side's series is untouched.
    const [back] = await store.getMany([created.id]);
    expect(back).toMatchObject({ data: payroll });

    // The master event (it shows the first instance) is read-only too.
    fake.userEdit(TOKEN, created.id, { subject: 'Paie avancée' });
    const [again] = await store.getMany([created.id]);
    expect(again).toMatchObject({ data: payroll });
    expect(eventsIn(calendarId).find((e) => e.id === created.id)!.subject).toBe('Clôture de la paie');
    expect(reports.filter((m) => m.key === 'graph.instance-edit-reverted')).toHaveLength(2);
  });

  test('Graph fake: an hourly rule: one event per instance; deleting the series deletes them all; a DAV update rewrites them', async () => {
    const { store, calendarId } = await setUp();
    const hourly = event({
      uid: 'astreinte',
      summary: 'Astreinte',
      start: '20261202T080000Z',
      end: '20261202T081500Z',
      rrule: 'FREQ=HOURLY;INTERVAL=2;COUNT=5',
    });
    const created = await store.create(hourly);
    expect(eventsIn(calendarId)).toHaveLength(5);
    const renamed = hourly.replace('SUMMARY:Astreinte', 'SUMMARY:Astreinte réseau');
    const updated = await store.update(created.id, renamed, created.version);
    expect(eventsIn(calendarId)).toHaveLength(5);
    expect(eventsIn(calendarId).every((e) => e.subject === 'Astreinte réseau')).toBe(true);
    await store.changesSince(null);
    await store.delete(created.id, updated.version);
    expect(eventsIn(calendarId)).toHaveLength(0);
  });
});
