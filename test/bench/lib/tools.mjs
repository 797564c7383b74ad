// The two contenders, each syncing one collection (through the counting proxy) to a local folder.
import { existsSync, promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { runMeasured, tail } from './util.mjs';

const REPO = resolve(new URL('../../..', import.meta.url).pathname);
export const DAV_BRIDGE_MAIN = join(REPO, 'bridge-core', 'dist', 'node', 'cli', 'main.js');
export const VDIRSYNCER = '/usr/bin/vdirsyncer';

/** Does the built CLI list a `sync` command? */
export async function davBridgeHasSync() {
  if (!existsSync(DAV_BRIDGE_MAIN)) return false;
  const r = await runMeasured(process.execPath, [DAV_BRIDGE_MAIN, '--help']);
  return /^\s+sync\s/m.test(r.stdout + r.stderr);
}

/**
 * dav-bridge: `sync <account>:<collection path> <folder> --state FILE --config FILE --json`.
 * @param {{ work: string, proxyUrl: string, user: string, password: string }} o
 */
export function davBridge(o, { name = 'dav-bridge', main = DAV_BRIDGE_MAIN } = {}) {
  const dir = join(o.work, name);
  const config = join(dir, 'config.json');
  const env = { ...process.env, DAV_BENCH_PASSWORD: o.password };
  delete env.DAV_BRIDGE_CONFIG;
  return {
    name,
    folder: (c) => join(dir, c.kind),
    async reset(collections) {
      await fs.rm(dir, { recursive: true, force: true });
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(
        config,
        JSON.stringify(
          { accounts: { bench: { server: o.proxyUrl, username: o.user, password: { env: 'DAV_BENCH_PASSWORD' } } } },
          null,
          2,
        ),
      );
      for (const c of collections) await fs.mkdir(join(dir, c.kind), { recursive: true });
    },
    async sync(c) {
      const args = [
        main,
        'sync',
        `bench:${c.path}`,
        join(dir, c.kind),
        '--state',
        join(dir, `${c.kind}.state`),
        '--config',
        config,
        '--json',
      ];
      const r = await runMeasured(process.execPath, args, { env, cwd: REPO });
      r.command = `node ${args.map((a) => (a.startsWith(REPO + '/') ? a.slice(REPO.length + 1) : a)).join(' ')}`;
      if (r.code !== 0) r.failure = `exit ${r.code}: ${tail(r.stderr || r.stdout, 8)}`;
      // --json: progress lines then one {"type":"summary"} line
      for (const line of r.stdout.split('\n').reverse()) {
        try {
          const j = JSON.parse(line);
          if (j.type === 'summary') {
            r.summary = j;
            break;
          }
        } catch {
          /* not JSON */
        }
      }
      return r;
    },
  };
}

const q = (s) => JSON.stringify(s);

/** vdirsyncer 0.19: one pair per collection, `collections = null` (the URL is the collection itself). */
export function vdirsyncer(o) {
  const dir = join(o.work, 'vdirsyncer');
  const config = join(dir, 'config');
  return {
    name: 'vdirsyncer',
    folder: (c) => join(dir, c.kind),
    async reset(collections) {
      await fs.rm(dir, { recursive: true, force: true });
      await fs.mkdir(join(dir, 'status'), { recursive: true });
      const parts = [`[general]\nstatus_path = ${q(join(dir, 'status') + '/')}\n`];
      for (const c of collections) {
        await fs.mkdir(join(dir, c.kind), { recursive: true });
        const events = c.kind === 'events';
        parts.push(
          `[pair ${c.kind}]
a = "${c.kind}_remote"
b = "${c.kind}_local"
collections = null
conflict_resolution = "a wins"

[storage ${c.kind}_remote]
type = "${events ? 'caldav' : 'carddav'}"
url = ${q(new URL(c.path, o.proxyUrl).href)}
username = ${q(o.user)}
password = ${q(o.password)}

[storage ${c.kind}_local]
type = "filesystem"
path = ${q(join(dir, c.kind) + '/')}
fileext = "${events ? '.ics' : '.vcf'}"
`,
        );
      }
      await fs.writeFile(config, parts.join('\n'));
      // discover is a one-time set-up step, not measured (stdin from /dev/null answers any prompt with EOF)
      const r = await runMeasured(VDIRSYNCER, ['-c', config, 'discover'], { stdin: 'ignore' });
      if (r.code !== 0) throw new Error(`vdirsyncer discover failed (exit ${r.code}): ${tail(r.stderr || r.stdout)}`);
    },
    async sync(c) {
      const args = ['-c', config, 'sync', c.kind];
      const r = await runMeasured(VDIRSYNCER, args);
      r.command = `vdirsyncer ${args.join(' ')}`;
      // vdirsyncer exits 0 even when some items failed; it reports them on stderr
      if (r.code !== 0) r.failure = `exit ${r.code}: ${tail(r.stderr || r.stdout, 8)}`;
      else if (/^error:/im.test(r.stderr)) r.failure = `reported errors: ${tail(r.stderr, 8)}`;
      return r;
    },
  };
}
