/**
 * Core's use case for opening a collection as a sync store: each server quirk is a named record that applies to
 * the collections it should, and only to them; rights decide whether the store is writable.
 */
import { createTransport } from '../../src/dav/transport.js';
import { openCollectionStore, type CollectionProfile } from '../../src/use-cases/open-collection.js';
import { SERVER_QUIRKS, quirksOf } from '../../src/use-cases/server-quirks.js';

const transport = createTransport({ auth: { type: 'basic', username: 'gilles', password: 'x' } });
const profile = (over: Partial<CollectionProfile>): CollectionProfile => ({
  url: 'https://dav.example.org/calendars/gilles/equipe/',
  kind: 'events',
  access: 'admin',
  supportsSyncCollection: true,
  name: 'Équipe technique',
  ...over,
});

describe('server quirks', () => {
  test('every record is named once and says how it is handled', () => {
    const ids = SERVER_QUIRKS.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of SERVER_QUIRKS) expect(q.storeOptions !== undefined || (q.handledIn ?? '') !== '').toBe(true);
  });

  test('SOGo collections look before creating; others do not', () => {
    const sogo = quirksOf(profile({ url: 'http://127.0.0.1:20020/SOGo/dav/gilles/Calendar/personal/' }));
    expect(sogo.ids).toContain('sogo-ignores-if-none-match');
    expect(sogo.storeOptions.checkBeforeCreate).toBe(true);
    const radicale = quirksOf(profile({ url: 'http://127.0.0.1:5232/gilles/equipe/' }));
    expect(radicale.ids).not.toContain('sogo-ignores-if-none-match');
    expect(radicale.storeOptions.checkBeforeCreate).toBeUndefined();
  });

  test('address books that offer vCard 4 are read as vCard 4 (Cyrus drops photos converting to 3)', () => {
    expect(quirksOf(profile({ kind: 'contacts', vcardVersions: ['3.0', '4.0'] })).storeOptions.vcardVersion).toBe(
      '4.0',
    );
    expect(quirksOf(profile({ kind: 'contacts', vcardVersions: ['3.0'] })).storeOptions.vcardVersion).toBeUndefined();
  });
});

describe('openCollectionStore', () => {
  test.each([
    ['read', true],
    ['read-write', false],
    ['admin', false],
  ] as const)('access %s -> read-only %s', (access, readOnly) => {
    const opened = openCollectionStore({ transport, collection: profile({ access }) });
    expect(opened.readOnly).toBe(readOnly);
    expect(opened.store.readOnly).toBe(readOnly);
  });

  test('a subscription made read-only stays read-only whatever the rights', () => {
    expect(openCollectionStore({ transport, collection: profile({}), readOnly: true }).store.readOnly).toBe(true);
  });

  test('a time window applies to events collections only (undated tasks would vanish from a window)', () => {
    const range = { start: new Date('2026-01-01T00:00:00Z') };
    expect(openCollectionStore({ transport, collection: profile({ kind: 'events' }), range }).store.windowed).toBe(
      true,
    );
    expect(
      openCollectionStore({ transport, collection: profile({ kind: 'events+tasks' }), range }).store.windowed,
    ).toBe(false);
  });
});
