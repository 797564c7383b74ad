// Issue 15 item 1: Microsoft 365 connections (the sealed MSAL cache, the connection state and the Microsoft user)
// in the bridge database, schema version 6: added by a migration to a version 5 database (the previous release)
// with its data intact, kept across a restart, gone on disconnect and with the account.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BRIDGE_SCHEMA_VERSION, openBridgeDatabase } from '../../src/middle-tier/store/sqlite-store';

const fixture = resolve(__dirname, '..', 'fixtures', 'bridge-f4230b7.sqlite');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dav-bridge-graph-store-'));
  copyFileSync(fixture, join(dir, 'bridge.sqlite'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Microsoft 365 connections in the bridge database', () => {
  it('keeps the sealed cache, the state and the Microsoft user across a restart; disconnect deletes them', async () => {
    const store = openBridgeDatabase(dir);
    expect(BRIDGE_SCHEMA_VERSION).toBeGreaterThanOrEqual(6);
    expect(await store.getGraphConnection('acc-gilles')).toBeUndefined();
    await store.saveGraphTokenCache('acc-gilles', 'sealed-cache-1', 1000);
    expect(await store.markGraphConnected('acc-gilles', 'oid.tid', 'gilles@contoso.example', 2000)).toBe(true);
    // The cache plugin saves again after each refresh: the state and the user stay.
    await store.saveGraphTokenCache('acc-gilles', 'sealed-cache-2', 3000);
    await store.close();

    const again = openBridgeDatabase(dir);
    try {
      expect(await again.getGraphConnection('acc-gilles')).toEqual({
        accountId: 'acc-gilles',
        sealedCache: 'sealed-cache-2',
        state: 'connected',
        stateSince: 2000,
        reason: undefined,
        graphUserId: 'oid.tid',
        graphUserName: 'gilles@contoso.example',
      });
      expect(await again.markGraphReconnect('acc-gilles', 'graph-connect.reason-refresh-refused', 4000)).toBe(true);
      expect(await again.getGraphConnection('acc-gilles')).toMatchObject({
        state: 'reconnect',
        stateSince: 4000,
        reason: 'graph-connect.reason-refresh-refused',
      });
      // Signing in again clears the reason.
      await again.markGraphConnected('acc-gilles', 'oid.tid', 'gilles@contoso.example', 5000);
      expect(await again.getGraphConnection('acc-gilles')).toMatchObject({ state: 'connected', reason: undefined });
      // Another account has nothing, and marking an unknown account changes nothing.
      expect(await again.getGraphConnection('someone-else')).toBeUndefined();
      expect(await again.markGraphReconnect('someone-else', 'graph-connect.reason-refresh-refused', 1)).toBe(false);

      expect(await again.deleteGraphConnection('acc-gilles')).toBe(true);
      expect(await again.deleteGraphConnection('acc-gilles')).toBe(false);
      expect(await again.getGraphConnection('acc-gilles')).toBeUndefined();
    } finally {
      await again.close();
    }
  });

  it('migrates a version 5 database (the previous release) forward, its records intact', async () => {
    const first = openBridgeDatabase(dir);
    await first.countGuestLinkOpen('link-francois', 10);
    await first.close();
    const db = new Database(join(dir, 'bridge.sqlite'));
    db.exec(
      'DROP TABLE graph_token_caches; DROP TABLE graph_calendars; DROP TABLE rate_limits; DROP TABLE graph_webhooks;',
    );
    db.pragma('user_version = 5');
    db.close();

    const store = openBridgeDatabase(dir);
    try {
      expect(store.schemaVersion()).toBe(BRIDGE_SCHEMA_VERSION);
      expect((await store.guestLinkOpens('acc-gilles')).get('link-francois')?.openCount).toBe(1);
      await store.saveGraphTokenCache('acc-gilles', 'sealed', 1);
      expect((await store.getGraphConnection('acc-gilles'))?.state).toBe('connected');
      // Each subscription's Outlook calendar, kept by id, gone with the subscription.
      expect(await store.getOutlookCalendarId('sub-equipe')).toBeUndefined();
      await store.setOutlookCalendarId('sub-equipe', 'AAMk-calendar-1');
      expect(await store.getOutlookCalendarId('sub-equipe')).toBe('AAMk-calendar-1');
      // The Outlook pair's sync status goes with the subscription too; another subscription's stays.
      await store.syncStatus('sub-equipe:outlook').setToken('b', 'delta-token');
      await store.syncStatus('sub-equipe-2:outlook').setToken('b', 'other-token');
      await store.deleteSubscription('sub-equipe');
      expect(await store.getOutlookCalendarId('sub-equipe')).toBeUndefined();
      expect(await store.syncStatus('sub-equipe:outlook').getToken('b')).toBeUndefined();
      expect(await store.syncStatus('sub-equipe-2:outlook').getToken('b')).toBe('other-token');
    } finally {
      await store.close();
    }
  });

  it('plain columns only, and the connection goes with its account', async () => {
    const store = openBridgeDatabase(dir);
    await store.saveGraphTokenCache('acc-gilles', 'sealed', 1);
    await store.close();
    const db = new Database(join(dir, 'bridge.sqlite'));
    try {
      const columns = db.prepare('PRAGMA table_info(graph_token_caches)').all() as Array<{
        name: string;
        type: string;
      }>;
      expect(columns.map((c) => `${c.name} ${c.type}`).sort()).toEqual([
        'account_id TEXT',
        'graph_user_id TEXT',
        'graph_user_name TEXT',
        'reason TEXT',
        'sealed_cache TEXT',
        'state TEXT',
        'state_since BIGINT',
      ]);
      db.pragma('foreign_keys = ON');
      db.prepare('DELETE FROM accounts WHERE id = ?').run('acc-gilles');
      expect(db.prepare('SELECT COUNT(*) AS n FROM graph_token_caches').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
