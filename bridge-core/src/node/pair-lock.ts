/**
 * One sync run per pair at a time. Two runs of the same pair (a cron job overlapping the previous one, two
 * terminals) would both plan from the same status and both write the same creations; so a run first takes a
 * lock file next to the pair's state (`<state>.lock`), created exclusively (O_EXCL) and holding the owner's
 * pid, host and start time. A second run waits, polling, for a bounded time, then gives up with a message
 * naming the other run.
 *
 * A lock left by a run that died (crash, SIGKILL, reboot) is taken over when its pid is no longer alive on
 * this host, or when it names this very process but this process does not hold it (a container that gives every
 * run the same pid), or when it was taken before this host last booted (its pid may have been reused since by an
 * unrelated process, which would otherwise keep the pair locked forever). A lock from another host (a state folder on a network share) is never taken over: we cannot see
 * that process; the message says which host and which file to remove if it is gone for good.
 */
import { promises as fs } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { resolve } from 'node:path';
import { message } from '../i18n/index.js';
import { UserFacingError } from './localized-error.js';

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the holder took the lock. */
  since: string;
}

export interface PairLockOptions {
  /** How long to wait for another run to finish, in milliseconds (0: do not wait). */
  waitMs: number;
  /** Poll interval while waiting; default 200 ms. */
  pollMs?: number;
  /** Called once when the lock is busy and we start waiting. */
  onWait?: (holder: LockHolder | undefined) => void;
  /** For tests: this process' identity. */
  pid?: number;
  host?: string;
}

export interface PairLock {
  readonly path: string;
  release(): Promise<void>;
}

/** A lock file whose content cannot be read yet is being written: give its writer this long. */
const UNREADABLE_GRACE_MS = 5_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const raw = JSON.parse(await fs.readFile(path, 'utf8')) as Partial<LockHolder>;
    if (typeof raw.pid === 'number' && typeof raw.host === 'string' && typeof raw.since === 'string') {
      return { pid: raw.pid, host: raw.host, since: raw.since };
    }
  } catch {
    // missing, or half-written: the caller decides
  }
  return undefined;
}

/** Locks this process holds now: a second acquisition in the same process (the server syncing in-process) waits. */
const heldHere = new Set<string>();

/** Slack on the boot time: uptime and the lock's clock reading are not taken at the same instant. */
const BOOT_SLACK_MS = 60_000;

/** Whether a lock holder on this host can no longer be running. */
function isStaleHere(holder: LockHolder, path: string): boolean {
  if (holder.pid === process.pid) return !heldHere.has(path);
  if (!isAlive(holder.pid)) return true;
  const since = Date.parse(holder.since);
  return Number.isFinite(since) && since < Date.now() - uptime() * 1000 - BOOT_SLACK_MS;
}

const sameHolder = (x: LockHolder | undefined, y: LockHolder | undefined): boolean =>
  !!x && !!y && x.pid === y.pid && x.host === y.host && x.since === y.since;

/**
 * Moves a dead holder's lock out of the way. The rename is atomic, so of several runs taking over at once only
 * one moves it; one that moved a lock someone had just created (not the dead one it saw) puts it back.
 */
async function takeOver(path: string, dead: LockHolder, me: { pid: number }): Promise<void> {
  const aside = `${path}.stale-${me.pid}-${Date.now()}`;
  try {
    await fs.rename(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else moved it first
    throw err;
  }
  if (sameHolder(await readHolder(aside), dead)) {
    await fs.unlink(aside).catch(() => undefined);
    return;
  }
  await fs.link(aside, path).catch(() => undefined); // a live lock: give it back
  await fs.unlink(aside).catch(() => undefined);
}

export async function acquirePairLock(lockPath: string, options: PairLockOptions): Promise<PairLock> {
  const path = resolve(lockPath);
  const me: LockHolder = {
    pid: options.pid ?? process.pid,
    host: options.host ?? hostname(),
    since: new Date().toISOString(),
  };
  const content = JSON.stringify(me);
  const pollMs = options.pollMs ?? 200;
  const started = Date.now();
  let waiting = false;
  for (;;) {
    try {
      const handle = await fs.open(path, 'wx');
      try {
        await handle.writeFile(content, 'utf8');
      } finally {
        await handle.close();
      }
      heldHere.add(path);
      return {
        path,
        release: async () => {
          heldHere.delete(path);
          // Only our own lock: never remove one a later run took over after we were thought dead.
          if ((await fs.readFile(path, 'utf8').catch(() => '')) === content) await fs.unlink(path).catch(() => {});
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = await readHolder(path);
    if (holder && holder.host === me.host && isStaleHere(holder, path)) {
      await takeOver(path, holder, me);
      continue;
    }
    if (!holder) {
      const age = await fs.stat(path).then(
        (s) => Math.max(0, Date.now() - s.mtimeMs),
        () => undefined,
      );
      if (age === undefined) continue; // gone meanwhile: try again at once
      if (age > UNREADABLE_GRACE_MS) {
        // Empty or damaged for longer than any writer needs: a run that died while creating it.
        await fs.unlink(path).catch(() => undefined);
        continue;
      }
    }
    const waited = Date.now() - started;
    if (waited >= options.waitMs) {
      throw UserFacingError.of(
        message('sync.pair-busy', { lockPath: path, holder, waitedS: Math.round(options.waitMs / 1000) }),
        1,
      );
    }
    if (!waiting) {
      waiting = true;
      options.onWait?.(holder);
    }
    await new Promise((r) => setTimeout(r, Math.min(pollMs, options.waitMs - waited)));
  }
}
