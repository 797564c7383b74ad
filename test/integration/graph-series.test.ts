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
