#!/usr/bin/env node
// The executable: everything testable lives in run.ts.
import { main } from './run.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`dav-bridge: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
