import { plan, newestSide, type Action } from '../../src/sync/planner.js';
import type { SideItem } from '../../src/sync/item-identity.js';
import type { StatusEntry } from '../../src/sync/status.js';
import { checkDeletionGuard, parseDeletionLimit } from '../../src/sync/guard.js';
import { contentHash } from '../../src/sync/normalize.js';
import { vcard, vevent } from '../../../test/support/items.js';

const item = (id: string, data: string, version = 'v1'): SideItem => ({ id, version, hash: contentHash(data), data });
const known = (id: string, hash: string, version = 'v1'): SideItem => ({ id, version, hash });
const st = (a: SideItem, b: SideItem): StatusEntry => ({
  a: { id: a.id, version: a.version, hash: a.hash },
  b: { id: b.id, version: b.version, hash: b.hash },
});
const kinds = (xs: Action[]) =>
  xs.map((x) =>
    x.kind === 'copy'
      ? `copy ${x.from}->${x.to}${x.target ? ' update' : ' create'}`
      : x.kind === 'delete'
        ? `delete ${x.side}`
        : x.kind,
  );

const E1 = vevent('u1', 'One');
const E1b = vevent('u1', 'One, edited');
const E1c = vevent('u1', 'One, edited differently');

describe('planner cases', () => {
  const a0 = known('a1', contentHash(E1));
  const b0 = known('b1', contentHash(E1));
  const s = new Map([['u1', st(a0, b0)]]);

  test('new on one side -> create on the other; same on both -> record; different -> conflict', () => {
    expect(kinds(plan({ a: new Map([['u1', item('a1', E1)]]), b: new Map(), status: new Map() }))).toEqual([
      'copy a->b create',
    ]);
    expect(
      kinds(plan({ a: new Map([['u1', item('a1', E1)]]), b: new Map([['u1', item('b1', E1)]]), status: new Map() })),
    ).toEqual(['record']);
    expect(
      kinds(plan({ a: new Map([['u1', item('a1', E1)]]), b: new Map([['u1', item('b1', E1b)]]), status: new Map() })),
    ).toEqual(['copy a->b update']);
  });
  test('changed one side -> update the other; unchanged -> nothing; churn -> record', () => {
    expect(kinds(plan({ a: new Map([['u1', item('a1', E1b, 'v2')]]), b: new Map([['u1', b0]]), status: s }))).toEqual([
      'copy a->b update',
    ]);
    expect(kinds(plan({ a: new Map([['u1', a0]]), b: new Map([['u1', b0]]), status: s }))).toEqual([]);
    expect(
      kinds(plan({ a: new Map([['u1', known('a1', a0.hash, 'v9')]]), b: new Map([['u1', b0]]), status: s })),
    ).toEqual(['record']);
  });
  test('deleted one side, unchanged other -> delete; modified other -> recreate; gone both -> forget', () => {
    expect(kinds(plan({ a: new Map([['u1', a0]]), b: new Map(), status: s }))).toEqual(['delete a']);
    expect(kinds(plan({ a: new Map([['u1', item('a1', E1b, 'v2')]]), b: new Map(), status: s }))).toEqual([
      'copy a->b create',
    ]);
    expect(kinds(plan({ a: new Map(), b: new Map(), status: s }))).toEqual(['forget']);
  });
  test('both changed to the same content -> record; differently -> conflict resolved by policy, loser set aside', () => {
    expect(
      kinds(
        plan({ a: new Map([['u1', item('a1', E1b, 'v2')]]), b: new Map([['u1', item('b1', E1b, 'v2')]]), status: s }),
      ),
    ).toEqual(['record']);
    const acts = plan({
      a: new Map([['u1', item('a1', E1b, 'v2')]]),
      b: new Map([['u1', item('b1', E1c, 'v2')]]),
      status: s,
      conflictPolicy: 'b-wins',
    });
    expect(kinds(acts)).toEqual(['copy b->a update']);
    const c = acts[0]!;
    expect(c.kind === 'copy' && c.setAside?.side).toBe('a');
    expect(
      kinds(
        plan({
          a: new Map([['u1', item('a1', E1b, 'v2')]]),
          b: new Map([['u1', item('b1', E1c, 'v2')]]),
          status: s,
          conflictPolicy: 'error',
        }),
      ),
    ).toEqual(['conflict']);
    const kb = plan({
      a: new Map([['u1', item('a1', E1b, 'v2')]]),
      b: new Map([['u1', item('b1', E1c, 'v2')]]),
      status: s,
      conflictPolicy: 'keep-both',
    });
    expect(kinds(kb)).toEqual(['duplicate', 'copy a->b update']);
  });
  test('newest: LAST-MODIFIED, then SEQUENCE, then DTSTAMP; tie -> A; REV for vCards', () => {
    const lm = (t: string, extra: string[] = []) => vevent('u', 'x', [`LAST-MODIFIED:${t}`, ...extra]);
    expect(newestSide(lm('20261101T000000Z'), lm('20261102T000000Z'))).toBe('b');
    expect(newestSide(lm('20261103T000000Z'), lm('20261102T000000Z'))).toBe('a');
    expect(newestSide(lm('20261101T000000Z', ['SEQUENCE:1']), lm('20261101T000000Z', ['SEQUENCE:2']))).toBe('b');
    expect(newestSide(vevent('u', 'x'), vevent('u', 'y'))).toBe('a');
    const card = (rev: string) => vcard('c', 'x', [`REV:${rev}`]);
    expect(newestSide(card('2026-11-01T10:00:00Z'), card('20261101T110000Z'))).toBe('b');
  });
});

describe('planner with a read-only side', () => {
  const a0 = known('a1', contentHash(E1));
  const b0 = known('b1', contentHash(E1));
  const s = new Map([['u1', st(a0, b0)]]);
  const ro = { b: true };
  test('revert: local edit overwritten (set aside), local deletion restored, local creation removed (set aside)', () => {
    const edit = plan({
      a: new Map([['u1', item('a1', E1b, 'v2')]]),
      b: new Map([['u1', b0]]),
      status: s,
      readOnly: ro,
    });
    expect(kinds(edit)).toEqual(['copy b->a update']);
    expect(edit[0]!.kind === 'copy' && edit[0]!.setAside?.side).toBe('a');
    expect(kinds(plan({ a: new Map(), b: new Map([['u1', b0]]), status: s, readOnly: ro }))).toEqual([
      'copy b->a create',
    ]);
    const created = plan({
      a: new Map([['u2', item('a2', vevent('u2', 'mine'))]]),
      b: new Map(),
      status: new Map(),
      readOnly: ro,
    });
    expect(kinds(created)).toEqual(['delete a']);
    expect(created[0]!.kind === 'delete' && created[0]!.setAside?.side).toBe('a');
  });
  test('revert: a conflict with the read-only side is won by it, even under keep-both', () => {
    const acts = plan({
      a: new Map([['u1', item('a1', E1b, 'v2')]]),
      b: new Map([['u1', item('b1', E1c, 'v2')]]),
      status: s,
      readOnly: ro,
      conflictPolicy: 'keep-both',
    });
    expect(kinds(acts)).toEqual(['copy b->a update']);
  });
  test('ignore and error never write; changes on the read-only side still flow', () => {
    expect(
      kinds(
        plan({
          a: new Map([['u1', item('a1', E1b, 'v2')]]),
          b: new Map([['u1', b0]]),
          status: s,
          readOnly: ro,
          readOnlyPolicy: 'ignore',
        }),
      ),
    ).toEqual(['skip']);
    const err = plan({
      a: new Map([['u1', item('a1', E1b, 'v2')]]),
      b: new Map([['u1', b0]]),
      status: s,
      readOnly: ro,
      readOnlyPolicy: 'error',
    });
    expect(err[0]!.kind === 'skip' && err[0]!.severity).toBe('error');
    expect(
      kinds(
        plan({
          a: new Map([['u1', a0]]),
          b: new Map([['u1', item('b1', E1b, 'v2')]]),
          status: s,
          readOnly: ro,
          readOnlyPolicy: 'ignore',
        }),
      ),
    ).toEqual(['copy b->a update']);
  });
});

describe('mass-deletion guard', () => {
  const del = (n: number, side: 'a' | 'b'): Action[] =>
    Array.from({ length: n }, (_, i) => ({
      kind: 'delete',
      ident: `u${i}`,
      side,
      target: { id: `${i}`, version: 'v' },
      reason: 'x',
    }));
  const sides = (a: number, b: number, emptyB = false) => ({
    a: { name: 'Outlook', size: a, empty: false },
    b: { name: 'Radicale', size: b, empty: emptyB },
  });
  test('an empty side with a non-empty status stops the run, in English and French', () => {
    const stop = checkDeletionGuard({ actions: del(3, 'a'), statusSize: 3, sides: sides(3, 0, true) });
    expect(stop?.side).toBe('b');
    expect(stop?.en).toMatch(/Radicale is empty/);
    expect(stop?.fr).toMatch(/Radicale est vide/);
  });
  test('default: more than 10% of a side stops, with 1 deletion always allowed', () => {
    // 2 of 10 is 20%: stopped (the old guard let up to 5 deletions, and up to half a side, through)
    const stop = checkDeletionGuard({ actions: del(2, 'a'), statusSize: 10, sides: sides(10, 8) });
    expect(stop).toMatchObject({ side: 'a', deletions: 2, size: 10, allowed: 1 });
    expect(stop?.en).toMatch(/delete 2 of the 10 item\(s\) in Outlook, more than the limit \(10%: 1 here\)/);
    expect(stop?.fr).toMatch(/supprimerait 2 des 10 élément\(s\) de Outlook/);
    // 5 of 12 and 6 of 20: the old guard's blind spots
    expect(checkDeletionGuard({ actions: del(5, 'a'), statusSize: 12, sides: sides(12, 7) })?.side).toBe('a');
    expect(checkDeletionGuard({ actions: del(6, 'b'), statusSize: 20, sides: sides(14, 20) })?.side).toBe('b');
    // within the limit: 1 of 3 (the allowance), 1 of 10, 100 of 1,000
    expect(checkDeletionGuard({ actions: del(1, 'a'), statusSize: 3, sides: sides(3, 2) })).toBeUndefined();
    expect(checkDeletionGuard({ actions: del(1, 'a'), statusSize: 10, sides: sides(10, 9) })).toBeUndefined();
    expect(checkDeletionGuard({ actions: del(100, 'a'), statusSize: 1000, sides: sides(1000, 900) })).toBeUndefined();
    expect(checkDeletionGuard({ actions: del(101, 'a'), statusSize: 1000, sides: sides(1000, 899) })?.side).toBe('a');
  });
  test('a configured limit: a count or a share', () => {
    expect(
      checkDeletionGuard({ actions: del(5, 'a'), statusSize: 10, sides: sides(10, 5), limit: { count: 5 } }),
    ).toBeUndefined();
    expect(
      checkDeletionGuard({ actions: del(6, 'a'), statusSize: 100, sides: sides(100, 94), limit: { count: 5 } }),
    )?.toMatchObject({ allowed: 5 });
    expect(
      checkDeletionGuard({ actions: del(1, 'a'), statusSize: 3, sides: sides(3, 2), limit: { count: 0 } })?.side,
    ).toBe('a');
    expect(
      checkDeletionGuard({ actions: del(5, 'a'), statusSize: 10, sides: sides(10, 5), limit: { percent: 50 } }),
    ).toBeUndefined();
    expect(parseDeletionLimit('5')).toEqual({ count: 5 });
    expect(parseDeletionLimit('25%')).toEqual({ percent: 25 });
    for (const bad of ['-1', 'lots', '150%', '2.5', ''])
      expect(() => parseDeletionLimit(bad)).toThrow(/not a deletion limit/);
  });
});
