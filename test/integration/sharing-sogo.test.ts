/**
 * The seed's scenario on a real SOGo: its acl-query roles (per user id, found from the email address the way
 * SOGo knows its users), private-event visibility per sharee, and the "anonymous" user as the public link.
 */
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { DavError, ForbiddenError } from '../../bridge-core/src/dav/errors.js';
import { createItem, getItem } from '../../bridge-core/src/dav/items.js';
import { createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { openSharing, type SharedCollection } from '../../bridge-core/src/sharing/session.js';
import { SharingError } from '../../bridge-core/src/sharing/errors.js';
import { listInvitations } from '../../bridge-core/src/sharing/invitations.js';
import { publishCommand } from '../../bridge-core/src/node/cli/commands/publish.js';
import { sharesCommand } from '../../bridge-core/src/node/cli/commands/shares.js';
import { anonymousGet, connectUser, itemHrefs, testContext } from '../../bridge-core/test/sharing/helpers.js';
import { vevent } from '../support/items.js';
import { startedServers, testServers, uniqueName } from '../harness/servers.js';

const server = testServers.sogo;
const run = startedServers().some((s) => s.name === 'sogo') ? describe : describe.skip;

run('sharing on SOGo (acl-query roles + anonymous)', () => {
  let alice: DavAccount;
  let bob: DavAccount;
  let carol: DavAccount;
  let cal: string;
  let shared: SharedCollection;
  const aliceUid = uniqueName('alice-ev');
  const bobUid = uniqueName('bob-ev');

  beforeAll(async () => {
    const login = (u: 'alice' | 'bob' | 'carol') => connectUser(server.baseUrl, u, server.users[u].password);
    [alice, bob, carol] = await Promise.all([login('alice'), login('bob'), login('carol')]);
    cal = await createCalendar(alice.transport, server.calendarHomeUrl('alice'), {
      name: 'Équipe tech',
      slug: uniqueName('equipe-tech'),
    });
    await createItem(alice.transport, cal, `${aliceUid}.ics`, vevent(aliceUid, 'Réunion équipe'), 'calendar');
    shared = await openSharing(alice, cal);
  }, 60_000);

  afterAll(async () => {
    if (cal) await deleteCollection(alice.transport, cal).catch(() => undefined);
  });

  it('detects SOGo: read and read-write with private-event visibility, publish, no invitations', () => {
    expect(shared.capabilities).toMatchObject({
      driver: 'sogo',
      server: 'SOGo',
      levels: ['read', 'read-write'],
      privateEvents: true,
      publish: true,
      invitations: false,
    });
  });

  it('shares by email: bob read-write (private events visible), carol read (hidden); unknown and admin refused', async () => {
    expect(await shared.share('bob@example.com', { access: 'read-write', privateEvents: true })).toMatchObject({
      access: 'read-write',
      privateEvents: true,
      status: 'active',
    });
    expect(await shared.share('carol@example.com', { access: 'read', privateEvents: false })).toMatchObject({
      access: 'read',
      privateEvents: false,
      status: 'active',
    });
    const unknown = await shared.share('nobody-here@example.com', { access: 'read' }).catch((e: unknown) => e);
    expect((unknown as SharingError).reason).toBe('unknown-sharee');
    const admin = await shared.share('carol@example.com', { access: 'admin' }).catch((e: unknown) => e);
    expect((admin as SharingError).reason).toBe('unsupported-level');
    expect((admin as SharingError).localized('fr')).toMatch(/SOGo ne peut pas donner le droit « Gestion/);
    expect(await listInvitations(bob)).toEqual([]);
  });

  it("bob's new event is seen by alice; carol's write is refused and nothing is lost", async () => {
    await createItem(bob.transport, cal, `${bobUid}.ics`, vevent(bobUid, 'Déploiement'), 'calendar');
    const before = await itemHrefs(alice, cal);
    expect(before.some((h) => h.includes(bobUid))).toBe(true);
    expect(before.some((h) => h.includes(aliceUid))).toBe(true);
    const carolUid = uniqueName('carol-ev');
    const err = await createItem(carol.transport, cal, `${carolUid}.ics`, vevent(carolUid, 'Essai'), 'calendar').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as DavError).localized('en')).toMatch(/You do not have the right/);
    expect((await getItem(carol.transport, `${cal}${aliceUid}.ics`)).data).toContain(aliceUid);
    expect(await itemHrefs(alice, cal)).toEqual(before);
  });

  it('lists the shares (CLI --json) and revokes carol', async () => {
    const ctx = testContext({ alice });
    expect(await sharesCommand(ctx, [`alice:${new URL(cal).pathname}`, '--json'])).toBe(0);
    const rows = JSON.parse(ctx.stdout.join('\n')) as { sharee: string; access: string; status: string }[];
    expect(rows.sort((a, b) => a.sharee.localeCompare(b.sharee))).toEqual([
      { sharee: 'mailto:bob@example.com', access: 'read-write', status: 'active' },
      { sharee: 'mailto:carol@example.com', access: 'read', status: 'active' },
    ]);
    await shared.unshare('carol@example.com');
    expect((await shared.listShares()).map((s) => s.sharee)).toEqual(['mailto:bob@example.com']);
    await expect(getItem(carol.transport, `${cal}${aliceUid}.ics`)).rejects.toBeInstanceOf(DavError);
  });

  it('publishes through the anonymous user: anonymous GET of the ICS works until unpublish', async () => {
    expect(await shared.published()).toBeNull();
    const ctx = testContext({ alice });
    expect(await publishCommand(ctx, [`alice:${cal}`, '--json'])).toBe(0);
    const links = JSON.parse(ctx.stdout.join('\n')) as { ics: string; webcal: string; html: string | null };
    expect(links.ics).toMatch(/\/SOGo\/dav\/public\/alice\/Calendar\/.+\.ics$/);
    const feed = await anonymousGet(links.ics);
    expect(feed.status).toBe(200);
    expect(feed.text).toContain(aliceUid);
    expect(feed.text).toContain(bobUid);
    expect(await shared.published()).not.toBeNull();
    expect((await shared.listShares()).map((s) => s.sharee)).toEqual(['mailto:bob@example.com']);
    const expiring = await shared.publish({ expires: new Date(Date.now() + 86400_000) }).catch((e: unknown) => e);
    expect((expiring as SharingError).message).toMatch(/SOGo cannot make a public link expire/);
    await shared.unpublish();
    expect((await anonymousGet(links.ics)).status).toBeGreaterThanOrEqual(400);
    expect(await shared.published()).toBeNull();
  });
});
