/**
 * How many requests one transport has in flight at once. Node's fetch (undici) opens a new connection for every
 * request it cannot put on an idle one, without limit: 500 creates started together opened 500 connections to
 * Cyrus, whose HTTP service forks one process per connection (20 in the test setup), and the rest timed out.
 * Browsers cap connections per host (6 in Gecko, so in Thunderbird) but queue without limit too. A polite client
 * never needs more than a handful to one server, so the transport waits for a slot instead.
 */
export interface RequestSlots {
  /** Runs `task` once a slot is free; the slot is held until `task` settles (body read included). */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** `max` slots; anything below one (0, NaN, a fraction) means one: a transport that never sends would hang. */
export function requestSlots(max: number): RequestSlots {
  let free = Number.isFinite(max) && max >= 1 ? Math.floor(max) : 1;
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (free > 0) {
      free--;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  // A released slot goes straight to the first waiter (never back to the pool first), so a request arriving
  // meanwhile cannot take it too: the bound is exact, and waiters are served in order.
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await task();
      } finally {
        // Next macrotask: Node's fetch puts the connection back in its pool only after the body's last
        // callbacks ran; handing the slot over at once made it open a new connection instead of reusing that one.
        setTimeout(release, 0);
      }
    },
  };
}
