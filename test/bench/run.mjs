#!/usr/bin/env node
// `npm run bench`: runs each benchmark as a child process, one after the other, and exits non-zero if one
// failed (could not measure; benchmarks never fail on their figures).
//   node test/bench/run.mjs [--quick] [sync-bench options...]
// All arguments go to sync-bench.mjs; guest-link-bench.mjs, agenda-bench.mjs, graph-bench.mjs, pane-bench.mjs,
// tb-contacts-bench.mjs and cluster-bench.mjs (when present) only get --quick.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);

const benches = [
  { file: join(here, 'sync-bench.mjs'), args },
  { file: join(here, 'guest-link-bench.mjs'), args: args.filter((a) => a === '--quick'), optional: true },
  // The guest HTML agenda in process (no server): 200 events and 150 pathological series, beside the feed's figures.
  { file: join(here, 'agenda-bench.mjs'), args: args.filter((a) => a === '--quick'), optional: true },
  // Outlook sync through Microsoft Graph, against the Graph fake: requests of a first and a no-change sync, time, memory.
  { file: join(here, 'graph-bench.mjs'), args: args.filter((a) => a === '--quick'), optional: true },
  // The Outlook task pane: its JS size (gzip) against a 200 KB budget, and opening it to the collection list in Chromium.
  { file: join(here, 'pane-bench.mjs'), args: args.filter((a) => a === '--quick'), optional: true },
  // 5,000 contacts into real headless Thunderbird: our extension beside Thunderbird's own CardDAV sync, main-loop pauses.
  { file: join(here, 'tb-contacts-bench.mjs'), args: args.filter((a) => a === '--quick'), optional: true },
  // Scale-out: subscriptions synced per minute by 1 and 2 bridges on one PostgreSQL queue; the feed on PostgreSQL/SQLite.
  { file: join(here, 'cluster-bench.mjs'), args: args.filter((a) => a === '--quick'), optional: true },
];

// A signal to this runner goes on to the running benchmark, which stops the servers it started; the runner waits
// for it and stops there (a Ctrl-C in a terminal reaches both already: the benchmark then gets it twice, harmless).
let current;
let interrupted;
for (const [sig, no] of [
  ['SIGINT', 2],
  ['SIGTERM', 15],
  ['SIGHUP', 1],
]) {
  process.on(sig, () => {
    interrupted ??= 128 + no;
    if (current) current.kill(sig);
    else process.exit(interrupted);
  });
}

function run(file, argv) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, ...argv], { stdio: 'inherit' });
    current = child;
    child.on('close', () => {
      current = undefined;
    });
    child.on('error', (e) => {
      process.stderr.write(`bench: cannot start ${file}: ${e.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

let failed = 0;
for (const b of benches) {
  if (!existsSync(b.file)) {
    if (!b.optional) {
      process.stderr.write(`bench: ${b.file} is missing\n`);
      failed++;
    }
    continue;
  }
  const code = await run(b.file, b.args);
  if (interrupted) process.exit(interrupted);
  if (code !== 0) {
    process.stderr.write(`bench: ${b.file} exited with ${code}\n`);
    failed++;
  }
}
process.exitCode = failed ? 1 : 0;
