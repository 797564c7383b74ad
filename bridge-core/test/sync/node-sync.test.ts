import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConflictFolder } from '../../src/node/sync/conflict-folder.js';
import { JsonFileStatusStore } from '../../src/node/sync/json-status.js';
import { SqliteStatusStore } from '../../src/node/sync/sqlite-status.js';
import { VdirStore } from '../../src/node/sync/vdir-store.js';
import { MemoryStore } from '../../src/sync/memory-store.js';
import { isWrite } from '../../src/sync/planner.js';
import type { StatusStore } from '../../src/sync/status.js';
import { NotFoundError, PreconditionFailedError, ForbiddenError } from '../../src/sync/store.js';
import { syncPair } from '../../src/sync/sync.js';
import { vcard, vevent } from '../../../test/support/items.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'davbridge-sync-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entry = (n: number) => ({
  a: { id: `a${n}`, version: `va${n}`, hash: `h${n}` },
  b: { id: `b${n}`, version: `vb${n}`, hash: `h${n}` },
});

describe.each([
  [
    'SQLite',
    (p: string) => new SqliteStatusStore(join(p, 'state.sqlite'), 'pair-1'),
    (s: StatusStore) => (s as SqliteStatusStore).close(),
  ],
  ['JSON file', (p: string) => new JsonFileStatusStore(join(p, 'state.json')), () => undefined],
])('%s status store', (_name, open, close) => {
  test('entries and tokens survive a reopen; delete and token removal persist', async () => {
    const s1 = open(dir);
    await s1.set('u1', entry(1));
    await s1.set('u2', entry(2));
    await s1.set('u1', entry(3));
    await s1.delete('u2');
    await s1.setToken('a', 'tok-a');
    await s1.setToken('b', 'tok-b');
    await s1.setToken('b', undefined);
    close(s1);
    const s2 = open(dir);
    expect(await s2.all()).toEqual(new Map([['u1', entry(3)]]));
    expect(await s2.get('u1')).toEqual(entry(3));
    expect(await s2.get('u2')).toBeUndefined();
    expect(await s2.getToken('a')).toBe('tok-a');
    expect(await s2.getToken('b')).toBeUndefined();
    close(s2);
  });
});

test('SQLite: pairs in one database are separate', async () => {
  const p1 = new SqliteStatusStore(join(dir, 's.sqlite'), 'one');
  const p2 = new SqliteStatusStore(join(dir, 's.sqlite'), 'two');
  await p1.set('u1', entry(1));
  expect(await p2.all()).toEqual(new Map());
  p1.close();
  p2.close();
});

describe('vdir store', () => {
  test('create (extension by content), never overwrite, conditional update/delete, any file is an item', async () => {
    const store = new VdirStore(join(dir, 'cal'));
    const ev = await store.create(vevent('u1', 'One'), 'u1');
    expect(ev.id).toBe('u1.ics');
    const card = await store.create(vcard('c1', 'Zoë'), 'c1');
    expect(card.id).toBe('c1.vcf');
    await expect(store.create(vevent('u1', 'Again'), 'u1')).rejects.toBeInstanceOf(PreconditionFailedError);
    writeFileSync(join(dir, 'cal', 'weird-name'), vevent('u3', 'Three'));
    writeFileSync(join(dir, 'cal', '.hidden'), 'x');
    const listed = await store.list();
    expect(listed.map((x) => x.id)).toEqual(['c1.vcf', 'u1.ics', 'weird-name']);
    const [got] = await store.getMany(['u1.ics', 'missing.ics']);
    expect(got!.data).toContain('SUMMARY:One');
    const up = await store.update('u1.ics', vevent('u1', 'One edited'), ev.version);
    expect(up.version).not.toBe(ev.version);
    await expect(store.update('u1.ics', vevent('u1', 'stale'), ev.version)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await expect(store.update('nope.ics', 'x', 'v')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.delete('u1.ics', ev.version)).rejects.toBeInstanceOf(PreconditionFailedError);
    await store.delete('u1.ics', up.version);
    expect((await store.list()).map((x) => x.id)).toEqual(['c1.vcf', 'weird-name']);
    expect(readdirSync(join(dir, 'cal')).filter((n) => n.startsWith('.tmp'))).toEqual([]);
  });
  test('a rewrite of the same size in the same instant still changes the version', async () => {
    const store = new VdirStore(dir);
    const r = await store.create(vevent('u1', 'AAAA'), 'u1');
    const v2 = await store.update(r.id, vevent('u1', 'BBBB'), r.version);
    expect(v2.version).not.toBe(r.version);
  });
  test('read-only refuses writes', async () => {
    const store = new VdirStore(dir, { readOnly: true });
    await expect(store.create(vevent('u1', 'x'))).rejects.toBeInstanceOf(ForbiddenError);
  });
});

test('conflict folder: one file per kept version, index in conflicts.jsonl, no double record', async () => {
  const folder = new ConflictFolder(join(dir, 'conflicts'), () => new Date('2026-11-22T10:00:00Z'));
  await folder.record('u1/evil', 'a', vevent('u1', 'Lost'), 'conflict: B wins', '1.ics');
  await folder.record('u1/evil', 'a', vevent('u1', 'Lost'), 'conflict: B wins', '1.ics');
  await folder.record('c1', 'b', vcard('c1', 'Card'), 'read-only');
  const files = readdirSync(join(dir, 'conflicts')).sort();
  expect(files.filter((f) => f.endsWith('.ics'))).toHaveLength(1);
  expect(files.filter((f) => f.endsWith('.vcf'))).toHaveLength(1);
  expect(files.some((f) => f.includes('/'))).toBe(false);
  const recs = await folder.list();
  expect(recs).toHaveLength(2);
  expect(recs[0]).toMatchObject({
    ident: 'u1/evil',
    side: 'a',
    id: '1.ics',
    reason: 'conflict: B wins',
    at: '2026-11-22T10:00:00.000Z',
  });
  expect(readFileSync(join(dir, 'conflicts', recs[0]!.file), 'utf8')).toContain('SUMMARY:Lost');
});

test('end to end: vdir folder <-> memory store with SQLite status and conflict folder, across reopen', async () => {
  const folder = new VdirStore(join(dir, 'local'));
  const remote = new MemoryStore({
    name: 'server',
    incremental: true,
    rewrite: (d) => d.replace(/PRODID:[^\r\n]*/, 'PRODID:-//Server//EN'),
  });
  remote.put('r1.ics', vevent('r1', 'Remote one'));
  await folder.create(vevent('l1', 'Local one'), 'l1');
  const statusPath = join(dir, 'state.sqlite');
  const conflicts = new ConflictFolder(join(dir, 'conflicts'));
  let status = new SqliteStatusStore(statusPath);
  const r1 = await syncPair({ a: folder, b: remote, status, conflictLog: conflicts });
  expect([r1.a.created, r1.b.created]).toEqual([1, 1]);
  status.close();
  status = new SqliteStatusStore(statusPath);
  const r2 = await syncPair({ a: folder, b: remote, status, conflictLog: conflicts });
  expect(r2.actions.filter(isWrite)).toHaveLength(0);
  expect(r2.fetched).toEqual({ a: 0, b: 0 });
  // conflicting edits: the newer (remote) wins, the local version is kept in the conflicts folder
  writeFileSync(join(dir, 'local', 'l1.ics'), vevent('l1', 'Local edit', ['LAST-MODIFIED:20261120T000000Z']));
  remote.put('l1', vevent('l1', 'Remote edit', ['LAST-MODIFIED:20261122T000000Z']));
  const r3 = await syncPair({ a: folder, b: remote, status, conflictLog: conflicts });
  expect(r3.conflicts).toBe(1);
  expect(readFileSync(join(dir, 'local', 'l1.ics'), 'utf8')).toContain('Remote edit');
  expect((await conflicts.list())[0]!.ident).toBe('l1');
  status.close();
});
