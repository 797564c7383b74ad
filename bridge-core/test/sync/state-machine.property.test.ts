/**
 * Property-based state machine over two in-memory stores, in the spirit of vdirsyncer's: random creates,
 * edits and deletes on both sides, ETag churn, failing writes, per-item read failures (a 500 inside a 207),
 * read-only toggles, and a crash injected after any number of writes (the write done, its status commit
 * not). Invariants checked after every run; an item that could not be read is never deleted, overwritten or
 * copied over on either side by the run that could not read it.
 */
import fc from 'fast-check';
import { MemoryConflictLog } from '../../src/sync/conflict-log.js';
import { identify } from '../../src/sync/item-identity.js';
import { MemoryStore } from '../../src/sync/memory-store.js';
import { type ConflictPolicy, isWrite } from '../../src/sync/planner.js';
import { MemoryStatusStore, type Side } from '../../src/sync/status.js';
import type { ChangeSet, ItemRef, ItemStore, ReadResult } from '../../src/sync/store.js';
import { syncPair } from '../../src/sync/sync.js';
import { card, event } from '../../../test/support/items.js';
import { meaning, sortedEntries } from './helpers.js';

class Crash extends Error {}
const stats = {
  runs: 0,
  crashes: 0,
  errors: 0,
  deferred: 0,
  unreadable: 0,
  conflicts: 0,
  unresolved: 0,
  recorded: 0,
};

/** Delegates to a store; after `budget.left` writes reach 0, the next write is done and then throws Crash. */
class CrashingStore implements ItemStore {
  changesSince?: (token: string | null) => Promise<ChangeSet>;
  currentToken?: () => Promise<string>;
  unchanged?: (token: string) => Promise<boolean>;
  /** Called before each write: lets the test act as a user editing the store during the run. */
  race?: (op: 'create' | 'update' | 'delete', idOrSuggested: string | undefined, data: string | undefined) => void;
  constructor(
    private readonly inner: MemoryStore,
    private readonly budget: { left: number },
  ) {
    if (inner.changesSince) this.changesSince = (t) => inner.changesSince!(t);
    if (inner.currentToken) this.currentToken = () => inner.currentToken!();
    if (inner.unchanged) this.unchanged = (t) => inner.unchanged!(t);
  }
  get readOnly(): boolean {
    return this.inner.readOnly;
  }
  get name(): string {
    return this.inner.name;
  }
  private after<T>(r: T): T {
    if (--this.budget.left < 0) throw new Crash('crash injected');
    return r;
  }
  list(): Promise<ItemRef[]> {
    return this.inner.list();
  }
  getMany(ids: string[]): Promise<ReadResult[]> {
    return this.inner.getMany(ids);
  }
  async create(data: string, suggestedId?: string): Promise<ItemRef> {
    this.race?.('create', suggestedId, data);
    return this.after(await this.inner.create(data, suggestedId));
  }
  async update(id: string, data: string, ifVersion: string): Promise<{ version: string }> {
    this.race?.('update', id, data);
    return this.after(await this.inner.update(id, data, ifVersion));
  }
  async delete(id: string, ifVersion: string): Promise<void> {
    this.race?.('delete', id, undefined);
    return this.after(await this.inner.delete(id, ifVersion));
  }
}

type Op =
  | { t: 'create'; side: Side; uid: number; title: number; stamp: boolean }
  | { t: 'edit'; side: Side; pick: number; title: number; stamp: boolean }
  | { t: 'delete'; side: Side; pick: number }
  | { t: 'churn'; side: Side }
  | { t: 'readOnly'; side: Side | 'none' }
  | { t: 'sync'; fail: 'none' | 'writes' | 'crash' | 'race' | 'reads'; n: number };

const side = fc.constantFrom<Side>('a', 'b');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      t: fc.constant('create' as const),
      side,
      uid: fc.nat(4),
      title: fc.nat(3),
      stamp: fc.boolean(),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('edit' as const),
      side,
      pick: fc.nat(),
      title: fc.nat(3),
      stamp: fc.boolean(),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ t: fc.constant('delete' as const), side, pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('churn' as const), side }), weight: 1 },
  {
    arbitrary: fc.record({
      t: fc.constant('readOnly' as const),
      side: fc.constantFrom<Side | 'none'>('a', 'b', 'none', 'none'),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('sync' as const),
      fail: fc.constantFrom('none', 'none', 'writes', 'crash', 'race', 'reads', 'reads') as fc.Arbitrary<
        'none' | 'writes' | 'crash' | 'race' | 'reads'
      >,
      n: fc.nat(3),
    }),
    weight: 3,
  },
);

const configArb = fc.record({
  policy: fc.constantFrom<ConflictPolicy>('newest', 'a-wins', 'b-wins', 'keep-both'),
  incrementalA: fc.boolean(),
  incrementalB: fc.boolean(),
  flakyA: fc.boolean(),
  flakyB: fc.boolean(),
  randomIdsB: fc.boolean(),
  vcards: fc.boolean(),
});

let clock = 0;
function content(vcards: boolean, uid: string, title: string, stamp: boolean): string {
  clock++;
  const ts = `2026${String(1 + (clock % 12)).padStart(2, '0')}01T${String(clock % 24).padStart(2, '0')}0000Z`;
  if (vcards) {
    return card({ uid, name: title, n: 'Doe\\;Jr;John;;;', extra: stamp ? [`REV:${ts}`] : [] });
  }
  return event({
    uid,
    summary: title,
    prodid: `-//p${clock}//EN`,
    stamp: ts,
    start: '20261201',
    allDay: true,
    ...(stamp ? { lastModified: ts } : {}),
  });
}

type Config = typeof configArb extends fc.Arbitrary<infer C> ? C : never;
async function runMachine(cfg: Config, ops: Op[]): Promise<void> {
  const stores: Record<Side, MemoryStore> = {
    a: new MemoryStore({ name: 'A', incremental: cfg.incrementalA, flakyVersions: cfg.flakyA, extension: '.ics' }),
    b: new MemoryStore({
      name: 'B',
      incremental: cfg.incrementalB,
      flakyVersions: cfg.flakyB,
      ignoreSuggestedIds: cfg.randomIdsB,
    }),
  };
  const status = new MemoryStatusStore();
  const log = new MemoryConflictLog();
  const budget = { left: Infinity };
  const wrapped = { a: new CrashingStore(stores.a, budget), b: new CrashingStore(stores.b, budget) };
  /** User versions not yet known to be safe: "side|uid" -> hash. */
  const pending = new Map<string, string>();
  let userIds = 0;
  let title = 0;

  const uidsOf = (s: Side): Map<string, string> => {
    const m = new Map<string, string>();
    for (const it of stores[s].all()) m.set(identify(it.data).ident, it.id);
    return m;
  };

  const uidsWithData = (s: Side): Map<string, string> => {
    const m = new Map<string, string>();
    for (const it of stores[s].all()) m.set(identify(it.data).ident, it.data);
    return m;
  };

  const idsToUids = (s: Side): Map<string, string> =>
    new Map(stores[s].all().map((it) => [it.id, identify(it.data).ident]));

  const checkSafe = (): void => {
    const ma = meaning(stores.a); // also: no duplicate UID on a side
    const mb = meaning(stores.b);
    const logged = new Set(log.records.map((r) => identify(r.data).hash));
    for (const [key, hash] of pending) {
      const uid = key.slice(2);
      const onA = ma.get(uid) === hash;
      const onB = mb.get(uid) === hash;
      if (!onA && !onB && !logged.has(hash))
        throw new Error(`user version ${key} (${hash}) lost without a conflict record`);
      if ((onA && onB) || logged.has(hash)) pending.delete(key);
    }
  };

  const raceBudget = { left: -1 };
  for (const s of ['a', 'b'] as const) {
    wrapped[s].race = (op, idOrSuggested, data) => {
      if (raceBudget.left < 0 || raceBudget.left-- > 0) return;
      // The user edits the very item the engine is about to write (or takes its name, for a create).
      const uid = identify((op === 'create' ? data : stores[s].get(idOrSuggested ?? '')?.data) ?? '').ident;
      const id =
        op === 'create'
          ? idOrSuggested === undefined
            ? undefined
            : idOrSuggested + (s === 'a' ? '.ics' : '')
          : idOrSuggested;
      // (A store that ignores suggested names cannot collide on create: the race would only make a duplicate UID.)
      if (op === 'create' && s === 'b' && cfg.randomIdsB) return;
      if (id === undefined || (op === 'create' && stores[s].get(id))) return;
      const racingUid = op === 'create' && raceBudget.left % 2 === 0 ? 'u-other' : uid;
      if (op === 'create' && racingUid === 'u-other' && uidsOf(s).has('u-other')) return;
      const fresh = content(cfg.vcards, racingUid, `race-${title++}`, true);
      stores[s].put(id, fresh);
      pending.set(`${s}|${racingUid}`, identify(fresh).hash);
    };
  }

  const sync = async () =>
    syncPair({ a: wrapped.a, b: wrapped.b, status, conflictLog: log, policy: cfg.policy, forceDelete: true });

  for (const op of ops) {
    switch (op.t) {
      case 'create': {
        const uid = `u${op.uid}`;
        const existing = uidsOf(op.side).get(uid);
        const data = content(cfg.vcards, uid, `T${op.title}-${title++}`, op.stamp);
        stores[op.side].put(existing ?? `${op.side}-${userIds++}.ics`, data);
        pending.set(`${op.side}|${uid}`, identify(data).hash);
        break;
      }
      case 'edit': {
        const all = stores[op.side].all();
        const it = all[op.pick % Math.max(1, all.length)];
        if (!it) break;
        const uid = identify(it.data).ident;
        const data = content(cfg.vcards, uid, `T${op.title}-${title++}`, op.stamp);
        stores[op.side].put(it.id, data);
        pending.set(`${op.side}|${uid}`, identify(data).hash);
        break;
      }
      case 'delete': {
        const all = stores[op.side].all();
        const it = all[op.pick % Math.max(1, all.length)];
        if (!it) break;
        stores[op.side].remove(it.id);
        pending.delete(`${op.side}|${identify(it.data).ident}`);
        break;
      }
      case 'churn':
        stores[op.side].churn();
        break;
      case 'readOnly':
        stores.a.readOnly = op.side === 'a';
        stores.b.readOnly = op.side === 'b';
        break;
      case 'sync': {
        const roSide: Side | undefined = stores.a.readOnly ? 'a' : stores.b.readOnly ? 'b' : undefined;
        const roBefore = roSide && stores[roSide].all().map((x) => [x.id, x.data]);
        if (op.fail === 'writes') {
          let k = op.n;
          const f = () => k++ % 3 === 0;
          stores.a.failWrites = f;
          stores.b.failWrites = f;
        }
        if (op.fail === 'crash') budget.left = op.n;
        if (op.fail === 'race') raceBudget.left = op.n;
        // Reads of some items fail for this run (every (n+2)th id of each side, by id order).
        if (op.fail === 'reads') {
          for (const s of ['a', 'b'] as const) {
            const failing = new Set(
              stores[s]
                .all()
                .map((x) => x.id)
                .sort()
                .filter((_, i) => i % (op.n + 2) === 0),
            );
            stores[s].failReads = (id) => failing.has(id);
          }
        }
        const before = { a: uidsWithData('a'), b: uidsWithData('b') };
        const uidOfId = { a: idsToUids('a'), b: idsToUids('b') };
        /** The items this run reported unreadable (it did try to read them, and failed). */
        const unreadableUids = new Set<string>();
        try {
          const r = await sync();
          for (const i of r.issues) {
            const uid = i.kind === 'unreadable' && i.side && i.id ? uidOfId[i.side].get(i.id) : undefined;
            if (uid) unreadableUids.add(uid);
          }
          stats.runs++;
          stats.errors += r.a.errors + r.b.errors;
          stats.deferred += r.deferred;
          stats.unreadable += r.unreadable;
          stats.conflicts += r.conflicts;
          stats.unresolved += r.unresolvedConflicts;
          stats.recorded += r.recorded;
        } catch (err) {
          if (!(err instanceof Crash)) throw err;
          stats.crashes++;
        } finally {
          budget.left = Infinity;
          raceBudget.left = -1;
          stores.a.failWrites = false;
          stores.b.failWrites = false;
          stores.a.failReads = undefined;
          stores.b.failReads = undefined;
        }
        // What could not be read was left exactly as it was, on both sides: not deleted, not overwritten.
        for (const uid of unreadableUids) {
          for (const s of ['a', 'b'] as const) {
            expect([uid, s, uidsWithData(s).get(uid)]).toEqual([uid, s, before[s].get(uid)]);
          }
        }
        if (roSide) expect(stores[roSide].all().map((x) => [x.id, x.data])).toEqual(roBefore);
        checkSafe();
        // Then a clean run: both sides must converge, and the run after it must plan no write.
        const clean = await sync();
        expect(clean.a.errors + clean.b.errors).toBe(0);
        checkSafe();
        expect(sortedEntries(meaning(stores.a))).toEqual(sortedEntries(meaning(stores.b)));
        if (roSide) expect(stores[roSide].all().map((x) => [x.id, x.data])).toEqual(roBefore);
        const again = await sync();
        expect(again.actions.filter(isWrite)).toEqual([]);
        break;
      }
    }
  }
}

describe('sync state machine (property)', () => {
  test('converges, never loses a user version, never writes a read-only side, no duplicates', async () => {
    await fc.assert(
      fc.asyncProperty(configArb, fc.array(opArb, { minLength: 5, maxLength: 40 }), async (cfg, ops) => {
        await runMachine(cfg, [...ops, { t: 'sync', fail: 'none', n: 0 }]);
      }),
      { numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 1000), verbose: 1 },
    );
    // Scenario mix actually exercised (kept visible so a generator change that stops exercising them shows).
    console.log(JSON.stringify(stats));
    expect(stats.crashes).toBeGreaterThan(0);
    expect(stats.conflicts).toBeGreaterThan(0);
    expect(stats.unreadable).toBeGreaterThan(0);
  }, 600_000);
});
