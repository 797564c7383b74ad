// Issue 13, `npm run validate` (outlook-addin/scripts/validate-manifest.mjs): where Microsoft's online validator
// cannot be reached it must say so ("NOT VALIDATED", exit 2), never pass the failure off as a verdict. The network is
// cut for the child processes by a preload that makes every DNS lookup fail (a fake outage, named so), so the test
// gives the same answer on a machine with a network.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const script = resolve(__dirname, '..', '..', 'scripts', 'validate-manifest.mjs');
let dir: string;
let noDns: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'validate-'));
  noDns = join(dir, 'no-dns.cjs');
  writeFileSync(
    noDns,
    `const dns = require('node:dns');
const fail = (host, ...rest) => {
  const cb = rest.find((a) => typeof a === 'function');
  const err = Object.assign(new Error('getaddrinfo ENOTFOUND ' + host), { code: 'ENOTFOUND', hostname: host });
  process.nextTick(() => cb(err));
};
dns.lookup = fail;
`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, [script, ...args], {
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, NODE_OPTIONS: `--require ${noDns}` },
  });

it('says NOT VALIDATED and exits 2 when the validation service cannot be reached (fake DNS outage)', () => {
  const r = run();
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/NOT VALIDATED/);
  expect(r.stderr).toMatch(/validationgateway\.omex\.office\.net/);
  expect(r.stderr).toMatch(/ENOTFOUND/);
  expect(r.stdout).not.toMatch(/valid/i);
});

it('refuses a manifest path that does not exist (exit 1), without calling the service', () => {
  const r = run(join(dir, 'nowhere.xml'));
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/nowhere\.xml does not exist/);
});
