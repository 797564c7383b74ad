/**
 * The seed's scenario on a real DAViCal: WebDAV ACL (shares apply at once, no invitation) and read tickets
 * as the revocable public link with an expiry. The ACL method replaces the whole list, so the owner's ACE and
 * other sharees' ACEs must survive every change we make.
 */
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { DavError, ForbiddenError } from '../../bridge-core/src/dav/errors.js';
import { createItem, getItem, listItems } from '../../bridge-core/src/dav/items.js';
import { createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { NS, qname } from '../../bridge-core/src/dav/namespaces.js';
import { propfind } from '../../bridge-core/src/dav/propfind.js';
import { okProps } from '../../bridge-core/src/dav/multistatus.js';
import { parseAcl } from '../../bridge-core/src/sharing/drivers/acl.js';
import { listInvitations } from '../../bridge-core/src/sharing/invitations.js';
import { openSharing, type SharedCollection } from '../../bridge-core/src/sharing/session.js';
import { SharingError } from '../../bridge-core/src/sharing/errors.js';
import { sharesCommand } from '../../bridge-core/src/node/cli/commands/shares.js';
import { anonymousGet, connectUser } from '../../bridge-core/test/sharing/helpers.js';
import { vevent } from '../support/items.js';
import { testContext } from '../../bridge-core/test/sharing/helpers.js';
import { startedServers, testServers, uniqueName } from '../harness/servers.js';

const server = testServers.davical;
const run = startedServers().some((s) => s.name === 'davical') ? describe : describe.skip;

run('sharing on DAViCal (WebDAV ACL + tickets)', () => {
  let alice: DavAccount;
  let bob: DavAccount;
  let carol: DavAccount;
  let cal: string;
  let shared: SharedCollection;
  const aliceUid = uniqueName('alice-ev');
  const bobUid = uniqueName('bob-ev');

  async function aces() {
    const ms = await propfind(alice.transport, cal, [qname(NS.DAV, 'acl')], '0');
    return parseAcl(okProps(ms.responses[0]!).get(qname(NS.DAV, 'acl')), ms.url);
  }

  beforeAll(async () => {
    const login = (u: 'alice' | 'bob' | 'carol') => connectUser(server.baseUrl, u, server.users[u].password);
    [alice, bob, carol] = await Promise.all([login('alice'), login('bob'), login('carol')]);
    cal = await createCalendar(alice.transport, alice.discovery.principal.calendarHomes[0] as string, {
      name: 'Équipe tech',
      slug: uniqueName('equipe-tech'),
    });
    await createItem(alice.transport, cal, `${aliceUid}.ics`, vevent(aliceUid, 'Réunion équipe'), 'calendar');
    shared = await openSharing(alice, new URL(cal).pathname);
  }, 60_000);

  afterAll(async () => {
    if (cal) await deleteCollection(alice.transport, cal).catch(() => undefined);
  });

  it('detects DAViCal: ACL with admin, tickets with expiry, no invitations', () => {
    expect(shared.capabilities).toMatchObject({
      driver: 'davical',
      server: 'DAViCal',
      levels: ['read', 'read-write', 'admin'],
      publish: true,
      publishExpiry: true,
      invitations: false,
      canManage: true,
    });
  });

  it('shares read-write with bob and read with carol; active at once, owner ACE kept', async () => {
    expect(await shared.share('bob@example.com', { access: 'read-write' })).toMatchObject({
      access: 'read-write',
      status: 'active',
    });
    expect(await shared.share('carol@example.com', { access: 'read' })).toMatchObject({
      access: 'read',
      status: 'active',
    });
    const list = await aces();
    expect(list.some((a) => a.principal.children.some((c) => c.local === 'property'))).toBe(true); // owner's ACE
    expect(await listInvitations(bob)).toEqual([]);
    const unknown = await shared.share('nobody-here@example.com', { access: 'read' }).catch((e: unknown) => e);
    expect((unknown as SharingError).reason).toBe('unknown-sharee');
    const priv = await shared
      .share('carol@example.com', { access: 'read', privateEvents: true })
      .catch((e: unknown) => e);
    expect((priv as SharingError).reason).toBe('unsupported-private-events');
  });

  it("bob's new event is seen by alice; carol's write is refused and nothing is lost", async () => {
    await createItem(bob.transport, cal, `${bobUid}.ics`, vevent(bobUid, 'Déploiement'), 'calendar');
    const before = await listItems(alice.transport, cal, 'calendar');
    expect(before.some((r) => r.href.includes(bobUid))).toBe(true);
    const carolUid = uniqueName('carol-ev');
    const err = await createItem(carol.transport, cal, `${carolUid}.ics`, vevent(carolUid, 'Essai'), 'calendar').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as DavError).localized('fr')).toMatch(/Vous n'avez pas le droit/);
    expect((await getItem(carol.transport, `${cal}${aliceUid}.ics`)).data).toContain(aliceUid);
    const after = await listItems(alice.transport, cal, 'calendar');
    expect(after.map((r) => r.href).sort()).toEqual(before.map((r) => r.href).sort());
  });

  it('lists (CLI --json), gives and takes admin, revokes carol without touching bob', async () => {
    const ctx = testContext({ alice });
    expect(await sharesCommand(ctx, [`alice:${cal}`, '--json'])).toBe(0);
    const rows = JSON.parse(ctx.stdout.join('\n')) as { sharee: string; access: string; status: string }[];
    expect(rows.map((r) => [r.sharee.replace(/.*\/caldav\.php\//, ''), r.access, r.status]).sort()).toEqual([
      ['bob/', 'read-write', 'active'],
      ['carol/', 'read', 'active'],
    ]);
    await shared.share('carol@example.com', { access: 'admin' });
    expect((await shared.listShares()).find((s) => /carol/.test(s.sharee))?.access).toBe('admin');
    const carolSide = await openSharing(carol, cal);
    expect(carolSide.capabilities.canManage).toBe(true);
    await shared.unshare('carol@example.com');
    const left = await shared.listShares();
    expect(left.map((s) => [s.sharee.replace(/.*\/caldav\.php\//, ''), s.access])).toEqual([['bob/', 'read-write']]);
    await expect(getItem(carol.transport, `${cal}${aliceUid}.ics`)).rejects.toBeInstanceOf(DavError);
    // alice still owns it fully
    expect((await aces()).some((a) => a.principal.children.some((c) => c.local === 'property'))).toBe(true);
    const leave = await openSharing(bob, cal)
      .then((s) => s.leave())
      .catch((e: unknown) => e);
    expect((leave as SharingError).reason).toBe('cannot-leave');
  });

  it('publishes a ticket link (anonymous GET returns the events), with expiry; unpublish revokes it', async () => {
    expect(await shared.published()).toBeNull();
    const links = await shared.publish();
    expect(links.ics).toMatch(/\/public\.php\/alice\/.+\?ticket=/);
    expect(links.webcal.startsWith('webcal://')).toBe(true);
    const feed = await anonymousGet(links.ics);
    expect(feed.status).toBe(200);
    expect(feed.text).toContain(aliceUid);
    expect(feed.text).toContain(bobUid);
    const until = new Date(Date.now() + 7 * 86400_000);
    const expiring = await shared.publish({ expires: until });
    expect(expiring.expires?.getTime()).toBe(until.getTime());
    expect((await anonymousGet(expiring.ics)).status).toBe(200);
    await shared.unpublish();
    expect([401, 403]).toContain((await anonymousGet(links.ics)).status);
    expect([401, 403]).toContain((await anonymousGet(expiring.ics)).status);
    expect(await shared.published()).toBeNull();
  });
});
