/**
 * Property-based two-way sync between a REAL Radicale calendar and an Outlook calendar of the Graph fake (written
 * from Graph's documented contract; no Microsoft service is reachable here): random edits, creations and
 * deletions on both sides, syncs with a crash injected between a write and its status commit (a wrapped store
 * throws right after its write went through), then reruns. At the end: no loss (every event nobody deleted is on
 * both sides), no duplicate (one event per UID on each side), no mail, both sides equal by meaning (same UIDs,
 * same titles). GRAPH_PROPERTY_RUNS sets the number of runs (default 20, about 15 s here).
 */
import fc from 'fast-check';
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { createItem, deleteItem, queryItems, updateItem } from '../../bridge-core/src/dav/items.js';
import { createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { GraphClient } from '../../bridge-core/src/graph/graph-client.js';
import { ensureGraphCalendar, GraphEventStore, UID_PROPERTY } from '../../bridge-core/src/graph/graph-store.js';
import { DavCollectionStore } from '../../bridge-core/src/stores/dav-store.js';
import { MemoryConflictLog } from '../../bridge-core/src/sync/conflict-log.js';
import { extractUid } from '../../bridge-core/src/sync/content-lines.js';
import { MemoryStatusStore } from '../../bridge-core/src/sync/status.js';
import type { ItemStore } from '../../bridge-core/src/sync/store.js';
import { syncPair } from '../../bridge-core/src/sync/sync.js';
import { testServers, uniqueName } from '../harness/servers.js';
import { GraphFake } from '../support/graph-fake/graph-fake.js';
import { event } from '../support/items.js';
import { connect } from './dav-helpers.js';

const TOKEN = 'gilles-graph-property';
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

type Side = 'dav' | 'outlook';
type Command =
  | { op: 'create'; side: Side; key: number; title: string }
  | { op: 'edit'; side: Side; key: number; title: string }
  | { op: 'delete'; side: Side; key: number }
  | { op: 'sync'; crash: 'none' | 'create' | 'update' | 'delete'; on: 'a' | 'b' };

const title = fc.constantFrom('Point hebdo', 'Revue', 'Réunion équipe technique', 'Café', 'Démo');
const side = fc.constantFrom<Side>('dav', 'outlook');
const key = fc.integer({ min: 0, max: 3 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), side, key, title }),
  fc.record({ op: fc.constant('edit' as const), side, key, title }),
  fc.record({ op: fc.constant('delete' as const), side, key }),
  fc.record({
    op: fc.constant('sync' as const),
    crash: fc.constantFrom('none' as const, 'create' as const, 'update' as const, 'delete' as const),
    on: fc.constantFrom('a' as const, 'b' as const),
  }),
);

/** A store whose next write of `op` goes through and then throws: the crash before the status commit. */
function crashingOnce(store: ItemStore, op: 'create' | 'update' | 'delete'): ItemStore {
  const wrapped = Object.create(store) as ItemStore;
  let armed = true;
  const boom = () => {
    if (!armed) return;
    armed = false;
    throw new Error(`injected crash after a ${op}`);
  };
  if (op === 'create')
    wrapped.create = async (...args: Parameters<ItemStore['create']>) => {
      const r = await store.create(...args);
      boom();
      return r;
    };
  if (op === 'update')
    wrapped.update = async (...args: Parameters<ItemStore['update']>) => {
      const r = await store.update(...args);
      boom();
      return r;
    };
  if (op === 'delete')
    wrapped.delete = async (...args: Parameters<ItemStore['delete']>) => {
      await store.delete(...args);
      boom();
    };
  return wrapped;
}

const summaryOf = (ical: string) => /\r?\nSUMMARY:([^\r\n]*)/.exec(ical)?.[1] ?? '';

/** One scenario: the commands on both sides, then two settling runs, then the checks. */
async function scenario(commands: Command[]): Promise<void> {
  const name = uniqueName('Équipe technique');
  const calUrl = await createCalendar(gilles.transport, gilles.discovery.principal.calendarHomes[0]!, { name });
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
  const graph = new GraphEventStore({ client, calendarId, category: 'Équipe technique' });
  const status = new MemoryStatusStore();
  const uidOf = (k: number) => `${name}-${k}`.replace(/[^\w-]/g, '_');

  const davItems = async () => {
    const out = new Map<string, { href: string; etag: string; data: string }>();
    for (const it of await queryItems(gilles.transport, calUrl, 'calendar')) {
      const uid = extractUid(it.data)!;
      if (out.has(uid)) throw new Error(`duplicate UID ${uid} on Radicale`);
      out.set(uid, { href: it.href, etag: it.etag ?? '', data: it.data });
    }
    return out;
  };
  const outlookItems = () => {
    const out = new Map<string, Record<string, unknown>>();
    for (const e of fake.eventsOf(TOKEN, calendarId)) {
      const ext = (e['singleValueExtendedProperties'] as { id: string; value: string }[]) ?? [];
      const uid =
        ext.find((x) => x.id.toLowerCase() === UID_PROPERTY.toLowerCase())?.value ?? `outlook:${String(e['id'])}`;
      if (out.has(uid)) throw new Error(`duplicate UID ${uid} in the Graph fake`);
      out.set(uid, e);
    }
    return out;
  };
  const sync = async (crash: Command & { op: 'sync' }) => {
    const a = crash.crash !== 'none' && crash.on === 'a' ? crashingOnce(dav, crash.crash) : dav;
    const b = crash.crash !== 'none' && crash.on === 'b' ? crashingOnce(graph, crash.crash) : graph;
    try {
      await syncPair({ a, b, status, conflictLog: new MemoryConflictLog() });
    } catch (err) {
      if (!String(err).includes('injected crash')) throw err;
    }
  };

  const deleted = new Set<string>();
  const created = new Set<string>();
  for (const c of commands) {
    if (c.op === 'sync') {
      await sync(c);
      continue;
    }
    const uid = uidOf(c.key);
    if (c.side === 'dav') {
      const have = (await davItems()).get(uid);
      if (c.op === 'create' && !have && !outlookItems().has(uid)) {
        await createItem(gilles.transport, calUrl, `${uid}.ics`, event({ uid, summary: c.title }), 'calendar');
        created.add(uid);
        deleted.delete(uid);
      } else if (c.op === 'edit' && have) {
        await updateItem(
          gilles.transport,
          have.href,
          have.data.replace(/SUMMARY:[^\r\n]*/, `SUMMARY:${c.title}`),
          have.etag,
          'calendar',
        );
      } else if (c.op === 'delete' && have) {
        await deleteItem(gilles.transport, have.href, have.etag);
        deleted.add(uid);
      }
    } else {
      const have = outlookItems().get(uid);
      // Creating in Outlook is left to the DAV side here (an Outlook event has no DAV UID to pair by key).
      if (c.op === 'edit' && have) fake.userEdit(TOKEN, String(have['id']), { subject: c.title });
      else if (c.op === 'delete' && have) {
        fake.userDelete(TOKEN, String(have['id']));
        deleted.add(uid);
      }
    }
  }
  // Settle: two clean runs, the second must write nothing. When one side was emptied, the mass-deletion guard
  // stops the first run with nothing written and asks for "force delete" (the user's decision): given here.
  const settle = await syncPair({ a: dav, b: graph, status, conflictLog: new MemoryConflictLog() });
  if (settle.aborted) {
    expect(settle.aborted.text.key).toBe('sync.guard-side-empty');
    expect([settle.a, settle.b].map((s) => s.created + s.updated + s.deleted)).toEqual([0, 0]);
    await syncPair({ a: dav, b: graph, status, conflictLog: new MemoryConflictLog(), forceDelete: true });
  }
  const last = await syncPair({ a: dav, b: graph, status, conflictLog: new MemoryConflictLog() });
  expect([last.a, last.b].map((s) => s.created + s.updated + s.deleted)).toEqual([0, 0]);

  const onDav = await davItems();
  const inOutlook = outlookItems();
  expect([...onDav.keys()].sort()).toEqual([...inOutlook.keys()].sort());
  for (const uid of created) if (!deleted.has(uid)) expect(onDav.has(uid)).toBe(true);
  for (const [uid, item] of onDav) expect(inOutlook.get(uid)!['subject']).toBe(summaryOf(item.data));
  expect(fake.mails).toEqual([]);
}

// Found by the property below (seed -609956170, path 12), when its scenario was the fake's first: an event the
// bridge wrote to Outlook in its first run, then deleted by the user in Outlook, stayed on the DAV side: the Graph
// fake took the delta token of a mailbox with no change yet (0) for the initial round and reported no deletion.
// First in this file, so the mailbox is new.
test('Graph fake: an Outlook deletion right after the first sync of a new mailbox reaches the DAV side', async () => {
  await scenario([
    { op: 'create', side: 'dav', key: 2, title: 'Point hebdo' },
    { op: 'sync', crash: 'none', on: 'b' },
    { op: 'create', side: 'dav', key: 1, title: 'Réunion équipe technique' },
    { op: 'delete', side: 'outlook', key: 2 },
  ]);
}, 60_000);

// A fixed seed keeps CI deterministic; GRAPH_PROPERTY_SEED explores others.
test('Graph fake: random edits on Radicale and in Outlook, crashes between a write and its status commit: no loss, no duplicate, no mail, both sides equal', async () => {
  await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 3, maxLength: 10 }), scenario), {
    numRuns: Number(process.env.GRAPH_PROPERTY_RUNS ?? 20),
    seed: Number(process.env.GRAPH_PROPERTY_SEED ?? 20_261_202),
    verbose: 1,
    endOnFailure: true,
  });
}, 300_000);
