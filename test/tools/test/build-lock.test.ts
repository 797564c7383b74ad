// The build lock of the test support (test/support/bridge.ts): a lock left by a run killed while building is taken
// over, instead of making every later run wait its whole deadline and fail (seen after an interrupted CI run).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staleBuildLock, withBuildLock } from '../../support/bridge';

const name = `dav-bridge-build-lock-test-${process.pid}.lock`;
const lock = join(tmpdir(), name);
afterEach(() => rmSync(lock, { recursive: true, force: true }));

/** The pid of a process that has exited. */
function deadPid(): number {
  return Number(spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).stdout.trim());
}

describe('build lock', () => {
  it('a lock whose owner is gone, or that never got an owner, is stale; a live owner keeps it', () => {
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), String(deadPid()));
    expect(staleBuildLock(lock)).toBe(true);
    writeFileSync(join(lock, 'pid'), String(process.pid));
    expect(staleBuildLock(lock)).toBe(false);
    rmSync(join(lock, 'pid'));
    expect(staleBuildLock(lock)).toBe(false); // just made: its owner is writing its pid
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    expect(staleBuildLock(lock)).toBe(true);
  });

  it('a build runs at once over a lock left by a killed run, and frees the lock after', () => {
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), String(deadPid()));
    let built = false;
    withBuildLock(() => {
      built = true;
    }, name);
    expect(built).toBe(true);
    expect(existsSync(lock)).toBe(false);
  });
});
