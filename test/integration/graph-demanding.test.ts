/**
 * The project's demanding events from a REAL Radicale calendar into Outlook (the Graph fake, written from Graph's
 * documented contract; no Microsoft service is reachable here) and from Outlook into a second Radicale calendar:
 * the same events arrive, with the same meaning; what the rule table announces is reported; Graph mails nobody.
 */
import { queryItems } from '../../bridge-core/src/dav/items.js';
import { createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { GraphClient } from '../../bridge-core/src/graph/graph-client.js';
import { ensureGraphCalendar, GraphEventStore } from '../../bridge-core/src/graph/graph-store.js';
import type { Message } from '../../bridge-core/src/i18n/index.js';
import { DavCollectionStore } from '../../bridge-core/src/stores/dav-store.js';
import { MemoryConflictLog } from '../../bridge-core/src/sync/conflict-log.js';
import { extractUid } from '../../bridge-core/src/sync/content-lines.js';
import { normalizeItem } from '../../bridge-core/src/sync/normalize.js';
import { MemoryStatusStore } from '../../bridge-core/src/sync/status.js';
import { syncPair } from '../../bridge-core/src/sync/sync.js';
import { testServers, uniqueName } from '../harness/servers.js';
import { GraphFake } from '../support/graph-fake/graph-fake.js';
import { centralEuropeanZone, event, PARIS_TZ } from '../support/items.js';
import { connect } from './dav-helpers.js';
import { fill } from './sync-helpers.js';

const TOKEN = 'gilles-graph-demanding';
let fake: GraphFake;
let gilles: DavAccount;
const made: string[] = [];

beforeAll(async () => {
  fake = new GraphFake({ pageSize: 4 });
  await fake.start();
  gilles = await connect(testServers.radicale, 'alice');
});
afterAll(async () => {
  await fake.stop();
  for (const url of made) await deleteCollection(gilles.transport, url).catch(() => undefined);
});

function demanding(tag: string): { name: string; data: string }[] {
  const items = [
    event({
      uid: `${tag}-serie`,
      summary: 'Point hebdo',
      tzid: 'Europe/Paris',
      zones: PARIS_TZ,
      start: '20261203T090000',
      end: '20261203T100000',
      rrule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=8',
      exdates: ['20261217T090000'],
      overrides: [
        {
          recurrenceId: '20261210T090000',
          start: '20261210T140000',
          end: '20261210T150000',
          summary: 'Point hebdo (après-midi)',
        },
      ],
    }),
    event({
      uid: `${tag}-fuseau`,
      summary: 'Atelier à Bruxelles',
      tzid: 'Bruxelles (bureau)',
      zones: centralEuropeanZone('Bruxelles (bureau)'),
      start: '20260701T093000',
      end: '20260701T110000',
    }),
    event({ uid: `${tag}-seminaire`, summary: 'Séminaire', allDay: true, start: '20261207', end: '20261210' }),
    event({
      uid: `${tag}-alarmes`,
      summary: 'Revue de code',
      start: '20261208T130000Z',
      end: '20261208T140000Z',
      alarm: 'Dans 15 minutes',
      extra: ['BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:La veille', 'TRIGGER:-P1D', 'END:VALARM'],
    }),
    event({
      uid: `${tag}-prive`,
      summary: 'Rendez-vous médical',
      klass: 'PRIVATE',
      start: '20261209T150000Z',
      end: '20261209T160000Z',
    }),
    event({
      uid: `${tag}-reunion`,
      summary: 'Réunion équipe technique',
      tzid: 'Europe/Paris',
      zones: PARIS_TZ,
      start: '20261211T100000',
      end: '20261211T110000',
      extra: [
        'ORGANIZER;CN=Gilles:mailto:gilles@example.org',
        'ATTENDEE;CN=Alexandre;PARTSTAT=ACCEPTED:mailto:alexandre@example.org',
        'ATTENDEE;CN=David;PARTSTAT=NEEDS-ACTION:mailto:david@example.org',
      ],
    }),
  ];
  return items.map((data, i) => ({ name: `${tag}-${i}.ics`, data }));
}

async function davCalendar(): Promise<{ url: string; store: DavCollectionStore }> {
  const url = await createCalendar(gilles.transport, gilles.discovery.principal.calendarHomes[0]!, {
    name: uniqueName('Équipe technique'),
  });
  made.push(url);
  const store = new DavCollectionStore({
    transport: gilles.transport,
    url,
    family: 'calendar',
    readOnly: false,
    supportsSyncCollection: true,
  });
  return { url, store };
}

async function byUid(url: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const it of await queryItems(gilles.transport, url, 'calendar')) out.set(extractUid(it.data)!, it.data);
  return out;
}

test('Graph fake: demanding events Radicale -> Outlook -> another Radicale calendar arrive with the same meaning, downgrades reported, no mail', async () => {
  const source = await davCalendar();
  const target = await davCalendar();
  const tag = uniqueName('exigeant');
  const items = demanding(tag);
  await fill(gilles, source.url, items);

  const client = new GraphClient({ baseUrl: fake.url, getToken: async () => TOKEN });
  const calendarId = await ensureGraphCalendar(client, uniqueName('Équipe technique'), '#2E7D32');
  const reports: Message[] = [];
  const graph = () =>
    new GraphEventStore({
      client,
      calendarId,
      category: 'Équipe technique',
      now: () => Date.parse('2026-12-01T08:00:00Z'),
      onReport: (m) => reports.push(m),
    });

  const out = await syncPair({
    a: source.store,
    b: graph(),
    status: new MemoryStatusStore(),
    conflictLog: new MemoryConflictLog(),
  });
  expect(out.b.created).toBe(items.length);
  const back = await syncPair({
    a: graph(),
    b: target.store,
    status: new MemoryStatusStore(),
    conflictLog: new MemoryConflictLog(),
  });
  expect(back.b.created).toBe(items.length);

  const sent = await byUid(source.url);
  const arrived = await byUid(target.url);
  expect([...arrived.keys()].sort()).toEqual([...sent.keys()].sort());
  for (const [uid, text] of sent) expect(normalizeItem(arrived.get(uid)!)).toBe(normalizeItem(text));

  const codes = new Set(reports.map((m) => (m.params as { downgrade: { code: string } }).downgrade.code));
  expect([...codes].sort()).toEqual(['attendees-kept-aside', 'reminder-dropped']);
  expect(fake.mails).toEqual([]);
});
