/**
 * Issue 14: the Thunderbird contacts benchmark (test/bench/tb-contacts-bench.mjs) run in quick mode (50 contacts)
 * so it cannot rot: real Radicale (its own, on its own port and folder), real headless Thunderbird with our
 * extension and, in a second profile, Thunderbird's own CardDAV sync of the same book. It checks that the figures
 * it prints are sane (every contact arrived on both sides, requests counted, times and pauses are numbers), never
 * the timings themselves. Skipped, saying why, only where Thunderbird cannot be installed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { controlPortFromEnv, thunderbirdMissing } from '../e2e/thunderbird-harness.js';

const repo = resolve(__dirname, '..', '..');
const missing = thunderbirdMissing();
if (missing) console.warn(`tb-contacts-bench skipped: ${missing}`);
const run = missing ? describe.skip : describe;

function runBench(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [join(repo, 'test', 'bench', 'tb-contacts-bench.mjs'), '--quick', '--breakdown'],
      {
        env: { ...process.env, ...env },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

run('Thunderbird contacts benchmark, quick mode (real Radicale, real headless Thunderbird)', () => {
  it('prints sane figures for our sync and for Thunderbird own CardDAV sync of 50 contacts', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dav-bridge-tb-bench-test-'));
    try {
      const { code, stdout, stderr } = await runBench({
        DAV_TB_BENCH_ROOT: root,
        DAV_TB_BENCH_PORT: process.env['TB_BENCH_TEST_RADICALE_PORT'] ?? '15335',
        // its own control port: the end-to-end test's Thunderbird may run at the same time
        TB_E2E_CONTROL_PORT: process.env['TB_BENCH_TEST_CONTROL_PORT'] ?? String(controlPortFromEnv() + 1),
      });
      if (code !== 0) throw new Error(`the benchmark exited with ${code}:\n${stdout}\n${stderr.slice(-3000)}`);
      const line = stdout.split('\n').find((l) => l.startsWith('tb-contacts-bench: '));
      expect(line).toBeDefined();
      const figures = Object.fromEntries(
        line!
          .slice('tb-contacts-bench: '.length)
          .split(' ')
          .map((kv) => kv.split('=') as [string, string]),
      );
      const num = (k: string) => Number(figures[k]);
      expect(num('contacts')).toBe(50);
      // every contact arrived in both Thunderbird books
      expect(num('ours_cards')).toBe(50);
      expect(num('own_cards')).toBe(50);
      // requests were counted by the proxies: a first sync reads the book; a no-change sync costs a request or two
      expect(num('ours_initial_requests')).toBeGreaterThanOrEqual(1);
      expect(num('ours_idle_requests')).toBeGreaterThanOrEqual(1);
      expect(num('ours_idle_requests')).toBeLessThanOrEqual(3);
      expect(num('own_initial_requests')).toBeGreaterThanOrEqual(1);
      expect(num('own_idle_requests')).toBeGreaterThanOrEqual(1);
      // times, ratios and pauses are measured numbers (their values are the benchmark's business, not this test's)
      for (const k of ['ours_initial_s', 'ours_idle_s', 'own_initial_s', 'own_idle_s', 'initial_ratio', 'idle_ratio']) {
        expect(num(k)).toBeGreaterThan(0);
        expect(Number.isFinite(num(k))).toBe(true);
      }
      for (const k of ['ours_max_pause_ms', 'own_max_pause_ms', 'idle_max_pause_ms']) {
        expect(num(k)).toBeGreaterThanOrEqual(0);
      }
      expect(stdout).toMatch(/^ours +initial /m);
      expect(stdout).toMatch(/^thunderbird +no change /m);
      // --breakdown: the extension's calls were traced (one create per contact, no read-back get per write)
      expect(stdout).toMatch(/^ {2}contacts\.create +50 /m);
      expect(stdout).not.toMatch(/^ {2}contacts\.get /m);
      expect(stdout).toMatch(/^ {2}pauses over 15 ms: \d+/m);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 600_000);
});
