/**
 * Issue 12, the owner's side and the DAViCal link: what `shares`, `publish` and `link` tell Gilles (alice) and
 * an admin sharee (Alexandre, bob) on the real servers.
 */
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { createAddressBook, createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { linkCommand } from '../../bridge-core/src/node/cli/commands/link.js';
import { publishCommand } from '../../bridge-core/src/node/cli/commands/publish.js';
import { sharesCommand } from '../../bridge-core/src/node/cli/commands/shares.js';
import { openSharing } from '../../bridge-core/src/sharing/session.js';
import { connectUser, testContext } from '../../bridge-core/test/sharing/helpers.js';
import { startedServers, testServers, uniqueName } from '../harness/servers.js';

const started = new Set(startedServers().map((s) => s.name));
const login = (server: (typeof testServers)['davical'], u: 'alice' | 'bob' | 'carol') =>
  connectUser(server.baseUrl, u, server.users[u].password);

(started.has('davical') ? describe : describe.skip)('owner side on DAViCal', () => {
  const server = testServers.davical;
  let alice: DavAccount;
  let bob: DavAccount;
  let cal: string;
  beforeAll(async () => {
    [alice, bob] = await Promise.all([login(server, 'alice'), login(server, 'bob')]);
    cal = await createCalendar(alice.transport, alice.discovery.principal.calendarHomes[0]!, {
      name: 'Équipe technique',
      slug: uniqueName('equipe-technique'),
    });
  }, 60_000);
  afterAll(async () => {
    if (cal) await deleteCollection(alice.transport, cal).catch(() => undefined);
  });

  it('Alexandre, admin, is told who has access (himself and David), not "shared with no one"', async () => {
    const shared = await openSharing(alice, cal);
    await shared.share('bob@example.com', { access: 'admin' });
    await shared.share('carol@example.com', { access: 'read' });
    const ctx = testContext({ bob });
    expect(await sharesCommand(ctx, [`bob:${new URL(cal).pathname}`, '--json'])).toBe(0);
    const rows = JSON.parse(ctx.stdout.join('\n')) as { sharee: string; access: string }[];
    expect(rows.map((r) => [r.sharee.replace(/.*\/caldav\.php\//, ''), r.access]).sort()).toEqual([
      ['bob/', 'admin'],
      ['carol/', 'read'],
    ]);
    const table = testContext({ bob });
    expect(await sharesCommand(table, [`bob:${new URL(cal).pathname}`])).toBe(0);
    expect(table.stdout.join('\n')).toMatch(/^carol\s+read\s/m);
    expect(table.stdout.join('\n')).not.toMatch(/PRIVATE EVENTS|mailto:|http:/);
  });

  it('publish twice gives the same live link back (said so), and link shows that one', async () => {
    const first = testContext({ alice });
    expect(await publishCommand(first, [`alice:${cal}`, '--json'])).toBe(0);
    const a = JSON.parse(first.stdout.join('\n')) as { ics: string; reused?: boolean };
    const second = testContext({ alice });
    expect(await publishCommand(second, [`alice:${cal}`])).toBe(0);
    expect(second.stdout.join('\n')).toMatch(/Already published/);
    expect(second.stdout.join('\n')).toContain(`ICS: ${a.ics}`);
    const link = testContext({ alice });
    expect(await linkCommand(link, [`alice:${cal}`, '--format', 'text', '--lang', 'en'])).toBe(0);
    expect(link.stdout.join('\n')).toContain(a.ics);
    const shared = await openSharing(alice, cal);
    await shared.unpublish();
    expect(await shared.published()).toBeNull();
  });
});

(started.has('sogo') ? describe : describe.skip)('owner side on SOGo', () => {
  const server = testServers.sogo;
  let alice: DavAccount;
  let book: string;
  beforeAll(async () => {
    alice = await login(server, 'alice');
    book = await createAddressBook(alice.transport, server.addressbookHomeUrl('alice'), {
      name: 'Contacts équipe',
      slug: uniqueName('contacts-equipe'),
    });
  }, 60_000);
  afterAll(async () => {
    if (book) await deleteCollection(alice.transport, book).catch(() => undefined);
  });

  it('an address book share has no private-events column, and sharees show without "mailto:"', async () => {
    const shared = await openSharing(alice, book);
    await shared.share('carol@example.com', { access: 'read' });
    const ctx = testContext({ alice });
    expect(await sharesCommand(ctx, [`alice:${new URL(book).pathname}`])).toBe(0);
    const out = ctx.stdout.join('\n');
    expect(out).not.toMatch(/PRIVATE EVENTS/);
    expect(out).not.toMatch(/mailto:/);
    expect(out).toMatch(/^carol \(Carol\)\s+read\s+active/m);
  });
});

(started.has('cyrus') ? describe : describe.skip)('owner side on Cyrus', () => {
  const server = testServers.cyrus;
  let alice: DavAccount;
  let cal: string;
  beforeAll(async () => {
    alice = await login(server, 'alice');
    cal = await createCalendar(alice.transport, alice.discovery.principal.calendarHomes[0]!, {
      name: 'Équipe technique',
      slug: uniqueName('equipe-technique'),
    });
  }, 60_000);
  afterAll(async () => {
    if (cal) await deleteCollection(alice.transport, cal).catch(() => undefined);
  });

  it('a sharee typed as bob@example.com is shown as bob, not as "mailto:bob@localhost"', async () => {
    const shared = await openSharing(alice, cal);
    await shared.share('bob@example.com', { access: 'read-write' });
    const ctx = testContext({ alice });
    expect(await sharesCommand(ctx, [`alice:${new URL(cal).pathname}`])).toBe(0);
    const out = ctx.stdout.join('\n');
    expect(out).not.toMatch(/mailto:|@localhost/);
    expect(out).toMatch(/^bob\b.*read-write/m);
  });
});
