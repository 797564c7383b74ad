// Start-up cost of the `dav-bridge` command: each run loads the modules of its own command only. An idle sync
// is mostly Node's start-up and module loading, so `sync` must not pay for the sharing, colors and discovery
// commands' modules. Checked by listing the modules Node actually loads (a resolve hook), not by timing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '..', '..');
const main = join(repo, 'bridge-core', 'dist', 'node', 'cli', 'main.js');
const dist = `${join(repo, 'bridge-core', 'dist')}/`;

let dir: string;
let hook: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-startup-'));
  hook = join(dir, 'list-modules.mjs');
  const resolver = `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('MODULE ' + r.url + '\\n'); return r; }`;
  writeFileSync(
    hook,
    `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(${JSON.stringify(resolver)}));\n`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bridge-core modules a CLI run loads, relative to dist/ (e.g. "node/cli/commands/sync.js"). */
function modulesLoaded(args: string[]): { status: number | null; modules: string[] } {
  const r = spawnSync(process.execPath, ['--import', hook, main, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, DAV_BRIDGE_LANG: 'en' },
  });
  const modules = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('MODULE file://'))
    .map((l) => decodeURIComponent(new URL(l.slice('MODULE '.length)).pathname))
    .filter((p) => p.startsWith(dist))
    .map((p) => p.slice(dist.length));
  return { status: r.status, modules: [...new Set(modules)] };
}

test('dav-bridge --help loads no command module', () => {
  const { status, modules } = modulesLoaded(['--help']);
  expect(status).toBe(0);
  expect(modules).toContain('node/cli/run.js');
  expect(modules.filter((m) => m.startsWith('node/cli/commands/'))).toEqual([]);
});

test('dav-bridge sync loads neither the other commands nor the sharing and colors modules', () => {
  // two local folders ("Équipe technique" copied to a backup): no server needed
  const { status, modules } = modulesLoaded([
    'sync',
    './equipe-technique',
    './sauvegarde',
    '--state',
    join(dir, 'state.sqlite'),
  ]);
  expect(status).toBe(0);
  expect(modules).toContain('node/cli/commands/sync.js');
  expect(modules.filter((m) => m.startsWith('node/cli/commands/') && m !== 'node/cli/commands/sync.js')).toEqual([]);
  expect(modules.filter((m) => m.startsWith('sharing/') || m.startsWith('colors/'))).toEqual([]);
});
