// Issue 15 item 4, Outlook calendars of the scheduled sync: two subscriptions of the same name never share one; and
// one mailbox's throttling never stalls other users' Outlook sync. Outlook is the Graph fake
// (written from Graph's documented contract) behind a fetch that answers 429 with a long Retry-After for Gilles's
// mailbox only; Microsoft's sign-in is the OAuth stand-in. Gilles's run stops at once with a plain-language status
// (one request: no waiting out minutes, no loop); Alexandre's run goes through.
import { sync } from '@dav-bridge/core';
import { MemoryStore } from '../../../bridge-core/src/sync/memory-store';
import { GraphSignIn } from '../../src/middle-tier/graph/graph-sign-in';
import { StoredGraphConnections } from '../../src/middle-tier/graph/stored-connections';
import { openSqliteStore, type SqliteStore } from '../../src/middle-tier/store/sqlite-store';
import type { SubscriptionRecord } from '../../src/middle-tier/store/types';
import { GraphSync } from '../../src/middle-tier/subscriptions/graph-sync';
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
const USERS = {
  gilles: { username: 'gilles@contoso.example', accessToken: 'mailbox-gilles' },
  alexandre: { username: 'alexandre@contoso.example', accessToken: 'mailbox-alexandre' },
};

let fake: GraphFake;
let store: SqliteStore;
beforeAll(async () => {
  fake = new GraphFake();
  await fake.start();
});
afterAll(() => fake.stop());
afterEach(() => store.close());

const subscription = (who: string): SubscriptionRecord => ({
  id: `sub-${who}`,
  accountId: `acc-${who}`,
  type: 'collection',
  url: `https://dav.example/${who}/equipe/`,
  name: 'Équipe technique',
  kind: 'events',
  readOnly: false,
  createdAt: 1,
  feedEtag: undefined,
  feedLastModified: undefined,
});

test('Graph fake throttling Gilles only: his run stops at once and says so, Alexandre is synced', async () => {
  store = openSqliteStore(':memory:');
  const standin = new OAuthStandin();
  const signIn = new GraphSignIn(cfg, new StoredGraphConnections(store, Date.now), standin.factory);
  for (const [who, user] of Object.entries(USERS)) {
    await store.upsertAccount({
      id: `acc-${who}`,
      serverId: 'radicale',
      username: who,
      sealedPassword: 's',
      principalUrl: `https://dav.example/${who}/`,
      updatedAt: 1,
    });
    await store.createSubscription(subscription(who));
    const back = new URL(standin.authorize(await signIn.begin(`acc-${who}`), user));
    await signIn.complete(back.searchParams.get('state')!, back.searchParams.get('code')!);
  }
  const sentFor: Record<string, number> = {};
  const throttling: typeof fetch = async (input, init) => {
    const token = String(new Headers(init?.headers).get('authorization')).slice(7);
    sentFor[token] = (sentFor[token] ?? 0) + 1;
    if (token === USERS.gilles.accessToken)
      return new Response(JSON.stringify({ error: { code: 'ApplicationThrottled', message: 'Too many requests' } }), {
        status: 429,
        headers: { 'Retry-After': '600', 'Content-Type': 'application/json' },
      });
    return fetch(input, init);
  };
  const graphSync = new GraphSync(
    store,
    { problem: undefined, signIn, baseUrl: fake.url, fetch: throttling },
    Date.now,
  );
  const profile = {
    url: 'u',
    kind: 'events' as const,
    access: 'read-write' as const,
    supportsSyncCollection: true,
    name: 'Équipe technique',
  };
  const uid = 'throttle-ev-1';
  const dav = () => {
    const m = new MemoryStore({ name: 'dav' });
    m.put(`${uid}.ics`, event({ uid, summary: 'Revue de code', start: new Date(Date.now() + 86_400_000) }));
    return m;
  };

  await expect(graphSync.run(subscription('gilles'), profile, dav)).rejects.toMatchObject({
    code: 'outlook-sync-throttled',
  });
  expect(sentFor[USERS.gilles.accessToken]).toBe(1); // Retry-After 600 s is past the run's budget: no wait, no retry
  const report = (await graphSync.run(subscription('alexandre'), profile, dav)) as sync.SyncReport;
  expect(report.b.created).toBe(1);
  expect(fake.mails).toEqual([]);
});

test('Graph fake: two subscribed calendars of the same name get an Outlook calendar each, kept by id', async () => {
  store = openSqliteStore(':memory:');
  const standin = new OAuthStandin();
  const signIn = new GraphSignIn(cfg, new StoredGraphConnections(store, Date.now), standin.factory);
  const user = { username: 'david@contoso.example', accessToken: 'mailbox-david' };
  await store.upsertAccount({
    id: 'acc-david',
    serverId: 'radicale',
    username: 'david',
    sealedPassword: 's',
    principalUrl: 'https://dav.example/david/',
    updatedAt: 1,
  });
  const subs = ['one', 'two'].map((n, i) => ({ ...subscription('david'), id: `sub-david-${n}`, createdAt: i }));
  for (const sub of subs) await store.createSubscription({ ...sub, url: `${sub.url}${sub.id}/` });
  const back = new URL(standin.authorize(await signIn.begin('acc-david'), user));
  await signIn.complete(back.searchParams.get('state')!, back.searchParams.get('code')!);
  const graphSync = new GraphSync(store, { problem: undefined, signIn, baseUrl: fake.url, fetch: undefined }, Date.now);
  const profile = {
    url: 'u',
    kind: 'events' as const,
    access: 'read-write' as const,
    supportsSyncCollection: true,
    name: 'Équipe technique',
  };
  const davs = subs.map((sub) => {
    const m = new MemoryStore({ name: sub.id });
    m.put(`${sub.id}.ics`, event({ uid: `uid-${sub.id}`, summary: sub.id, start: new Date(Date.now() + 86_400_000) }));
    return m;
  });
  for (let round = 0; round < 2; round++)
    for (const [i, sub] of subs.entries()) await graphSync.run(sub, profile, () => davs[i]!);

  const ids = await Promise.all(subs.map((s) => store.getOutlookCalendarId(s.id)));
  expect(new Set(ids).size).toBe(2);
  for (const [i, sub] of subs.entries()) {
    // Each Outlook calendar holds its own subscription's event only, and each DAV side got nothing from the other.
    expect(fake.eventsOf(user.accessToken, ids[i]!).map((e) => e['subject'])).toEqual([sub.id]);
    expect((await davs[i]!.list()).map((r) => r.id)).toEqual([`${sub.id}.ics`]);
  }
});
