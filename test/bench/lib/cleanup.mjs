// Stopping what a benchmark started, whatever way it ends: normal end, exception, Ctrl-C (SIGINT), SIGTERM,
// SIGHUP. Servers are started detached (their own process group), so a Ctrl-C in the terminal does not reach
// them: without this, an interrupted benchmark leaves its Radicale running on its port.
//
// Cleanups registered here are synchronous on purpose: a signal handler must finish before the process exits,
// and an async step could be cut short.
import { readFileSync } from 'node:fs';

const cleanups = [];
let installed = false;
let stopping = false;

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

function runAll() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      fn();
    } catch (e) {
      process.stderr.write(`[bench] cleanup failed: ${e?.message ?? e}\n`);
    }
  }
}

/**
 * Registers `fn` (synchronous) to run once at exit or on a signal; returns a function that runs it now (and
 * unregisters it), for the normal path.
 */
export function onCleanup(fn) {
  if (!installed) {
    installed = true;
    for (const [sig, no] of Object.entries(SIGNALS)) {
      // `on`, not `once`: a second Ctrl-C (or the runner forwarding the same one) must not find the default
      // handler, which would kill the process in the middle of its cleanup.
      process.on(sig, () => {
        if (stopping) return;
        stopping = true;
        process.stderr.write(`[bench] ${sig}: stopping what this benchmark started\n`);
        runAll();
        process.exit(128 + no);
      });
    }
    process.once('exit', runAll);
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    const i = cleanups.indexOf(once);
    if (i >= 0) cleanups.splice(i, 1);
    fn();
  };
  cleanups.push(once);
  return once;
}

/** Running (a zombie, exited but not yet reaped by a busy event loop, counts as stopped). */
export function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** SIGTERM to a process (and its group when it leads one), SIGKILL after `graceMs`; synchronous. */
export function stopPidSync(pid, graceMs = 5000) {
  if (!pid || !alive(pid)) return;
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGTERM');
    } catch {
      /* not a group leader, or gone */
    }
  }
  for (let waited = 0; waited < graceMs && alive(pid); waited += 50) pause(50);
  if (alive(pid)) {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}
