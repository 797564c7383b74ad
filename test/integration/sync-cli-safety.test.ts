/**
 * `dav-bridge sync` safety nets against a real Radicale, through the built CLI: the deletion guard's default
 * limit and `--max-delete`, a mistyped account, a reverted read-only edit that the output names, and one run
 * per pair at a time.
 */
import { execFile, spawnSync } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { listItems, queryItems } from '../../bridge-core/src/dav/items.js';
import { createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { radicaleGrant, testServers, uniqueName } from '../harness/servers.js';
import { connect } from './dav-helpers.js';
import { CLI, type CliRun, fill, folderByUid, runCli, spawnCli, summaryOf, writeConfig } from './sync-helpers.js';
import { vevent } from '../support/items.js';

const { radicale } = testServers;
const work = mkdtempSync(join(tmpdir(), 'dav-bridge-sync-safety-'));
const config = writeConfig(work, {
  gilles: { server: radicale.rootUrl, username: 'alice', password: 'alicepw' },
  david: { server: radicale.rootUrl, username: 'bob', password: 'bobpw' },
});
const path = (url: string) => new URL(url).pathname;
let n = 0;
const fresh = (label: string) => {
  const dir = join(work, `${label}-${++n}`);
  return { dir, state: `${dir}.sqlite` };
};

let gilles: DavAccount;
const made: string[] = [];
async function teamCalendar(events: number): Promise<{ url: string; uids: string[] }> {
  const url = await createCalendar(gilles.transport, gilles.discovery.principal.calendarHomes[0]!, {
    name: `Équipe technique ${uniqueName('cal')}`,
    components: ['VEVENT'],
  });
  made.push(url);
  const uids = Array.from({ length: events }, () => uniqueName('evt'));
  await fill(
    gilles,
    url,
    uids.map((u, i) => ({ name: `${u}.ics`, data: vevent(u, `Réunion ${i}`) })),
  );
  return { url, uids };
}

/** The built CLI run in a given working folder (where a mistyped endpoint would have created a folder). */
function runCliIn(cwd: string, args: string[]): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: { PATH: process.env['PATH'] ?? '', LANG: 'C' }, timeout: 170_000 },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  gilles = await connect(radicale, 'alice');
});
afterAll(async () => {
  for (const url of made) await deleteCollection(gilles.transport, url);
  rmSync(work, { recursive: true, force: true });
});

describe('deletion guard (issue 9 item 3)', () => {
  it('stops a run deleting 2 of 10 server events (over 10%), deletes nothing; --max-delete 2 lets it through', async () => {
    const { url } = await teamCalendar(10);
    const { dir, state } = fresh('guard');
    const args = ['sync', `gilles:${path(url)}`, dir, '--state', state, '--config', config];
    expect((await runCli(args)).code).toBe(0);
    expect(readdirSync(dir)).toHaveLength(10);
    for (const f of readdirSync(dir).slice(0, 2)) rmSync(join(dir, f));

    const stopped = await runCli(args);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(
      /would delete 2 of the 10 item\(s\) in gilles: .*more than the limit \(10%: 1 here\)/,
    );
    expect(stopped.stderr).toContain('--force-delete');
    expect(await listItems(gilles.transport, url, 'calendar')).toHaveLength(10);
    expect(readdirSync(dir)).toHaveLength(8); // the folder is not "repaired" either: nothing written

    const fr = await runCli(args, { LANG: 'fr_FR.UTF-8' });
    expect(fr.stderr).toMatch(/elle supprimerait 2 des 10 élément\(s\)/);

    const bad = await runCli([...args, '--max-delete', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-delete: not a deletion limit/);

    const allowed = summaryOf(await runCli([...args, '--max-delete', '2', '--json']));
    expect(allowed.a.deleted).toBe(2);
    expect(await listItems(gilles.transport, url, 'calendar')).toHaveLength(8);
  });

  it('lets one deletion of three through (the allowance), and --max-delete 50% a larger share', async () => {
    const { url } = await teamCalendar(3);
    const { dir, state } = fresh('guard-small');
    const args = ['sync', `gilles:${path(url)}`, dir, '--state', state, '--config', config, '--json'];
    expect(summaryOf(await runCli(args)).b.created).toBe(3);
    rmSync(join(dir, readdirSync(dir)[0]!));
    expect(summaryOf(await runCli(args)).a.deleted).toBe(1);
    expect(await listItems(gilles.transport, url, 'calendar')).toHaveLength(2);
    rmSync(join(dir, readdirSync(dir)[0]!));
    expect(summaryOf(await runCli([...args, '--max-delete', '50%'])).a.deleted).toBe(1);
  });
});

describe('a mistyped account (issue 9 item 4)', () => {
  it('"gillse:/..." is a usage error listing the known accounts; no folder is created, nothing synced', async () => {
    const { url } = await teamCalendar(1);
    const cwd = join(work, `cwd-${++n}`);
    mkdirSync(cwd);
    const state = join(work, `typo-${n}.sqlite`);
    const run = await runCliIn(cwd, [
      'sync',
      `gilles:${path(url)}`,
      `gillse:${path(url)}`,
      '--state',
      state,
      '--config',
      config,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"gillse" is not a configured account \(known accounts: david, gilles\)/);
    expect(run.stdout).not.toMatch(/created/);
    expect(readdirSync(cwd)).toEqual([]);
    expect(existsSync(state)).toBe(false);
    expect(await listItems(gilles.transport, url, 'calendar')).toHaveLength(1);
  });
});

describe('a reverted read-only edit (issue 9 item 5)', () => {
  it('David edits his copy of a calendar Gilles shares read-only: the output names the change and where it is kept', async () => {
    const { url } = await teamCalendar(1);
    const collection = path(url).split('/').filter(Boolean).pop()!;
    const revoke = await radicaleGrant('alice', collection, 'bob', 'r');
    try {
      const { dir, state } = fresh('read-only');
      const args = ['sync', `david:${path(url)}`, dir, '--state', state, '--config', config];
      expect(summaryOf(await runCli([...args, '--json'])).b.created).toBe(1);
      const [file] = readdirSync(dir);
      const original = readFileSync(join(dir, file!), 'utf8');
      writeFileSync(join(dir, file!), original.replace('SUMMARY:Réunion 0', 'SUMMARY:Réunion déplacée par David'));

      const run = await runCli(args);
      expect(run.code).toBe(0);
      const kept = readdirSync(`${state}.conflicts`).filter((f) => f.endsWith('.ics'));
      expect(kept).toHaveLength(1);
      const keptAt = join(`${state}.conflicts`, kept[0]!);
      expect(readFileSync(keptAt, 'utf8')).toContain('SUMMARY:Réunion déplacée par David');
      expect(run.stdout).toMatch(/0 created, 1 updated/);
      expect(run.stdout).toContain(`your change to "Réunion déplacée par David" was not sent: david: Équipe technique`);
      expect(run.stdout).toMatch(new RegExp(`is read-only; kept at ${keptAt.replace(/[.]/g, '\\.')}\n`));
      expect(readFileSync(join(dir, file!), 'utf8')).toContain('SUMMARY:Réunion 0');
      const server = await queryItems(gilles.transport, url, 'calendar');
      expect(server[0]!.data).toContain('SUMMARY:Réunion 0');

      // the JSON summary and French say it as well
      writeFileSync(join(dir, file!), original.replace('SUMMARY:Réunion 0', 'SUMMARY:Deuxième essai'));
      const json = await runCli([...args, '--json'], { LANG: 'fr_FR.UTF-8' });
      const reverts = (JSON.parse(json.stdout.trim().split('\n').pop()!) as { readOnlyReverts: unknown[] })
        .readOnlyReverts;
      expect(reverts).toEqual([
        expect.objectContaining({
          side: 'b',
          title: 'Deuxième essai',
          keptAt: expect.stringMatching(/\.conflicts\/.+\.ics$/),
          fr: expect.stringMatching(
            /^votre modification de « Deuxième essai » n'a pas été envoyée : .* est en lecture seule ; conservée dans /,
          ),
        }),
      ]);
    } finally {
      await revoke();
    }
  });
});

/** A real HTTP proxy in front of Radicale that holds every request `delayMs`: a run then lasts long enough to overlap. */
/**
 * A proxy in front of Radicale that delays every request, and that can hold them all (`hold`) until released:
 * a run held there keeps its pair's lock for as long as a test needs, however slow the machine.
 */
async function slowProxy(delayMs: number): Promise<{
  url: string;
  requests: () => number;
  hold: () => void;
  release: () => void;
  close: () => Promise<void>;
}> {
  const upstream = new URL(radicale.rootUrl);
  let requests = 0;
  let held: Array<() => void> | undefined;
  const server: Server = createServer((req, res) => {
    requests++;
    const forward = () =>
      setTimeout(() => {
        const out = httpRequest(
          { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        req.pipe(out);
      }, delayMs);
    if (held) held.push(forward);
    else forward();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests: () => requests,
    hold: () => (held = held ?? []),
    release: () => {
      const waiting = held ?? [];
      held = undefined;
      for (const forward of waiting) forward();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('one run per pair (issue 9 item 6)', () => {
  it('two runs of one pair started at once: exactly one acts, the other waits and finds nothing to do', async () => {
    const { url, uids } = await teamCalendar(12);
    const proxy = await slowProxy(400);
    try {
      const slow = writeConfig(mkdtempSync(join(work, 'slow-')), {
        gilles: { server: proxy.url, username: 'alice', password: 'alicepw' },
      });
      const { dir, state } = fresh('overlap');
      const args = ['sync', `gilles:${path(url)}`, dir, '--state', state, '--config', slow, '--json'];
      const [one, two] = await Promise.all([runCli(args), runCli(args)]);
      expect([one.code, two.code]).toEqual([0, 0]);
      const created = [summaryOf(one).b.created, summaryOf(two).b.created].sort();
      expect(created).toEqual([0, 12]); // never both reporting the same creations
      expect(summaryOf(one).planned * summaryOf(two).planned).toBe(0);
      expect(one.stderr + two.stderr).toMatch(/another sync of this pair is running \(pid \d+\); waiting up to 30 s/);
      expect([...folderByUid(dir).keys()].sort()).toEqual([...uids].sort());
      expect(await listItems(gilles.transport, url, 'calendar')).toHaveLength(12);
      expect(existsSync(`${state}.lock`)).toBe(false);
    } finally {
      await proxy.close();
    }
  });

  it('a lock left by a run that died (SIGKILL, crash) on this host is taken over', async () => {
    const { url } = await teamCalendar(2);
    const { dir, state } = fresh('stale');
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout);
    writeFileSync(`${state}.lock`, JSON.stringify({ pid: dead, host: hostname(), since: '2026-12-01T23:00:00.000Z' }));
    const run = await runCli([
      'sync',
      `gilles:${path(url)}`,
      dir,
      '--state',
      state,
      '--config',
      config,
      '--wait',
      '0',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(summaryOf(run).b.created).toBe(2);
    expect(existsSync(`${state}.lock`)).toBe(false);
  });

  it('with --wait 0 the second run exits 1 at once, naming the running one, and does nothing', async () => {
    const { url } = await teamCalendar(5);
    const proxy = await slowProxy(0);
    // The first run is held at its first request until both refused runs are done.
    proxy.hold();
    try {
      const slow = writeConfig(mkdtempSync(join(work, 'slow-')), {
        gilles: { server: proxy.url, username: 'alice', password: 'alicepw' },
      });
      const { dir, state } = fresh('busy');
      const args = ['sync', `gilles:${path(url)}`, dir, '--state', state, '--config', slow, '--json'];
      const first = spawnCli(args);
      let firstOut = '';
      first.stdout!.on('data', (d: Buffer) => (firstOut += d.toString()));
      const firstDone = new Promise<number>((r) => first.once('exit', (code) => r(code ?? 1)));
      // The first run is talking to the server (so it is past taking the lock).
      for (let i = 0; proxy.requests() === 0; i++) {
        if (i > 200) throw new Error('the first run never reached the server');
        await new Promise((r) => setTimeout(r, 50));
      }
      const second = await runCli([...args, '--wait', '0']);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`another sync of this pair is running (pid ${first.pid} on `);
      expect(second.stderr).toContain(`${state}.lock`);
      expect(second.stdout).toBe('');
      const fr = await runCli([...args, '--wait', '0'], { LANG: 'fr_FR.UTF-8' });
      expect(fr.stderr).toContain(`une autre synchronisation de cette paire est en cours (pid ${first.pid} sur `);
      proxy.release();
      expect(await firstDone).toBe(0);
      expect(JSON.parse(firstOut.trim().split('\n').pop()!).b.created).toBe(5);
      expect(folderByUid(dir).size).toBe(5);
    } finally {
      proxy.release();
      await proxy.close();
    }
  });
});
