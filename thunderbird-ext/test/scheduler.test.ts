/** When contact syncs run: the periodic alarm, a debounced run after local changes, never two runs of a pair at once. */
import { browser } from '../src/browser.js';
import { CONTACTS_ALARM, ContactSyncScheduler } from '../src/contacts/scheduler.js';
import { standIn } from './support/browser-standin.js';
import { card as makeCard } from '../../test/support/items';

const card = (uid: string) => makeCard({ uid, name: uid, version: '4.0' });

describe('ContactSyncScheduler (Thunderbird API stand-in)', () => {
  let bookId: string;
  let runs: string[];
  let release: (() => void) | undefined;
  let scheduler: ContactSyncScheduler;

  beforeEach(async () => {
    standIn.reset();
    bookId = await browser.addressBooks.create({ name: 'Équipe technique' });
    runs = [];
    release = undefined;
    scheduler = new ContactSyncScheduler({
      api: browser,
      pairs: async () => [{ id: 'pair-1', bookId }],
      runPair: async (id) => {
        runs.push(id);
        await new Promise<void>((r) => (release = r));
      },
      debounceMs: 50,
      echoGraceMs: 0,
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
});
