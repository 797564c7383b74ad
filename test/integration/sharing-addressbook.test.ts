/**
 * Sharing an address book (the sharing drivers were first written and tested on calendars): alice creates an
 * address book with one vCard, shares it read-only with bob, bob reads the card, his write is refused with a
 * clear error, alice lists the share, revokes it, and bob can no longer read. On Cyrus (resource sharing with
 * invitations, bob accepts first) and on DAViCal (WebDAV ACL, active at once).
 */
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { DavError, ForbiddenError } from '../../bridge-core/src/dav/errors.js';
import { createItem, getItem, listItems } from '../../bridge-core/src/dav/items.js';
import { createAddressBook, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { sameResource } from '../../bridge-core/src/dav/multistatus.js';
import { acceptInvitation, listInvitations } from '../../bridge-core/src/sharing/invitations.js';
import { openSharing, type SharedCollection } from '../../bridge-core/src/sharing/session.js';
import { connectUser } from '../../bridge-core/test/sharing/helpers.js';
import { startedServers, testServers, uniqueName, type ServerName } from '../harness/servers.js';
import { card } from '../support/items.js';

const vcard = (uid: string, name: string) =>
  card({ uid, name, prodid: '-//DAV Bridge tests//EN', email: 'contact@example.com' });

const started = (name: ServerName) => startedServers().some((s) => s.name === name);

async function login(name: ServerName): Promise<{ alice: DavAccount; bob: DavAccount }> {
  const server = testServers[name];
  const [alice, bob] = await Promise.all(
    (['alice', 'bob'] as const).map((u) => connectUser(server.baseUrl, u, server.users[u].password)),
  );
  return { alice: alice!, bob: bob! };
}

(started('cyrus') ? describe : describe.skip)('address-book sharing on Cyrus (resource sharing + invitations)', () => {
  const server = testServers.cyrus;
  let alice: DavAccount;
  let bob: DavAccount;
  let book: string;
  let shared: SharedCollection;
  let bobCopy: string | undefined;
  const cardUid = uniqueName('card');

  beforeAll(async () => {
    ({ alice, bob } = await login('cyrus'));
    const home = alice.discovery.principal.addressbookHomes[0] as string;
    book = await createAddressBook(alice.transport, home, { name: 'Contacts équipe', slug: uniqueName('contacts') });
    await createItem(alice.transport, book, `${cardUid}.vcf`, vcard(cardUid, 'Alexandre Martin'), 'addressbook');
    shared = await openSharing(alice, new URL(book).pathname);
  }, 60_000);

  afterAll(async () => {
    if (bobCopy) await deleteCollection(bob.transport, bobCopy).catch(() => undefined);
    if (book) await deleteCollection(alice.transport, book).catch(() => undefined);
  });

  it('detects resource sharing with invitations on the address book', () => {
    expect(shared.capabilities).toMatchObject({
      driver: 'resource-sharing',
      server: 'Cyrus',
      invitations: true,
      canManage: true,
    });
    expect(shared.capabilities.levels).toContain('read');
  });

  it('shares read-only with bob: pending until he accepts', async () => {
    expect(await shared.share('bob@example.com', { access: 'read' })).toMatchObject({
      access: 'read',
      status: 'pending',
    });
  });

  it('bob sees the invitation and accepts it; the copy is in his address-book home', async () => {
    const mine = (await listInvitations(bob)).filter((i) => sameResource(i.collection, book));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ access: 'read', owner: server.principalUrl('alice') });
    bobCopy = (await acceptInvitation(bob, mine[0]!.id)).collection;
    expect(bobCopy).toMatch(/\/dav\/addressbooks\/user\/bob\//);
    expect((await listInvitations(bob)).some((i) => sameResource(i.collection, book))).toBe(false);
    expect((await shared.listShares()).map((s) => [s.access, s.status])).toEqual([['read', 'accepted']]);
  });

  it('bob reads the card', async () => {
    const hrefs = (await listItems(bob.transport, bobCopy!, 'addressbook')).map((r) => r.href);
    expect(hrefs.some((h) => h.includes(cardUid))).toBe(true);
    expect((await getItem(bob.transport, `${bobCopy}${cardUid}.vcf`)).data).toContain('Alexandre Martin');
  });

  it("bob's write is refused with a clear ForbiddenError, and nothing is lost", async () => {
    const before = await listItems(alice.transport, book, 'addressbook');
    const bobUid = uniqueName('bob-card');
    const err = await createItem(bob.transport, bobCopy!, `${bobUid}.vcf`, vcard(bobUid, 'Essai'), 'addressbook').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as DavError).message).toMatch(/You do not have the right/);
    expect((err as DavError).localized('fr')).toMatch(/Vous n'avez pas le droit/);
    const after = await listItems(alice.transport, book, 'addressbook');
    expect(after.map((r) => r.href).sort()).toEqual(before.map((r) => r.href).sort());
  });

  it('alice lists the share, revokes it, and bob can no longer read', async () => {
    const shares = await shared.listShares();
    expect(shares).toHaveLength(1);
    expect(shares[0]).toMatchObject({ access: 'read', status: 'accepted' });
    expect(shares[0]!.sharee).toMatch(/bob/);
    await shared.unshare('bob@example.com');
    expect(await shared.listShares()).toEqual([]);
    await expect(getItem(bob.transport, `${bobCopy}${cardUid}.vcf`)).rejects.toBeInstanceOf(DavError);
    await expect(getItem(bob.transport, `${book}${cardUid}.vcf`)).rejects.toBeInstanceOf(DavError);
  });
});

(started('davical') ? describe : describe.skip)('address-book sharing on DAViCal (WebDAV ACL)', () => {
  let alice: DavAccount;
  let bob: DavAccount;
  let book: string;
  let shared: SharedCollection;
  const cardUid = uniqueName('card');

  beforeAll(async () => {
    ({ alice, bob } = await login('davical'));
    const home = alice.discovery.principal.addressbookHomes[0] as string;
    book = await createAddressBook(alice.transport, home, { name: 'Contacts équipe', slug: uniqueName('contacts') });
    await createItem(alice.transport, book, `${cardUid}.vcf`, vcard(cardUid, 'Alexandre Martin'), 'addressbook');
    shared = await openSharing(alice, new URL(book).pathname);
  }, 60_000);

  afterAll(async () => {
    if (book) await deleteCollection(alice.transport, book).catch(() => undefined);
  });

  it('detects the DAViCal ACL driver on the address book', () => {
    expect(shared.capabilities).toMatchObject({
      driver: 'davical',
      server: 'DAViCal',
      invitations: false,
      canManage: true,
    });
    expect(shared.capabilities.levels).toContain('read');
  });

  it('shares read-only with bob: active at once, no invitation', async () => {
    expect(await shared.share('bob@example.com', { access: 'read' })).toMatchObject({
      access: 'read',
      status: 'active',
    });
    expect(await listInvitations(bob)).toEqual([]);
  });

  it('bob reads the card', async () => {
    const hrefs = (await listItems(bob.transport, book, 'addressbook')).map((r) => r.href);
    expect(hrefs.some((h) => h.includes(cardUid))).toBe(true);
    expect((await getItem(bob.transport, `${book}${cardUid}.vcf`)).data).toContain('Alexandre Martin');
  });

  it("bob's write is refused with a clear ForbiddenError, and nothing is lost", async () => {
    const before = await listItems(alice.transport, book, 'addressbook');
    const bobUid = uniqueName('bob-card');
    const err = await createItem(bob.transport, book, `${bobUid}.vcf`, vcard(bobUid, 'Essai'), 'addressbook').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as DavError).localized('fr')).toMatch(/Vous n'avez pas le droit/);
    const after = await listItems(alice.transport, book, 'addressbook');
    expect(after.map((r) => r.href).sort()).toEqual(before.map((r) => r.href).sort());
  });

  it('alice lists the share, revokes it, and bob can no longer read', async () => {
    const shares = await shared.listShares();
    expect(shares.map((s) => [s.sharee.replace(/.*\/caldav\.php\//, ''), s.access, s.status])).toEqual([
      ['bob/', 'read', 'active'],
    ]);
    await shared.unshare('bob@example.com');
    expect(await shared.listShares()).toEqual([]);
    await expect(getItem(bob.transport, `${book}${cardUid}.vcf`)).rejects.toBeInstanceOf(DavError);
  });
});
