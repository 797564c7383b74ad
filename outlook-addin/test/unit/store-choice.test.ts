// Issue 16 item 2: the store is chosen by configuration. SQLite in the data folder by default (needs nothing);
// PostgreSQL when `database.url` or DAV_BRIDGE_DATABASE_URL is set; a URL that is not PostgreSQL's is refused with a
// message that does not repeat it (it may hold a password).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPostgresDatabase, postgresUnderTest } from '../../../test/harness/databases';
import { loadConfig } from '../../src/middle-tier/config';
import { openBridgeStore } from '../../src/middle-tier/store/open-store';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dav-bridge-choice-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('bridge store chosen by configuration', () => {
  it('SQLite in the data folder when no database is configured', async () => {
    const config = loadConfig(dir, { DAV_BRIDGE_DATA_DIR: join(dir, 'data') });
    expect(config.database).toBeUndefined();
    const store = await openBridgeStore(config);
    try {
      expect(store.engine).toBe('sqlite');
    } finally {
      await store.close();
    }
  });

  it('takes database.url from the config file, and DAV_BRIDGE_DATABASE_URL over it', () => {
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ database: { url: 'postgres://bridge@db.example/bridge' } }));
    expect(loadConfig(dir, { DAV_BRIDGE_SERVER_CONFIG: file }).database).toEqual({
      url: 'postgres://bridge@db.example/bridge',
    });
    expect(
      loadConfig(dir, { DAV_BRIDGE_SERVER_CONFIG: file, DAV_BRIDGE_DATABASE_URL: 'postgresql://other@db2/b' }).database,
    ).toEqual({ url: 'postgresql://other@db2/b' });
  });

  it('refuses a URL that is not PostgreSQL, without repeating it', () => {
    let message = '';
    try {
      loadConfig(dir, { DAV_BRIDGE_DATABASE_URL: 'mysql://root:s3cret@db/bridge' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('database.url');
    expect(message).not.toContain('s3cret');
  });

  (postgresUnderTest() ? it : it.skip)('PostgreSQL when a database URL is set (real PostgreSQL)', async () => {
    const db = await freshPostgresDatabase('choice');
    try {
      const store = await openBridgeStore(loadConfig(dir, { DAV_BRIDGE_DATABASE_URL: db.url }));
      try {
        expect(store.engine).toBe('postgres');
        await store.setKeyCheck('fp');
        expect(await store.getKeyCheck()).toBe('fp');
      } finally {
        await store.close();
      }
    } finally {
      await db.drop();
    }
  });
});
