// Issue 15: what the scheduled Outlook sync makes besides the events. Outlook is the Graph fake (written from Graph's
// documented contract, master categories included); Microsoft's sign-in is the OAuth stand-in.
// - The collection's master category, in the preset the pane's mapping gives its color, made once; a category of
//   the same name that the user has (another color) is left as it is; nothing is renamed or deleted.
// - The Outlook calendar is made in the Graph calendar color nearest the collection's.
// - What the stores report (downgrades) reaches the run's notes, deduplicated; a refused category is a note, and
//   the events still go to Outlook.
import { categoryFor, InMemoryCategoryMemory, sync } from '@dav-bridge/core';
import { nearestGraphCalendarColor } from '../../../bridge-core/src/graph/graph-store';
import { MemoryStore } from '../../../bridge-core/src/sync/memory-store';
import { GraphSignIn } from '../../src/middle-tier/graph/graph-sign-in';
import { StoredGraphConnections } from '../../src/middle-tier/graph/stored-connections';
import { openSqliteStore, type SqliteStore } from '../../src/middle-tier/store/sqlite-store';
import type { SubscriptionRecord } from '../../src/middle-tier/store/types';
import { GraphSync } from '../../src/middle-tier/subscriptions/graph-sync';
import { RunNotices } from '../../src/middle-tier/subscriptions/run-notices';
import { GraphFake } from '../../../test/support/graph-fake/graph-fake';
import { OAuthStandin } from '../../../test/support/graph-fake/oauth-standin';
import { event } from '../../../test/support/items';

const cfg = {
  tenant: 'organizations',
  clientId: 'bridge-client-id',
  clientSecret: 'secret',
  redirectUri: 'https://bridge.example/outlook-sync/callback',
  cacheKey: Buffer.alloc(32, 5),
};
const COLOR = '#00679E';
const NAME = 'Équipe technique';

let fake: GraphFake;
let store: SqliteStore;
beforeEach(async () => {
  fake = new GraphFake();
  await fake.start();
  store = openSqliteStore(':memory:');
});
afterEach(async () => {
  store.close();
  await fake.stop();
});

const subscription = (n: string, name = NAME): SubscriptionRecord => ({
  id: `sub-${n}`,
  accountId: 'acc-gilles',
  type: 'collection',
  url: `https://dav.example/gilles/${n}/`,
  name,
  kind: 'events',
  readOnly: false,
  createdAt: 1,
  feedEtag: undefined,
  feedLastModified: undefined,
});

const profileOf = (sub: SubscriptionRecord, color: string | undefined) => ({
  url: sub.url,
  kind: 'events' as const,
  access: 'read-write' as const,
  supportsSyncCollection: true,
  name: sub.name,
  collection: { color },
});

/** Gilles, connected; `fetch` may stand between the bridge and the fake. */
async function connected(mailbox: string, fetchFn?: typeof fetch): Promise<GraphSync> {
  const standin = new OAuthStandin();
  const signIn = new GraphSignIn(cfg, new StoredGraphConnections(store, Date.now), standin.factory);
  await store.upsertAccount({
    id: 'acc-gilles',
    serverId: 'radicale',
    username: 'gilles',
    sealedPassword: 's',
    principalUrl: 'https://dav.example/gilles/',
    updatedAt: 1,
  });
  const back = new URL(
    standin.authorize(await signIn.begin('acc-gilles'), { username: 'gilles@contoso.example', accessToken: mailbox }),
  );
  await signIn.complete(back.searchParams.get('state')!, back.searchParams.get('code')!);
  return new GraphSync(store, { problem: undefined, signIn, baseUrl: fake.url, fetch: fetchFn }, Date.now);
}

const meeting = (uid: string) =>
  event({
    uid,
    summary: `Point ${uid}`,
    start: new Date(Date.now() + 86_400_000),
    extra: ['ORGANIZER:mailto:gilles@example.org', 'ATTENDEE;CN=Alexandre:mailto:alexandre@example.org'],
  });

const categoryCalls = () => fake.requests.filter((r) => r.path.includes('/masterCategories'));

test('Graph fake: the master category is made in the preset of the pane, once; the calendar in the nearest color', async () => {
  const mailbox = 'mailbox-gilles-categories';
  const graphSync = await connected(mailbox);
  const sub = subscription('equipe');
  await store.createSubscription(sub);
  const dav = new MemoryStore({ name: 'dav' });
  dav.put('a.ics', event({ uid: 'a', summary: 'Revue de code', start: new Date(Date.now() + 86_400_000) }));
  for (let run = 0; run < 3; run++) await graphSync.run(sub, profileOf(sub, COLOR), () => dav);

  // The pane's mapping of the same calendar (a fresh memory: the first name and preset it gives).
  const expected = categoryFor({ url: sub.url, displayName: NAME, color: COLOR }, new InMemoryCategoryMemory(), []);
  expect(expected.preset).toBeGreaterThanOrEqual(0);
  const cats = fake.categories.categoriesOf(fake.mailboxOf(mailbox));
  expect(cats).toEqual([{ id: expect.any(String), displayName: expected.name, color: `preset${expected.preset}` }]);
  // Three runs, one check and one create: the category is known to exist for the user afterwards.
  expect(categoryCalls().map((r) => r.method)).toEqual(['GET', 'POST']);

  const calendarId = (await store.getOutlookCalendarId(sub.id))!;
  const calendar = (await (
    await fetch(`${fake.url}/me/calendars/${calendarId}`, { headers: { Authorization: `Bearer ${mailbox}` } })
  ).json()) as { color: string };
  expect(calendar.color).toBe(nearestGraphCalendarColor(COLOR));
  expect(calendar.color).not.toBe('auto');
  expect(fake.eventsOf(mailbox, calendarId).map((e) => e['categories'])).toEqual([[expected.name]]);
});

test('Graph fake: a category of that name the user has in another color is left as it is', async () => {
  const mailbox = 'mailbox-gilles-own-category';
  // The user's own categories: one of the calendar's name (another case, another color), one unrelated.
  fake.categories.userAdd(fake.mailboxOf(mailbox), NAME.toUpperCase(), 'preset19');
  fake.categories.userAdd(fake.mailboxOf(mailbox), 'Projets', 'preset3');
  const before = fake.categories.categoriesOf(fake.mailboxOf(mailbox));
  const graphSync = await connected(mailbox);
  const sub = subscription('equipe');
  await store.createSubscription(sub);
  await graphSync.run(sub, profileOf(sub, COLOR), () => new MemoryStore({ name: 'dav' }));

  expect(fake.categories.categoriesOf(fake.mailboxOf(mailbox))).toEqual(before);
  expect(categoryCalls().map((r) => r.method)).toEqual(['GET']); // no create, no PATCH, no DELETE
});

test("Graph fake: the stores' downgrades are the run's notes, once each, in both languages", async () => {
  const mailbox = 'mailbox-gilles-notices';
  const graphSync = await connected(mailbox);
  const sub = subscription('reunions', 'Réunions');
  await store.createSubscription(sub);
  const dav = new MemoryStore({ name: 'dav' });
  dav.put('m1.ics', meeting('m1'));
  dav.put('m2.ics', meeting('m2'));
  const notices = new RunNotices();
  const report = (await graphSync.run(sub, profileOf(sub, undefined), () => dav, notices)) as sync.SyncReport;
  expect(report.b.created).toBe(2);

  const notes = notices.list();
  expect(notes.map((n) => n.code)).toEqual([
    'graph.downgrade:attendees-kept-aside',
    'graph.downgrade:attendees-kept-aside',
  ]);
  expect(notes[0]!.en).toContain('m1');
  expect(notes[0]!.en).toContain('attendee');
  expect(notes[0]!.fr).not.toBe(notes[0]!.en);
  expect(fake.mails).toEqual([]);
  // A calendar without a color: the category has none, the Outlook calendar is Outlook's automatic color.
  expect(fake.categories.categoriesOf(fake.mailboxOf(mailbox))).toMatchObject([
    { displayName: 'Réunions', color: 'none' },
  ]);
});

test('Graph fake refusing the categories (no MailboxSettings.ReadWrite): a note, and the events still go to Outlook', async () => {
  const mailbox = 'mailbox-gilles-no-settings';
  const refusing: typeof fetch = async (input, init) => {
    if (String(input).includes('/masterCategories'))
      return new Response(JSON.stringify({ error: { code: 'ErrorAccessDenied', message: 'Access is denied.' } }), {
        status: 403,
        headers: { 'Content-Type': 'application/json' },
      });
    return fetch(input, init);
  };
  const graphSync = await connected(mailbox, refusing);
  const sub = subscription('equipe');
  await store.createSubscription(sub);
  const dav = new MemoryStore({ name: 'dav' });
  dav.put('a.ics', event({ uid: 'a', summary: 'Revue de code', start: new Date(Date.now() + 86_400_000) }));
  const notices = new RunNotices();
  const report = (await graphSync.run(sub, profileOf(sub, COLOR), () => dav, notices)) as sync.SyncReport;

  expect(report.b.created).toBe(1);
  const [note] = notices.list();
  expect(note).toMatchObject({ code: 'graph-connect.category-not-made' });
  expect(note!.en).toContain('HTTP 403 ErrorAccessDenied');
  expect(note!.fr).toContain('Reconnecter Outlook');
});
