// Issue 16 item 3: every aggregate of the bridge store behaves the same on every engine (SQLite, PostgreSQL):
// accounts and sessions, guest links, categories, subscriptions and their runs, the mirror's conditional writes,
// kept conflicts and the pane's actions on them, the key check, Outlook feeds, guest link opens, and the sync
// engine's status (bridge-core's StatusStore contract) per subscription. Data survives a reopen.
import type { sync } from '@dav-bridge/core';
import { describeEachEngine, type TestStore } from '../support/store-engines';

const gilles = {
  id: 'acc-gilles',
  serverId: 'radicale',
  username: 'gilles',
  sealedPassword: 'sealed-gilles',
  principalUrl: 'https://dav.example/gilles/',
  updatedAt: 1_764_000_000_000,
};
const alexandre = { ...gilles, id: 'acc-alexandre', username: 'alexandre', sealedPassword: 'sealed-alexandre' };

const subscription = (id: string, accountId: string, createdAt: number) => ({
  id,
  accountId,
  type: 'collection' as const,
  url: `https://dav.example/gilles/${id}/`,
  name: 'Équipe technique',
  kind: 'events' as const,
  readOnly: false,
  createdAt,
  feedEtag: undefined,
  feedLastModified: undefined,
});

const entry = (n: number): sync.StatusEntry => ({
  a: { id: `a${n}.ics`, version: `"va${n}"`, hash: `ha${n}` },
  b: { id: `b${n}`, version: `vb${n}`, hash: `hb${n}` },
});

describeEachEngine('bridge store aggregates', (engine) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await engine().open();
    await store.upsertAccount(gilles);
    await store.upsertAccount(alexandre);
  });
  afterEach(async () => {
    await store.close();
  });

  it('accounts keep their id on upsert; sessions are found, deleted and expire; a reopen keeps them', async () => {
    const again = await store.upsertAccount({ ...gilles, id: 'another-id', sealedPassword: 'resealed', updatedAt: 5 });
    expect(again).toEqual({ ...gilles, sealedPassword: 'resealed', updatedAt: 5 });
    expect(await store.findAccount('radicale', 'gilles')).toEqual(again);
    expect(await store.getAccount('nobody')).toBeUndefined();
    const session = { idHash: 'h1', accountId: gilles.id, csrfToken: 'c', createdAt: 1, expiresAt: 1_764_000_000_000 };
    await store.createSession(session);
    await store.createSession({ ...session, idHash: 'h2', expiresAt: 10 });
    expect(await store.deleteExpiredSessions(100)).toBe(1);
    await store.close();
    store = await engine().open();
    expect(await store.getSession('h1')).toEqual(session);
    expect(await store.getSession('h2')).toBeUndefined();
    await store.deleteSession('h1');
    expect(await store.getSession('h1')).toBeUndefined();
  });

  it('guest links: by token hash, listed newest first without the revoked, revoked once', async () => {
    const link = {
      id: 'l1',
      tokenHash: 'th1',
      sealedToken: 'st1',
      accountId: gilles.id,
      collectionUrl: 'https://dav.example/gilles/equipe/',
      collectionName: 'Équipe technique',
      kind: 'events' as const,
      passwordHash: undefined,
      expiresAt: 9_000_000_000_000,
      createdAt: 1,
      revokedAt: undefined,
      passwordFailures: 0,
      lockedAt: undefined,
      hidePrivateEvents: true,
    };
    await store.createGuestLink(link);
    await store.createGuestLink({ ...link, id: 'l2', tokenHash: 'th2', createdAt: 2, hidePrivateEvents: false });
    expect(await store.getGuestLinkByTokenHash('th1')).toEqual(link);
    expect((await store.listGuestLinks(gilles.id)).map((l) => l.id)).toEqual(['l2', 'l1']);
    expect(await store.revokeGuestLink('l2', 3)).toBe(true);
    expect(await store.revokeGuestLink('l2', 4)).toBe(false);
    expect((await store.listGuestLinks(gilles.id)).map((l) => l.id)).toEqual(['l1']);
    expect((await store.getGuestLink('l2'))?.revokedAt).toBe(3);
    expect(await store.listGuestLinks(alexandre.id)).toEqual([]);
    // Opens: counts only, per owner.
    await store.countGuestLinkOpen('l1', 50);
    await store.countGuestLinkOpen('l1', 40);
    expect((await store.guestLinkOpens(gilles.id)).get('l1')).toEqual({ openCount: 2, lastOpenedAt: 50 });
    expect((await store.guestLinkOpens(alexandre.id)).size).toBe(0);
    expect(await engine().columns('guest_link_opens')).toEqual(['last_opened_at', 'link_id', 'open_count']);
  });

  it('categories and the key check are kept as written', async () => {
    expect(await store.getCategoryMemory(gilles.id)).toBeUndefined();
    await store.saveCategoryMemory(gilles.id, { names: { 'Équipe technique': 3 } });
    await store.saveCategoryMemory(gilles.id, { names: { 'Équipe technique': 4 } });
    expect(await store.getCategoryMemory(gilles.id)).toEqual({ names: { 'Équipe technique': 4 } });
    expect(await store.getKeyCheck()).toBeUndefined();
    await store.setKeyCheck('fp1');
    await store.setKeyCheck('fp2');
    expect(await store.getKeyCheck()).toBe('fp2');
    expect(await store.sealedSample()).toEqual({
      sealed: expect.stringMatching(/^sealed-/),
      boundTo: expect.any(String),
    });
  });

  it('subscriptions, runs, mirror, conflicts and status go together, and only with their own subscription', async () => {
    await store.createSubscription(subscription('s1', gilles.id, 1));
    await store.createSubscription({ ...subscription('s2', gilles.id, 2), readOnly: true });
    await store.createSubscription(subscription('s3', alexandre.id, 3));
    expect((await store.listSubscriptions(gilles.id)).map((s) => s.id)).toEqual(['s1', 's2']);
    expect((await store.listAllSubscriptions()).map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect((await store.getSubscription('s2'))?.readOnly).toBe(true);
    await store.setFeedValidators('s1', '"e1"', 'Tue, 01 Dec 2026 10:00:00 GMT');
    expect(await store.getSubscription('s1')).toMatchObject({
      feedEtag: '"e1"',
      feedLastModified: 'Tue, 01 Dec 2026 10:00:00 GMT',
    });

    const run = {
      subscriptionId: 's1',
      lastRun: 1_764_000_000_123,
      ok: false,
      server: { created: 1, updated: 2, deleted: 0 },
      bridge: { created: 0, updated: 0, deleted: 3 },
      conflicts: 1,
      error: { code: 'dav-unreachable', en: 'The server did not answer', fr: 'Le serveur n’a pas répondu' },
    };
    await store.setSyncRun(run);
    expect(await store.getSyncRun('s1')).toEqual(run);
    await store.setSyncRun({ ...run, ok: true, error: undefined });
    expect(await store.getSyncRun('s1')).toEqual({ ...run, ok: true, error: undefined });
    // The run's notes about Outlook are kept with it; a next run without any leaves none.
    const notices = [{ code: 'graph.downgrade:attendees-kept-aside', en: 'Event m1: attendees', fr: 'Événement m1' }];
    await store.setSyncRun({ ...run, ok: true, error: undefined, notices });
    expect(await store.getSyncRun('s1')).toEqual({ ...run, ok: true, error: undefined, notices });
    await store.setSyncRun({ ...run, ok: true, error: undefined });
    expect((await store.getSyncRun('s1'))?.notices).toBeUndefined();

    // Mirror: conditional writes say why they were refused.
    const created = await store.mirrorCreate('s1', 'e1.ics', 'BEGIN:VCALENDAR v1');
    expect(created.ok).toBe(true);
    const v1 = created.ok ? created.version : '';
    expect(await store.mirrorCreate('s1', 'e1.ics', 'other')).toEqual({ ok: false, reason: 'exists' });
    expect(await store.mirrorUpdate('s1', 'e1.ics', 'v2', 'wrong')).toEqual({ ok: false, reason: 'changed' });
    expect(await store.mirrorUpdate('s1', 'nope.ics', 'v2', v1)).toEqual({ ok: false, reason: 'missing' });
    const updated = await store.mirrorUpdate('s1', 'e1.ics', 'v2', v1);
    expect(updated.ok).toBe(true);
    const v2 = updated.ok ? updated.version : '';
    await store.mirrorCreate('s1', 'e0.ics', 'zero');
    expect(await store.mirrorList('s1')).toEqual([
      { id: 'e0.ics', version: expect.any(String) },
      { id: 'e1.ics', version: v2 },
    ]);
    expect(await store.mirrorGetMany('s1', ['e1.ics', 'absent', 'e0.ics'])).toEqual([
      { id: 'e1.ics', version: v2, data: 'v2' },
      { id: 'e0.ics', version: expect.any(String), data: 'zero' },
    ]);
    expect(await store.mirrorDelete('s1', 'e1.ics', v1)).toEqual({ ok: false, reason: 'changed' });
    expect(await store.mirrorDelete('s1', 'e1.ics', v2)).toEqual({ ok: true, version: '' });
    expect(await store.mirrorDelete('s1', 'e1.ics', v2)).toEqual({ ok: false, reason: 'missing' });

    // Kept conflicts: listed through their owner, newest first; the pane finds only its own and dismisses it.
    const c1 = await store.addConflict({
      subscriptionId: 's1',
      ident: 'uid-1',
      side: 'server',
      itemId: 'e1.ics',
      data: 'old',
      reason: 'conflict: a wins (newest)',
      at: 10,
    });
    const c2 = await store.addConflict({
      subscriptionId: 's2',
      ident: 'uid-2',
      side: 'bridge',
      itemId: undefined,
      data: 'older',
      reason: 'read-only',
      at: 20,
    });
    expect(c2).toBeGreaterThan(c1);
    expect((await store.listConflicts(gilles.id)).map((c) => c.id)).toEqual([c2, c1]);
    expect((await store.listConflicts(gilles.id, 's1')).map((c) => c.ident)).toEqual(['uid-1']);
    expect(await store.listConflicts(alexandre.id)).toEqual([]);
    expect(await store.getOwnConflict(alexandre.id, c1)).toBeUndefined();
    expect(await store.getOwnConflict(gilles.id, c2)).toMatchObject({ side: 'bridge', itemId: undefined });
    expect(await store.deleteConflict(c2)).toBe(true);
    expect(await store.deleteConflict(c2)).toBe(false);

    // The sync engine's status, per subscription.
    const status = store.syncStatus('s1');
    const other = store.syncStatus('s3');
    await status.set('uid-1', entry(1));
    await status.applyBatch!([
      { ident: 'uid-2', entry: entry(2) },
      { ident: 'uid-3', entry: entry(3) },
    ]);
    await status.applyBatch!([{ ident: 'uid-3' }]);
    await status.setToken('a', 'tok-a');
    await other.set('uid-9', entry(9));
    expect(await status.get('uid-1')).toEqual(entry(1));
    expect([...(await status.all()).keys()].sort()).toEqual(['uid-1', 'uid-2']);
    await status.delete('uid-2');
    expect(await status.get('uid-2')).toBeUndefined();
    expect(await status.getToken('a')).toBe('tok-a');
    expect(await status.getToken('b')).toBeUndefined();
    await status.setToken('a', undefined);
    expect(await status.getToken('a')).toBeUndefined();
    await status.setToken('b', 'tok-b');

    // Deleting a subscription takes its mirror, run, conflicts and status with it, and nothing of the others.
    expect(await store.deleteSubscription('s1')).toBe(true);
    expect(await store.deleteSubscription('s1')).toBe(false);
    expect(await store.mirrorList('s1')).toEqual([]);
    expect(await store.getSyncRun('s1')).toBeUndefined();
    expect(await store.listConflicts(gilles.id, 's1')).toEqual([]);
    const fresh = store.syncStatus('s1');
    expect((await fresh.all()).size).toBe(0);
    expect(await fresh.getToken('b')).toBeUndefined();
    expect(await other.get('uid-9')).toEqual(entry(9));
  });

  it('Outlook feeds keep their fetch counters across a reopen; a revoked one stays revoked', async () => {
    const feed = {
      id: 'feed-1',
      tokenHash: 'feed-token-hash',
      sealedToken: 'sealed',
      accountId: gilles.id,
      collectionUrl: 'https://dav.example/gilles/equipe/',
      collectionName: 'Équipe technique',
      kind: 'events' as const,
      createdAt: 1000,
      revokedAt: undefined,
      lastFetchedAt: undefined,
      fetchCount: 0,
    };
    await store.createOutlookFeed(feed);
    await store.countOutlookFeedFetch('feed-1', 2000);
    await store.close();
    store = await engine().open();
    expect(await store.getOutlookFeedByTokenHash('feed-token-hash')).toEqual({
      ...feed,
      fetchCount: 1,
      lastFetchedAt: 2000,
    });
    expect((await store.listOutlookFeeds(gilles.id)).map((f) => f.id)).toEqual(['feed-1']);
    expect(await store.revokeOutlookFeed('feed-1', 3000)).toBe(true);
    expect(await store.revokeOutlookFeed('feed-1', 4000)).toBe(false);
    expect(await store.listOutlookFeeds(gilles.id)).toEqual([]);
    expect((await store.getOutlookFeed('feed-1'))?.revokedAt).toBe(3000);
  });

  it("Microsoft 365 connections: one sealed cache per account, its state, the Outlook calendar per subscription; the subscription's Outlook status goes with it", async () => {
    await store.saveGraphTokenCache(gilles.id, 'sealed-cache-1', 1000);
    expect(await store.markGraphConnected(gilles.id, 'graph-user-gilles', 'Gilles', 1500)).toBe(true);
    await store.saveGraphTokenCache(gilles.id, 'sealed-cache-2', 2000);
    await store.createSubscription(subscription('sub-g', gilles.id, 10));
    await store.setOutlookCalendarId('sub-g', 'AAMk-outlook-calendar');
    await store.syncStatus('sub-g:outlook').set('uid-1', entry(1));
    await store.close();
    store = await engine().open();
    expect(await store.getGraphConnection(gilles.id)).toEqual({
      accountId: gilles.id,
      sealedCache: 'sealed-cache-2',
      state: 'connected',
      stateSince: 1500,
      reason: undefined,
      graphUserId: 'graph-user-gilles',
      graphUserName: 'Gilles',
    });
    expect(await store.getOutlookCalendarId('sub-g')).toBe('AAMk-outlook-calendar');
    expect(await store.markGraphReconnect(gilles.id, 'graph-connect.reason-refresh-refused', 3000)).toBe(true);
    expect(await store.getGraphConnection(gilles.id)).toMatchObject({
      state: 'reconnect',
      reason: 'graph-connect.reason-refresh-refused',
    });
    expect(await store.markGraphReconnect(alexandre.id, 'graph-connect.reason-refresh-refused', 3000)).toBe(false);
    expect(await store.deleteSubscription('sub-g')).toBe(true);
    expect(await store.getOutlookCalendarId('sub-g')).toBeUndefined();
    expect(await store.syncStatus('sub-g:outlook').get('uid-1')).toBeUndefined();
    expect(await store.deleteGraphConnection(gilles.id)).toBe(true);
    expect(await store.getGraphConnection(gilles.id)).toBeUndefined();
  });
});
