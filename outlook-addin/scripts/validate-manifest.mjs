#!/usr/bin/env node
// `npm run validate`: Microsoft's online validation of manifest.xml (`office-addin-manifest validate`, which posts the
// file to validationgateway.omex.office.net), where a network allows it. When the service cannot be reached it says
// so in one clear line and exits 2 (not validated), rather than passing the error off as a verdict on the manifest.
// The offline checks (XSD order, resids, URLs, French, icons, `office-addin-manifest info`) run with the unit tests.
//   node outlook-addin/scripts/validate-manifest.mjs [manifest.xml] [--production]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const manifest = resolve(args.find((a) => !a.startsWith('--')) ?? join(repo, 'manifest.xml'));
if (!existsSync(manifest)) {
  process.stderr.write(`validate: ${manifest} does not exist\n`);
  process.exit(1);
}
const cli = join(dirname(createRequire(import.meta.url).resolve('office-addin-manifest/package.json')), 'cli.js');
const run = spawnSync(
  process.execPath,
  [cli, 'validate', manifest, ...(args.includes('--production') ? ['--production'] : [])],
  {
    encoding: 'utf8',
    timeout: 120_000,
  },
);
const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
const unreachable =
  run.error?.code === 'ETIMEDOUT' ||
  /Unable to contact the manifest validation service|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|network timeout/i.test(
    output,
  );
if (unreachable) {
  const reason = /reason: (.*)/.exec(output)?.[1] ?? run.error?.message ?? 'no answer';
  process.stderr.write(
    `validate: NOT VALIDATED. Microsoft's online manifest validator (validationgateway.omex.office.net) cannot be reached from this machine (${reason.trim()}).\n` +
      `validate: the offline checks run with the unit tests: npx jest outlook-addin/test/unit/manifest --selectProjects unit\n`,
  );
  process.exit(2);
}
process.stdout.write(output);
process.exit(run.status ?? 1);
