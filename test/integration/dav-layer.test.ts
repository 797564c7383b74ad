/** The DAV layer against real servers: discovery, collections with kinds/colors/rights, items, sync-collection. */
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import type { Collection } from '../../bridge-core/src/dav/collections.js';
import { NotFoundError, PreconditionFailedError } from '../../bridge-core/src/dav/errors.js';
import {
  createItem,
  deleteItem,
  getItem,
  listItems,
  multiget,
  queryItems,
  updateItem,
} from '../../bridge-core/src/dav/items.js';
import {
  createAddressBook,
  createCalendar,
  deleteCollection,
  recolorCollection,
  renameCollection,
} from '../../bridge-core/src/dav/manage.js';
import { sameResource } from '../../bridge-core/src/dav/multistatus.js';
import { syncCollection } from '../../bridge-core/src/dav/sync-collection.js';
import { serversUnderTest, uniqueName } from '../harness/servers.js';
import { connect } from './dav-helpers.js';
import { vcard, vevent } from '../support/items.js';

describe.each(serversUnderTest().map((s) => [s.name, s] as const))('DAV layer on %s', (_name, server) => {
  let alice: DavAccount;
  beforeAll(async () => {
    alice = await connect(server, 'alice');
  });

  it('discovers the principal and home sets from the server root', () => {
    expect(alice.discovery.principal.url).toBe(server.principalUrl('alice'));
    expect(alice.discovery.principal.calendarHomes).toContain(server.calendarHomeUrl('alice'));
    expect(alice.discovery.principal.addressbookHomes).toContain(server.addressbookHomeUrl('alice'));
  });

  it('discovers the same principal from the DAV base URL', async () => {
    const again = await connect(server, 'alice', server.baseUrl);
    expect(again.discovery.principal.url).toBe(server.principalUrl('alice'));
  });

  describe('collections', () => {
    const made: string[] = [];
    let events: string;
    let tasks: string;
    let book: string;
    const eventsName = `Équipe tech ${uniqueName('c')}`;
    beforeAll(async () => {
      const home = alice.discovery.principal.calendarHomes[0]!;
      events = await createCalendar(alice.transport, home, {
        name: eventsName,
        color: '#0082C9FF',
        components: ['VEVENT'],
      });
      tasks = await createCalendar(alice.transport, home, { name: 'Tâches', color: '#FF2968', components: ['VTODO'] });
      book = await createAddressBook(alice.transport, alice.discovery.principal.addressbookHomes[0]!, {
        name: 'Contacts équipe',
      });
      made.push(events, tasks, book);
    });
    afterAll(async () => {
      for (const url of made) await deleteCollection(alice.transport, url);
    });

    const find = (list: Collection[], url: string) => list.find((c) => sameResource(c.url, url));

    it('lists calendars, task lists and address books with kind, name, color and rights', async () => {
      const { collections } = await alice.listCollections();
      const ev = find(collections, events)!;
      const td = find(collections, tasks)!;
      const ab = find(collections, book)!;
      expect(ev).toMatchObject({ kind: 'events', name: eventsName, sharedWithMe: false });
      expect(ev.color?.toUpperCase()).toMatch(/^#0082C9(FF)?$/);
      expect(td).toMatchObject({ kind: 'tasks', name: 'Tâches' });
      expect(td.color?.toUpperCase()).toMatch(/^#FF2968(FF)?$/);
      expect(ab).toMatchObject({ kind: 'contacts', name: 'Contacts équipe' });
      for (const c of [ev, td, ab]) {
        expect(c.access).toBe('admin'); // both servers grant the owner DAV:all
        expect(c.privileges).toContain('all');
        expect(sameResource(c.owner!, server.principalUrl('alice'))).toBe(true);
        expect(c.syncToken).toBeTruthy();
        expect(c.supportsSyncCollection).toBe(true);
      }
    });

    it('renames and recolors, and the new values are read back', async () => {
      await renameCollection(alice.transport, events, `${eventsName} (renamed)`);
      await recolorCollection(alice.transport, events, '#368F2BFF');
      const { collections } = await alice.listCollections();
      const ev = find(collections, events)!;
      expect(ev.name).toBe(`${eventsName} (renamed)`);
      expect(ev.color?.toUpperCase()).toMatch(/^#368F2B(FF)?$/);
    });

    it('refuses an invalid color before asking the server', async () => {
      await expect(recolorCollection(alice.transport, events, 'blue; DROP')).rejects.toThrow(/Not a calendar color/);
    });

    it('creates, reads, updates and deletes items with preconditions, never overwriting blindly', async () => {
      const uid = uniqueName('ev');
      const created = await createItem(alice.transport, events, `${uid}.ics`, vevent(uid, 'Réunion'), 'calendar');
      await expect(
        createItem(alice.transport, events, `${uid}.ics`, vevent(uid, 'again'), 'calendar'),
      ).rejects.toBeInstanceOf(PreconditionFailedError);
      const read = await getItem(alice.transport, created.href);
      expect(read.data).toContain('SUMMARY:Réunion');
      const etag = read.etag ?? created.etag;
      expect(etag).toBeTruthy();
      const updated = await updateItem(alice.transport, created.href, vevent(uid, 'Réunion v2'), etag, 'calendar');
      // the old etag is stale now: neither update nor delete may go through
      await expect(
        updateItem(alice.transport, created.href, vevent(uid, 'lost?'), etag, 'calendar'),
      ).rejects.toBeInstanceOf(PreconditionFailedError);
      await expect(deleteItem(alice.transport, created.href, etag)).rejects.toBeInstanceOf(PreconditionFailedError);
      expect((await getItem(alice.transport, created.href)).data).toContain('SUMMARY:Réunion v2');
      const current = updated.etag ?? (await getItem(alice.transport, created.href)).etag;
      await deleteItem(alice.transport, created.href, current);
      await expect(getItem(alice.transport, created.href)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('lists and multigets items whatever their resource names, reporting missing ones', async () => {
      const uids = [uniqueName('a'), uniqueName('b'), uniqueName('c')];
      const names = [`${uids[0]}.ics`, `${uids[1]}`, `${uids[2]}.data`]; // no ".ics" suffix on two of them
      const hrefs: string[] = [];
      for (let i = 0; i < 3; i++)
        hrefs.push(
          (await createItem(alice.transport, events, names[i]!, vevent(uids[i]!, `item ${i}`), 'calendar')).href,
        );
      const listed = await listItems(alice.transport, events, 'calendar');
      for (const h of hrefs) expect(listed.some((r) => sameResource(r.href, h))).toBe(true);
      expect(listed.every((r) => r.etag)).toBe(true);
      const gone = new URL('does-not-exist.ics', events).toString();
      const got = await multiget(alice.transport, events, 'calendar', [...hrefs, gone], 2);
      expect(got.items).toHaveLength(3);
      expect(got.items.map((i) => i.data).join()).toContain('SUMMARY:item 1');
      expect(got.missing.some((m) => sameResource(m, gone))).toBe(true);
      const windowed = await queryItems(alice.transport, events, 'calendar', {
        start: new Date('2026-12-01T00:00:00Z'),
        end: new Date('2026-12-02T00:00:00Z'),
      });
      expect(windowed.length).toBeGreaterThanOrEqual(3);
      const outside = await listItems(alice.transport, events, 'calendar', { start: new Date('2030-01-01T00:00:00Z') });
      expect(outside).toHaveLength(0);
    });

    it('sync-collection: initial listing, delta with changes and deletions, and fallback on a bad token', async () => {
      const { collections } = await alice.listCollections();
      const initial = await syncCollection(alice.transport, events, undefined);
      expect(initial.full).toBe(true);
      const uid = uniqueName('s');
      const made = await createItem(alice.transport, events, `${uid}.ics`, vevent(uid, 'sync me'), 'calendar');
      const victim = initial.changed[0]!;
      await deleteItem(alice.transport, victim.href, victim.etag);
      const delta = await syncCollection(alice.transport, events, initial.token);
      expect(delta.full).toBe(false);
      expect(delta.changed.map((c) => c.href).some((h) => sameResource(h, made.href))).toBe(true);
      expect(delta.deleted.some((h) => sameResource(h, victim.href))).toBe(true);
      const idle = await syncCollection(alice.transport, events, delta.token);
      expect(idle.changed).toHaveLength(0);
      expect(idle.deleted).toHaveLength(0);
      const bogus = await syncCollection(alice.transport, events, `${collections[0]!.syncToken ?? 'x'}-bogus-token`);
      expect(bogus.full).toBe(true);
      expect(bogus.changed.length).toBe(initial.changed.length); // one created, one deleted
    });

    it('stores and lists contacts in the address book', async () => {
      const uid = uniqueName('card');
      await createItem(alice.transport, book, `${uid}.vcf`, vcard(uid, 'Alexandre Dupont'), 'addressbook');
      const items = await queryItems(alice.transport, book, 'addressbook');
      expect(items.some((i) => i.data.includes('FN:Alexandre Dupont'))).toBe(true);
    });
  });
});
