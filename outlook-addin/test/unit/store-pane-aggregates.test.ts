// Issue 13 items 1 and 2: the task pane's aggregates in the bridge database. Private Outlook feeds (schema 4) and
// guest link open counts (schema 5) are added by migrations to an existing database (the committed f4230b7
// fixture, and a version 3 database as the previous release left it), keep their data across a reopen, and keep
// counts only.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BRIDGE_SCHEMA_VERSION, openBridgeDatabase } from '../../src/middle-tier/store/sqlite-store';

const fixture = resolve(__dirname, '..', 'fixtures', 'bridge-f4230b7.sqlite');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dav-bridge-pane-store-'));
  copyFileSync(fixture, join(dir, 'bridge.sqlite'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const feed = {
  id: 'feed-1',
  tokenHash: 'feed-token-hash',
  sealedToken: 'sealed',
  accountId: 'acc-gilles',
  collectionUrl: 'https://dav.example/cal/gilles/equipe/',
  collectionName: 'Équipe technique',
  kind: 'events' as const,
  createdAt: 1000,
  revokedAt: undefined,
  lastFetchedAt: undefined,
  fetchCount: 0,
};

describe('pane aggregates in the bridge database', () => {
  it('counts guest link opens durably (counts only), per owner', async () => {
    const store = openBridgeDatabase(dir);
    expect(store.schemaVersion()).toBe(BRIDGE_SCHEMA_VERSION);
    expect(BRIDGE_SCHEMA_VERSION).toBeGreaterThanOrEqual(5);
    expect((await store.guestLinkOpens('acc-gilles')).size).toBe(0);
    await store.countGuestLinkOpen('link-francois', 5000);
    await store.countGuestLinkOpen('link-francois', 7000);
    await store.close();

    const again = openBridgeDatabase(dir);
    try {
      expect((await again.guestLinkOpens('acc-gilles')).get('link-francois')).toEqual({
        openCount: 2,
        lastOpenedAt: 7000,
      });
      // Another owner sees nothing of it.
      expect((await again.guestLinkOpens('someone-else')).size).toBe(0);
    } finally {
      await again.close();
    }
    // Nothing but the link, a count and a time: no column where an address or user agent could go.
    const db = new Database(join(dir, 'bridge.sqlite'), { readonly: true });
    try {
      const columns = (db.prepare('PRAGMA table_info(guest_link_opens)').all() as Array<{ name: string }>).map(
        (c) => c.name,
      );
      expect(columns.sort()).toEqual(['last_opened_at', 'link_id', 'open_count']);
    } finally {
      db.close();
    }
  });

  it('keeps private Outlook feeds with their fetch counters, and a revoked one stays revoked', async () => {
    const store = openBridgeDatabase(dir);
    await store.createOutlookFeed(feed);
    await store.countOutlookFeedFetch('feed-1', 2000);
    await store.close();

    const again = openBridgeDatabase(dir);
    try {
      expect(await again.getOutlookFeedByTokenHash('feed-token-hash')).toMatchObject({
        id: 'feed-1',
        collectionName: 'Équipe technique',
        fetchCount: 1,
        lastFetchedAt: 2000,
      });
      expect((await again.listOutlookFeeds('acc-gilles')).map((f) => f.id)).toEqual(['feed-1']);
      expect(await again.revokeOutlookFeed('feed-1', 3000)).toBe(true);
      expect(await again.revokeOutlookFeed('feed-1', 4000)).toBe(false);
      expect(await again.listOutlookFeeds('acc-gilles')).toEqual([]);
      expect((await again.getOutlookFeed('feed-1'))?.revokedAt).toBe(3000);
    } finally {
      await again.close();
    }
  });

  it('migrates a version 3 database (the previous release) forward, its guest links intact', async () => {
    // A version 3 database: the current one without the tables versions 4, 5 and 6 brought.
    const first = openBridgeDatabase(dir);
    await first.close();
    const db = new Database(join(dir, 'bridge.sqlite'));
    db.exec(
      'DROP TABLE guest_link_opens; DROP TABLE outlook_feeds; DROP TABLE graph_token_caches; DROP TABLE graph_calendars; DROP TABLE rate_limits; DROP TABLE graph_webhooks;',
    );
    db.pragma('user_version = 3');
    db.close();

    const store = openBridgeDatabase(dir);
    try {
      expect(store.schemaVersion()).toBe(BRIDGE_SCHEMA_VERSION);
      expect(await store.getGuestLink('link-francois')).toMatchObject({ collectionName: 'Équipe technique' });
      await store.countGuestLinkOpen('link-francois', 1);
      await store.createOutlookFeed(feed);
      expect((await store.guestLinkOpens('acc-gilles')).get('link-francois')?.openCount).toBe(1);
      expect(await store.getOutlookFeed('feed-1')).toBeDefined();
    } finally {
      await store.close();
    }
  });
});
