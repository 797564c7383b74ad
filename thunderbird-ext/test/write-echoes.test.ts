/**
 * Thunderbird's events about our own writes (src/contacts/write-echoes.ts), with events that come AFTER the write's
 * answer, as they may in Thunderbird (the stand-in sends them before).
 */
import { WriteEchoes } from '../src/contacts/write-echoes.js';
import type { ContactNode, ContactsApi } from '../src/thunderbird-api.js';

type Listener = (node: ContactNode, oldVCard?: string) => void;

function fakeContacts() {
  const listeners = { created: new Set<Listener>(), updated: new Set<Listener>() };
  const event = (set: Set<Listener>) => ({
    addListener: (l: Listener) => void set.add(l),
    removeListener: (l: Listener) => void set.delete(l),
    hasListener: (l: Listener) => set.has(l),
  });
  const contacts = { onCreated: event(listeners.created), onUpdated: event(listeners.updated) };
  const node = (id: string, vCard: string, parentId = 'book'): ContactNode => ({
    id,
    parentId,
    type: 'contact',
    vCard,
  });
  return {
    contacts: contacts as unknown as ContactsApi,
    listeners,
    created: (id: string, vCard: string, parentId?: string) =>
      listeners.created.forEach((l) => l(node(id, vCard, parentId))),
    updated: (id: string, vCard: string, oldVCard: string) =>
      listeners.updated.forEach((l) => l(node(id, vCard), oldVCard)),
  };
}

const soon = (f: () => void) => setTimeout(f, 5);

describe('WriteEchoes', () => {
  it('waits for the event that comes after the answer, and ignores other books', async () => {
    const fake = fakeContacts();
    const echoes = new WriteEchoes(fake.contacts, 'book', 1000);
    echoes.prepare('a');
    soon(() => {
      fake.created('a', 'OTHER BOOK', 'another-book');
      fake.created('a', 'STORED');
    });
    expect(await echoes.stored('a', 'create')).toBe('STORED');
    echoes.close();
    expect(fake.listeners.created.size).toBe(0);
  });

  it('an event kept from before the write does not pass for its own', async () => {
    const fake = fakeContacts();
    const echoes = new WriteEchoes(fake.contacts, 'book', 20);
    echoes.prepare('x');
    fake.created('a', 'OLD');
    echoes.prepare('a');
    expect(await echoes.stored('a', 'create')).toBeUndefined();
    echoes.close();
  });

  it('an update without event (its card unchanged) does not stop later writes from waiting for theirs', async () => {
    const fake = fakeContacts();
    const echoes = new WriteEchoes(fake.contacts, 'book', 20);
    echoes.prepare('a');
    expect(await echoes.stored('a', 'update')).toBeUndefined();
    echoes.prepare('b');
    soon(() => fake.created('b', 'STORED B'));
    expect(await echoes.stored('b', 'create')).toBe('STORED B');
    echoes.close();
  });

  it('after a create without event, later writes read back at once instead of waiting', async () => {
    const fake = fakeContacts();
    const echoes = new WriteEchoes(fake.contacts, 'book', 20);
    echoes.prepare('a');
    expect(await echoes.stored('a', 'create')).toBeUndefined();
    echoes.prepare('b');
    soon(() => fake.created('b', 'LATE'));
    expect(await echoes.stored('b', 'create')).toBeUndefined();
    echoes.close();
  });

  it('an edit the user makes right after our update is not taken for our write (it stays a change for the next run)', async () => {
    const fake = fakeContacts();
    const echoes = new WriteEchoes(fake.contacts, 'book', 1000);
    echoes.prepare('x', 'BEFORE');
    fake.updated('x', 'OURS', 'BEFORE');
    fake.updated('x', 'USER EDIT', 'OURS');
    expect(await echoes.stored('x', 'update')).toBe('OURS');
    // The same when the user's event comes first (both after the write was sent).
    echoes.prepare('y', 'BEFORE Y');
    soon(() => {
      fake.updated('y', 'USER EDIT Y', 'SOMETHING ELSE');
      fake.updated('y', 'OURS Y', 'BEFORE Y');
    });
    expect(await echoes.stored('y', 'update')).toBe('OURS Y');
    echoes.close();
  });

  it("after our create, only its onCreated counts: a user's update of the new contact is not ours", async () => {
    const fake = fakeContacts();
    const echoes = new WriteEchoes(fake.contacts, 'book', 1000);
    echoes.prepare('c');
    fake.created('c', 'OURS C');
    fake.updated('c', 'USER EDIT C', 'OURS C');
    expect(await echoes.stored('c', 'create')).toBe('OURS C');
    echoes.prepare('d');
    soon(() => fake.updated('d', 'USER EDIT D', 'WHATEVER'));
    soon(() => fake.created('d', 'OURS D'));
    expect(await echoes.stored('d', 'create')).toBe('OURS D');
    echoes.close();
  });
});
