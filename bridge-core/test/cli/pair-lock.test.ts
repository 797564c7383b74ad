import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquirePairLock } from '../../src/node/pair-lock.js';
import { UserFacingError } from '../../src/node/localized-error.js';

let dir: string;
let lock: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'davbridge-lock-'));
  lock = join(dir, 'pair.sqlite.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has exited (so it is not alive on this host). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('one sync run per pair (issue 9 item 6)', () => {
  test('a second run with no wait is refused with a message naming the first run, in English and French', async () => {
    const first = await acquirePairLock(lock, { waitMs: 0 });
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    const second = acquirePairLock(lock, { waitMs: 0, pid: process.pid + 1 });
    await expect(second).rejects.toBeInstanceOf(UserFacingError);
    const err = (await second.catch((e: unknown) => e)) as UserFacingError;
    expect(err.exitCode).toBe(1);
    expect(err.message).toContain(`another sync of this pair is running (pid ${process.pid} on ${hostname()}`);
    expect(err.message).toContain(lock);
    expect(err.messageFr).toContain(`une autre synchronisation de cette paire est en cours (pid ${process.pid}`);
    await first.release();
    expect(existsSync(lock)).toBe(false);
    const third = await acquirePairLock(lock, { waitMs: 0, pid: process.pid + 1 });
    await third.release();
  });

  test('a second run waits for the first to finish, within its bounded wait', async () => {
    const first = await acquirePairLock(lock, { waitMs: 0 });
    let announced: (pid: number | undefined) => void = () => undefined;
    const waitingFor = new Promise<number | undefined>((r) => (announced = r));
    const second = acquirePairLock(lock, {
      waitMs: 60_000,
      pollMs: 20,
      pid: process.pid + 1,
      onWait: (h) => announced(h?.pid),
    });
    expect(await waitingFor).toBe(process.pid);
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(process.pid); // still the first run's
    await first.release();
    const got = await second;
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(process.pid + 1);
    await got.release();
  });

  test('gives up after the wait when the first run does not finish', async () => {
    const first = await acquirePairLock(lock, { waitMs: 0 });
    const t0 = Date.now();
    await expect(acquirePairLock(lock, { waitMs: 300, pollMs: 50, pid: process.pid + 1 })).rejects.toThrow(
      /another sync of this pair is running/,
    );
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    await first.release();
  });

  test("a dead run's lock on this host is taken over; another host's lock is not", async () => {
    const dead = deadPid();
    writeFileSync(lock, JSON.stringify({ pid: dead, host: hostname(), since: '2026-12-01T00:00:00.000Z' }));
    const mine = await acquirePairLock(lock, { waitMs: 0 });
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(process.pid);
    await mine.release();

    writeFileSync(lock, JSON.stringify({ pid: dead, host: 'other-host', since: '2026-12-01T00:00:00.000Z' }));
    await expect(acquirePairLock(lock, { waitMs: 0 })).rejects.toThrow(/pid \d+ on other-host/);
  });

  test('release never removes a lock another run holds', async () => {
    const first = await acquirePairLock(lock, { waitMs: 0 });
    writeFileSync(lock, JSON.stringify({ pid: 1, host: 'someone-else', since: 'x' }));
    await first.release();
    expect(existsSync(lock)).toBe(true);
  });

  test('a lock naming this very pid that this process does not hold is stale (containers reuse pids)', async () => {
    const earlier = new Date(Date.now() - 1000).toISOString();
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), since: earlier }));
    const mine = await acquirePairLock(lock, { waitMs: 0 });
    expect(JSON.parse(readFileSync(lock, 'utf8')).since).not.toBe(earlier);
    // ...but one it does hold is not: a second sync of the pair in the same process waits.
    await expect(acquirePairLock(lock, { waitMs: 0 })).rejects.toThrow(/another sync of this pair is running/);
    await mine.release();
    expect(existsSync(lock)).toBe(false);
  });

  test('a lock taken before this host booted is stale even if its pid is alive again (reused)', async () => {
    // pid 1 always exists; a lock from 1999 predates any boot of this machine.
    writeFileSync(lock, JSON.stringify({ pid: 1, host: hostname(), since: '1999-01-01T00:00:00.000Z' }));
    const mine = await acquirePairLock(lock, { waitMs: 0 });
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(process.pid);
    await mine.release();
    // The same live pid with a recent start time is respected.
    writeFileSync(lock, JSON.stringify({ pid: 1, host: hostname(), since: new Date().toISOString() }));
    await expect(acquirePairLock(lock, { waitMs: 0 })).rejects.toThrow(/pid 1 on/);
  });
});
