/**
 * `dav-bridge discover` as a user runs it: the built CLI in a child process, a config file, real servers.
 * Build first (`npm run build`); `npm test` does.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { parseMultistatus, sameResource } from '../../bridge-core/src/dav/multistatus.js';
import { testServers, uniqueName } from '../harness/servers.js';
import { connect } from './dav-helpers.js';
import { runCli, type CliRun } from './sync-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'dav-bridge-cli-'));
const configFile = join(dir, 'config.json');
let htmlServer: Server;
let deadPortUrl: string;

beforeAll(async () => {
  htmlServer = createServer((_req, res) =>
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><title>It works</title></html>'),
  );
  await new Promise<void>((r) => htmlServer.listen(0, '127.0.0.1', r));
  const dead = createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  deadPortUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/`;
  await new Promise<void>((r) => dead.close(() => r()));
  const { radicale, cyrus } = testServers;
  writeFileSync(
    configFile,
    JSON.stringify({
      accounts: {
        'radicale-alice': { server: radicale.rootUrl, username: 'alice', password: { env: 'ALICE_PASSWORD' } },
        'cyrus-alice': {
          server: cyrus.rootUrl,
          username: 'alice',
          password: { command: ['printf', 'alicepw\\nsecond line ignored'] },
        },
        'cyrus-bob': { server: cyrus.rootUrl, username: 'bob', password: 'bobpw' },
        'wrong-password': { server: radicale.rootUrl, username: 'alice', password: 'not-the-password' },
        unreachable: { server: deadPortUrl, username: 'alice', password: 'x' },
        'not-dav': {
          server: `http://127.0.0.1:${(htmlServer.address() as AddressInfo).port}/`,
          username: 'alice',
          password: 'x',
        },
        'failing-command': { server: radicale.rootUrl, username: 'alice', password: { command: ['false'] } },
      },
    }),
  );
});
afterAll(() => new Promise<void>((r) => htmlServer.close(() => r())));

function json(r: CliRun) {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as {
    principal: string;
    collections: {
      url: string;
      kind: string;
      name: string;
      color: string | null;
      access: string;
      owner: string | null;
      sharedWithMe: boolean;
    }[];
  };
}

describe('dav-bridge discover on Radicale', () => {
  let alice: DavAccount;
  const made: string[] = [];
  beforeAll(async () => {
    alice = await connect(testServers.radicale, 'alice');
    const home = alice.discovery.principal.calendarHomes[0]!;
    made.push(
      await createCalendar(alice.transport, home, {
        name: 'Agenda Gilles',
        color: '#E7A1A2FF',
        components: ['VEVENT'],
      }),
    );
    made.push(
      await createCalendar(alice.transport, home, { name: 'Tâches équipe', color: '#2858A5FF', components: ['VTODO'] }),
    );
    made.push(await createCalendar(alice.transport, home, { name: 'Mixte', components: ['VEVENT', 'VTODO'] }));
  });
  afterAll(async () => {
    for (const u of made) await deleteCollection(alice.transport, u);
  });

  it('lists alice’s calendars, task lists and address books with kinds and colors (--json)', async () => {
    const out = json(
      await runCli(['discover', 'radicale-alice', '--json', '--config', configFile], { ALICE_PASSWORD: 'alicepw' }),
    );
    expect(out.principal).toBe(testServers.radicale.principalUrl('alice'));
    const byUrl = (u: string) => out.collections.find((c) => sameResource(c.url, u))!;
    expect(byUrl(made[0]!)).toMatchObject({
      kind: 'events',
      name: 'Agenda Gilles',
      color: '#E7A1A2FF',
      sharedWithMe: false,
    });
    expect(byUrl(made[1]!)).toMatchObject({ kind: 'tasks', name: 'Tâches équipe', color: '#2858A5FF' });
    expect(byUrl(made[2]!)).toMatchObject({ kind: 'events+tasks', name: 'Mixte', color: null });
    for (const u of made) expect(['admin', 'read-write']).toContain(byUrl(u).access);
  });

  it('prints a readable table without --json, in French when the locale is French', async () => {
    const r = await runCli(['discover', 'radicale-alice', '--config', configFile], {
      ALICE_PASSWORD: 'alicepw',
      LANG: 'fr_FR.UTF-8',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/TYPE\s+DROITS\s+PARTAGÉ\s+COULEUR\s+NOM\s+URL/);
    expect(r.stdout).toMatch(/tâches\s+Gestion\s+-\s+#2858A5FF\s+Tâches équipe/);
  });

  it('takes the config from $DAV_BRIDGE_CONFIG', async () => {
    const r = await runCli(['discover', 'radicale-alice', '--json'], {
      ALICE_PASSWORD: 'alicepw',
      DAV_BRIDGE_CONFIG: configFile,
    });
    expect(json(r).principal).toBe(testServers.radicale.principalUrl('alice'));
  });
});

describe('dav-bridge discover on Cyrus, with a calendar shared by alice', () => {
  let alice: DavAccount;
  let shared: string;
  const sharedName = `Équipe tech ${uniqueName('s')}`;
  beforeAll(async () => {
    alice = await connect(testServers.cyrus, 'alice');
    const bob = await connect(testServers.cyrus, 'bob');
    shared = await createCalendar(alice.transport, alice.discovery.principal.calendarHomes[0]!, {
      name: sharedName,
      color: '#329B7AFF',
    });
    // Share and accept with the raw protocol (draft-pot share-resource, then invite-reply): the sharing
    // drivers are tested on their own; here we only need the share to exist.
    await alice.transport.request({
      method: 'POST',
      url: shared,
      headers: { 'Content-Type': 'application/davsharing+xml' },
      body: `<D:share-resource xmlns:D="DAV:"><D:sharee><D:href>${new URL(testServers.cyrus.principalUrl('bob')).pathname}</D:href><D:share-access><D:read-write/></D:share-access></D:sharee></D:share-resource>`,
    });
    const notes = await bob.transport.request({
      method: 'PROPFIND',
      url: bob.discovery.principal.notificationUrl!,
      depth: '1',
      headers: { 'Content-Type': 'application/xml' },
      body: '<propfind xmlns="DAV:"><prop><resourcetype/></prop></propfind>',
    });
    const note = parseMultistatus(notes.text, notes.url)
      .responses.map((r) => r.href)
      .filter((h) => h.endsWith('.xml'))
      .pop();
    expect(note).toBeDefined();
    await bob.transport.request({
      method: 'POST',
      url: note!,
      headers: { 'Content-Type': 'application/davsharing+xml' },
      body: `<D:invite-reply xmlns:D="DAV:"><D:invite-accepted/><D:create-in><D:href>${new URL(bob.discovery.principal.calendarHomes[0]!).pathname}</D:href></D:create-in></D:invite-reply>`,
    });
  });
  afterAll(async () => {
    await deleteCollection(alice.transport, shared);
  });

  it('lists the share for bob as sharedWithMe, read-write, beside his own collections', async () => {
    const out = json(await runCli(['discover', 'cyrus-bob', '--json', '--config', configFile]));
    expect(out.principal).toBe(testServers.cyrus.principalUrl('bob'));
    // Other tests may share other calendars with bob on the same server: look for ours by its unique name.
    const theShare = out.collections.filter((c) => c.name === sharedName);
    expect(theShare).toHaveLength(1);
    expect(theShare[0]).toMatchObject({ kind: 'events', access: 'read-write', sharedWithMe: true, color: '#329B7AFF' });
    expect(sameResource(theShare[0]!.owner!, testServers.cyrus.principalUrl('alice'))).toBe(true);
    const own = out.collections.filter((c) => !c.sharedWithMe);
    expect(own.length).toBeGreaterThanOrEqual(2); // his default calendar and address book
    for (const c of own) expect(c.access).toBe('admin');
  });

  it('lists alice’s calendar as shared by her (password from a command)', async () => {
    const out = json(await runCli(['discover', 'cyrus-alice', '--json', '--config', configFile]));
    const mine = out.collections.find((c) => sameResource(c.url, shared))!;
    expect(mine).toMatchObject({ sharedWithMe: false, access: 'admin' });
    expect((mine as unknown as { sharedByMe: boolean }).sharedByMe).toBe(true);
  });
});

describe('dav-bridge failures: one clear line on stderr, non-zero exit', () => {
  const oneLine = (r: CliRun) => {
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    return r.stderr.trim();
  };

  it('wrong password', async () => {
    const line = oneLine(await runCli(['discover', 'wrong-password', '--config', configFile]));
    expect(line).toMatch(/^dav-bridge: The server rejected the user name or password/);
    expect(line).not.toContain('not-the-password');
  });

  it('wrong password, in French', async () => {
    const line = oneLine(await runCli(['discover', 'wrong-password', '--config', configFile], { LANG: 'fr_FR.UTF-8' }));
    expect(line).toMatch(/refusé l'identifiant ou le mot de passe/);
  });

  it('unknown account', async () => {
    expect(oneLine(await runCli(['discover', 'nobody', '--config', configFile]))).toMatch(
      /Unknown account "nobody" .*known: radicale-alice/,
    );
  });

  it('unreachable server', async () => {
    expect(oneLine(await runCli(['discover', 'unreachable', '--config', configFile]))).toMatch(
      /Cannot reach the server \(ECONNREFUSED\)/,
    );
  });

  it('a URL that is not a DAV server', async () => {
    expect(oneLine(await runCli(['discover', 'not-dav', '--config', configFile]))).toMatch(
      /No CalDAV\/CardDAV service answers at http:\/\/127\.0\.0\.1/,
    );
  });

  it('a password command that fails', async () => {
    expect(oneLine(await runCli(['discover', 'failing-command', '--config', configFile]))).toMatch(
      /password command of account "failing-command" failed/,
    );
  });

  it('a missing password environment variable', async () => {
    expect(oneLine(await runCli(['discover', 'radicale-alice', '--config', configFile]))).toMatch(
      /ALICE_PASSWORD is not set/,
    );
  });

  it.each([
    ['not JSON', '{ "accounts": ', /is not valid JSON/],
    ['no accounts', '{"servers": {}}', /missing "accounts" object/],
    ['account without server', '{"accounts": {"a": {"username": "x"}}}', /needs a "server" URL or an "email"/],
    [
      'bad password form',
      '{"accounts": {"a": {"server": "http://x/", "username": "x", "password": {"file": "/etc/shadow"}}}}',
      /"password" must be/,
    ],
    ['server not http', '{"accounts": {"a": {"server": "ftp://x/", "username": "x"}}}', /not an http\(s\) URL/],
  ])('a malformed config file (%s)', async (_name, text, pattern) => {
    const file = join(dir, `${uniqueName('cfg')}.json`);
    writeFileSync(file, text);
    expect(oneLine(await runCli(['discover', 'a', '--config', file]))).toMatch(pattern);
  });

  it('a missing config file', async () => {
    expect(oneLine(await runCli(['discover', 'a', '--config', join(dir, 'absent.json')]))).toMatch(
      /No config file at .*absent\.json/,
    );
  });

  it('usage errors exit 2', async () => {
    const r = await runCli(['discover']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage: dav-bridge discover <account>/);
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });
});
