// The Graph event store against the Graph fake (an in-process fake of Microsoft Graph v1.0, from its documented
// contract: no Microsoft service is reachable here).
import { GraphClient } from '../../src/graph/graph-client.js';
import { ensureGraphCalendar, GraphEventStore, nearestGraphCalendarColor } from '../../src/graph/graph-store.js';
import { ItemError, NotFoundError, PreconditionFailedError } from '../../src/sync/store.js';
import { GraphFake, type GraphFakeOptions } from '../../../test/support/graph-fake/graph-fake.js';
import { event } from '../../../test/support/items';

const TOKEN = 'gilles';
let fake: GraphFake;

async function setUp(opts: GraphFakeOptions = {}, sleep: (ms: number) => Promise<void> = async () => undefined) {
  fake = new GraphFake(opts);
  await fake.start();
  const client = new GraphClient({ baseUrl: fake.url, getToken: async () => TOKEN, sleep });
  const calendarId = await ensureGraphCalendar(client, 'Équipe technique', '#1E88E5');
  return { client, calendarId, store: new GraphEventStore({ client, calendarId, category: 'Équipe technique' }) };
}
afterEach(() => fake.stop());

const ev = (uid: string, summary = 'Réunion', extra: string[] = []) =>
  event({
    uid,
    summary,
    stamp: '20260101T000000Z',
    tzid: 'Europe/Paris',
    start: '20260302T090000',
    end: '20260302T100000',
    extra,
  });

describe('Graph event store over the Graph fake', () => {
  test('Graph fake: the calendar is the bridge own one, found again by name, in the nearest Graph color', async () => {
    const { client, calendarId } = await setUp();
    expect(await ensureGraphCalendar(client, 'Équipe technique', '#1E88E5')).toBe(calendarId);
    expect(nearestGraphCalendarColor('#E53935')).toBe('lightRed');
    expect(nearestGraphCalendarColor('#43A047')).toBe('lightGreen');
    expect(nearestGraphCalendarColor(undefined)).toBe('auto');
  });

  test('Graph fake: a second create of the same UID finds the first event (PreconditionFailed with its id)', async () => {
    const { store, calendarId } = await setUp();
    const first = await store.create(ev('equipe-1'));
    const again = store.create(ev('equipe-1'));
    await expect(again).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(again).rejects.toMatchObject({ id: first.id });
    expect(fake.eventsOf(TOKEN, calendarId)).toHaveLength(1);
  });

  test('Graph fake: a later run (a new store) finds by UID what an earlier, crashed run created', async () => {
    const { client, store, calendarId } = await setUp();
    const first = await store.create(ev('equipe-crash'));
    const nextRun = new GraphEventStore({ client, calendarId });
    await nextRun.changesSince(null);
    await expect(nextRun.create(ev('equipe-crash'))).rejects.toMatchObject({ id: first.id });
    expect(fake.eventsOf(TOKEN, calendarId)).toHaveLength(1);
  });

  test('Graph fake: read back equals what was written; conditional update and delete', async () => {
    const { store } = await setUp();
    const data = ev('equipe-2', 'Revue', ['ATTENDEE:mailto:alexandre@example.org']);
    const ref = await store.create(data);
    expect(await store.getMany([ref.id])).toEqual([{ id: ref.id, version: ref.version, data }]);
    const { version } = await store.update(ref.id, ev('equipe-2', 'Revue (salle B)'), ref.version);
    await expect(store.update(ref.id, ev('equipe-2', 'stale'), ref.version)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await store.delete(ref.id, version);
    await expect(store.delete(ref.id, version)).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.getMany([ref.id])).toEqual([]);
    expect(fake.mails).toEqual([]);
  });

  test('Graph fake: an event in a zone nobody knows is a clear per-item error in both languages', async () => {
    const { store } = await setUp();
    const custom = ev('equipe-3').replace(/TZID=Europe\/Paris/g, 'TZID=Mon fuseau');
    const err = await store.create(custom).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ItemError);
    expect((err as Error).message).toContain('Mon fuseau');
    expect((err as Error).message).toContain('fuseau horaire');
  });

  test('Graph fake: reads go 20 to a $batch', async () => {
    const { store } = await setUp();
    const refs = [];
    for (let i = 0; i < 45; i++) refs.push(await store.create(ev(`bulk-${i}`)));
    const before = fake.requests.filter((r) => r.path.endsWith('/$batch')).length;
    const got = await store.getMany(refs.map((r) => r.id));
    expect(got).toHaveLength(45);
    expect(fake.requests.filter((r) => r.path.endsWith('/$batch')).length - before).toBe(3);
  });

  test('Graph fake: writes go 20 to a $batch, after one read of the calendar UID index', async () => {
    const { store, calendarId } = await setUp();
    const before = fake.requests.filter((r) => !r.method.startsWith('batch:')).length;
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.create(ev(`w-${i}`))));
    expect(fake.eventsOf(TOKEN, calendarId)).toHaveLength(40);
    expect(fake.requests.filter((r) => !r.method.startsWith('batch:')).length - before).toBe(3);
  });

  test('Graph fake: never more than 4 requests at once, and a 429 is retried after Retry-After', async () => {
    const { client } = await setUp({ latencyMs: 30, retryAfterSeconds: 0 });
    await Promise.all(Array.from({ length: 12 }, () => client.ok('GET', '/me/calendars')));
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(client.throttledCount).toBe(0);
    // A stricter mailbox (2 at once): the client is throttled, waits what Retry-After says (the wait is
    // recorded, and shortened to keep the test fast), retries, and every request gets its answer.
    await fake.stop();
    const waits: number[] = [];
    const strict = await setUp({ latencyMs: 30, retryAfterSeconds: 3, maxConcurrent: 2 }, (ms) => {
      waits.push(ms);
      return new Promise((r) => setTimeout(r, 40));
    });
    const answers = await Promise.all(Array.from({ length: 8 }, () => strict.client.ok('GET', '/me/calendars')));
    expect(answers).toHaveLength(8);
    expect(fake.requests.some((r) => r.status === 429)).toBe(true);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms === 3000)).toBe(true);
  });

  test('Graph fake: delta lists changes and removals; an expired token gives a full listing', async () => {
    const { store } = await setUp({ pageSize: 2 });
    const a = await store.create(ev('d-a'));
    const b = await store.create(ev('d-b'));
    const c = await store.create(ev('d-c'));
    const full = await store.changesSince(null);
    expect(full.full).toBe(true);
    expect(full.changed.map((x) => x.id).sort()).toEqual([a.id, b.id, c.id].sort());
    await store.delete(b.id, b.version);
    fake.userEdit(TOKEN, a.id, { subject: 'changed in Outlook' });
    const delta = await store.changesSince(full.token);
    expect(delta.full).toBeUndefined();
    expect(delta.changed.map((x) => x.id)).toEqual([a.id]);
    expect(delta.deleted).toEqual([b.id]);
    fake.expireDeltaTokens();
    const relisted = await store.changesSince(delta.token);
    expect(relisted.full).toBe(true);
    expect(relisted.changed.map((x) => x.id).sort()).toEqual([a.id, c.id].sort());
    expect(relisted.deleted).toEqual([]);
  });
});
