/**
 * SOGo 5 ignores If-None-Match: * on PUT and replaces what is there (204). The DAV store notices the 204, says so,
 * and from then on looks before creating; for SOGo collections it can look from the start.
 */
import { createTransport } from '../../bridge-core/src/dav/transport.js';
import { getItem } from '../../bridge-core/src/dav/items.js';
import { DavCollectionStore } from '../../bridge-core/src/stores/dav-store.js';
import { ItemError, PreconditionFailedError } from '../../bridge-core/src/sync/store.js';
import { openCollectionStore } from '../../bridge-core/src/use-cases/open-collection.js';
import { startedServers, testServers, uniqueName } from '../harness/servers.js';
import { vevent } from '../support/items.js';

const run = startedServers().some((s) => s.name === 'sogo') ? describe : describe.skip;

run('creates on SOGo, which ignores If-None-Match', () => {
  const sogo = testServers.sogo;
  const transport = createTransport({
    auth: { type: 'basic', username: 'alice', password: sogo.users.alice.password },
  });
  const calendar = `${sogo.calendarHomeUrl('alice')}personal/`;
  const store = (checkBeforeCreate: boolean) =>
    new DavCollectionStore({
      transport,
      url: calendar,
      family: 'calendar',
      readOnly: false,
      supportsSyncCollection: true,
      checkBeforeCreate,
    });

  it('a replace is reported, never taken for a create, and later creates look first', async () => {
    const s = store(false);
    const uid = uniqueName('inm');
    const first = await s.create(vevent(uid, 'Original'), uid);
    let err: unknown;
    try {
      await s.create(vevent(uid, 'Overwrite'), uid);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ItemError);
    expect((err as Error).message).toMatch(/replaced an existing item .* If-None-Match/);
    // now the store looks before writing: the next attempt is refused and changes nothing
    await expect(s.create(vevent(uid, 'Third try'), uid)).rejects.toBeInstanceOf(PreconditionFailedError);
    expect((await getItem(transport, first.id)).data).toContain('SUMMARY:Overwrite');
  });

  it('opened through core\'s use case (quirk "sogo-ignores-if-none-match"), nothing is ever replaced', async () => {
    const opened = openCollectionStore({
      transport,
      collection: { url: calendar, kind: 'events', access: 'admin', supportsSyncCollection: true, name: 'personal' },
    });
    expect(opened.quirks).toContain('sogo-ignores-if-none-match');
    const s = opened.store;
    const uid = uniqueName('inm');
    const first = await s.create(vevent(uid, 'Original'), uid);
    await expect(s.create(vevent(uid, 'Overwrite'), uid)).rejects.toBeInstanceOf(PreconditionFailedError);
    expect((await getItem(transport, first.id)).data).toContain('SUMMARY:Original');
  });
});
