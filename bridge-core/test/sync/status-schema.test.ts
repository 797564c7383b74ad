// Issue 11 item 4: the sync engine's SQLite status carries a schema version. A status written by the code of
// f4230b7 (unversioned; committed fixture made by that code) is migrated and read as it was; a status from a newer
// version is refused with a stable code, in English and French, and left untouched.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStatusStore } from '../../src/node/sync/sqlite-status';
import {
  StatusSchemaError,
  statusSchemaVersionOf,
  SYNC_STATUS_SCHEMA_VERSION,
} from '../../src/node/sync/status-schema';

const fixture = resolve(__dirname, '..', 'fixtures', 'sync-status-f4230b7.sqlite');
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'status-schema-'));
  file = join(dir, 'state.sqlite');
  copyFileSync(fixture, file);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const versionIn = (f: string): number => {
  const db = new Database(f);
  try {
    return statusSchemaVersionOf(db);
  } finally {
    db.close();
  }
};

describe('sync status schema versions', () => {
  it('migrates a status written by the code of f4230b7 and reads its entries and tokens as they were', async () => {
    expect(versionIn(file)).toBe(0);
    const status = new SqliteStatusStore(file, 'default');
    try {
      expect(await status.get('equipe-1')).toEqual({
        a: { id: 'equipe-1.ics', version: '1700000000000', hash: 'h1' },
        b: { id: '/gilles/equipe/equipe-1.ics', version: '"etag-1"', hash: 'h1' },
      });
      expect(await status.getToken('b')).toBe('http://radicale.org/ns/sync/7');
    } finally {
      status.close();
    }
    expect(versionIn(file)).toBe(SYNC_STATUS_SCHEMA_VERSION);
    // Opened again: nothing runs twice, nothing is lost.
    const again = new SqliteStatusStore(file, 'default');
    expect((await again.all()).size).toBe(1);
    again.close();
  });

  it('refuses a status written by a newer version (code, EN and FR) and leaves it untouched', () => {
    new SqliteStatusStore(file, 'default').close();
    const db = new Database(file);
    db.prepare("UPDATE sync_schema SET version = ? WHERE component = 'sync-status'").run(
      SYNC_STATUS_SCHEMA_VERSION + 1,
    );
    db.close();
    const before = readFileSync(file);
    let refused: unknown;
    try {
      new SqliteStatusStore(file, 'default');
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(StatusSchemaError);
    const e = refused as StatusSchemaError;
    expect(e.code).toBe('sync-status-too-new');
    expect(e.params).toEqual({ found: SYNC_STATUS_SCHEMA_VERSION + 1, known: SYNC_STATUS_SCHEMA_VERSION });
    expect(e.message).toContain('newer DAV Bridge');
    expect(e.messageFr).toContain('plus récente');
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
