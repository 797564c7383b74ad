/**
 * Issue 14, item 3: the extension's background answering the popup's runtime messages (messages.ts), with core
 * against REAL Cyrus; Thunderbird is the Thunderbird API stand-in. Gilles (alice) owns "Équipe technique" and
 * shares it read-only with David (bob): David connects, sees the invitation, accepts it, finds the book with its
 * kind and rights, subscribes (a Thunderbird book, synced), syncs now; Gilles lists, changes and revokes the share.
 */
import { createItem } from '../../bridge-core/src/dav/items.js';
import { createAddressBook, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { sameResource } from '../../bridge-core/src/dav/multistatus.js';
import { createTransport } from '../../bridge-core/src/dav/transport.js';
import { browser } from '../../thunderbird-ext/src/browser.js';
import { BridgeService } from '../../thunderbird-ext/src/background/service.js';
import { ask, serve, RequestFailed } from '../../thunderbird-ext/src/messages.js';
import { standIn } from '../../thunderbird-ext/test/support/browser-standin.js';
import { startedServers, testServers, uniqueName } from '../harness/servers.js';

const run = startedServers().some((s) => s.name === 'cyrus') ? describe : describe.skip;

run('the background over runtime messages (Thunderbird API stand-in, real Cyrus)', () => {
  const server = testServers.cyrus;
  const gillesTransport = createTransport({
    auth: { type: 'basic', username: 'alice', password: server.users.alice.password },
  });
  let book: string;
  let gilles: string;
  let david: string;
  const uid = uniqueName('card');

  beforeAll(async () => {
    standIn.reset();
    const service = new BridgeService({ api: browser });
    serve(browser.runtime, (r) => service.handle(r));
    book = await createAddressBook(gillesTransport, server.addressbookHomeUrl('alice'), {
      name: 'Équipe technique',
      slug: uniqueName('tb-bg'),
    });
    const card = `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uid}\r\nFN:Alexandre Martin\r\nN:Martin;Alexandre;;;\r\nEND:VCARD\r\n`;
    await createItem(gillesTransport, book, `${uid}.vcf`, card, 'addressbook');
  }, 60_000);

  afterAll(async () => {
    if (book) await deleteCollection(gillesTransport, book).catch(() => undefined);
  });

  it('connects Gilles and David with server URL and password; no password is kept in extension storage', async () => {
    gilles = (
      await ask(browser.runtime, {
        type: 'connect',
        serverUrl: server.rootUrl,
        username: 'alice',
        password: server.users.alice.password,
      })
    ).id;
    david = (
      await ask(browser.runtime, {
        type: 'connect',
        serverUrl: server.rootUrl,
        username: 'bob',
        password: server.users.bob.password,
      })
    ).id;
    expect((await ask(browser.runtime, { type: 'accounts' })).map((a) => a.id)).toEqual([gilles, david]);
    const stored = JSON.stringify([...standIn.storage()]);
    expect(stored).not.toContain(server.users.alice.password);
    expect(stored).not.toContain(server.users.bob.password);
  });

  it('a wrong password is a clear failure, not an account', async () => {
    const err = await ask(browser.runtime, {
      type: 'connect',
      serverUrl: server.rootUrl,
      username: 'bob',
      password: 'wrong',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestFailed);
    expect((await ask(browser.runtime, { type: 'accounts' })).length).toBe(2);
  });

  it('Gilles shares read-only; David sees and accepts the invitation, then finds the book with its kind and rights', async () => {
    await ask(browser.runtime, {
      type: 'share',
      accountId: gilles,
      url: book,
      sharee: 'bob@example.com',
      access: 'read',
    });
    const shares = await ask(browser.runtime, { type: 'shares', accountId: gilles, url: book });
    expect(shares.map((s) => s.access)).toEqual(['read']);
    const invites = (await ask(browser.runtime, { type: 'invitations', accountId: david })).filter((i) =>
      sameResource(i.collection, book),
    );
    expect(invites).toHaveLength(1);
    await ask(browser.runtime, { type: 'accept', accountId: david, invitationId: invites[0]!.id });
    const mine = (await ask(browser.runtime, { type: 'collections', accountId: david })).filter(
      (c) => c.sharedWithMe && c.name === 'Équipe technique' && c.kind === 'contacts',
    );
    expect(mine.map((c) => [c.kind, c.access, c.subscribed])).toContainEqual(['contacts', 'read', false]);
  });

  it('David subscribes: a Thunderbird book with the contacts; Sync now and the status say what happened', async () => {
    const shared = (await ask(browser.runtime, { type: 'collections', accountId: david })).find(
      (c) => c.sharedWithMe && c.name === 'Équipe technique' && c.kind === 'contacts',
    )!;
    const outcome = await ask(browser.runtime, { type: 'subscribe', accountId: david, url: shared.url });
    expect(outcome).toMatchObject({ ok: true, thunderbird: { created: 1 } });
    const books = await browser.addressBooks.list();
    const tbBook = books.find((b) => b.name === 'Équipe technique')!;
    expect((await browser.addressBooks.contacts.list(tbBook.id)).map((c) => c.id)).toEqual([uid]);
    const now = await ask(browser.runtime, { type: 'syncNow' });
    expect(now).toEqual([expect.objectContaining({ ok: true, thunderbird: expect.objectContaining({ created: 0 }) })]);
    expect(await ask(browser.runtime, { type: 'status' })).toEqual(now);
    expect(
      (await ask(browser.runtime, { type: 'collections', accountId: david })).find((c) => c.url === shared.url)
        ?.subscribed,
    ).toBe(true);
    await ask(browser.runtime, { type: 'unsubscribe', accountId: david, url: shared.url });
    expect(await ask(browser.runtime, { type: 'status' })).toEqual([]);
  });

  it('Gilles changes the share to read-write, then revokes it', async () => {
    await ask(browser.runtime, {
      type: 'share',
      accountId: gilles,
      url: book,
      sharee: 'bob@example.com',
      access: 'read-write',
    });
    expect((await ask(browser.runtime, { type: 'shares', accountId: gilles, url: book })).map((s) => s.access)).toEqual(
      ['read-write'],
    );
    await ask(browser.runtime, { type: 'unshare', accountId: gilles, url: book, sharee: 'bob@example.com' });
    expect(await ask(browser.runtime, { type: 'shares', accountId: gilles, url: book })).toEqual([]);
  });
});
