// Issue 10 item 13: the bridge database is private to the bridge's user and a revocation survives a power cut.
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBridgeDatabase } from '../../src/middle-tier/store/sqlite-store';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('bridge database (SQLite)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'dav-bridge-db-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is created 0600 in a 0700 folder even when the folder already existed world-readable', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    const old = process.umask(0o022);
    try {
      const store = openBridgeDatabase(dataDir);
      await store.deleteExpiredSessions(0); // a write: the WAL file exists now
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'bridge.sqlite'))).toBe(0o600);
      expect(mode(join(dataDir, 'bridge.sqlite-wal'))).toBe(0o600);
      await store.close();
    } finally {
      process.umask(old);
    }
  });

  it('runs with synchronous=FULL, also after the sync engine opened its status store on the same connection', async () => {
    const store = openBridgeDatabase(join(root, 'data'));
    expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 'full' });
    store.syncStatus('some-subscription');
    expect(store.durability().synchronous).toBe('full');
    await store.close();
  });
});
