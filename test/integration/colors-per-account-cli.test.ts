/**
 * Issue 12 item 7 on real servers: Gilles has a calendar "Équipe technique" on Radicale and one on Cyrus
 * (two accounts of one config file). With categories remembered per account, `colors` gives each the plain
 * category name; one global memory made the second one "Équipe technique (DAV)". The built CLI, a private
 * XDG_STATE_HOME, no --state: the default place is what is tested.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serversUnderTest, uniqueName } from '../harness/servers.js';
import { runCli, writeConfig, type CliRun } from './sync-helpers.js';

const work = mkdtempSync(join(tmpdir(), 'dav-bridge-colors-acct-'));
const state = join(work, 'state');
const servers = serversUnderTest();
const config = writeConfig(
  work,
  Object.fromEntries(
    servers.map((s) => [
      `gilles-${s.name}`,
      { server: s.rootUrl, username: 'alice', password: s.users.alice.password },
    ]),
  ),
);
const env = { XDG_STATE_HOME: state };
const made: string[] = [];

function ok(r: CliRun): string {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return r.stdout;
}

afterAll(async () => {
  for (const target of made) await runCli(['delete', target, '--yes', '--config', config]);
  rmSync(work, { recursive: true, force: true });
});

const run = servers.length >= 2 ? it : it.skip;

run('the same calendar name on two servers gets the plain category name on both', async () => {
  const title = `Équipe technique ${uniqueName('')}`;
  const urls = new Map<string, string>();
  for (const s of servers) {
    const account = `gilles-${s.name}`;
    const created = JSON.parse(
      ok(
        await runCli([
          'create',
          account,
          '--kind',
          'events',
          '--name',
          title,
          '--color',
          '#0082C9',
          '--json',
          '--config',
          config,
        ]),
      ),
    ) as { url: string; target: string };
    made.push(created.target);
    urls.set(account, created.url);
  }
  for (const pass of [1, 2]) {
    for (const [account, url] of urls) {
      const rows = JSON.parse(ok(await runCli(['colors', account, '--json', '--config', config], env))) as {
        url: string;
        category: string;
      }[];
      expect([pass, account, rows.find((r) => r.url === url)?.category]).toEqual([pass, account, title]);
    }
  }
  expect(readdirSync(join(state, 'dav-bridge', 'categories'))).toHaveLength(servers.length);
  expect(existsSync(join(state, 'dav-bridge', 'categories.json'))).toBe(false);
});
