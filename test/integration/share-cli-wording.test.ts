/**
 * Issue 12 item 8 on a real Cyrus, through the built CLI: Gilles (alice) shares "Équipe technique" with David
 * (carol) read-only; the first share asks David to accept, and once David accepted, sharing again says
 * "accepted" without asking him to accept again (it printed "(read, accepted)" and "must accept" together).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serversUnderTest, testServers, uniqueName } from '../harness/servers.js';
import { runCli, writeConfig, type CliRun } from './sync-helpers.js';

const server = testServers.cyrus;
const run = serversUnderTest().some((s) => s.name === 'cyrus') ? it : it.skip;
const work = mkdtempSync(join(tmpdir(), 'dav-bridge-share-wording-'));
const config = writeConfig(work, {
  gilles: { server: server.rootUrl, username: 'alice', password: server.users.alice.password },
  david: { server: server.rootUrl, username: 'carol', password: server.users.carol.password },
});
let target = '';

function ok(r: CliRun): string {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return r.stdout;
}

afterAll(async () => {
  if (target) await runCli(['delete', target, '--yes', '--config', config]);
  rmSync(work, { recursive: true, force: true });
});

run('share asks David to accept once; sharing again after he accepted does not', async () => {
  const created = JSON.parse(
    ok(
      await runCli([
        'create',
        'gilles',
        '--kind',
        'events',
        '--name',
        `Équipe technique ${uniqueName('')}`,
        '--json',
        '--config',
        config,
      ]),
    ),
  ) as { url: string; target: string };
  target = created.target;
  const share = ['share', target, '--with', 'carol@example.com', '--access', 'read', '--config', config];

  const first = ok(await runCli(share));
  expect(first).toMatch(/\(read, pending, via Cyrus/);
  expect(first).toContain('carol@example.com must accept the invitation (dav-bridge invites / accept).');

  const invites = JSON.parse(ok(await runCli(['invites', 'david', '--json', '--config', config]))) as {
    id: string;
    collection: string;
  }[];
  const mine = invites.find((i) => new URL(i.collection).pathname === new URL(created.url).pathname);
  expect(mine).toBeDefined();
  ok(await runCli(['accept', 'david', mine?.id ?? '', '--config', config]));

  const again = ok(await runCli(share));
  expect(again).toMatch(/\(read, accepted, via Cyrus/);
  expect(again).not.toContain('must accept');
  const fr = ok(await runCli(share, { LANG: 'fr_FR.UTF-8' }));
  expect(fr).toMatch(/\(Lecture, acceptée, via Cyrus/);
  expect(fr).not.toContain('doit accepter');
});
