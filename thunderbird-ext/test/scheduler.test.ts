/** When contact syncs run: the periodic alarm, a debounced run after local changes, never two runs of a pair at once. */
import { browser } from '../src/browser.js';
import { CONTACTS_ALARM, ContactSyncScheduler } from '../src/contacts/scheduler.js';
import { PairRuns } from '../src/contacts/pair-runs.js';
import { standIn } from './support/browser-standin.js';
import { card as makeCard } from '../../test/support/items';

const card = (uid: string) => makeCard({ uid, name: uid, version: '4.0' });

describe('ContactSyncScheduler (Thunderbird API stand-in)', () => {
  let bookId: string;
  let runs: string[];
  let release: (() => void) | undefined;
  let scheduler: ContactSyncScheduler;
  let pairRuns: PairRuns;
  let pairReads: number;

  beforeEach(async () => {
    standIn.reset();
    bookId = await browser.addressBooks.create({ name: 'Équipe technique' });
    runs = [];
    release = undefined;
    pairRuns = new PairRuns();
    pairReads = 0;
    scheduler = new ContactSyncScheduler({
      api: browser,
      pairs: async () => {
        pairReads++;
        return [{ id: 'pair-1', bookId }];
      },
      // As the service does: every run of a pair goes through the shared runs.
      runPair: (id) =>
        pairRuns.run(id, async () => {
          runs.push(id);
          await new Promise<void>((r) => (release = r));
        }),
      debounceMs: 50,
      echoGraceMs: 0,
      runs: pairRuns,
    });
    scheduler.start(15);
  });

  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('creates the periodic alarm, and the alarm runs every pair', async () => {
    expect(standIn.alarms()).toEqual([expect.objectContaining({ name: CONTACTS_ALARM, periodInMinutes: 15 })]);
    standIn.fireAlarm(CONTACTS_ALARM);
    await settle(0);
    expect(runs).toEqual(['pair-1']);
    release!();
  });

  it('several local changes make one run, soon after the last', async () => {
    await browser.addressBooks.contacts.create(bookId, card('a'));
    await browser.addressBooks.contacts.create(bookId, card('b'));
    await settle(10);
    expect(runs).toEqual([]);
    await settle(100);
    expect(runs).toEqual(['pair-1']);
    release!();
  });

  it("changes during a run (the run's own writes) do not start another run", async () => {
    const first = scheduler.run('pair-1');
    await settle(0);
    await browser.addressBooks.contacts.create(bookId, card('echo'));
    await settle(100);
    release!();
    await first;
    await settle(100);
    expect(runs).toEqual(['pair-1']);
  });

  it('a run asked during a run follows it, never beside it', async () => {
    const first = scheduler.run('pair-1');
    await settle(0);
    const second = scheduler.run('pair-1');
    await settle(10);
    expect(runs).toEqual(['pair-1']);
    release!();
    await settle(10);
    expect(runs).toEqual(['pair-1', 'pair-1']);
    release!();
    await Promise.all([first, second]);
  });

  it('changes during a run started elsewhere (subscribe, Sync now: the shared runs) do not start another run', async () => {
    let done!: () => void;
    const elsewhere = pairRuns.run('pair-1', async () => {
      await browser.addressBooks.contacts.create(bookId, card('echo-1'));
      await browser.addressBooks.contacts.create(bookId, card('echo-2'));
      await new Promise<void>((r) => (done = r));
    });
    await settle(100);
    done();
    await elsewhere;
    await settle(100);
    expect(runs).toEqual([]);
  });

  it("a run's own writes do not read the pairs once per event", async () => {
    await browser.addressBooks.contacts.create(bookId, card('before'));
    await settle(100);
    release!();
    await settle(0);
    expect(runs).toEqual(['pair-1']);
    const readsBefore = pairReads;
    const second = scheduler.run('pair-1');
    await settle(0);
    for (let n = 0; n < 20; n++) await browser.addressBooks.contacts.create(bookId, card(`echo-${n}`));
    await settle(10);
    expect(pairReads - readsBefore).toBeLessThanOrEqual(1);
    release!();
    await second;
  });

  it('two runs of a pair asked together through the shared runs never overlap', async () => {
    const order: string[] = [];
    const slow = (name: string) => async () => {
      order.push(`${name} start`);
      await settle(20);
      order.push(`${name} end`);
    };
    expect(pairRuns.busy('pair-1')).toBe(false);
    const both = Promise.all([pairRuns.run('pair-1', slow('one')), pairRuns.run('pair-1', slow('two'))]);
    expect(pairRuns.busy('pair-1')).toBe(true);
    await both;
    expect(order).toEqual(['one start', 'one end', 'two start', 'two end']);
    expect(pairRuns.busy('pair-1')).toBe(false);
    expect(pairRuns.endedAt('pair-1')).toBeDefined();
  });
});
