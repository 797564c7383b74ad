/**
 * When contact syncs run: periodically (an `alarms` alarm, which survives the background being suspended) and
 * soon after a change in a synced Thunderbird book (contact events, debounced so that editing ten contacts
 * makes one run). Runs of one pair never overlap: a request during a run starts one more run after it.
 *
 * Thunderbird also fires contact events for the extension's own writes: events of a book arriving while its pair
 * is synced, by whoever started the run (pair-runs.ts), and a short grace after, are ignored, so a sync does not
 * trigger itself. A user edit made during that moment waits for the next trigger (alarm or edit); it is never lost,
 * only later. Which pair a book belongs to is remembered from the last reading of the pairs: a run writing
 * thousands of contacts does not read the extension's storage once per event.
 */
import type { Alarm, ExtensionApi } from '../thunderbird-api.js';
import { PairRuns } from './pair-runs.js';

export const CONTACTS_ALARM = 'dav-bridge-contacts-sync';

export interface SchedulerOptions {
  api: ExtensionApi;
  /** Runs one pair; the scheduler serialises the calls per pair. */
  runPair: (pairId: string) => Promise<unknown>;
  /** The pairs and their Thunderbird books, read on each trigger (accounts change). */
  pairs: () => Promise<{ id: string; bookId: string }[]>;
  /** Delay between a local change and its sync. */
  debounceMs?: number;
  /** Events of a book this long after its run are taken for the run's own echoes. */
  echoGraceMs?: number;
  /** The pairs' runs, shared with whatever else starts them (the service); runPair is expected to go through it. */
  runs?: PairRuns;
}

export class ContactSyncScheduler {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly quietUntil = new Map<string, number>();
  /** Book id -> pair id, from the last reading of the pairs (a book belongs to one pair for good). */
  private readonly pairOfBook = new Map<string, string>();
  private readonly runs: PairRuns;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly debounceMs: number;
  private readonly echoGraceMs: number;

  constructor(private readonly options: SchedulerOptions) {
    this.debounceMs = options.debounceMs ?? 5_000;
    this.echoGraceMs = options.echoGraceMs ?? 1_000;
    this.runs = options.runs ?? new PairRuns();
  }

  /** Listens to alarms and contact events, and (re)creates the periodic alarm. */
  start(periodMinutes: number): void {
    const { api } = this.options;
    api.alarms.create(CONTACTS_ALARM, { periodInMinutes: periodMinutes, delayInMinutes: periodMinutes });
    api.alarms.onAlarm.addListener(this.onAlarm);
    api.addressBooks.contacts.onCreated.addListener((node) => this.onBookChanged(node.parentId));
    api.addressBooks.contacts.onUpdated.addListener((node) => this.onBookChanged(node.parentId));
    api.addressBooks.contacts.onDeleted.addListener((parentId) => this.onBookChanged(parentId));
  }

  /** Runs every pair now ("Sync now", the alarm). */
  async runAll(): Promise<void> {
    await Promise.all((await this.options.pairs()).map((p) => this.run(p.id)));
  }

  /** Runs a pair now, or once more after the run in progress. */
  run(pairId: string): Promise<void> {
    const current = this.running.get(pairId);
    if (current) {
      this.again.add(pairId);
      return current;
    }
    const done = (async () => {
      try {
        await this.options.runPair(pairId);
      } finally {
        this.quietUntil.set(pairId, Date.now() + this.echoGraceMs);
        this.running.delete(pairId);
      }
      if (this.again.delete(pairId)) await this.run(pairId);
    })();
    this.running.set(pairId, done);
    return done;
  }

  private readonly onAlarm = (alarm: Alarm): void => {
    if (alarm.name === CONTACTS_ALARM) void this.runAll();
  };

  /** A run of the pair is under way, or ended a moment ago: the book's events are its own writes. */
  private echoing(pairId: string): boolean {
    if (this.running.has(pairId) || this.runs.busy(pairId)) return true;
    const quiet = Math.max(this.quietUntil.get(pairId) ?? 0, (this.runs.endedAt(pairId) ?? 0) + this.echoGraceMs);
    return Date.now() < quiet;
  }

  private onBookChanged(bookId: string): void {
    const known = this.pairOfBook.get(bookId);
    if (known !== undefined && this.echoing(known)) return;
    void this.options.pairs().then((pairs) => {
      for (const p of pairs) this.pairOfBook.set(p.bookId, p.id);
      const pair = pairs.find((p) => p.bookId === bookId);
      if (!pair) return;
      if (this.echoing(pair.id)) return;
      clearTimeout(this.timers.get(pair.id));
      this.timers.set(
        pair.id,
        setTimeout(() => {
          this.timers.delete(pair.id);
          void this.run(pair.id);
        }, this.debounceMs),
      );
    });
  }
}
