import { MemoryConflictLog } from '../../src/sync/conflict-log.js';
import { identify } from '../../src/sync/item-identity.js';
import { MemoryStore, type MemoryStoreOptions } from '../../src/sync/memory-store.js';
import { isWrite, type ConflictPolicy } from '../../src/sync/planner.js';
import { MemoryStatusStore, STALE_VERSION } from '../../src/sync/status.js';
import type { ItemRef } from '../../src/sync/store.js';
import { syncPair, type SyncOptions } from '../../src/sync/sync.js';
import { vevent } from '../../../test/support/items.js';
import { meaning, sortedEntries } from './helpers.js';

/** A store whose owner edits or deletes an item right before the engine writes it. */
class RacyStore extends MemoryStore {
  beforeWrite?: (op: string, id: string) => void;
  override async update(id: string, data: string, ifVersion: string): Promise<{ version: string }> {
    this.beforeWrite?.('update', id);
    return super.update(id, data, ifVersion);
  }
  override async delete(id: string, ifVersion: string): Promise<void> {
    this.beforeWrite?.('delete', id);
    return super.delete(id, ifVersion);
  }
  override async create(data: string, suggestedId?: string): Promise<ItemRef> {
    this.beforeWrite?.('create', suggestedId ?? '');
    return super.create(data, suggestedId);
  }
}

function setup(optsA: MemoryStoreOptions = {}, optsB: MemoryStoreOptions = {}) {
  const a = new RacyStore({ name: 'A', ...optsA });
  const b = new RacyStore({ name: 'B', ...optsB });
  const status = new MemoryStatusStore();
  const log = new MemoryConflictLog();
  const run = (extra: Partial<SyncOptions> = {}) =>
    syncPair({ a, b, status, conflictLog: log, forceDelete: false, ...extra });
  return { a, b, status, log, run };
}
const same = (x: MemoryStore, y: MemoryStore) => expect(sortedEntries(meaning(x))).toEqual(sortedEntries(meaning(y)));

describe('conflict policies end to end', () => {
  async function conflicted(policy: ConflictPolicy) {
    const s = setup();
    s.a.put('1.ics', vevent('u1', 'Base'));
    await s.run();
    s.a.put('1.ics', vevent('u1', 'A version', ['LAST-MODIFIED:20261121T000000Z']));
    s.b.put('u1', vevent('u1', 'B version', ['LAST-MODIFIED:20261122T000000Z']));
    const r = await s.run({ policy });
    return { ...s, r };
  }
  test('newest: B (later LAST-MODIFIED) wins, A version kept in the conflict log', async () => {
    const { a, b, log, r } = await conflicted('newest');
    expect(r.conflicts).toBe(1);
    expect(a.get('1.ics')!.data).toContain('B version');
    same(a, b);
    expect(log.records).toHaveLength(1);
    expect(log.records[0]).toMatchObject({ ident: 'u1', side: 'a', id: '1.ics' });
    expect(log.records[0]!.data).toContain('A version');
  });
  test('a-wins', async () => {
    const { b, log } = await conflicted('a-wins');
    expect(b.get('u1')!.data).toContain('A version');
    expect(log.records[0]!.side).toBe('b');
  });
  test('keep-both: the loser is copied to both sides under a new UID, title suffixed', async () => {
    const { a, b, log, run } = await conflicted('keep-both');
    same(a, b);
    expect(a.all()).toHaveLength(2);
    const copy = a.all().find((x) => x.data.includes('conflict copy'))!;
    expect(copy.data).toContain('SUMMARY:A version (conflict copy');
    expect(identify(copy.data).ident).toMatch(/^u1-conflict-/);
    expect(log.records).toHaveLength(1);
    expect((await run({ policy: 'keep-both' })).actions.filter(isWrite)).toHaveLength(0);
  });
  test('error: nothing written, conflict reported, token not advanced', async () => {
    const { a, b, r } = await conflicted('error');
    expect(r.unresolvedConflicts).toBe(1);
    expect(r.pending).toBe(true);
    expect(a.get('1.ics')!.data).toContain('A version');
    expect(b.get('u1')!.data).toContain('B version');
  });
});

describe('read-only side', () => {
  test('revert: local creation removed and kept in the log, local edit reverted, read-only store untouched', async () => {
    const { a, b, log, run } = setup({}, { readOnly: true });
    b.put('shared.ics', vevent('s1', 'Shared'));
    await run();
    const snapshot = JSON.stringify(b.all());
    a.put('mine.ics', vevent('m1', 'Mine'));
    const shared = a.all().find((x) => x.data.includes('Shared'))!;
    a.put(shared.id, vevent('s1', 'Shared, edited locally'));
    const r = await run();
    expect(r.a.deleted).toBe(1);
    expect(r.a.updated).toBe(1);
    expect(b.calls.create + b.calls.update + b.calls.delete).toBe(0);
    expect(JSON.stringify(b.all())).toBe(snapshot);
    same(a, b);
    expect(log.records.map((x) => identify(x.data).ident).sort()).toEqual(['m1', 's1']);
  });
  test('readOnlySides forces read-only; ignore leaves local changes alone and keeps reporting them', async () => {
    const { a, b, run } = setup();
    b.put('shared.ics', vevent('s1', 'Shared'));
    await run();
    a.put('mine.ics', vevent('m1', 'Mine'));
    const r = await run({ readOnlySides: { b: true }, readOnly: 'ignore' });
    expect(r.skipped).toBe(1);
    expect(r.pending).toBe(true);
    expect(a.get('mine.ics')).toBeDefined();
    expect(b.all()).toHaveLength(1);
  });
});

describe('mass-deletion guard through syncPair', () => {
  test('B suddenly empty: stop, write nothing; forceDelete goes through', async () => {
    const { a, b, run } = setup();
    for (let i = 0; i < 8; i++) a.put(`${i}.ics`, vevent(`u${i}`, `E${i}`));
    await run();
    for (const x of b.all()) b.remove(x.id);
    const r = await run();
    expect(r.aborted?.side).toBe('b');
    expect(r.aborted?.fr).toContain('vide');
    expect(a.all()).toHaveLength(8);
    const forced = await run({ forceDelete: true });
    expect(forced.a.deleted).toBe(8);
  });
  test('deleting 6 of 10 stops; deleting 2 of 10 (20%) stops too; deleting 1 of 10 does not', async () => {
    const { a, b, run } = setup();
    for (let i = 0; i < 10; i++) a.put(`${i}.ics`, vevent(`u${i}`, `E${i}`));
    await run();
    for (const x of b.all().slice(0, 6)) b.remove(x.id);
    expect((await run()).aborted).toBeDefined();
    expect(a.all()).toHaveLength(10);
    const s2 = setup();
    for (let i = 0; i < 10; i++) s2.a.put(`${i}.ics`, vevent(`u${i}`, `E${i}`));
    await s2.run();
    for (const x of s2.b.all().slice(0, 2)) s2.b.remove(x.id);
    const stopped = await s2.run();
    expect(stopped.aborted).toMatchObject({ side: 'a', deletions: 2, allowed: 1 });
    expect(s2.a.all()).toHaveLength(10);
    // maxDelete raises the limit for this run; then a single deletion goes through under the default
    expect((await s2.run({ maxDelete: { count: 2 } })).a.deleted).toBe(2);
    s2.b.remove(s2.b.all()[0]!.id);
    expect((await s2.run()).a.deleted).toBe(1);
  });
});

describe('identity edge cases', () => {
  test('two items with one UID on a side: the first by id is synced, the other reported and never touched', async () => {
    const { a, b, run } = setup();
    a.put('1.ics', vevent('dup', 'First'));
    a.put('2.ics', vevent('dup', 'Second'));
    const r = await run();
    expect(r.issues.filter((x) => x.kind === 'warning')).toHaveLength(1);
    expect(b.all()).toHaveLength(1);
    expect(b.all()[0]!.data).toContain('First');
    b.remove(b.all()[0]!.id);
    await run();
    expect(a.get('2.ics')).toBeDefined(); // never deleted
  });
  test('an item without UID is synced by content and reported', async () => {
    const { a, b, run } = setup();
    const noUid =
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:anonymous\r\nDTSTART:20261201T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    a.put('x.ics', noUid);
    const r = await run();
    expect(r.issues.some((x) => x.message.includes('no UID'))).toBe(true);
    expect(b.all()).toHaveLength(1);
    expect((await run()).actions.filter(isWrite)).toHaveLength(0);
  });
});

describe('executor preconditions and failures', () => {
  test('412 on update: not overwritten, deferred, re-planned next run as a conflict (nothing lost)', async () => {
    const { a, b, status, log, run } = setup();
    a.put('1.ics', vevent('u1', 'Base'));
    await run();
    a.put('1.ics', vevent('u1', 'A edit'));
    b.beforeWrite = (op, id) => {
      if (op === 'update') b.put(id, vevent('u1', 'B edit during the run', ['LAST-MODIFIED:20261122T000000Z']));
    };
    const r = await run();
    b.beforeWrite = undefined;
    expect(r.deferred).toBe(1);
    expect(r.pending).toBe(true);
    expect(b.get('u1')!.data).toContain('B edit during the run');
    expect((await status.get('u1'))!.b.version).toBe(STALE_VERSION);
    const r2 = await run();
    expect(r2.conflicts).toBe(1);
    same(a, b);
    expect(log.records[0]!.data).toContain('A edit');
  });
  test('412 on delete: the item is not deleted; its change wins next run', async () => {
    const { a, b, run } = setup();
    a.put('1.ics', vevent('u1', 'Base'));
    await run();
    a.remove('1.ics');
    b.beforeWrite = (op, id) => {
      if (op === 'delete') b.put(id, vevent('u1', 'B edit'));
    };
    const r = await run({ forceDelete: true }); // A is empty: the guard would stop the run otherwise
    b.beforeWrite = undefined;
    expect(r.deferred).toBe(1);
    await run();
    expect(a.all()[0]!.data).toContain('B edit');
    same(a, b);
  });
  test('404 on update: created again', async () => {
    const { a, b, run } = setup();
    a.put('1.ics', vevent('u1', 'Base'));
    await run();
    a.put('1.ics', vevent('u1', 'A edit'));
    b.beforeWrite = (op, id) => {
      if (op === 'update') b.remove(id);
    };
    const r = await run();
    b.beforeWrite = undefined;
    expect(r.b.created).toBe(1);
    same(a, b);
  });
  test('create finds the same item already there (crash after write): status recorded, no duplicate', async () => {
    const { a, b, run } = setup();
    a.put('1.ics', vevent('u1', 'Base'));
    b.beforeWrite = (op, id) => {
      if (op === 'create') b.put(id, vevent('u1', 'Base'));
    };
    const r = await run();
    b.beforeWrite = undefined;
    expect(r.b.errors).toBe(0);
    expect(b.all()).toHaveLength(1);
    expect((await run()).actions.filter(isWrite)).toHaveLength(0);
  });
  test('create finds another item with another UID at that name: created under another name', async () => {
    const { a, b, run } = setup();
    a.put('1.ics', vevent('u1', 'Base'));
    b.beforeWrite = (op, id) => {
      if (op === 'create' && id === 'u1') b.put(id, vevent('other', 'Other'));
    };
    await run();
    b.beforeWrite = undefined;
    await run();
    same(a, b);
    expect(b.all()).toHaveLength(2);
  });
  test('create finds a different version of the same UID: unresolved now, resolved as a conflict next run', async () => {
    const { a, b, status, run } = setup({}, { incremental: true });
    a.put('1.ics', vevent('u1', 'Base'));
    b.beforeWrite = (op, id) => {
      if (op === 'create') b.put(id, vevent('u1', 'Concurrent'));
    };
    const r = await run();
    b.beforeWrite = undefined;
    expect(r.unresolvedConflicts).toBe(1);
    expect(await status.getToken('b')).toBeUndefined();
    const r2 = await run();
    expect(r2.conflicts).toBe(1);
    same(a, b);
  });
  test('one failing write does not stop the others; the failed one is retried next run', async () => {
    const { a, b, run } = setup({}, { failWrites: (_op, id) => id === 'u2' });
    for (let i = 1; i <= 3; i++) a.put(`${i}.ics`, vevent(`u${i}`, `E${i}`));
    const r = await run();
    expect(r.b.created).toBe(2);
    expect(r.b.errors).toBe(1);
    expect(r.issues.find((x) => x.kind === 'error')?.message).toMatch(/failed/);
    b.failWrites = false;
    expect((await run()).b.created).toBe(1);
    same(a, b);
  });
  test('progress is reported', async () => {
    const { a, run } = setup();
    a.put('1.ics', vevent('u1', 'E'));
    const phases = new Set<string>();
    await run({ onProgress: (p) => phases.add(p.phase) });
    expect([...phases]).toEqual(expect.arrayContaining(['list', 'fetch', 'plan', 'execute', 'done']));
  });
});
