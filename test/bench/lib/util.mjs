// Small helpers shared by the benchmarks: logging, package checks, running a command under GNU time.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { onCleanup, stopPidSync } from './cleanup.mjs';

export const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
export const warn = (msg) => process.stderr.write(`[bench] !!! ${msg}\n`);

export const GNU_TIME = '/usr/bin/time';

/** Make sure Debian packages are installed (installs them when root, like the test harness). */
export function ensurePackages(pkgs) {
  const missing = pkgs.filter(({ bin }) => !existsSync(bin));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.pkg);
  if (process.getuid?.() !== 0) {
    throw new Error(`missing ${missing.map((p) => p.bin).join(', ')}: apt-get install ${names.join(' ')}`);
  }
  log(`installing ${names.join(' ')} (apt-get)`);
  let r = spawnSync('apt-get', ['install', '-y', ...names], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore' });
    r = spawnSync('apt-get', ['install', '-y', ...names], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  const still = missing.filter(({ bin }) => !existsSync(bin));
  if (still.length) throw new Error(`could not install ${still.map((p) => p.pkg).join(' ')}`);
}

/**
 * Run a command under GNU time (peak RSS of the process tree's largest process, as `time -f %M` reports it),
 * asynchronously so the counting proxy living in this process keeps serving.
 * @returns {Promise<{ code: number, wallS: number, peakMb: number, stdout: string, stderr: string }>}
 */
export async function runMeasured(cmd, args, { env = process.env, cwd, stdin = 'ignore' } = {}) {
  const timeFile = join(tmpdir(), `bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const child = spawn(GNU_TIME, ['-f', '%M', '-o', timeFile, cmd, ...args], {
    env,
    cwd,
    stdio: [stdin, 'pipe', 'pipe'],
  });
  // An interrupted benchmark does not leave the measured tool running against a server it is stopping.
  const stopChild = onCleanup(() => {
    if (child.exitCode === null && child.signalCode === null) stopPidSync(child.pid, 2000);
  });
  const t0 = performance.now();
  const out = [];
  const err = [];
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => err.push(d));
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, sig) => resolve(c ?? (sig ? 128 : 1)));
  }).finally(stopChild);
  const wallS = (performance.now() - t0) / 1000;
  let peakMb = NaN;
  try {
    const t = (await fs.readFile(timeFile, 'utf8')).trim().split('\n');
    peakMb = Number(t[t.length - 1]) / 1024; // last line: "Command exited with non-zero status" may precede it
    await fs.rm(timeFile, { force: true });
  } catch {
    /* keep NaN */
  }
  return {
    code,
    wallS,
    peakMb,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
  };
}

export const tail = (s, n = 15) => s.trimEnd().split('\n').slice(-n).join('\n');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
