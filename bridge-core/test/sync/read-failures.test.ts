/**
 * Never delete what could not be read: every way a read can fail inside a run (a per-item failure, a truncated
 * or non-iCalendar body, an unread item whose UID is unknown, a source that fails when the executor reads it)
 * leaves both sides as they were for that item, is reported, and keeps the sync tokens where they were.
 */
import { MemoryConflictLog } from '../../src/sync/conflict-log.js';
import { MemoryStore, type MemoryStoreOptions } from '../../src/sync/memory-store.js';
import { MemoryStatusStore } from '../../src/sync/status.js';
import { syncPair } from '../../src/sync/sync.js';
import { vevent } from '../../../test/support/items.js';

function setup(optsA: MemoryStoreOptions = {}, optsB: MemoryStoreOptions = {}) {
  const a = new MemoryStore({ name: 'Radicale', ...optsA });
  const b = new MemoryStore({ name: 'folder', ...optsB });
  const status = new MemoryStatusStore();
  const conflictLog = new MemoryConflictLog();
  const run = (extra = {}) => syncPair({ a, b, status, conflictLog, ...extra });
  return { a, b, status, conflictLog, run };
}

const team = (n: number) => Array.from({ length: n }, (_, i) => `equipe-${i}`);

describe('an item the server fails to return', () => {
  test('is not deleted on the other side, is reported, keeps the token, and comes through once readable', async () => {
    const { a, b, status, run } = setup({ incremental: true });
    for (const uid of team(10)) a.put(`${uid}.ics`, vevent(uid, `Réunion ${uid}`));
    await run();
    await run(); // tokens now past our own writes
    const token = await status.getToken('a');
    const entry = (await status.all()).get('equipe-3');

    a.put('equipe-3.ics', vevent('equipe-3', 'Changed on the server'));
    a.failReads = (id) => id === 'equipe-3.ics';
    const r = await run();
    expect(r.unreadable).toBe(1);
    expect(r.b.deleted).toBe(0);
    expect(r.pending).toBe(true);
    expect(r.issues).toEqual([expect.objectContaining({ kind: 'unreadable', side: 'a', id: 'equipe-3.ics' })]);
    expect(
      b
        .all()
        .map((x) => x.data)
        .filter((d) => d.includes('UID:equipe-3'))[0],
    ).toContain('Réunion equipe-3');
    expect((await status.all()).get('equipe-3')).toEqual(entry);
    expect(await status.getToken('a')).toBe(token);

    a.failReads = undefined;
    const healed = await run();
    expect(healed.unreadable).toBe(0);
    expect(healed.b.updated).toBe(1);
    expect(b.all().find((x) => x.data.includes('UID:equipe-3'))?.data).toContain('Changed on the server');
  });

  test.each([
    ['a truncated body', (d: string) => d.replace(/END:VCALENDAR\s*$/, '')],
    ['an HTML error page', () => '<html><body>502 Bad Gateway</body></html>'],
    ['an empty body', () => ''],
  ])('%s for a known item: the other copy is neither deleted nor overwritten', async (_what, spoil) => {
    const { a, b, run } = setup();
    for (const uid of team(3)) a.put(`${uid}.ics`, vevent(uid, `Réunion ${uid}`));
    await run();
    a.put('equipe-1.ics', spoil(vevent('equipe-1', 'Réunion equipe-1 (edited)')));
    const r = await run();
    expect(r.unreadable).toBe(1);
    expect(r.b.deleted + r.b.updated + r.b.created).toBe(0);
    expect(b.all().find((x) => x.data.includes('UID:equipe-1'))?.data).toContain('Réunion equipe-1');
  });

  test('a new item that is not iCalendar is never copied to the other side', async () => {
    const { a, b, run } = setup();
    a.put('ok.ics', vevent('ok', 'Fine'));
    a.put('junk.ics', '<!DOCTYPE html><html>Service unavailable</html>');
    const r = await run();
    expect(r.b.created).toBe(1);
    expect(r.unreadable).toBe(1);
    expect(b.all()).toHaveLength(1);
  });

  test('an unreadable item of unknown UID holds back deletions and creations it could be the cause of', async () => {
    const { a, b, run } = setup();
    for (const uid of team(4)) a.put(`${uid}.ics`, vevent(uid, `Réunion ${uid}`));
    await run();
    // The server moved equipe-2 to a new href, and that new href cannot be read: it may be equipe-2 itself.
    const moved = a.get('equipe-2.ics')!.data;
    a.remove('equipe-2.ics');
    a.put('renamed.ics', moved);
    b.put('new-in-folder.ics', vevent('nouveau', 'Nouveau'));
    a.failReads = (id) => id === 'renamed.ics';
    const r = await run();
    expect(r.b.deleted).toBe(0);
    expect(r.a.created).toBe(0);
    expect(b.all().some((x) => x.data.includes('UID:equipe-2'))).toBe(true);
    a.failReads = undefined;
    const healed = await run();
    expect(healed.b.deleted + healed.unreadable).toBe(0);
    expect(healed.a.created).toBe(1);
    expect(a.all().filter((x) => x.data.includes('UID:equipe-2'))).toHaveLength(1);
  });

  test('a source the executor cannot read when it needs it: nothing written for that item', async () => {
    // David's copy is read-only on the server side (A); he deletes an item locally; reverting it needs A's
    // unchanged version, which the server then fails to return.
    const { a, b, run } = setup({ readOnly: true });
    for (const uid of team(3)) a.put(`${uid}.ics`, vevent(uid, `Réunion ${uid}`));
    await run();
    const local = b.all().find((x) => x.data.includes('UID:equipe-0'))!;
    b.remove(local.id);
    a.failReads = (id) => id === 'equipe-0.ics';
    const r = await run();
    expect(r.unreadable).toBe(1);
    expect(r.pending).toBe(true);
    expect(b.all().some((x) => x.data.includes('UID:equipe-0'))).toBe(false);
    a.failReads = undefined;
    const healed = await run();
    expect(healed.b.created).toBe(1);
    expect(b.all().some((x) => x.data.includes('UID:equipe-0'))).toBe(true);
  });
});
