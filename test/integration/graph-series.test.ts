/**
 * A series with overrides and EXDATEs between a REAL Radicale calendar and an Outlook calendar served by the Graph
 * fake (written from Graph's documented contract; no Microsoft service is reachable here): the overrides become
 * exceptions of the Outlook series, the EXDATEs deleted occurrences; an Outlook edit of one occurrence comes back
 * to Radicale as an override, a deleted occurrence as an EXDATE. Never a duplicate, never a mail.
 */
import { queryItems } from '../../bridge-core/src/dav/items.js';
import { createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { GraphClient } from '../../bridge-core/src/graph/graph-client.js';
import { ensureGraphCalendar, GraphEventStore } from '../../bridge-core/src/graph/graph-store.js';
import type { Message } from '../../bridge-core/src/i18n/index.js';
import { DavCollectionStore } from '../../bridge-core/src/stores/dav-store.js';
import { MemoryConflictLog } from '../../bridge-core/src/sync/conflict-log.js';
import { MemoryStatusStore } from '../../bridge-core/src/sync/status.js';
import { syncPair } from '../../bridge-core/src/sync/sync.js';
import { testServers, uniqueName } from '../harness/servers.js';
import { GraphFake } from '../support/graph-fake/graph-fake.js';
import { event, PARIS_TZ } from '../support/items.js';
import { connect } from './dav-helpers.js';
import { fill } from './sync-helpers.js';

const TOKEN = 'gilles-graph-series';
const NOW = Date.parse('2026-12-01T08:00:00Z');
let fake: GraphFake;
let gilles: DavAccount;
const made: string[] = [];

beforeAll(async () => {
  fake = new GraphFake({ pageSize: 5 });
  await fake.start();
  gilles = await connect(testServers.radicale, 'alice');
});
afterAll(async () => {
  await fake.stop();
  for (const url of made) await deleteCollection(gilles.transport, url).catch(() => undefined);
});

test('Graph fake: overrides and EXDATEs go to Outlook as exceptions and deleted occurrences, and Outlook edits of one occurrence come back as overrides and EXDATEs', async () => {
  const home = gilles.discovery.principal.calendarHomes[0]!;
  const name = uniqueName('Équipe technique');
  const calUrl = await createCalendar(gilles.transport, home, { name });
  made.push(calUrl);
  const client = new GraphClient({ baseUrl: fake.url, getToken: async () => TOKEN });
  const calendarId = await ensureGraphCalendar(client, name, '#2E7D32');
  const dav = new DavCollectionStore({
    transport: gilles.transport,
    url: calUrl,
    family: 'calendar',
    readOnly: false,
    supportsSyncCollection: true,
  });
  const graph = new GraphEventStore({ client, calendarId, category: 'Équipe technique', now: () => NOW });
  const status = new MemoryStatusStore();
  const run = () => syncPair({ a: dav, b: graph, status, conflictLog: new MemoryConflictLog() });

  const uid = uniqueName('point-hebdo');
  await fill(gilles, calUrl, [
    {
      name: `${uid}.ics`,
      data: event({
        uid,
        summary: 'Point hebdo',
        tzid: 'Europe/Paris',
        zones: PARIS_TZ,
        start: '20261203T090000',
        end: '20261203T100000',
        rrule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=10',
        exdates: ['20261217T090000'],
        overrides: [
          {
            recurrenceId: '20261210T090000',
            start: '20261210T110000',
            end: '20261210T120000',
            summary: 'Point hebdo (salle B)',
          },
        ],
      }),
    },
  ]);
  const first = await run();
  expect(first.b.created).toBe(1);
  const [master] = fake.eventsOf(TOKEN, calendarId);
  const window = ['2026-11-01T00:00:00Z', '2027-03-01T00:00:00Z'] as const;
  const instances = () =>
    fake.instancesOf(TOKEN, master!['id'] as string, ...window) as {
      type: string;
      subject: string;
      originalStart: string;
    }[];
  expect(instances()).toHaveLength(9);
  expect(instances().find((i) => i.type === 'exception')).toMatchObject({
    subject: 'Point hebdo (salle B)',
    originalStart: '2026-12-10T08:00:00Z',
  });

  // An idle run: the bridge's own occurrence edits do not come back as changes.
  const idle = await run();
  expect([idle.a, idle.b].map((s) => s.created + s.updated + s.deleted)).toEqual([0, 0]);

  // In Outlook, Gilles moves the 24 December occurrence and deletes the 31 December one.
  fake.userEditOccurrence(TOKEN, master!['id'] as string, '2026-12-24', {
    subject: 'Point hebdo (veille de Noël)',
    start: { dateTime: '2026-12-24T08:30:00', timeZone: 'Romance Standard Time' },
    end: { dateTime: '2026-12-24T09:00:00', timeZone: 'Romance Standard Time' },
  });
  fake.userDeleteOccurrence(TOKEN, master!['id'] as string, '2026-12-31');
  const back = await run();
  expect(back.a.updated).toBe(1);
  const items = await queryItems(gilles.transport, calUrl, 'calendar');
  expect(items).toHaveLength(1);
  const text = items[0]!.data.replace(/\r\n /g, '');
  expect(text).toMatch(/EXDATE;TZID=Europe\/Paris:20261217T090000,20261231T090000/);
  expect(text).toContain('RECURRENCE-ID;TZID=Europe/Paris:20261210T090000');
  expect(text).toContain('SUMMARY:Point hebdo (salle B)');
  expect(text).toContain('RECURRENCE-ID;TZID=Europe/Paris:20261224T090000');
  expect(text).toContain('DTSTART;TZID=Europe/Paris:20261224T083000');
  expect(text).toContain('SUMMARY:Point hebdo (veille de Noël)');

  const settled = await run();
  expect([settled.a, settled.b].map((s) => s.created + s.updated + s.deleted)).toEqual([0, 0]);
  expect(fake.eventsOf(TOKEN, calendarId)).toHaveLength(1);
  expect(fake.mails).toEqual([]);
});

test('Graph fake: a series Graph cannot express stays exact on Radicale, shows in Outlook as read-only single events, and an Outlook edit or deletion of one is undone and reported, never written to Radicale', async () => {
  const home = gilles.discovery.principal.calendarHomes[0]!;
  const name = uniqueName('Équipe technique');
  const calUrl = await createCalendar(gilles.transport, home, { name });
  made.push(calUrl);
  const client = new GraphClient({ baseUrl: fake.url, getToken: async () => TOKEN });
  const calendarId = await ensureGraphCalendar(client, name, '#2E7D32');
  const dav = new DavCollectionStore({
    transport: gilles.transport,
    url: calUrl,
    family: 'calendar',
    readOnly: false,
    supportsSyncCollection: true,
  });
  const reports: Message[] = [];
  const graph = new GraphEventStore({
    client,
    calendarId,
    category: 'Équipe technique',
    now: () => NOW,
    onReport: (m) => reports.push(m),
  });
  const status = new MemoryStatusStore();
  const run = () => syncPair({ a: dav, b: graph, status, conflictLog: new MemoryConflictLog() });

  const uid = uniqueName('paie');
  const text = event({
    uid,
    summary: 'Clôture de la paie',
    tzid: 'Europe/Paris',
    zones: PARIS_TZ,
    start: '20261201T140000',
    end: '20261201T150000',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=4',
  });
  await fill(gilles, calUrl, [{ name: `${uid}.ics`, data: text }]);
  const first = await run();
  expect(first.b.created).toBe(1);
  const shown = fake.eventsOf(TOKEN, calendarId) as { id: string; subject: string; recurrence: unknown }[];
  expect(shown).toHaveLength(4);
  expect(shown.every((e) => e.recurrence === null)).toBe(true);
  const before = (await queryItems(gilles.transport, calUrl, 'calendar'))[0]!;

  // Gilles renames one instance in Outlook (not the master, the first event the bridge created): undone, reported,
  // and Radicale is not written.
  const instance = shown.find((e) => e.id !== fake.eventsOf(TOKEN, calendarId)[0]!['id'] && e.subject)!;
  fake.userEdit(TOKEN, instance.id, { subject: 'Paie décalée' });
  const second = await run();
  expect([second.a.created, second.a.updated, second.a.deleted]).toEqual([0, 0, 0]);
  expect(reports.some((m) => m.key === 'graph.instance-edit-reverted')).toBe(true);
  const after = await queryItems(gilles.transport, calUrl, 'calendar');
  expect(after).toHaveLength(1);
  expect(after[0]!.etag).toBe(before.etag);
  expect(
    (fake.eventsOf(TOKEN, calendarId) as { subject: string }[]).every((e) => e.subject === 'Clôture de la paie'),
  ).toBe(true);

  // Gilles deletes one instance in Outlook: it is made again, reported, and Radicale is not written.
  const gone = (fake.eventsOf(TOKEN, calendarId) as { id: string }[]).find(
    (e) => e.id !== instance.id && e.id !== fake.eventsOf(TOKEN, calendarId)[0]!['id'],
  )!;
  fake.userDelete(TOKEN, gone.id);
  expect(fake.eventsOf(TOKEN, calendarId)).toHaveLength(3);
  const third = await run();
  expect([third.a.created, third.a.updated, third.a.deleted]).toEqual([0, 0, 0]);
  expect(reports.some((m) => m.key === 'graph.instance-deletion-reverted')).toBe(true);
  expect(fake.eventsOf(TOKEN, calendarId)).toHaveLength(4);
  expect((await queryItems(gilles.transport, calUrl, 'calendar'))[0]!.etag).toBe(before.etag);

  const settled = await run();
  expect([settled.a, settled.b].map((s) => s.created + s.updated + s.deleted)).toEqual([0, 0]);
  expect(fake.eventsOf(TOKEN, calendarId)).toHaveLength(4);
  expect(fake.mails).toEqual([]);
});
