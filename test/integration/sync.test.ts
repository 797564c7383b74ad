/**
 * `dav-bridge sync` against real servers: Radicale <-> folder, Radicale <-> Cyrus (a team on two platforms),
 * a read-only Cyrus share, a process killed mid-sync, a server failing mid-run, and items that must keep their
 * meaning through the round trip.
 */
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { getItem, listItems, queryItems, updateItem } from '../../bridge-core/src/dav/items.js';
import { createAddressBook, createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { parseMultistatus } from '../../bridge-core/src/dav/multistatus.js';
import { contentHash } from '../../bridge-core/src/sync/normalize.js';
import { extractUid } from '../../bridge-core/src/sync/content-lines.js';
import { DavCollectionStore } from '../../bridge-core/src/stores/dav-store.js';
import { testServers, uniqueName } from '../harness/servers.js';
import { connect } from './dav-helpers.js';
import { fill, folderByUid, runCli, spawnCli, summaryOf, writeConfig } from './sync-helpers.js';
import { vevent } from '../support/items.js';

const { radicale, cyrus } = testServers;
const work = mkdtempSync(join(tmpdir(), 'dav-bridge-sync-'));
const config = writeConfig(work, {
  rad: { server: radicale.rootUrl, username: 'alice', password: 'alicepw' },
  cyr: { server: cyrus.rootUrl, username: 'alice', password: 'alicepw' },
  'cyr-bob': { server: cyrus.rootUrl, username: 'bob', password: 'bobpw' },
});
const path = (url: string) => new URL(url).pathname;
let n = 0;
const fresh = (label: string) => {
  const dir = join(work, `${label}-${++n}`);
  return { dir, state: `${dir}.sqlite` };
};

let radAlice: DavAccount;
let cyrAlice: DavAccount;
const made: [DavAccount, string][] = [];
async function newCalendar(account: DavAccount, name: string, components: ('VEVENT' | 'VTODO')[] = ['VEVENT']) {
  const url = await createCalendar(account.transport, account.discovery.principal.calendarHomes[0]!, {
    name,
    components,
  });
  made.push([account, url]);
  return url;
}

beforeAll(async () => {
  radAlice = await connect(radicale, 'alice');
  cyrAlice = await connect(cyrus, 'alice');
});
afterAll(async () => {
  for (const [account, url] of made) await deleteCollection(account.transport, url);
});

describe('Radicale <-> folder', () => {
  it('copies, then propagates edits and deletions both ways, and an idle run reads incrementally and plans nothing', async () => {
    const cal = await newCalendar(radAlice, 'sync-folder');
    const uids = [0, 1, 2, 3, 4].map(() => uniqueName('e'));
    await fill(
      radAlice,
      cal,
      uids.map((u, i) => ({ name: `${u}.ics`, data: vevent(u, `Event ${i}`) })),
    );
    const { dir, state } = fresh('folder');
    const args = ['sync', `rad:${path(cal)}`, dir, '--state', state, '--config', config, '--json'];

    const first = summaryOf(await runCli(args));
    expect(first.b.created).toBe(5);
    expect(folderByUid(dir).size).toBe(5);

    // local edit + local delete + local create; server edit
    const files = readdirSync(dir);
    const edited = files.find((f) => readFileSync(join(dir, f), 'utf8').includes(`UID:${uids[0]}`))!;
    writeFileSync(
      join(dir, edited),
      readFileSync(join(dir, edited), 'utf8').replace('SUMMARY:Event 0', 'SUMMARY:Édité localement'),
    );
    rmSync(
      join(
        dir,
        files.find((f) => readFileSync(join(dir, f), 'utf8').includes(`UID:${uids[1]}`))!,
      ),
    );
    const newUid = uniqueName('local');
    writeFileSync(join(dir, `${newUid}.ics`), vevent(newUid, 'Créé dans le dossier'));
    const remote = (await queryItems(radAlice.transport, cal, 'calendar')).find((i) =>
      i.data.includes(`UID:${uids[2]}`),
    )!;
    await updateItem(
      radAlice.transport,
      remote.href,
      vevent(uids[2]!, 'Edited on the server'),
      remote.etag,
      'calendar',
    );

    const second = summaryOf(await runCli(args));
    expect(second.a).toMatchObject({ created: 1, updated: 1, deleted: 1, errors: 0 });
    expect(second.b).toMatchObject({ updated: 1, errors: 0 });
    const server = await queryItems(radAlice.transport, cal, 'calendar');
    expect(server).toHaveLength(5);
    expect(server.map((i) => i.data).join()).toContain('SUMMARY:Édité localement');
    expect(server.map((i) => i.data).join()).toContain('SUMMARY:Créé dans le dossier');
    expect([...folderByUid(dir).values()].join()).toContain('SUMMARY:Edited on the server');

    const idle = await runCli([...args]);
    const summary = summaryOf(idle);
    expect(summary.planned).toBe(0);
    expect(summary.listing.a).toBe('incremental');
  });

  it('refuses to empty the server when the folder was wiped, unless forced', async () => {
    const cal = await newCalendar(radAlice, 'sync-guard');
    const uids = Array.from({ length: 8 }, () => uniqueName('g'));
    await fill(
      radAlice,
      cal,
      uids.map((u) => ({ name: `${u}.ics`, data: vevent(u, 'keep me') })),
    );
    const { dir, state } = fresh('guard');
    const args = ['sync', `rad:${path(cal)}`, dir, '--state', state, '--config', config];
    expect((await runCli(args)).code).toBe(0);
    for (const f of readdirSync(dir)) rmSync(join(dir, f));
    const refused = await runCli(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/dav-bridge: .*(empty|delete)/i);
    expect(await listItems(radAlice.transport, cal, 'calendar')).toHaveLength(8);
  });
});

describe('Radicale <-> Cyrus: one calendar on two platforms', () => {
  it('merges both sides, then carries edits and deletions across servers', async () => {
    const onRad = await newCalendar(radAlice, 'team-rad');
    const onCyr = await newCalendar(cyrAlice, 'team-cyr');
    const radUid = uniqueName('rad');
    const cyrUid = uniqueName('cyr');
    await fill(radAlice, onRad, [{ name: `${radUid}.ics`, data: vevent(radUid, 'From Radicale') }]);
    await fill(cyrAlice, onCyr, [{ name: `${cyrUid}.ics`, data: vevent(cyrUid, 'From Cyrus') }]);
    const { state } = fresh('two-servers');
    const args = ['sync', `rad:${path(onRad)}`, `cyr:${path(onCyr)}`, '--state', state, '--config', config, '--json'];
    const first = summaryOf(await runCli(args));
    expect(first.a.created).toBe(1);
    expect(first.b.created).toBe(1);
    const uidsOn = async (acc: DavAccount, url: string) =>
      (await queryItems(acc.transport, url, 'calendar')).map((i) => extractUid(i.data)).sort();
    expect(await uidsOn(radAlice, onRad)).toEqual([cyrUid, radUid].sort());
    expect(await uidsOn(cyrAlice, onCyr)).toEqual([cyrUid, radUid].sort());

    const cyrCopy = (await queryItems(cyrAlice.transport, onCyr, 'calendar')).find((i) => i.data.includes(radUid))!;
    await updateItem(cyrAlice.transport, cyrCopy.href, vevent(radUid, 'Edited on Cyrus'), cyrCopy.etag, 'calendar');
    const radCopy = (await queryItems(radAlice.transport, onRad, 'calendar')).find((i) => i.data.includes(cyrUid))!;
    await radAlice.transport.request({ method: 'DELETE', url: radCopy.href, headers: { 'If-Match': radCopy.etag! } });
    const second = summaryOf(await runCli(args));
    expect(second.a.updated).toBe(1);
    expect(second.b.deleted).toBe(1);
    expect(await uidsOn(cyrAlice, onCyr)).toEqual([radUid]);
    const radNow = await queryItems(radAlice.transport, onRad, 'calendar');
    expect(radNow).toHaveLength(1);
    expect(radNow[0]!.data).toContain('SUMMARY:Edited on Cyrus');
  });
});

describe('a read-only Cyrus share', () => {
  it('is never written; a local edit is reverted and kept in the conflicts folder', async () => {
    const cal = await newCalendar(cyrAlice, `Lecture seule ${uniqueName('ro')}`);
    const uid = uniqueName('ro');
    await fill(cyrAlice, cal, [{ name: `${uid}.ics`, data: vevent(uid, 'Owner’s version') }]);
    // alice shares read-only with bob (draft-pot share-resource); bob accepts through his notification.
    const bob = await connect(cyrus, 'bob');
    await cyrAlice.transport.request({
      method: 'POST',
      url: cal,
      headers: { 'Content-Type': 'application/davsharing+xml' },
      body: `<D:share-resource xmlns:D="DAV:"><D:sharee><D:href>${path(cyrus.principalUrl('bob'))}</D:href><D:share-access><D:read/></D:share-access></D:sharee></D:share-resource>`,
    });
    const notes = await bob.transport.request({
      method: 'PROPFIND',
      url: bob.discovery.principal.notificationUrl!,
      depth: '1',
      headers: { 'Content-Type': 'application/xml' },
      body: '<propfind xmlns="DAV:"><prop><resourcetype/></prop></propfind>',
    });
    let accepted = false;
    for (const note of parseMultistatus(notes.text, notes.url)
      .responses.map((r) => r.href)
      .filter((h) => h.endsWith('.xml'))) {
      const body = (await bob.transport.request({ method: 'GET', url: note })).text;
      if (!body.includes(path(cal))) continue;
      await bob.transport.request({
        method: 'POST',
        url: note,
        headers: { 'Content-Type': 'application/davsharing+xml' },
        body: `<D:invite-reply xmlns:D="DAV:"><D:invite-accepted/><D:create-in><D:href>${path(bob.discovery.principal.calendarHomes[0]!)}</D:href></D:create-in></D:invite-reply>`,
      });
      accepted = true;
    }
    expect(accepted).toBe(true);
    const { collections } = await bob.listCollections();
    const share = collections.find(
      (c) =>
        c.sharedWithMe &&
        c.name.startsWith('Lecture seule') &&
        c.url.includes(path(cal).split('/').filter(Boolean).pop()!),
    )!;
    expect(share).toBeDefined();
    expect(share.access).toBe('read');

    const { dir, state } = fresh('readonly');
    const args = ['sync', `cyr-bob:${path(share.url)}`, dir, '--state', state, '--config', config, '--json'];
    expect(summaryOf(await runCli(args)).b.created).toBe(1);
    const [file] = readdirSync(dir);
    writeFileSync(
      join(dir, file!),
      readFileSync(join(dir, file!), 'utf8').replace('SUMMARY:Owner’s version', 'SUMMARY:Bob tried'),
    );
    const after = summaryOf(await runCli(args));
    expect(after.a).toMatchObject({ created: 0, updated: 0, deleted: 0, errors: 0 });
    expect(readFileSync(join(dir, file!), 'utf8')).toContain('SUMMARY:Owner’s version');
    const kept = readdirSync(`${state}.conflicts`).filter((f) => f.endsWith('.ics'));
    expect(kept.map((f) => readFileSync(join(`${state}.conflicts`, f), 'utf8')).join()).toContain('SUMMARY:Bob tried');
    const ownerView = await queryItems(cyrAlice.transport, cal, 'calendar');
    expect(ownerView[0]!.data).toContain('SUMMARY:Owner’s version');
  });
});

describe('interruptions', () => {
  it('a sync killed with SIGKILL while uploading, then rerun, ends with every item exactly once', async () => {
    const cal = await newCalendar(radAlice, 'killed');
    const { dir, state } = fresh('killed');
    mkdirSync(dir, { recursive: true });
    const count = 400;
    for (let i = 0; i < count; i++) {
      const uid = `kill-${i}-${uniqueName('k')}`;
      writeFileSync(join(dir, `${uid}.ics`), vevent(uid, `Item ${i}`));
    }
    const args = ['sync', `rad:${path(cal)}`, dir, '--state', state, '--config', config, '--json'];
    const child = spawnCli(args);
    // kill once the server holds some but not all items
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      const onServer = (await listItems(radAlice.transport, cal, 'calendar')).length;
      if (onServer >= 20) break;
      if (child.exitCode !== null) throw new Error('sync finished before it could be killed: raise the item count');
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const partial = (await listItems(radAlice.transport, cal, 'calendar')).length;
    expect(partial).toBeLessThan(count);

    const rerun = summaryOf(await runCli(args));
    expect(rerun.a.errors + rerun.b.errors).toBe(0);
    const server = await queryItems(radAlice.transport, cal, 'calendar');
    const uids = server.map((i) => extractUid(i.data));
    expect(new Set(uids).size).toBe(count);
    expect(uids).toHaveLength(count);
    expect(folderByUid(dir).size).toBe(count);
    expect(summaryOf(await runCli(args)).planned).toBe(0);
  });

  it('a server failing mid-run: clear error, nothing lost, the next run completes', async () => {
    const cal = await newCalendar(radAlice, 'flaky');
    const { dir, state } = fresh('flaky');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 30; i++) {
      const uid = `flaky-${i}-${uniqueName('f')}`;
      writeFileSync(join(dir, `${uid}.ics`), vevent(uid, `Item ${i}`));
    }
    // A real proxy in front of Radicale that starts answering 500 after a number of requests.
    let served = 0;
    let failAfter = 12;
    const upstream = new URL(radicale.rootUrl);
    const proxy: Server = createServer((req, res) => {
      if (++served > failAfter) {
        res.writeHead(500, { 'Content-Type': 'text/html' }).end('<html><title>Upstream exploded</title></html>');
        return;
      }
      const out = httpRequest(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      req.pipe(out);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      mkdirSync(join(work, `proxy-${n}`), { recursive: true });
      const viaProxy = writeConfig(join(work, `proxy-${n}`), {
        flaky: {
          server: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`,
          username: 'alice',
          password: 'alicepw',
        },
      });
      const args = ['sync', `flaky:${path(cal)}`, dir, '--state', state, '--config', viaProxy, '--json'];
      const broken = await runCli(args);
      expect(broken.code).not.toBe(0);
      expect(broken.stderr + broken.stdout).toMatch(/Upstream exploded|server failed/);
      expect(readdirSync(dir)).toHaveLength(30); // nothing lost locally
      failAfter = Number.POSITIVE_INFINITY;
      const healed = summaryOf(await runCli(args));
      expect(healed.a.errors + healed.b.errors).toBe(0);
      const uids = (await queryItems(radAlice.transport, cal, 'calendar')).map((i) => extractUid(i.data));
      expect(uids).toHaveLength(30);
      expect(new Set(uids).size).toBe(30);
    } finally {
      await new Promise<void>((r) => proxy.close(() => r()));
    }
  });
});

describe.each([
  ['radicale', () => radAlice],
  ['cyrus', () => cyrAlice],
] as const)('round trip of demanding items through %s', (_name, account) => {
  const fixtures = join(__dirname, 'fixtures');
  it('events, tasks and vCards 3 and 4 come back with the same meaning', async () => {
    const acc = account();
    const cal = await newCalendar(acc, 'roundtrip-cal', ['VEVENT', 'VTODO']);
    const book = await createAddressBook(acc.transport, acc.discovery.principal.addressbookHomes[0]!, {
      name: 'roundtrip-book',
    });
    made.push([acc, book]);
    const src = fresh('rt-src');
    const srcCards = fresh('rt-src-cards');
    mkdirSync(src.dir, { recursive: true });
    mkdirSync(srcCards.dir, { recursive: true });
    const originals = new Map<string, string>();
    for (const f of readdirSync(fixtures)) {
      const uid = uniqueName(f.replace(/\W/g, ''));
      let text = readFileSync(join(fixtures, f), 'utf8').replaceAll('{UID}', uid);
      // Radicale 3.1 (vobject) truncates a vCard 4 data: URI photo on PUT ("data:image/png\;base64", the image
      // gone): a server defect no client can undo. The photo's round trip is checked on Cyrus and in vCard 3.
      if (acc === radAlice && f === 'contact-v4.vcf') text = text.replace(/^PHOTO:.*\r\n/m, '');
      originals.set(uid, text);
      writeFileSync(join(f.endsWith('.vcf') ? srcCards.dir : src.dir, `${uid}.${f.split('.').pop()}`), text);
    }
    const name = acc === radAlice ? 'rad' : 'cyr';
    for (const [from, url] of [
      [src, cal],
      [srcCards, book],
    ] as const) {
      const up = summaryOf(
        await runCli(['sync', from.dir, `${name}:${path(url)}`, '--state', from.state, '--config', config, '--json']),
      );
      expect(up.b.errors).toBe(0);
      const back = fresh('rt-back');
      const down = summaryOf(
        await runCli(['sync', `${name}:${path(url)}`, back.dir, '--state', back.state, '--config', config, '--json']),
      );
      expect(down.b.errors).toBe(0);
      const got = folderByUid(back.dir);
      for (const [uid, text] of got) {
        const original = originals.get(uid)!;
        expect(original).toBeDefined();
        // same meaning: the normalized hash ignores what servers legitimately rewrite (PRODID, VTIMEZONE...)
        expect(contentHash(text)).toBe(contentHash(original));
      }
      expect(got.size).toBe(readdirSync(from.dir).length);
    }
    const one = await getItem(acc.transport, (await listItems(acc.transport, cal, 'calendar'))[0]!.href);
    expect(one.data).toMatch(/BEGIN:VCALENDAR/);
  });
});

describe('a time window (--start/--end)', () => {
  it('syncs only the events inside it, and never deletes what merely lies outside', async () => {
    const cal = await newCalendar(radAlice, 'windowed');
    const inside = uniqueName('in');
    const outside = uniqueName('out');
    await fill(radAlice, cal, [
      { name: `${inside}.ics`, data: vevent(inside, 'Décembre') },
      {
        name: `${outside}.ics`,
        data: vevent(outside, 'Mars')
          .replace('DTSTART:20261201T100000Z', 'DTSTART:20270301T100000Z')
          .replace('DTEND:20261201T110000Z', 'DTEND:20270301T110000Z'),
      },
    ]);
    const { dir, state } = fresh('window');
    const args = [
      'sync',
      `rad:${path(cal)}`,
      dir,
      '--state',
      state,
      '--config',
      config,
      '--json',
      '--start',
      '2026-11-01',
      '--end',
      '2027-01-01',
    ];
    const first = summaryOf(await runCli(args));
    expect(first.b.created).toBe(1);
    expect([...folderByUid(dir).keys()]).toEqual([inside]);
    const again = summaryOf(await runCli(args));
    expect(again.planned).toBe(0);
    expect(await listItems(radAlice.transport, cal, 'calendar')).toHaveLength(2);
  });

  it('rejects a date it cannot read', async () => {
    const r = await runCli(['sync', 'rad:/alice/x/', join(work, 'x'), '--config', config, '--start', 'next tuesday']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--start: not a date/);
  });
});

describe('the DAV store after a first full read', () => {
  it('serves what it read, and asks the server for anything else (no loop on an unknown id)', async () => {
    const cal = await newCalendar(radAlice, 'prefetch');
    const uids = [uniqueName('p'), uniqueName('p')];
    await fill(
      radAlice,
      cal,
      uids.map((u) => ({ name: `${u}.ics`, data: vevent(u, 'Prefetched') })),
    );
    const store = new DavCollectionStore({
      transport: radAlice.transport,
      url: cal,
      family: 'calendar',
      readOnly: false,
      supportsSyncCollection: true,
    });
    const first = await store.changesSince(null);
    expect(first.full).toBe(true);
    expect(first.changed).toHaveLength(2);
    const unknown = new URL('not-there.ics', cal).toString();
    const got = await store.getMany([first.changed[0]!.id, unknown]);
    expect(got.map((g) => g.id)).toEqual([first.changed[0]!.id]);
    // the other prefetched item is still served, then fetched from the server once handed out
    expect((await store.getMany([first.changed[1]!.id]))[0]!.data).toContain('SUMMARY:Prefetched');
    expect((await store.getMany([first.changed[1]!.id]))[0]!.data).toContain('SUMMARY:Prefetched');
  });
});
