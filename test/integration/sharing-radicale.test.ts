/** Radicale has no sharing protocol: every sharing operation says so, naming the server, in both languages. */
import { createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { shareCommand } from '../../bridge-core/src/node/cli/commands/share.js';
import { SharingError } from '../../bridge-core/src/sharing/errors.js';
import { listInvitations } from '../../bridge-core/src/sharing/invitations.js';
import { openSharing } from '../../bridge-core/src/sharing/session.js';
import { connectUser, testContext } from '../../bridge-core/test/sharing/helpers.js';
import { serversUnderTest, testServers, uniqueName } from '../harness/servers.js';

const server = testServers.radicale;
const run = serversUnderTest().some((s) => s.name === 'radicale') ? describe : describe.skip;

run('sharing on Radicale', () => {
  it('refuses clearly: no sharing protocol, suggests a guest link', async () => {
    const alice = await connectUser(server.baseUrl, 'alice', 'alicepw');
    const cal = await createCalendar(alice.transport, server.calendarHomeUrl('alice'), {
      name: 'Équipe tech',
      slug: uniqueName('equipe'),
    });
    try {
      const shared = await openSharing(alice, cal);
      expect(shared.capabilities).toMatchObject({ driver: 'none', server: 'Radicale', levels: [], publish: false });
      for (const attempt of [
        () => shared.share('bob@example.com', { access: 'read' }),
        () => shared.publish(),
        () => shared.listShares(),
        () => shared.leave(),
      ]) {
        const err = await attempt().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(SharingError);
        expect((err as SharingError).reason).toBe('no-sharing-protocol');
        expect((err as SharingError).message).toMatch(/^Radicale has no sharing protocol.*guest link/);
        expect((err as SharingError).localized('fr')).toMatch(/^Radicale n'a pas de protocole de partage.*lien invité/);
      }
      expect(await listInvitations(alice)).toEqual([]);
      const ctx = testContext({ alice }, 'fr');
      await expect(
        shareCommand(ctx, [`alice:${cal}`, '--with', 'bob@example.com', '--access', 'read']),
      ).rejects.toMatchObject({ reason: 'no-sharing-protocol' });
    } finally {
      await deleteCollection(alice.transport, cal);
    }
  });
});
