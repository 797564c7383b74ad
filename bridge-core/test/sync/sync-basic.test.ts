import { MemoryConflictLog } from '../../src/sync/conflict-log.js';
import { MemoryStore } from '../../src/sync/memory-store.js';
import { MemoryStatusStore } from '../../src/sync/status.js';
import { syncPair } from '../../src/sync/sync.js';
import { isWrite } from '../../src/sync/planner.js';
import { vevent } from '../../../test/support/items.js';
import { meaning, sortedEntries } from './helpers.js';

function setup(optsA = {}, optsB = {}) {
  const a = new MemoryStore({ name: 'A', ...optsA });
  const b = new MemoryStore({ name: 'B', ...optsB });
  const status = new MemoryStatusStore();
  const conflictLog = new MemoryConflictLog();
  const run = (extra = {}) => syncPair({ a, b, status, conflictLog, ...extra });
  return { a, b, status, conflictLog, run };
}

describe('syncPair basics', () => {
  test('copies both ways, then a second run writes nothing', async () => {
    const { a, b, run } = setup();
    a.put('1.ics', vevent('u1', 'One'));
    b.put('x', vevent('u2', 'Two'));
    const r1 = await run();
    expect(r1.b.created).toBe(1);
    expect(r1.a.created).toBe(1);
    expect(sortedEntries(meaning(a))).toEqual(sortedEntries(meaning(b)));
    const r2 = await run();
    expect(r2.actions.filter(isWrite)).toHaveLength(0);
    expect(r2.fetched).toEqual({ a: 0, b: 0 });
  });

  test('edit propagates, delete propagates', async () => {
    const { a, b, run } = setup();
    a.put('1.ics', vevent('u1', 'One'));
    a.put('2.ics', vevent('u2', 'Two'));
    await run();
    a.put('1.ics', vevent('u1', 'One edited'));
    b.remove('u2');
    const r = await run();
    expect(r.b.updated).toBe(1);
    expect(r.a.deleted).toBe(1);
    expect(a.get('2.ics')).toBeUndefined();
    expect(meaning(b).get('u1')).toBe(meaning(a).get('u1'));
  });

  test('etag churn alone is not a change', async () => {
    const { a, b, run } = setup();
    a.put('1.ics', vevent('u1', 'One'));
    await run();
    a.churn();
    b.churn();
    const r = await run();
    expect(r.actions.filter(isWrite)).toHaveLength(0);
    expect(r.recorded).toBe(1);
  });

  test('incremental: an idle run does not list or download', async () => {
    const { a, b, run } = setup({ incremental: true }, { incremental: true });
    for (let i = 0; i < 5; i++) a.put(`${i}.ics`, vevent(`u${i}`, `E${i}`));
    await run();
    await run(); // tokens now cover our own writes
    const before = { a: { ...a.calls }, b: { ...b.calls } };
    const r = await run();
    expect(r.listing).toEqual({ a: 'unchanged', b: 'unchanged' });
    expect(a.calls.list - before.a.list + b.calls.list - before.b.list).toBe(0);
    expect(a.calls.getMany - before.a.getMany + b.calls.getMany - before.b.getMany).toBe(0);
    expect(a.calls.changesSince - before.a.changesSince + b.calls.changesSince - before.b.changesSince).toBe(0);
    // a change on one side: only that item is fetched, the other side not listed
    a.put('2.ics', vevent('u2', 'E2 edited'));
    const before2 = { ...b.calls };
    const r2 = await run();
    expect(r2.b.updated).toBe(1);
    expect(r2.fetched.a).toBe(1);
    expect(b.calls.list - before2.list).toBe(0);
    expect(b.calls.getMany - before2.getMany).toBe(0);
  });

  test('incremental: deletions reported by changesSince propagate; invalid token falls back to a full listing', async () => {
    const { a, b, run } = setup({ incremental: true });
    for (let i = 0; i < 3; i++) a.put(`${i}.ics`, vevent(`u${i}`, `E${i}`));
    await run();
    a.remove('1.ics');
    const r = await run();
    expect(r.listing.a).toBe('incremental');
    expect(r.b.deleted).toBe(1);
    a.invalidateTokens();
    a.put('9.ics', vevent('u9', 'E9'));
    const r2 = await run();
    expect(r2.listing.a).toBe('full');
    expect(r2.b.created).toBe(1);
    expect(sortedEntries(meaning(a))).toEqual(sortedEntries(meaning(b)));
  });

  test('windowed store: items that left the window are not deleted on the other side', async () => {
    let visible = true;
    const { a, b, run } = setup({ inRange: (d: string) => visible || !d.includes('Old') });
    a.put('old.ics', vevent('old', 'Old'));
    a.put('new.ics', vevent('new', 'New'));
    await run();
    visible = false; // "old" falls out of the window
    const r = await run();
    expect(r.actions.filter(isWrite)).toHaveLength(0);
    expect(b.all()).toHaveLength(2);
    // a change on B to the out-of-window item still reaches A (update by id, If-Match)
    const bOld = b.all().find((x) => x.data.includes('Old'))!;
    b.put(bOld.id, vevent('old', 'Old edited'));
    const r2 = await run();
    expect(r2.a.updated).toBe(1);
    expect(a.get('old.ics')!.data).toContain('Old edited');
  });

  test('dry run writes nothing', async () => {
    const { a, b, status, run } = setup();
    a.put('1.ics', vevent('u1', 'One'));
    const r = await run({ dryRun: true });
    expect(r.actions.filter(isWrite)).toHaveLength(1);
    expect(b.all()).toHaveLength(0);
    expect(status.size).toBe(0);
  });
});
