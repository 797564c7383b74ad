/**
 * The Graph benchmark's quick mode runs here so it cannot rot (figures are printed, never asserted: timings belong
 * in benchmarks). What is asserted is that it measured and that the sync it measures is right: every event in the
 * Graph fake once, no write in a run with no change, no mail (the benchmark exits 1 otherwise).
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '..', '..');

test('Graph fake: the Graph benchmark quick mode measures a first and a no-change sync of 1,000 events', () => {
  const run = spawnSync(process.execPath, [join(repo, 'test', 'bench', 'graph-bench.mjs'), '--quick'], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 240_000,
  });
  expect(run.stderr).not.toContain('the sync is wrong');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/first sync: Graph requests\s+\d+/);
  expect(run.stdout).toMatch(/no-change sync: Graph requests\s+\d+/);
  expect(run.stdout).toMatch(/mails Graph would have sent\s+0/);
}, 300_000);
