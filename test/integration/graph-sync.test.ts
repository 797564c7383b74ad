/**
 * Two-way sync between a REAL Radicale calendar and an Outlook calendar served by the Graph fake (no Microsoft
 * service is reachable here; the fake is written from Graph's documented contract): first sync, edits on both
 * sides, deletions on both sides, a crash between Graph's create and the status commit, an expired delta
 * token; never a duplicate, never a mail.
 */
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { deleteItem, queryItems, updateItem } from '../../bridge-core/src/dav/items.js';
import { createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { GraphClient } from '../../bridge-core/src/graph/graph-client.js';
import { ensureGraphCalendar, GraphEventStore, UID_PROPERTY } from '../../bridge-core/src/graph/graph-store.js';
import type { Message } from '../../bridge-core/src/i18n/index.js';
import { DavCollectionStore } from '../../bridge-core/src/stores/dav-store.js';
import { MemoryConflictLog } from '../../bridge-core/src/sync/conflict-log.js';
import { extractUid } from '../../bridge-core/src/sync/content-lines.js';
import { MemoryStatusStore } from '../../bridge-core/src/sync/status.js';
import type { ItemRef } from '../../bridge-core/src/sync/store.js';
import { syncPair } from '../../bridge-core/src/sync/sync.js';
import { testServers, uniqueName } from '../harness/servers.js';
import { GraphFake } from '../support/graph-fake/graph-fake.js';
import { connect } from './dav-helpers.js';
import { event, vevent } from '../support/items.js';
import { fill } from './sync-helpers.js';

const TOKEN = 'gilles-graph-token';
let fake: GraphFake;
let gilles: DavAccount;
const made: string[] = [];

beforeAll(async () => {
  fake = new GraphFake({ pageSize: 3 });
  await fake.start();
  gilles = await connect(testServers.radicale, 'alice');
});
afterAll(async () => {
  await fake.stop();
  for (const url of made) await deleteCollection(gilles.transport, url).catch(() => undefined);
});

/** A meeting Gilles organizes with Alexandre and David: syncing it must never mail them. */
function meeting(uid: string, summary: string): string {
  return event({
    uid,
    summary,
    tzid: 'Europe/Paris',
    start: '20261203T090000',
    end: '20261203T100000',
    rrule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=10',
    extra: [
      'ORGANIZER;CN=Gilles:mailto:gilles@example.org',
      'ATTENDEE;CN=Alexandre;PARTSTAT=ACCEPTED:mailto:alexandre@example.org',
      'ATTENDEE;CN=David;PARTSTAT=NEEDS-ACTION:mailto:david@example.org',
    ],
  });
}

interface Pair {
  calUrl: string;
  dav: DavCollectionStore;
  graph: GraphEventStore;
  calendarId: string;
  status: MemoryStatusStore;
  reports: Message[];
  client: GraphClient;
}

async function newPair(): Promise<Pair> {
  const home = gilles.discovery.principal.calendarHomes[0]!;
  const name = uniqueName('Équipe technique');
  const calUrl = await createCalendar(gilles.transport, home, { name });
  made.push(calUrl);
  const client = new GraphClient({ baseUrl: fake.url, getToken: async () => TOKEN });
  const calendarId = await ensureGraphCalendar(client, name, '#2E7D32');
  const reports: Message[] = [];
  return {
    calUrl,
    dav: new DavCollectionStore({
      transport: gilles.transport,
      url: calUrl,
      family: 'calendar',
      readOnly: false,
      supportsSyncCollection: true,
      name: 'Radicale',
    }),
    graph: new GraphEventStore({
      client,
      calendarId,
      name: 'Outlook',
      category: 'Équipe technique',
      onReport: (m) => reports.push(m),
    }),
    calendarId,
    status: new MemoryStatusStore(),
    reports,
    client,
  };
}

const run = (p: Pair, graph = p.graph) =>
  syncPair({ a: p.dav, b: graph, status: p.status, conflictLog: new MemoryConflictLog() });

async function davByUid(p: Pair): Promise<Map<string, { href: string; etag: string; data: string }>> {
  const items = await queryItems(gilles.transport, p.calUrl, 'calendar');
  const out = new Map<string, { href: string; etag: string; data: string }>();
  for (const it of items) {
    const uid = extractUid(it.data)!;
    if (out.has(uid)) throw new Error(`duplicate UID ${uid} on Radicale`);
    out.set(uid, { href: it.href, etag: it.etag ?? '', data: it.data });
  }
  return out;
}

/** UID -> Graph event; fails on a duplicate UID (sync must never duplicate). */
function graphByUid(p: Pair): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const e of fake.eventsOf(TOKEN, p.calendarId)) {
    const ext = (e['singleValueExtendedProperties'] as { id: string; value: string }[]) ?? [];
    const uid = ext.find((x) => x.id.toLowerCase() === UID_PROPERTY.toLowerCase())?.value ?? '';
    if (out.has(uid)) throw new Error(`duplicate UID ${uid} in the Graph fake`);
    out.set(uid, e);
  }
  return out;
}

describe('two-way sync Radicale <-> Outlook through the Graph fake', () => {
  test('Graph fake: first sync, edits and deletions on both sides, crash after a Graph create, expired delta token; no duplicate, no mail', async () => {
    const p = await newPair();
    const uids = Array.from({ length: 6 }, (_, i) => uniqueName(`equipe-${i}`));
    await fill(gilles, p.calUrl, [
      { name: `${uids[0]}.ics`, data: meeting(uids[0]!, 'Point hebdo') },
      ...uids.slice(1).map((u, i) => ({ name: `${u}.ics`, data: vevent(u, `Réunion ${i + 1}`) })),
    ]);

    // First sync: everything goes to Outlook, in the calendar's category, without attendees.
    const first = await run(p);
    expect(first.b.created).toBe(6);
    const graph = graphByUid(p);
    expect([...graph.keys()].sort()).toEqual([...uids].sort());
    const weekly = graph.get(uids[0]!)!;
    expect(weekly['attendees']).toEqual([]);
    expect(weekly['categories']).toEqual(['Équipe technique']);
    expect(weekly['recurrence']).toMatchObject({ pattern: { type: 'weekly', daysOfWeek: ['thursday'] } });
    expect(p.reports.some((m) => m.key === 'graph.downgrade')).toBe(true);

    // An idle run writes nothing: the bridge's own writes do not come back as changes.
    const idle = await run(p);
    expect([idle.a, idle.b].map((s) => s.created + s.updated + s.deleted)).toEqual([0, 0]);

    // Edits on both sides: Gilles renames event 1 on Radicale; in Outlook, the meeting is renamed.
    const dav = await davByUid(p);
    const one = dav.get(uids[1]!)!;
    await updateItem(
      gilles.transport,
      one.href,
      one.data.replace('SUMMARY:Réunion 1', 'SUMMARY:Réunion 1 (salle B)'),
      one.etag,
      'calendar',
    );
    fake.userEdit(TOKEN, weekly['id'] as string, { subject: 'Point hebdo équipe' });
    const edits = await run(p);
    expect([edits.a.updated, edits.b.updated]).toEqual([1, 1]);
    expect(graphByUid(p).get(uids[1]!)!['subject']).toBe('Réunion 1 (salle B)');
    const meetingBack = (await davByUid(p)).get(uids[0]!)!.data;
    expect(meetingBack).toContain('SUMMARY:Point hebdo équipe');
    // Attendees never went to Graph, and they are still on Radicale after the Outlook edit.
    expect(meetingBack).toContain('mailto:alexandre@example.org');
    expect(meetingBack).toContain('mailto:david@example.org');

    // Deletions on both sides.
    const two = (await davByUid(p)).get(uids[2]!)!;
    await deleteItem(gilles.transport, two.href, two.etag);
    fake.userDelete(TOKEN, graphByUid(p).get(uids[3]!)!['id'] as string);
    const deletions = await run(p);
    expect([deletions.a.deleted, deletions.b.deleted]).toEqual([1, 1]);
    expect(graphByUid(p).has(uids[2]!)).toBe(false);
    expect((await davByUid(p)).has(uids[3]!)).toBe(false);

    // A crash between Graph's create and the status commit: the rerun finds the event by its UID.
    const late = uniqueName('equipe-late');
    await fill(gilles, p.calUrl, [{ name: `${late}.ics`, data: vevent(late, 'Rétrospective') }]);
    const crashing = Object.create(p.graph) as GraphEventStore;
    crashing.create = async (data: string): Promise<ItemRef> => {
      await p.graph.create(data);
      throw new Error('injected crash after the Graph create');
    };
    await expect(run(p, crashing)).rejects.toThrow('injected crash');
    expect(graphByUid(p).has(late)).toBe(true);
    const rerun = await run(p);
    expect(rerun.b.created).toBe(0);
    expect(graphByUid(p).has(late)).toBe(true); // graphByUid fails on a duplicate

    // An expired delta token: a full listing, paired by id; the Outlook edit arrives, nothing is duplicated.
    fake.expireDeltaTokens();
    fake.userEdit(TOKEN, graphByUid(p).get(uids[4]!)!['id'] as string, { subject: 'Réunion 4 déplacée' });
    const expired = await run(p);
    expect(expired.listing.b).toBe('full');
    expect(expired.a.updated).toBe(1);
    expect([expired.a.created, expired.b.created, expired.a.deleted, expired.b.deleted]).toEqual([0, 0, 0, 0]);
    expect((await davByUid(p)).get(uids[4]!)!.data).toContain('SUMMARY:Réunion 4 déplacée');

    // Both sides hold the same events, and Graph mailed no one, ever.
    expect([...(await davByUid(p)).keys()].sort()).toEqual([...graphByUid(p).keys()].sort());
    expect(fake.mails).toEqual([]);
  });
});
