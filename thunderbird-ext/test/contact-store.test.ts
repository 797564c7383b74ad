/**
 * The Thunderbird address book as a sync store, over the Thunderbird API stand-in (test/support/browser-standin.ts):
 * versions read back after each write, the conditional writes the API allows, creates that never overwrite.
 */
import { sync } from '@dav-bridge/core';
import { browser } from '../src/browser.js';
import { ThunderbirdContactStore, contactVersion } from '../src/contacts/contact-store.js';
import { StorageStatusStore } from '../src/storage/status-store.js';
import { standIn } from './support/browser-standin.js';
import { vcard } from '../../test/support/items';

const card = (uid: string, fn: string) => vcard(uid, fn);

async function freshStore(): Promise<{ store: ThunderbirdContactStore; bookId: string }> {
  standIn.reset();
  const bookId = await browser.addressBooks.create({ name: 'Équipe technique' });
  return {
    store: new ThunderbirdContactStore({ contacts: browser.addressBooks.contacts, bookId, name: 'TB' }),
    bookId,
  };
}

describe('ThunderbirdContactStore (Thunderbird API stand-in)', () => {
  it("a create's version is that of the card Thunderbird stored (vCard 4.0), so the next listing sees no change", async () => {
    const { store } = await freshStore();
    const ref = await store.create(card('u1', 'Gilles'), 'u1');
    expect(ref.id).toBe('u1');
    expect(await store.list()).toEqual([{ id: 'u1', version: ref.version }]);
    expect(ref.version).not.toBe(contactVersion(card('u1', 'Gilles')));
  });

  it('a create of a UID Thunderbird already has is a PreconditionFailedError naming that contact', async () => {
    const { store } = await freshStore();
    await store.create(card('u1', 'Gilles'));
    const err = await store.create(card('u1', 'Other')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(sync.PreconditionFailedError);
    expect((err as sync.StoreError).id).toBe('u1');
    expect((await browser.addressBooks.contacts.get('u1')).vCard).toContain('FN:Gilles');
  });

  it('update and delete with a stale version are refused and change nothing; a gone contact is NotFoundError', async () => {
    const { store } = await freshStore();
    const ref = await store.create(card('u1', 'Gilles'));
    const node = await browser.addressBooks.contacts.get('u1');
    await browser.addressBooks.contacts.update('u1', node.vCard.replace('FN:Gilles', 'FN:Edited in Thunderbird'));
    await expect(store.update('u1', card('u1', 'From server'), ref.version)).rejects.toBeInstanceOf(
      sync.PreconditionFailedError,
    );
    await expect(store.delete('u1', ref.version)).rejects.toBeInstanceOf(sync.PreconditionFailedError);
    expect((await browser.addressBooks.contacts.get('u1')).vCard).toContain('FN:Edited in Thunderbird');
    await expect(store.update('nope', card('nope', 'x'), 'v')).rejects.toBeInstanceOf(sync.NotFoundError);
  });

  it('getMany leaves out only contacts that are gone, and changesSince carries every card', async () => {
    const { store } = await freshStore();
    await store.create(card('u1', 'A'));
    await store.create(card('u2', 'B'));
    await store.delete('u2', (await store.list()).find((r) => r.id === 'u2')!.version);
    expect((await store.getMany(['u1', 'u2'])).map((r) => r.id)).toEqual(['u1']);
    const cs = await store.changesSince(null);
    expect(cs.full).toBe(true);
    expect(cs.changed.map((c) => [c.id, c.data?.includes('FN:A')])).toEqual([['u1', true]]);
  });
});

describe('StorageStatusStore (Thunderbird API stand-in storage)', () => {
  it('commits a batch in one storage write and keeps pairs apart', async () => {
    standIn.reset();
    const a = new StorageStatusStore(browser.storage.local, 'p1');
    const b = new StorageStatusStore(browser.storage.local, 'p2');
    const entry = (n: string) => ({ a: { id: n, version: 'v', hash: 'h' }, b: { id: n, version: 'w', hash: 'h' } });
    const set = jest.spyOn(browser.storage.local, 'set');
    await a.applyBatch([{ ident: 'x', entry: entry('x') }, { ident: 'y', entry: entry('y') }, { ident: 'z' }]);
    expect(set).toHaveBeenCalledTimes(1);
    set.mockRestore();
    await b.set('x', entry('other'));
    await a.applyBatch([{ ident: 'y' }]);
    expect([...(await a.all()).keys()]).toEqual(['x']);
    expect((await b.get('x'))?.a.id).toBe('other');
    await a.setToken('a', 't1');
    expect(await a.getToken('a')).toBe('t1');
    expect(await b.getToken('a')).toBeUndefined();
  });
});

describe('ThunderbirdContactStore: pace and read-backs (what pauses Thunderbird, see write-pacer.ts)', () => {
  it('writes asked together reach Thunderbird one at a time', async () => {
    const { store } = await freshStore();
    const contacts = browser.addressBooks.contacts;
    let inFlight = 0;
    let most = 0;
    const create = contacts.create.bind(contacts);
    const spy = jest.spyOn(contacts, 'create').mockImplementation(async (parentId, vCard) => {
      most = Math.max(most, ++inFlight);
      try {
        await new Promise((r) => setTimeout(r, 5));
        return await create(parentId, vCard);
      } finally {
        inFlight--;
      }
    });
    const refs = await Promise.all(['a', 'b', 'c', 'd'].map((u) => store.create(card(u, u))));
    spy.mockRestore();
    expect(most).toBe(1);
    expect(refs.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    store.close();
  });

  it("a write's version comes from Thunderbird's event about it, without reading the contact back", async () => {
    const { store } = await freshStore();
    const get = jest.spyOn(browser.addressBooks.contacts, 'get');
    const created = await store.create(card('u1', 'Gilles'));
    expect(get).not.toHaveBeenCalled();
    expect(await store.list()).toEqual([{ id: 'u1', version: created.version }]);
    const updated = await store.update('u1', card('u1', 'Gilles Martin'), created.version);
    expect(get).toHaveBeenCalledTimes(1); // the update's precondition, not a read-back
    get.mockRestore();
    expect(await store.list()).toEqual([{ id: 'u1', version: updated.version }]);
    store.close();
  });

  it('an update that leaves the stored card as it was (no event) is read back, and later writes still use events', async () => {
    const { bookId } = await freshStore();
    const contacts = browser.addressBooks.contacts;
    const store = new ThunderbirdContactStore({ contacts, bookId, name: 'TB', echoTimeoutMs: 20 });
    const created = await store.create(card('u1', 'Gilles'));
    const same = await store.update('u1', card('u1', 'Gilles'), created.version);
    expect(same.version).toBe(created.version);
    const get = jest.spyOn(contacts, 'get');
    const next = await store.create(card('u2', 'Alix'));
    expect(get).not.toHaveBeenCalled();
    get.mockRestore();
    expect((await store.list()).find((r) => r.id === 'u2')?.version).toBe(next.version);
    store.close();
  });

  it('with no event, the version is read back', async () => {
    const { bookId } = await freshStore();
    const contacts = browser.addressBooks.contacts;
    const store = new ThunderbirdContactStore({ contacts, bookId, name: 'TB', echoTimeoutMs: 20 });
    const listen = jest.spyOn(browser.addressBooks.contacts.onCreated, 'addListener').mockImplementation(() => {});
    const first = await store.create(card('u1', 'A'));
    const second = await store.create(card('u2', 'B'));
    listen.mockRestore();
    expect(await store.list()).toEqual([
      { id: 'u1', version: first.version },
      { id: 'u2', version: second.version },
    ]);
    store.close();
  });
});

describe('ThunderbirdContactStore: only a contact Thunderbird says is gone counts as deleted', () => {
  it('getMany reports any other read failure as unreadable, never leaves the contact out', async () => {
    const { store } = await freshStore();
    await store.create(card('u1', 'A'));
    await store.create(card('u2', 'B'));
    const get = jest
      .spyOn(browser.addressBooks.contacts, 'get')
      .mockRejectedValueOnce(new Error('addressBook with id=book-1 could not be found.'))
      .mockRejectedValueOnce(new Error('An unexpected error occurred'));
    const got = await store.getMany(['u1', 'u2']);
    get.mockRestore();
    expect(got).toEqual([
      { id: 'u1', unreadable: expect.stringContaining('addressBook with id=book-1') },
      { id: 'u2', unreadable: expect.stringContaining('unexpected error') },
    ]);
    expect(await store.getMany(['gone'])).toEqual([]);
    store.close();
  });

  it('an update whose write fails otherwise is an ItemError, not NotFoundError', async () => {
    const { store } = await freshStore();
    const ref = await store.create(card('u1', 'A'));
    const update = jest
      .spyOn(browser.addressBooks.contacts, 'update')
      .mockRejectedValueOnce(new Error('Cannot modify a contact in a read-only address book (not found in cache)'));
    const err = await store.update('u1', card('u1', 'B'), ref.version).catch((e: unknown) => e);
    update.mockRestore();
    expect(err).toBeInstanceOf(sync.ItemError);
    store.close();
  });
});
