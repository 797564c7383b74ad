/**
 * The seed's scenario on a real Cyrus: Gilles (alice) creates the team calendar "Équipe tech", shares it
 * read-write with Alexandre (bob) and read-only with David (carol); they accept; bob's event reaches alice;
 * carol's write is refused with a clear error and nothing is lost; alice lists, revokes carol, publishes,
 * and an anonymous GET of the ICS link works until she unpublishes.
 */
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { DavError, ForbiddenError } from '../../bridge-core/src/dav/errors.js';
import { createItem, getItem, listItems } from '../../bridge-core/src/dav/items.js';
import { createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { sameResource } from '../../bridge-core/src/dav/multistatus.js';
import { sharesCommand } from '../../bridge-core/src/node/cli/commands/shares.js';
import { invitesCommand } from '../../bridge-core/src/node/cli/commands/invites.js';
import { publishCommand } from '../../bridge-core/src/node/cli/commands/publish.js';
import { unpublishCommand } from '../../bridge-core/src/node/cli/commands/unpublish.js';
import { linkCommand } from '../../bridge-core/src/node/cli/commands/link.js';
import { acceptInvitation, declineInvitation, listInvitations } from '../../bridge-core/src/sharing/invitations.js';
import { openSharing, type SharedCollection } from '../../bridge-core/src/sharing/session.js';
import { SharingError } from '../../bridge-core/src/sharing/errors.js';
import { anonymousGet, connectUser, testContext } from '../../bridge-core/test/sharing/helpers.js';
import { vevent } from '../support/items.js';
import { serversUnderTest, testServers, uniqueName } from '../harness/servers.js';

const server = testServers.cyrus;
const run = serversUnderTest().some((s) => s.name === 'cyrus') ? describe : describe.skip;

run('sharing on Cyrus (resource sharing + invitations)', () => {
  let alice: DavAccount;
  let bob: DavAccount;
  let carol: DavAccount;
  let cal: string;
  let shared: SharedCollection;
  let bobCopy: string | undefined;
  let carolCopy: string | undefined;
  const aliceUid = uniqueName('alice-ev');
  const bobUid = uniqueName('bob-ev');

  beforeAll(async () => {
    const login = (u: 'alice' | 'bob' | 'carol') => connectUser(server.baseUrl, u, server.users[u].password);
    [alice, bob, carol] = await Promise.all([login('alice'), login('bob'), login('carol')]);
    const home = alice.discovery.principal.calendarHomes[0] as string;
    cal = await createCalendar(alice.transport, home, { name: 'Équipe tech', slug: uniqueName('equipe-tech') });
    await createItem(alice.transport, cal, `${aliceUid}.ics`, vevent(aliceUid, 'Réunion équipe'), 'calendar');
    shared = await openSharing(alice, new URL(cal).pathname);
  }, 60_000);

  afterAll(async () => {
    if (cal) await deleteCollection(alice.transport, cal).catch(() => undefined);
  });

  it('detects resource sharing with invitations, read and read-write only, publish', () => {
    expect(shared.capabilities).toMatchObject({
      driver: 'resource-sharing',
      server: 'Cyrus',
      levels: ['read', 'read-write'],
      invitations: true,
      publish: true,
      canManage: true,
    });
    expect(shared.capabilities.davTokens).toEqual(
      expect.arrayContaining(['calendarserver-sharing', 'resource-sharing']),
    );
  });

  it('shares read-write with bob (by email) and read with carol (by principal path); both pending', async () => {
    const b = await shared.share('bob@example.com', { access: 'read-write' });
    const c = await shared.share(new URL(server.principalUrl('carol')).pathname, { access: 'read' });
    expect(b).toMatchObject({ access: 'read-write', status: 'pending' });
    expect(c).toMatchObject({ access: 'read', status: 'pending' });
  });

  it('refuses what it cannot do, clearly and in both languages, changing nothing', async () => {
    const unknown = await shared.share('nobody-here@example.com', { access: 'read' }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(SharingError);
    expect((unknown as SharingError).reason).toBe('unknown-sharee');
    expect((unknown as SharingError).localized('fr')).toContain('nobody-here@example.com');
    const admin = await shared.share('carol@example.com', { access: 'admin' }).catch((e: unknown) => e);
    expect((admin as SharingError).reason).toBe('unsupported-level');
    expect((admin as SharingError).message).toMatch(/Cyrus cannot give "admin/);
    expect((admin as SharingError).localized('fr')).toMatch(/Gestion/);
    const priv = await shared
      .share('carol@example.com', { access: 'read', privateEvents: true })
      .catch((e: unknown) => e);
    expect((priv as SharingError).reason).toBe('unsupported-private-events');
    const shares = await shared.listShares();
    expect(shares.find((s) => /carol/.test(s.sharee))?.access).toBe('read');
  });

  it('bob and carol see their invitation and accept it', async () => {
    for (const [who, access] of [
      [bob, 'read-write'],
      [carol, 'read'],
    ] as const) {
      const invites = await listInvitations(who);
      const mine = invites.filter((i) => sameResource(i.collection, cal));
      expect(mine).toHaveLength(1);
      // Cyrus's notice names no collection: the name is read from the owner's collection (not its uuid-like path).
      expect(mine[0]).toMatchObject({ access, owner: server.principalUrl('alice'), summary: 'Équipe tech' });
    }
    // through the CLI for bob: invites --json has the documented shape
    const ctx = testContext({ bob });
    expect(await invitesCommand(ctx, ['bob', '--json'])).toBe(0);
    const listed = JSON.parse(ctx.stdout.join('\n')) as {
      id: string;
      collection: string;
      owner: string;
      access: string;
    }[];
    const inv = listed.find((i) => sameResource(i.collection, cal));
    expect(inv && Object.keys(inv).sort()).toEqual(['access', 'collection', 'id', 'owner']);

    const b = await acceptInvitation(bob, inv!.id);
    bobCopy = b.collection;
    const carolInv = (await listInvitations(carol)).find((i) => sameResource(i.collection, cal))!;
    carolCopy = (await acceptInvitation(carol, carolInv.id)).collection;
    expect(bobCopy).toMatch(/\/dav\/calendars\/user\/bob\//);
    expect(carolCopy).toMatch(/\/dav\/calendars\/user\/carol\//);
    expect((await listInvitations(bob)).some((i) => sameResource(i.collection, cal))).toBe(false);
    const statuses = (await shared.listShares()).map((s) => s.status);
    expect(statuses).toEqual(['accepted', 'accepted']);
  });

  it("bob's new event is seen by alice", async () => {
    await createItem(bob.transport, bobCopy!, `${bobUid}.ics`, vevent(bobUid, 'Déploiement (Alexandre)'), 'calendar');
    const hrefs = (await listItems(alice.transport, cal, 'calendar')).map((r) => r.href);
    expect(hrefs.some((h) => h.includes(bobUid))).toBe(true);
  });

  it("carol's write is refused with a clear error, and nothing is lost", async () => {
    const before = await listItems(alice.transport, cal, 'calendar');
    const carolUid = uniqueName('carol-ev');
    const err = await createItem(
      carol.transport,
      carolCopy!,
      `${carolUid}.ics`,
      vevent(carolUid, 'Essai David'),
      'calendar',
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as DavError).message).toMatch(/You do not have the right/);
    expect((err as DavError).localized('fr')).toMatch(/Vous n'avez pas le droit/);
    const after = await listItems(alice.transport, cal, 'calendar');
    expect(after.map((r) => r.href).sort()).toEqual(before.map((r) => r.href).sort());
    expect((await getItem(alice.transport, `${cal}${aliceUid}.ics`)).data).toContain('Réunion équipe');
  });

  it('lists the shares (CLI --json shape), revokes carol', async () => {
    const ctx = testContext({ alice });
    expect(await sharesCommand(ctx, [`alice:${new URL(cal).pathname}`, '--json'])).toBe(0);
    const rows = JSON.parse(ctx.stdout.join('\n')) as { sharee: string; access: string; status: string }[];
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => Object.keys(r).sort().join() === 'access,sharee,status')).toBe(true);
    expect(rows.find((r) => /bob/.test(r.sharee))).toMatchObject({ access: 'read-write', status: 'accepted' });
    expect(rows.find((r) => /carol/.test(r.sharee))).toMatchObject({ access: 'read', status: 'accepted' });

    await shared.unshare('carol@example.com');
    const left = await shared.listShares();
    expect(left.map((s) => s.sharee).join()).not.toMatch(/carol/);
    expect(left).toHaveLength(1);
    const again = await shared.unshare('carol@example.com').catch((e: unknown) => e);
    expect((again as SharingError).reason).toBe('not-shared');
  });

  it('publishes: an anonymous GET of the ICS link returns the events; after unpublish it is refused', async () => {
    expect((await anonymousGet(cal)).status).toBe(401);
    const ctx = testContext({ alice });
    expect(await publishCommand(ctx, [`alice:${cal}`, '--json'])).toBe(0);
    const links = JSON.parse(ctx.stdout.join('\n')) as { ics: string; webcal: string; html: string | null };
    expect(Object.keys(links).sort()).toEqual(['html', 'ics', 'webcal']);
    expect(links.webcal).toBe(links.ics.replace(/^http:/, 'webcal:'));
    const feed = await anonymousGet(links.ics);
    expect(feed.status).toBe(200);
    expect(feed.text).toContain(aliceUid);
    expect(feed.text).toContain(bobUid);
    // the mail snippet for that link
    const snip = testContext({ alice }, 'fr');
    expect(
      await linkCommand(snip, [
        `alice:${cal}`,
        '--lang',
        'fr',
        '--format',
        'text',
        '--password-note',
        'aucun mot de passe',
      ]),
    ).toBe(0);
    expect(snip.stdout.join('\n')).toContain(links.ics);
    expect(snip.stdout.join('\n')).toContain('Équipe tech');

    const off = testContext({ alice });
    expect(await unpublishCommand(off, [`alice:${cal}`])).toBe(0);
    expect([401, 403, 404]).toContain((await anonymousGet(links.ics)).status);
    expect(await shared.published()).toBeNull();
  });

  it('bob leaves the share: his copy is gone and alice no longer lists him', async () => {
    const mine = await openSharing(bob, bobCopy!);
    await mine.leave();
    const home = (await bob.listCollections()).collections.map((c) => c.url);
    expect(home.some((u) => sameResource(u, bobCopy!))).toBe(false);
    const own = await openSharing(alice, cal);
    const leaveOwn = await own.leave().catch((e: unknown) => e);
    expect((leaveOwn as SharingError).reason).toBe('cannot-leave');
  });

  it('CalendarServer dialect: CS:share, decline, CS remove', async () => {
    const home = alice.discovery.principal.calendarHomes[0] as string;
    const cal2 = await createCalendar(alice.transport, home, {
      name: 'Équipe tech (CS)',
      slug: uniqueName('equipe-cs'),
    });
    const cs = await openSharing(alice, cal2, { prefer: 'calendarserver' });
    expect(cs.capabilities.driver).toBe('calendarserver');
    await cs.share('carol@example.com', { access: 'read-write' });
    expect((await cs.listShares()).find((s) => /carol/.test(s.sharee))).toMatchObject({
      access: 'read-write',
      status: 'pending',
    });
    const inv = (await listInvitations(carol)).find((i) => sameResource(i.collection, cal2));
    expect(inv?.access).toBe('read-write');
    await declineInvitation(carol, inv!.id);
    expect((await cs.listShares()).find((s) => /carol/.test(s.sharee))?.status).toBe('declined');
    await cs.unshare('carol@example.com');
    expect((await cs.listShares()).some((s) => /carol/.test(s.sharee))).toBe(false);
    await deleteCollection(alice.transport, cal2);
  });
});
