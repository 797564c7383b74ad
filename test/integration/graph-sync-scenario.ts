/**
 * The Radicale <-> Outlook scenario of issue 15, written once and run against two Outlooks: the Graph fake
 * (graph-sync.test.ts, every run) and a real Microsoft 365 tenant (graph-tenant.test.ts, when its credentials are
 * in the environment). First sync, edits and deletions on both sides, a crash between Graph's create and the status
 * commit, an expired delta token where the Outlook side can expire one; never a duplicate, never a mail.
 *
 * What "the user does in Outlook" goes through `OutlookSide`: the fake's own helpers, or plain Graph requests
 * made with the same mailbox's token on the real service.
 */
import type { Event } from '@microsoft/microsoft-graph-types';
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { deleteItem, queryItems, updateItem } from '../../bridge-core/src/dav/items.js';
import { createCalendar } from '../../bridge-core/src/dav/manage.js';
import type { GraphClient } from '../../bridge-core/src/graph/graph-client.js';
import { ensureGraphCalendar, GraphEventStore, UID_PROPERTY } from '../../bridge-core/src/graph/graph-store.js';
import type { Message } from '../../bridge-core/src/i18n/index.js';
import { DavCollectionStore } from '../../bridge-core/src/stores/dav-store.js';
import { MemoryConflictLog } from '../../bridge-core/src/sync/conflict-log.js';
import { extractUid } from '../../bridge-core/src/sync/content-lines.js';
import { MemoryStatusStore } from '../../bridge-core/src/sync/status.js';
import type { ItemRef } from '../../bridge-core/src/sync/store.js';
import { syncPair } from '../../bridge-core/src/sync/sync.js';
import { uniqueName } from '../harness/servers.js';
import type { GraphFake } from '../support/graph-fake/graph-fake.js';
import { event, vevent } from '../support/items.js';
import { fill } from './sync-helpers.js';

type GraphEvent = Event & { id: string };

/** The Outlook the scenario syncs with, and what its user does there. */
export interface OutlookSide {
  /** The bridge's Graph client for the mailbox (the fake's address, or https://graph.microsoft.com/v1.0). */
  client: GraphClient;
  /** The events of a calendar as Graph holds them, with the bridge's UID property. */
  eventsOf(calendarId: string): Promise<GraphEvent[]>;
  userEdit(eventId: string, patch: Event): Promise<void>;
  userDelete(eventId: string): Promise<void>;
  /** Expires every delta token (the fake only: the real service expires them when it likes). */
  expireDeltaTokens?(): void;
  /** The mails Graph sent (the fake records them; on the real service no attendee is ever a real address). */
  mails?(): unknown[];
  /** Removes the calendar the scenario made (the real tenant; the fake is dropped whole). */
  removeCalendar?(calendarId: string): Promise<void>;
}

/** The fake's Outlook: its helpers act as the user. */
export function fakeOutlook(fake: GraphFake, token: string, client: GraphClient): OutlookSide {
  return {
    client,
    eventsOf: async (calendarId) => fake.eventsOf(token, calendarId) as GraphEvent[],
    userEdit: async (id, patch) => fake.userEdit(token, id, { ...patch }),
    userDelete: async (id) => fake.userDelete(token, id),
    expireDeltaTokens: () => fake.expireDeltaTokens(),
    mails: () => fake.mails,
  };
}

/** A real mailbox: the user's edits are Graph requests of their own, outside the bridge's store. */
export function graphOutlook(client: GraphClient): OutlookSide {
  const expandUid = `$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${UID_PROPERTY}')`)}`;
  return {
    client,
    async eventsOf(calendarId) {
      const out: GraphEvent[] = [];
      let next: string | undefined = `/me/calendars/${encodeURIComponent(calendarId)}/events?$top=100&${expandUid}`;
      while (next) {
        const page = (await client.ok('GET', next)) as { value: GraphEvent[]; '@odata.nextLink'?: string };
        out.push(...page.value);
        next = page['@odata.nextLink'];
      }
      return out;
    },
    userEdit: async (id, patch) => void (await client.ok('PATCH', `/me/events/${encodeURIComponent(id)}`, patch)),
    userDelete: async (id) => void (await client.ok('DELETE', `/me/events/${encodeURIComponent(id)}`)),
    removeCalendar: async (id) => void (await client.ok('DELETE', `/me/calendars/${encodeURIComponent(id)}`)),
  };
}

/** A meeting Gilles organizes with Alexandre and David (example.org: no real address): syncing it mails no one. */
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

/**
 * Runs the scenario on a new Radicale calendar of `gilles` (its URL pushed to `made`, for the caller to delete)
 * and a new Outlook calendar of the same unique name (removed at the end where the side can).
 */
export async function radicaleGraphScenario(gilles: DavAccount, outlook: OutlookSide, made: string[]): Promise<void> {
  const name = uniqueName('Équipe technique');
  const calUrl = await createCalendar(gilles.transport, gilles.discovery.principal.calendarHomes[0]!, { name });
  made.push(calUrl);
  const calendarId = await ensureGraphCalendar(outlook.client, name, '#2E7D32');
  try {
    await scenario(gilles, outlook, calUrl, calendarId);
  } finally {
    await outlook.removeCalendar?.(calendarId);
  }
}

async function scenario(gilles: DavAccount, outlook: OutlookSide, calUrl: string, calendarId: string): Promise<void> {
  const reports: Message[] = [];
  const dav = new DavCollectionStore({
    transport: gilles.transport,
    url: calUrl,
    family: 'calendar',
    readOnly: false,
    supportsSyncCollection: true,
    name: 'Radicale',
  });
  const store = new GraphEventStore({
    client: outlook.client,
    calendarId,
    name: 'Outlook',
    category: 'Équipe technique',
    onReport: (m) => reports.push(m),
  });
  const status = new MemoryStatusStore();
  const run = (graph = store) => syncPair({ a: dav, b: graph, status, conflictLog: new MemoryConflictLog() });

  const davByUid = async () => {
    const out = new Map<string, { href: string; etag: string; data: string }>();
    for (const it of await queryItems(gilles.transport, calUrl, 'calendar')) {
      const uid = extractUid(it.data)!;
      if (out.has(uid)) throw new Error(`duplicate UID ${uid} on Radicale`);
      out.set(uid, { href: it.href, etag: it.etag ?? '', data: it.data });
    }
    return out;
  };
  /** UID -> Outlook event; fails on a duplicate UID (sync must never duplicate). */
  const graphByUid = async () => {
    const out = new Map<string, GraphEvent>();
    for (const e of await outlook.eventsOf(calendarId)) {
      const ext = e.singleValueExtendedProperties ?? [];
      const uid = ext.find((x) => x.id?.toLowerCase() === UID_PROPERTY.toLowerCase())?.value ?? '';
      if (out.has(uid)) throw new Error(`duplicate UID ${uid} in Outlook`);
      out.set(uid, e);
    }
    return out;
  };

  const uids = Array.from({ length: 6 }, (_, i) => uniqueName(`equipe-${i}`));
  await fill(gilles, calUrl, [
    { name: `${uids[0]}.ics`, data: meeting(uids[0]!, 'Point hebdo') },
    ...uids.slice(1).map((u, i) => ({ name: `${u}.ics`, data: vevent(u, `Réunion ${i + 1}`) })),
  ]);

  // First sync: everything goes to Outlook, in the calendar's category, without attendees.
  const first = await run();
  expect(first.b.created).toBe(6);
  const graph = await graphByUid();
  expect([...graph.keys()].sort()).toEqual([...uids].sort());
  const weekly = graph.get(uids[0]!)!;
  expect(weekly.attendees).toEqual([]);
  expect(weekly.categories).toEqual(['Équipe technique']);
  expect(weekly.recurrence).toMatchObject({ pattern: { type: 'weekly', daysOfWeek: ['thursday'] } });
  expect(reports.some((m) => m.key === 'graph.downgrade')).toBe(true);

  // An idle run writes nothing: the bridge's own writes do not come back as changes.
  const idle = await run();
  expect([idle.a, idle.b].map((s) => s.created + s.updated + s.deleted)).toEqual([0, 0]);

  // Edits on both sides: Gilles renames event 1 on Radicale; in Outlook, the meeting is renamed.
  const one = (await davByUid()).get(uids[1]!)!;
  await updateItem(
    gilles.transport,
    one.href,
    one.data.replace('SUMMARY:Réunion 1', 'SUMMARY:Réunion 1 (salle B)'),
    one.etag,
    'calendar',
  );
  await outlook.userEdit(weekly.id, { subject: 'Point hebdo équipe' });
  const edits = await run();
  expect([edits.a.updated, edits.b.updated]).toEqual([1, 1]);
  expect((await graphByUid()).get(uids[1]!)!.subject).toBe('Réunion 1 (salle B)');
  const meetingBack = (await davByUid()).get(uids[0]!)!.data;
  expect(meetingBack).toContain('SUMMARY:Point hebdo équipe');
  // Attendees never went to Graph, and they are still on Radicale after the Outlook edit.
  expect(meetingBack).toContain('mailto:alexandre@example.org');
  expect(meetingBack).toContain('mailto:david@example.org');

  // Deletions on both sides.
  const two = (await davByUid()).get(uids[2]!)!;
  await deleteItem(gilles.transport, two.href, two.etag);
  await outlook.userDelete((await graphByUid()).get(uids[3]!)!.id);
  const deletions = await run();
  expect([deletions.a.deleted, deletions.b.deleted]).toEqual([1, 1]);
  expect((await graphByUid()).has(uids[2]!)).toBe(false);
  expect((await davByUid()).has(uids[3]!)).toBe(false);

  // A crash between Graph's create and the status commit: the rerun finds the event by its UID.
  const late = uniqueName('equipe-late');
  await fill(gilles, calUrl, [{ name: `${late}.ics`, data: vevent(late, 'Rétrospective') }]);
  const crashing = Object.create(store) as GraphEventStore;
  crashing.create = async (data: string): Promise<ItemRef> => {
    await store.create(data);
    throw new Error('injected crash after the Graph create');
  };
  await expect(run(crashing)).rejects.toThrow('injected crash');
  expect((await graphByUid()).has(late)).toBe(true);
  const rerun = await run();
  expect(rerun.b.created).toBe(0);
  expect((await graphByUid()).has(late)).toBe(true); // graphByUid fails on a duplicate

  // An Outlook edit arrives; where the side can expire delta tokens, through a full listing paired by id.
  outlook.expireDeltaTokens?.();
  await outlook.userEdit((await graphByUid()).get(uids[4]!)!.id, { subject: 'Réunion 4 déplacée' });
  const later = await run();
  if (outlook.expireDeltaTokens) expect(later.listing.b).toBe('full');
  expect(later.a.updated).toBe(1);
  expect([later.a.created, later.b.created, later.a.deleted, later.b.deleted]).toEqual([0, 0, 0, 0]);
  expect((await davByUid()).get(uids[4]!)!.data).toContain('SUMMARY:Réunion 4 déplacée');

  // Both sides hold the same events, and Graph mailed no one, ever.
  expect([...(await davByUid()).keys()].sort()).toEqual([...(await graphByUid()).keys()].sort());
  if (outlook.mails) expect(outlook.mails()).toEqual([]);
}
