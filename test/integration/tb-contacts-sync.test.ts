/**
 * Issue 14, item 2: two-way contact sync between a REAL CardDAV address book (Radicale, Cyrus) and a Thunderbird
 * address book. Thunderbird itself is the Thunderbird API stand-in (thunderbird-ext/test/support/browser-standin.ts,
 * written from the documented addressBooks.contacts contract); the DAV side, core's use case and core's engine
 * are real. First sync of 500 contacts, an edit and a deletion on each side, the mass-deletion guard, and a
 * read-only share (Cyrus: alice shares read-only with bob) whose local edits are reverted and reported.
 */
import { createTransport, type Transport } from '../../bridge-core/src/dav/transport.js';
import { createItem, deleteItem, getItem, listItems, updateItem } from '../../bridge-core/src/dav/items.js';
import { createAddressBook, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { sameResource } from '../../bridge-core/src/dav/multistatus.js';
import { acceptInvitation, listInvitations } from '../../bridge-core/src/sharing/invitations.js';
import { openSharing } from '../../bridge-core/src/sharing/session.js';
import { readCollectionProfile } from '../../bridge-core/src/use-cases/open-collection.js';
import { connectUser } from '../../bridge-core/test/sharing/helpers.js';
import { browser } from '../../thunderbird-ext/src/browser.js';
import { syncContactPair, type ContactPair } from '../../thunderbird-ext/src/contacts/contact-sync.js';
import { StorageConflictLog } from '../../thunderbird-ext/src/storage/conflict-log.js';
import { standIn } from '../../thunderbird-ext/test/support/browser-standin.js';
import { serversUnderTest, startedServers, testServers, uniqueName, type TestServer } from '../harness/servers.js';
import { vcard } from '../support/items.js';

const COUNT = 500;

/** Runs `work` over `items`, `width` at a time. */
async function pool<T>(items: T[], width: number, work: (t: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/** Thunderbird's book: UID -> vCard. Fails on a duplicate UID (sync must never duplicate). */
async function bookByUid(bookId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const c of await browser.addressBooks.contacts.list(bookId)) {
    if (out.has(c.id)) throw new Error(`duplicate ${c.id}`);
    out.set(c.id, c.vCard);
  }
  return out;
}

async function serverHrefs(transport: Transport, book: string): Promise<Map<string, string>> {
  return new Map((await listItems(transport, book, 'addressbook')).map((r) => [r.href, r.etag ?? '']));
}

async function pairFor(
  server: TestServer,
  transport: Transport,
  user: 'alice' | 'bob',
  url: string,
): Promise<ContactPair> {
  const profile = await readCollectionProfile(transport, url, {
    myPrincipal: server.principalUrl(user),
    fallbackAccess: 'read-write',
  });
  if (!profile) throw new Error(`${url} is not an address book`);
  const bookId = await browser.addressBooks.create({ name: profile.name });
  const { syncToken: _t, collection: _c, ...collection } = profile;
  return { id: uniqueName('pair'), accountId: `${server.name}-${user}`, collection, bookId };
}

describe.each(serversUnderTest().map((s) => [s.name, s] as const))(
  'contacts sync with a Thunderbird book (Thunderbird API stand-in) against %s',
  (_name, server) => {
    const transport = createTransport({
      auth: { type: 'basic', username: 'alice', password: server.users.alice.password },
    });
    const uids = Array.from({ length: COUNT }, (_, i) => uniqueName(`c${i}`));
    let book: string;
    let pair: ContactPair;
    const hrefOf = (uid: string) => `${book}${uid}.vcf`;

    beforeAll(async () => {
      standIn.reset();
      book = await createAddressBook(transport, server.addressbookHomeUrl('alice'), {
        name: 'Équipe technique',
        slug: uniqueName('tb-contacts'),
      });
      await pool(uids, 8, (uid) =>
        createItem(transport, book, `${uid}.vcf`, vcard(uid, `Contact ${uid.slice(0, 5)}`), 'addressbook'),
      );
      pair = await pairFor(server, transport, 'alice', book);
    }, 300_000);

    afterAll(async () => {
      if (book) await deleteCollection(transport, book).catch(() => undefined);
    });

    it(`first sync brings the ${COUNT} contacts into Thunderbird, once each; a second run changes nothing`, async () => {
      const first = await syncContactPair(browser, transport, pair);
      expect(first).toMatchObject({ ok: true, thunderbird: { created: COUNT, errors: 0 }, server: { created: 0 } });
      const local = await bookByUid(pair.bookId);
      expect([...local.keys()].sort()).toEqual([...uids].sort());
      expect(local.get(uids[0]!)).toContain('FN:Contact');
      // the status is in extension storage, one entry per contact
      const statusKeys = [...standIn.storage().keys()].filter((k) => k.startsWith(`status:${pair.id}:e:`));
      expect(statusKeys).toHaveLength(COUNT);
      const again = await syncContactPair(browser, transport, pair);
      expect(again).toMatchObject({
        ok: true,
        server: { created: 0, updated: 0, deleted: 0 },
        thunderbird: { created: 0, updated: 0, deleted: 0 },
      });
      expect(await browser.storage.local.get(`outcome:${pair.id}`)).toEqual({ [`outcome:${pair.id}`]: again });
    }, 300_000);

    it('an edit in Thunderbird reaches the server; an edit on the server reaches Thunderbird', async () => {
      const [tbUid, srvUid] = [uids[1]!, uids[2]!];
      const node = await browser.addressBooks.contacts.get(tbUid);
      await browser.addressBooks.contacts.update(tbUid, node.vCard.replace(/^FN:.*$/m, 'FN:Alexandre Martin'));
      const current = await getItem(transport, hrefOf(srvUid));
      await updateItem(transport, hrefOf(srvUid), vcard(srvUid, 'David Leroy'), current.etag, 'addressbook');

      const run = await syncContactPair(browser, transport, pair);
      expect(run).toMatchObject({ ok: true, server: { updated: 1 }, thunderbird: { updated: 1 }, conflicts: 0 });
      expect((await getItem(transport, hrefOf(tbUid))).data).toContain('FN:Alexandre Martin');
      expect((await browser.addressBooks.contacts.get(srvUid)).vCard).toContain('FN:David Leroy');
    }, 120_000);

    it('a deletion in Thunderbird deletes on the server; a deletion on the server deletes in Thunderbird', async () => {
      const [tbUid, srvUid] = [uids[3]!, uids[4]!];
      await browser.addressBooks.contacts.delete(tbUid);
      await deleteItem(transport, hrefOf(srvUid), (await getItem(transport, hrefOf(srvUid))).etag);

      const run = await syncContactPair(browser, transport, pair);
      expect(run).toMatchObject({ ok: true, server: { deleted: 1 }, thunderbird: { deleted: 1 } });
      const hrefs = await serverHrefs(transport, book);
      expect([...hrefs.keys()].some((h) => h.includes(tbUid))).toBe(false);
      expect((await bookByUid(pair.bookId)).has(srvUid)).toBe(false);
      expect(hrefs.size).toBe(COUNT - 2);
      expect((await bookByUid(pair.bookId)).size).toBe(COUNT - 2);
    }, 120_000);

    it('the deletion guard stops a run that would empty the server, writing nothing', async () => {
      for (const c of (await browser.addressBooks.contacts.list(pair.bookId)).slice(0, 100)) {
        await browser.addressBooks.contacts.delete(c.id);
      }
      const before = await serverHrefs(transport, book);
      const run = await syncContactPair(browser, transport, pair);
      expect(run.ok).toBe(false);
      expect(run.stopped?.en).toMatch(/delete/i);
      expect(run.stopped?.fr).toMatch(/suppr/i);
      expect(run.server).toMatchObject({ created: 0, updated: 0, deleted: 0 });
      expect(await serverHrefs(transport, book)).toEqual(before);
    }, 120_000);
  },
);

const cyrusRun = startedServers().some((s) => s.name === 'cyrus') ? describe : describe.skip;

cyrusRun('a read-only shared address book in Thunderbird (Thunderbird API stand-in, real Cyrus share)', () => {
  const server = testServers.cyrus;
  let book: string;
  let bobCopy: string;
  let pair: ContactPair;
  let bobTransport: Transport;
  const alice = createTransport({ auth: { type: 'basic', username: 'alice', password: server.users.alice.password } });
  const uid = uniqueName('ro-card');

  beforeAll(async () => {
    standIn.reset();
    const aliceAccount = await connectUser(server.baseUrl, 'alice', server.users.alice.password);
    const bob = await connectUser(server.baseUrl, 'bob', server.users.bob.password);
    bobTransport = bob.transport;
    book = await createAddressBook(alice, server.addressbookHomeUrl('alice'), {
      name: 'Équipe technique',
      slug: uniqueName('tb-ro'),
    });
    await createItem(
      alice,
      book,
      `${uid}.vcf`,
      vcard(uid, 'Gilles Bernard', ['EMAIL:gilles@example.com']),
      'addressbook',
    );
    await (await openSharing(aliceAccount, new URL(book).pathname)).share('bob@example.com', { access: 'read' });
    const invite = (await listInvitations(bob)).find((i) => sameResource(i.collection, book));
    bobCopy = (await acceptInvitation(bob, invite!.id)).collection!;
    pair = await pairFor(server, bobTransport, 'bob', bobCopy);
  }, 120_000);

  afterAll(async () => {
    if (book) await deleteCollection(alice, book).catch(() => undefined);
  });

  it('is read-only; an edit made in Thunderbird is reverted, reported and kept, never written on the server', async () => {
    expect(pair.collection.access).toBe('read');
    expect(await syncContactPair(browser, bobTransport, pair)).toMatchObject({ ok: true, thunderbird: { created: 1 } });
    const node = await browser.addressBooks.contacts.get(uid);
    await browser.addressBooks.contacts.update(uid, node.vCard.replace(/^FN:.*$/m, 'FN:Edited by David'));
    const serverBefore = (await getItem(alice, `${book}${uid}.vcf`)).data;

    const run = await syncContactPair(browser, bobTransport, pair);
    expect(run.server).toMatchObject({ created: 0, updated: 0, deleted: 0, errors: 0 });
    expect(run.reverted).toHaveLength(1);
    expect(run.reverted[0]!.en).toMatch(/read-only/);
    expect(run.reverted[0]!.fr).toMatch(/lecture seule/);
    expect((await getItem(alice, `${book}${uid}.vcf`)).data).toBe(serverBefore);
    expect((await browser.addressBooks.contacts.get(uid)).vCard).toContain('FN:Gilles Bernard');
    const kept = await new StorageConflictLog(browser.storage.local, pair.id).records();
    expect(kept.map((r) => r.data).join('\n')).toContain('FN:Edited by David');
  }, 120_000);
});
