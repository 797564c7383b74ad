// Issue 11 item 4: the bridge database carries a schema version; a database written by the code of f4230b7 (before
// versions: committed fixture, made by that code) is migrated forward with its data intact; a newer one is refused
// with a clear English and French error, untouched.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { statusSchemaVersionOf, SYNC_STATUS_SCHEMA_VERSION } from '@dav-bridge/core/node';
import { BRIDGE_SCHEMA_VERSION, openBridgeDatabase, StoreSchemaError } from '../../src/middle-tier/store/sqlite-store';

const statusVersion = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return statusSchemaVersionOf(db);
  } finally {
    db.close();
  }
};

const fixture = resolve(__dirname, '..', 'fixtures', 'bridge-f4230b7.sqlite');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dav-bridge-schema-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const userVersion = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return Number(db.pragma('user_version', { simple: true }));
  } finally {
    db.close();
  }
};

describe('bridge database schema versions', () => {
  it('migrates a database written by the code of f4230b7 (unversioned) forward, keeping every record', async () => {
    copyFileSync(fixture, join(dir, 'bridge.sqlite'));
    expect(userVersion(join(dir, 'bridge.sqlite'))).toBe(0);
    const store = openBridgeDatabase(dir);
    try {
      expect(store.schemaVersion()).toBe(BRIDGE_SCHEMA_VERSION);
      expect(BRIDGE_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
      // Sessions and accounts.
      expect(await store.getAccount('acc-gilles')).toMatchObject({ username: 'gilles', sealedPassword: 'sealed-pw' });
      expect(await store.getSession('sess-hash')).toMatchObject({ accountId: 'acc-gilles', csrfToken: 'csrf' });
      // Guest links (with the late columns of the unversioned releases).
      expect(await store.getGuestLinkByTokenHash('tok-hash')).toMatchObject({
        id: 'link-francois',
        collectionName: 'Équipe technique',
        hidePrivateEvents: true,
        passwordFailures: 0,
      });
      // Categories.
      expect(await store.getCategoryMemory('acc-gilles')).toEqual({
        version: 1,
        entries: [['Équipe technique', '#00679E']],
      });
      // Subscriptions and runs, with the sync engine's status and token.
      expect(await store.listAllSubscriptions()).toEqual([expect.objectContaining({ id: 'sub-equipe' })]);
      expect(await store.getSyncRun('sub-equipe')).toMatchObject({ ok: true, bridge: { created: 1 } });
      const status = store.syncStatus('sub-equipe');
      expect((await status.get('ev-1'))?.a.version).toBe('"etag-1"');
      expect(await status.getToken('a')).toBe('http://radicale.org/ns/sync/1');
      // The sync status in the same database carries its own version, migrated too.
      expect(statusVersion(join(dir, 'bridge.sqlite'))).toBe(SYNC_STATUS_SCHEMA_VERSION);
      // Mirror.
      const [item] = await store.mirrorGetMany('sub-equipe', ['ev-1.ics']);
      expect(item?.data).toContain('SUMMARY:Réunion');
      // The key check.
      expect(await store.getKeyCheck()).toBe('key-check-value');
      // The new aggregate (conflicts) works on the migrated database, and goes with its subscription.
      await store.addConflict({
        subscriptionId: 'sub-equipe',
        ident: 'ev-1',
        side: 'server',
        itemId: '/gilles/equipe/ev-1.ics',
        data: 'BEGIN:VCALENDAR...',
        reason: 'conflict: b wins (newest)',
        at: 1,
      });
      expect(await store.listConflicts('acc-gilles')).toHaveLength(1);
      expect(await store.listConflicts('someone-else')).toHaveLength(0);
      await store.deleteSubscription('sub-equipe');
      expect(await store.listConflicts('acc-gilles')).toHaveLength(0);
    } finally {
      await store.close();
    }
  });

  it('opens a migrated database again without running a migration twice', async () => {
    copyFileSync(fixture, join(dir, 'bridge.sqlite'));
    await openBridgeDatabase(dir).close();
    const again = openBridgeDatabase(dir);
    try {
      expect(again.schemaVersion()).toBe(BRIDGE_SCHEMA_VERSION);
      expect(await again.getAccount('acc-gilles')).toBeDefined();
    } finally {
      await again.close();
    }
  });

  it('creates a fresh database at the current version', async () => {
    const store = openBridgeDatabase(dir);
    try {
      expect(store.schemaVersion()).toBe(BRIDGE_SCHEMA_VERSION);
    } finally {
      await store.close();
    }
  });

  it('refuses a database written by a newer bridge, in English and French, and leaves it untouched', async () => {
    copyFileSync(fixture, join(dir, 'bridge.sqlite'));
    await openBridgeDatabase(dir).close();
    const file = join(dir, 'bridge.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${BRIDGE_SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(file);
    let refused: unknown;
    try {
      openBridgeDatabase(dir);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(StoreSchemaError);
    const text = (refused as StoreSchemaError).text;
    expect(text.en).toContain(`schema version ${BRIDGE_SCHEMA_VERSION + 1}`);
    expect(text.en).toContain('newer DAV Bridge');
    expect(text.fr).toContain('plus récente');
    expect((refused as StoreSchemaError).code).toBe('database-schema-too-new');
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
