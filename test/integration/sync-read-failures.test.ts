/**
 * Never delete what could not be read: `dav-bridge sync` between a real server (Radicale, Cyrus; calendars and
 * address books) and a folder, with a proxy that damages the server's answers for one item. The item the
 * server fails to return is neither deleted nor overwritten on the folder side, the failure is reported (and
 * the exit code says so), the rest of the run goes through, and a healthy rerun brings the server's edit.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { listItems, queryItems, updateItem, type ItemFamily } from '../../bridge-core/src/dav/items.js';
import { createAddressBook, createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { extractUid } from '../../bridge-core/src/sync/content-lines.js';
import { testServers, uniqueName, type TestServer } from '../harness/servers.js';
import { connect } from './dav-helpers.js';
import { vcard, vevent } from '../support/items.js';
import { startFaultProxy, type FaultProxy, type ItemFault } from './fault-proxy.js';
import { fill, folderByUid, runCli, summaryOf, writeConfig } from './sync-helpers.js';

const work = mkdtempSync(join(tmpdir(), 'dav-bridge-read-failures-'));
let n = 0;

interface Setup {
  account: DavAccount;
  proxy: FaultProxy;
  collection: string;
  family: ItemFamily;
  uids: string[];
  dir: string;
  args: string[];
  made: string[];
}

const item = (family: ItemFamily, uid: string, title: string): string =>
  family === 'calendar' ? vevent(uid, title) : vcard(uid, title);

/** A collection of 10 items on the server, synced once (healthy) to a new folder through a fault proxy. */
async function setUp(server: TestServer, family: ItemFamily, made: [DavAccount, string][]): Promise<Setup> {
  const account = await connect(server, 'alice');
  const home =
    family === 'calendar'
      ? account.discovery.principal.calendarHomes[0]!
      : account.discovery.principal.addressbookHomes[0]!;
  const name = uniqueName('unreadable');
  const collection =
    family === 'calendar'
      ? await createCalendar(account.transport, home, { name })
      : await createAddressBook(account.transport, home, { name });
  made.push([account, collection]);
  const ext = family === 'calendar' ? '.ics' : '.vcf';
  const uids = Array.from({ length: 10 }, (_, i) => `${uniqueName(`r${i}`)}`);
  await fill(
    account,
    collection,
    uids.map((uid, i) => ({ name: `${uid}${ext}`, data: item(family, uid, `Équipe technique ${i}`) })),
    family,
  );
  const proxy = await startFaultProxy(server.rootUrl);
  const base = join(work, `${server.name}-${family}-${++n}`);
  mkdirSync(base, { recursive: true });
  const config = writeConfig(base, { gilles: { server: proxy.url, username: 'alice', password: 'alicepw' } });
  const dir = join(base, 'folder');
  const args = [
    'sync',
    `gilles:${new URL(collection).pathname}`,
    dir,
    '--state',
    join(base, 'state.sqlite'),
    '--config',
    config,
    '--json',
  ];
  const first = await runCli(args);
  expect([first.code, first.stderr]).toEqual([0, '']);
  expect(folderByUid(dir).size).toBe(10);
  return { account, proxy, collection, family, uids, dir, args, made: [] };
}

/** Edits the item of `uid` on the server itself (not through the proxy). */
async function editOnServer(s: Setup, uid: string, title: string): Promise<void> {
  const ref = (await listItems(s.account.transport, s.collection, s.family)).find((r) => r.href.includes(uid))!;
  await updateItem(s.account.transport, ref.href, item(s.family, uid, title), ref.etag, s.family);
}

/** The folder file holding `uid`. */
function fileOf(dir: string, uid: string): string {
  const name = readdirSync(dir).find((f) => !f.startsWith('.') && readFileSync(join(dir, f), 'utf8').includes(uid));
  if (!name) throw new Error(`no file for ${uid} in ${dir}`);
  return join(dir, name);
}

const servers: [string, TestServer][] = [
  ['radicale', testServers.radicale],
  ['cyrus', testServers.cyrus],
];
const families: ItemFamily[] = ['calendar', 'addressbook'];
const faults: ItemFault[] = ['status-500', 'data-500', 'truncated', 'omitted'];

describe.each(servers)('an item %s fails to return', (_name, server) => {
  const made: [DavAccount, string][] = [];
  afterAll(async () => {
    for (const [account, url] of made) await deleteCollection(account.transport, url).catch(() => undefined);
  });

  // Every kind of per-item failure in the answers that carry data, on calendars; a 500 in every answer (the
  // sync-collection listing too) on both families.
  const cases: [ItemFamily, ItemFault, 'reads' | 'all'][] = [
    ...faults.map((f): [ItemFamily, ItemFault, 'reads'] => ['calendar', f, 'reads']),
    ...families.map((f): [ItemFamily, ItemFault, 'all'] => [f, 'status-500', 'all']),
  ];
  it.each(cases)(
    '%s, %s in %s answers: its folder copy is kept, the failure is reported, the rest syncs, a healthy rerun heals',
    async (family, fault, scope) => {
      const s = await setUp(server, family, made);
      try {
        const [broken, other] = [s.uids[3]!, s.uids[5]!];
        const keptBefore = readFileSync(fileOf(s.dir, broken), 'utf8');
        // The server changes the item it will then fail to return; David edits another one locally.
        await editOnServer(s, broken, 'Changed on the server');
        writeFileSync(fileOf(s.dir, other), item(family, other, 'Changed in the folder'));

        s.proxy.itemFault = { hrefPart: broken, fault, scope };
        const run = await runCli(s.args);
        const summary = summaryOf(run) as ReturnType<typeof summaryOf> & { unreadable: number };
        expect(run.code).toBe(1);
        expect(summary.b.deleted).toBe(0);
        expect(summary.unreadable).toBeGreaterThanOrEqual(1);
        expect(summary.issues.some((i) => i.kind === 'unreadable' && i.message.includes(broken))).toBe(true);
        const folder = folderByUid(s.dir);
        expect(folder.size).toBe(10);
        expect(readFileSync(fileOf(s.dir, broken), 'utf8')).toBe(keptBefore);
        // The rest of the run went through: the folder's edit reached the server.
        expect(summary.a.updated).toBe(1);
        const onServer = await queryItems(s.account.transport, s.collection, s.family);
        expect(onServer.find((i) => extractUid(i.data) === other)?.data).toContain('Changed in the folder');

        s.proxy.itemFault = undefined;
        const healed = summaryOf(await runCli(s.args));
        expect(healed.issues.filter((i) => i.kind === 'unreadable')).toEqual([]);
        expect(folderByUid(s.dir).get(broken)).toContain('Changed on the server');
        expect(folderByUid(s.dir).size).toBe(10);
        expect(summaryOf(await runCli(s.args)).planned).toBe(0);
      } finally {
        await s.proxy.close();
      }
    },
  );

  it('a listing cut off mid-answer stops the run with an error and deletes nothing', async () => {
    const s = await setUp(server, 'calendar', made);
    try {
      // Items deleted on the server would make a full listing matter; the cut answer must not look like one.
      await editOnServer(s, s.uids[1]!, 'Changed on the server');
      s.proxy.cutReports = true;
      const run = await runCli(s.args);
      expect(run.code).not.toBe(0);
      expect(folderByUid(s.dir).size).toBe(10);
      s.proxy.cutReports = false;
      const healed = summaryOf(await runCli(s.args));
      expect(healed.b.deleted).toBe(0);
      expect(folderByUid(s.dir).get(s.uids[1]!)).toContain('Changed on the server');
    } finally {
      await s.proxy.close();
    }
  });
});
