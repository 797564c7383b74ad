/**
 * The cluster benchmark's quick mode runs here so it cannot rot (figures are printed, never asserted: timings belong
 * in benchmarks). What is asserted is that it measured: each round finished with every run recorded and successful
 * (the benchmark fails otherwise), every figure is printed and is a positive finite number, and the guest feed
 * answered every request on both engines.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { postgresUnderTest } from '../harness/databases.js';

const repo = resolve(__dirname, '..', '..');
const testPg = postgresUnderTest() ? test : test.skip;

testPg(
  'the cluster benchmark quick mode prints subscriptions/min for 1 and 2 bridges and the feed on both engines',
  () => {
    const run = spawnSync(
      process.execPath,
      [join(repo, 'test', 'bench', 'cluster-bench.mjs'), '--quick', '--subscriptions', '4', '--duration', '1'],
      { cwd: repo, encoding: 'utf8', timeout: 400_000 },
    );
    // On a failure, what the benchmark said is the message.
    expect(run.status === 0 ? '' : `exit ${run.status}: ${run.stderr.slice(-2000)}`).toBe('');
    for (const workers of [1, 4]) {
      expect(run.stdout).toMatch(
        new RegExp(`1 instance, +${workers} worker\\(s\\) +[\\d.]+ s +\\d+ subscriptions/min`),
      );
      expect(run.stdout).toMatch(
        new RegExp(`2 instances, ${workers} worker\\(s\\) +[\\d.]+ s +\\d+ subscriptions/min`),
      );
    }
    expect(run.stdout).toMatch(/SQLite +\d+ req\/s .* non-2xx 0 {2}errors 0/);
    expect(run.stdout).toMatch(/PostgreSQL +\d+ req\/s .* non-2xx 0 {2}errors 0/);
    const summary = /cluster-bench: (sync_per_min_1=.*)$/m.exec(run.stdout);
    expect(summary).not.toBeNull();
    const figures = Object.fromEntries(summary![1]!.split(' ').map((kv) => kv.split('=') as [string, string]));
    expect(Object.keys(figures).sort()).toEqual(
      [
        'cluster_ratio',
        'cluster_ratio_4_workers',
        'feed_ratio',
        'feed_rps_postgres',
        'feed_rps_sqlite',
        'sync_per_min_1',
        'sync_per_min_2',
      ].sort(),
    );
    for (const [name, value] of Object.entries(figures)) {
      expect([name, Number.isFinite(Number(value)) && Number(value) > 0]).toEqual([name, true]);
    }
  },
  420_000,
);
