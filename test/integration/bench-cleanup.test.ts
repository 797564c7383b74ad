// Every benchmark stops the servers it started: at its normal end, and when interrupted (Ctrl-C = SIGINT).
// Each run here gets its own data folder and port, so it starts its own Radicale (the harness's, if any, is
// left alone) and the test can check that exactly that process is gone afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '..', '..');
const serversSh = join(repo, 'test', 'harness', 'servers.sh');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, withinMs = 8000): Promise<boolean> {
  for (let waited = 0; waited < withinMs; waited += 100) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

interface BenchRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string; // stdout and stderr, interleaved
  pid: number | undefined;
}

/**
 * Runs a benchmark; with `interruptWhen`, sends SIGINT as soon as stderr matches it. The server's pid is read
 * from the benchmark's own output (`pidPattern`).
 */
function runBench(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  pidPattern: RegExp,
  interruptWhen?: RegExp,
): Promise<BenchRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(repo, 'test', 'bench', script), ...args], {
      cwd: repo,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let interrupted = false;
    const watch = (d: Buffer): void => {
      output += d.toString('utf8');
      if (interruptWhen && !interrupted && interruptWhen.test(output)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      const m = pidPattern.exec(output);
      done({ code, signal, output, pid: m ? Number(m[1]) : undefined });
    });
  });
}

describe('benchmarks stop the servers they started', () => {
  const roots: string[] = [];
  const newRoot = (): string => {
    const r = mkdtempSync(join(tmpdir(), 'bench-cleanup-'));
    roots.push(r);
    return r;
  };
  afterAll(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  // ports next to the bench's own (DAV_BENCH_PORT), away from the test servers'
  const guestEnv = (root: string, port: number): NodeJS.ProcessEnv => ({
    DAV_TEST_ROOT: root,
    RADICALE_TEST_PORT: String(port),
    DAV_BENCH_URL: '',
  });
  const radicaleRunning = (env: NodeJS.ProcessEnv): boolean =>
    spawnSync('bash', [serversSh, 'status', 'radicale'], { env: { ...process.env, ...env }, stdio: 'ignore' })
      .status === 0;

  it('guest-link benchmark: the Radicale it started is stopped when it ends', async () => {
    const env = guestEnv(newRoot(), Number(process.env.BENCH_CLEANUP_PORT || 25341));
    expect(radicaleRunning(env)).toBe(false);
    const r = await runBench(
      'guest-link-bench.mjs',
      ['--duration', '1', '--events', '3', '--connections', '2'],
      env,
      /radicale ready at \S+ \(pid (\d+)\)/,
    );
    expect(r.pid).toBeDefined();
    expect(r.code).toBe(0);
    expect(await gone(r.pid as number)).toBe(true);
    expect(radicaleRunning(env)).toBe(false);
  });

  it('guest-link benchmark: the Radicale it started is stopped on Ctrl-C (SIGINT)', async () => {
    const env = guestEnv(newRoot(), Number(process.env.BENCH_CLEANUP_PORT || 25341) + 1);
    const r = await runBench(
      'guest-link-bench.mjs',
      ['--duration', '20', '--events', '3', '--connections', '2'],
      env,
      /radicale ready at \S+ \(pid (\d+)\)/,
      /radicale ready at/,
    );
    expect(r.pid).toBeDefined();
    expect(r.code).not.toBe(0);
    expect(await gone(r.pid as number)).toBe(true);
    expect(radicaleRunning(env)).toBe(false);
  });

  it('sync benchmark: prints the first-sync and idle ratios against the floor and vdirsyncer, then stops its Radicale', async () => {
    const r = await runBench(
      'sync-bench.mjs',
      ['--events', '20', '--contacts', '10', '--edits', '2'],
      { DAV_BENCH_ROOT: newRoot(), DAV_BENCH_PORT: String(Number(process.env.BENCH_CLEANUP_PORT || 25341) + 3) },
      /Radicale pid (\d+) on/,
    );
    expect(r.code).toBe(0);
    const num = '[0-9]+(\\.[0-9]+)?';
    for (const key of ['initial_ratio', 'idle_ratio', 'initial_vs_floor', 'idle_vs_floor']) {
      expect(r.output).toMatch(new RegExp(`sync-bench: .*\\b${key}=${num}\\b`));
    }
    expect(r.output).toMatch(/events +first sync +vs floor +\S+x .*vs vdirsyncer +[0-9.]+ /);
    expect(r.output).toMatch(/events +no change +vs floor +\S+x .*vs vdirsyncer +[0-9.]+ /);
    expect(await gone(r.pid as number)).toBe(true);
  });

  it('sync benchmark: its Radicale is stopped on Ctrl-C (SIGINT)', async () => {
    const r = await runBench(
      'sync-bench.mjs',
      ['--skip-vdirsyncer', '--events', '20', '--contacts', '10'],
      { DAV_BENCH_ROOT: newRoot(), DAV_BENCH_PORT: String(Number(process.env.BENCH_CLEANUP_PORT || 25341) + 2) },
      /Radicale pid (\d+) on/,
      /Radicale pid \d+ on/,
    );
    expect(r.pid).toBeDefined();
    expect(r.code).not.toBe(0);
    expect(await gone(r.pid as number)).toBe(true);
  });
});
