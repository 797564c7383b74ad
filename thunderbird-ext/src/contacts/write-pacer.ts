/**
 * Paces the extension's address-book writes so that Thunderbird's main loop keeps its turns.
 *
 * Every `addressBooks.contacts` write is one task on Thunderbird's main thread (the parent process: the vCard is
 * parsed, the card saved in a synchronous SQLite transaction, observers notified, the event sent back). Calls
 * sent at once queue up there one behind the other, and the main loop's own work (timers, input, painting) waits
 * behind the whole queue: measured with test/bench/tb-contacts-bench.mjs --breakdown. So the store sends one
 * write (with its reads) at a time, and lets a macrotask pass after each one before the next is sent, during
 * which Thunderbird has nothing of ours queued.
 */

/** Gives the event loop a turn (a macrotask, not a microtask: timers and messages get to run). */
export function nextTurn(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class WritePacer {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly gapMs = 0) {}

  /** Runs `task` after every task given before it has ended and a turn has passed. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // The next task waits for this one, whatever its outcome, then for a turn.
    this.tail = result.then(
      () => nextTurn(this.gapMs),
      () => nextTurn(this.gapMs),
    );
    return result;
  }
}
