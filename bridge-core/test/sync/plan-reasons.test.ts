/**
 * Issue 11 item 2, the planner's reasons: each action carries a reason code with parameters (`why`), rendered by
 * the catalog in the user's language where a run reports it (an unresolved conflict, a write a read-only side
 * refused); the English trace (`reason`, for logs and the conflict log) reads as before.
 */
import { message, render } from '../../src/i18n/index.js';
import { MemoryConflictLog } from '../../src/sync/conflict-log.js';
import { MemoryStore } from '../../src/sync/memory-store.js';
import { MemoryStatusStore } from '../../src/sync/status.js';
import { syncPair, type SyncOptions } from '../../src/sync/sync.js';
import type { SideItem } from '../../src/sync/item-identity.js';
import { contentHash } from '../../src/sync/normalize.js';
import { plan, type Action } from '../../src/sync/planner.js';
import type { StatusEntry } from '../../src/sync/status.js';
import { vevent } from '../../../test/support/items.js';

const item = (id: string, data: string, version = 'v1'): SideItem => ({ id, version, hash: contentHash(data), data });
const E1 = vevent('u1', 'Réunion');
const E1a = vevent('u1', 'Réunion, déplacée par Gilles');
const E1b = vevent('u1', 'Réunion, déplacée par Alexandre');
const status = (a: SideItem, b: SideItem): Map<string, StatusEntry> =>
  new Map([
    ['u1', { a: { id: a.id, version: a.version, hash: a.hash }, b: { id: b.id, version: b.version, hash: b.hash } }],
  ]);
const base = { a: item('a1', E1), b: item('b1', E1) };

/** Both sides changed u1 since the last run. */
const conflicting = { a: new Map([['u1', item('a1', E1a, 'v2')]]), b: new Map([['u1', item('b1', E1b, 'v2')]]) };

function only(actions: Action[]): Action {
  expect(actions).toHaveLength(1);
  return actions[0] as Action;
}

describe('plan reasons: a code for the catalog, an English trace', () => {
  test('the English trace reads as before, for each kind of decision', () => {
    const traces = (actions: Action[]) => actions.map((x) => x.reason);
    expect(traces(plan({ a: new Map([['u1', base.a]]), b: new Map(), status: new Map() }))).toEqual(['new on A']);
    expect(traces(plan({ ...conflicting, status: status(base.a, base.b), conflictPolicy: 'error' }))).toEqual([
      'conflict: changed on both sides',
    ]);
    expect(traces(plan({ ...conflicting, status: status(base.a, base.b), conflictPolicy: 'a-wins' }))).toEqual([
      'conflict (changed on both sides): A wins (a-wins)',
    ]);
    expect(traces(plan({ a: new Map(), b: new Map([['u1', base.b]]), status: status(base.a, base.b) }))).toEqual([
      'deleted on A',
    ]);
    expect(
      traces(
        plan({
          a: new Map([['u1', base.a]]),
          b: new Map(),
          status: new Map(),
          readOnly: { b: true },
          readOnlyPolicy: 'error',
        }),
      ),
    ).toEqual(['B is read-only: new on A']);
  });

  test('an unresolved conflict is told in French without English words', () => {
    const action = only(plan({ ...conflicting, status: status(base.a, base.b), conflictPolicy: 'error' }));
    expect(action.why).toEqual({ code: 'conflict-unresolved', cause: 'changed-on-both-sides' });
    const fr = render('fr', message('sync.unresolved-conflict', { reason: action.why }));
    expect(fr).toBe("conflit non résolu, rien n'a été écrit (conflit : modifié des deux côtés)");
    expect(render('en', message('sync.unresolved-conflict', { reason: action.why }))).toBe(
      'conflict: changed on both sides; nothing written',
    );
  });

  test('a write refused by a read-only side names the side and the planned change, in French', () => {
    const action = only(
      plan({
        a: new Map([['u1', base.a]]),
        b: new Map(),
        status: new Map(),
        readOnly: { b: true },
        readOnlyPolicy: 'error',
      }),
    );
    expect(action.why).toEqual({ code: 'read-only-target', side: 'b', planned: { code: 'new-on', side: 'a' } });
    expect(render('fr', message('sync.plan-reason', action.why))).toBe('B est en lecture seule : nouveau sur A');
  });

  test('every reason code renders in both languages, and the French differs from the English', () => {
    const reasons = [
      { code: 'same-content' },
      { code: 'same-change' },
      { code: 'versions-changed-only' },
      { code: 'deleted-on-both-sides' },
      { code: 'new-on', side: 'a' },
      { code: 'changed-on', side: 'b' },
      { code: 'change-beats-deletion', side: 'a' },
      { code: 'deleted-on', side: 'b' },
      { code: 'read-only-target', side: 'b', planned: { code: 'changed-on', side: 'a' } },
      { code: 'revert-to-read-only', readOnly: 'b' },
      { code: 'revert-missing-on-read-only', readOnly: 'a' },
      { code: 'revert-restore', readOnly: 'b' },
      { code: 'local-change-reverted', readOnly: 'a' },
      { code: 'local-item-cannot-stay', readOnly: 'b' },
      { code: 'conflict-both-read-only', cause: 'created-on-both-sides' },
      { code: 'conflict-read-only-wins', cause: 'changed-on-both-sides', readOnly: 'a' },
      { code: 'conflict-read-only-kept', cause: 'changed-on-both-sides', readOnly: 'b' },
      { code: 'conflict-with-read-only', cause: 'created-on-both-sides', readOnly: 'a' },
      { code: 'conflict-unresolved', cause: 'changed-on-both-sides' },
      { code: 'conflict-copy-kept', cause: 'changed-on-both-sides', loser: 'b' },
      { code: 'conflict-winner', cause: 'created-on-both-sides', winner: 'a', policy: 'newest' },
    ] as const;
    for (const why of reasons) {
      const en = render('en', message('sync.plan-reason', why));
      const fr = render('fr', message('sync.plan-reason', why));
      expect(en).not.toMatch(/undefined|^$/);
      expect(fr).not.toMatch(/undefined|^$/);
      expect(fr).not.toBe(en);
    }
  });
});

describe('a run reports a write refused by a read-only side in the user language', () => {
  test("David's calendar is read-only: his new event is not sent, and the report says why in French", async () => {
    const a = new MemoryStore({ name: 'A' });
    const b = new MemoryStore({ name: 'B' });
    const sync = (extra: Partial<SyncOptions> = {}) =>
      syncPair({ a, b, status, conflictLog: new MemoryConflictLog(), forceDelete: false, ...extra });
    const status = new MemoryStatusStore();
    await sync();
    a.put('u1.ics', E1);
    const report = await sync({ readOnlySides: { b: true }, readOnly: 'ignore' });
    const issue = report.issues.find((x) => x.kind === 'read-only');
    // The CLI prints `text` in its user's language (commands/sync.ts); `message` stays the English trace.
    expect(issue?.message).toBe('B is read-only: new on A');
    expect(issue?.text && render('fr', issue.text)).toBe('B est en lecture seule : nouveau sur A');
  });
});
