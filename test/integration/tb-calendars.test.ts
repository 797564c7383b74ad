/**
 * Issue 14, item 5: subscribing a calendar makes a native Thunderbird CalDAV calendar through the project's
 * experiment, with the collection's name and color, read-only when my access is read; the password goes to
 * Thunderbird's login manager under the realm the server challenges with (and the empty one), never into extension storage;
 * unsubscribing removes the calendar. Thunderbird (and the experiment's world: calendars, login manager) is the
 * Thunderbird API stand-in, written from the experiment's schema; the server is REAL Cyrus (a real read-only share).
 */
import { createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { sameResource } from '../../bridge-core/src/dav/multistatus.js';
import { createTransport } from '../../bridge-core/src/dav/transport.js';
import { browser } from '../../thunderbird-ext/src/browser.js';
import { BridgeService } from '../../thunderbird-ext/src/background/service.js';
import { ask, serve } from '../../thunderbird-ext/src/messages.js';
import { standIn } from '../../thunderbird-ext/test/support/browser-standin.js';
import { startedServers, testServers, uniqueName } from '../harness/servers.js';

const run = startedServers().some((s) => s.name === 'cyrus') ? describe : describe.skip;

run('native calendars through the experiment (Thunderbird API stand-in, real Cyrus)', () => {
  const cyrus = testServers.cyrus;
  const gillesTransport = createTransport({
    auth: { type: 'basic', username: 'alice', password: cyrus.users.alice.password },
  });
  let calendar: string;
  let gilles: string;
  let david: string;

  beforeAll(async () => {
    standIn.reset();
    const service = new BridgeService({ api: browser });
    serve(browser.runtime, (r) => service.handle(r));
    calendar = await createCalendar(gillesTransport, cyrus.calendarHomeUrl('alice'), {
      name: 'Équipe technique',
      color: '#1E90FF',
      slug: uniqueName('tb-cal'),
    });
    const connect = (username: 'alice' | 'bob') =>
      ask(browser.runtime, {
        type: 'connect',
        serverUrl: cyrus.rootUrl,
        username,
        password: cyrus.users[username].password,
      });
    gilles = (await connect('alice')).id;
    david = (await connect('bob')).id;
    await ask(browser.runtime, {
      type: 'share',
      accountId: gilles,
      url: calendar,
      sharee: 'bob@example.com',
      access: 'read',
    });
    const invite = (await ask(browser.runtime, { type: 'invitations', accountId: david })).find((i) =>
      sameResource(i.collection, calendar),
    )!;
    await ask(browser.runtime, { type: 'accept', accountId: david, invitationId: invite.id });
  }, 60_000);

  afterAll(async () => {
    if (calendar) await deleteCollection(gillesTransport, calendar).catch(() => undefined);
  });

  it("David's read-only share becomes a read-only native CalDAV calendar with its name and color", async () => {
    const shared = (await ask(browser.runtime, { type: 'collections', accountId: david })).find(
      (c) => c.sharedWithMe && c.name === 'Équipe technique' && c.kind !== 'contacts',
    )!;
    expect(shared.access).toBe('read');
    expect(await ask(browser.runtime, { type: 'subscribe', accountId: david, url: shared.url })).toBeNull();
    expect(standIn.calendars()).toEqual([
      expect.objectContaining({
        type: 'caldav',
        url: shared.url,
        name: 'Équipe technique',
        color: '#1E90FF',
        readOnly: true,
        username: 'bob',
      }),
    ]);
    expect(
      (await ask(browser.runtime, { type: 'collections', accountId: david })).find((c) => c.url === shared.url)
        ?.subscribed,
    ).toBe(true);
  });

  it("the password is in Thunderbird's login manager under the server's realm and the empty one, never in extension storage", async () => {
    // The empty realm: Cyrus challenges with a bare "Basic" on a connection that already carried a login, and
    // Thunderbird then looks for a login with no realm (none: a password dialog; see calendars.ts).
    const login = { origin: new URL(cyrus.rootUrl).origin, username: 'bob', password: cyrus.users.bob.password };
    expect(standIn.logins()).toEqual([
      { ...login, realm: expect.stringMatching(/./) },
      { ...login, realm: '' },
    ]);
    expect(JSON.stringify([...standIn.storage()])).not.toContain(cyrus.users.bob.password);
  });

  it("Gilles's own calendar is writable; unsubscribing removes the native calendar", async () => {
    const own = (await ask(browser.runtime, { type: 'collections', accountId: gilles })).find((c) =>
      sameResource(c.url, calendar),
    )!;
    await ask(browser.runtime, { type: 'subscribe', accountId: gilles, url: own.url });
    expect(standIn.calendars().find((c) => c.username === 'alice')).toMatchObject({
      readOnly: false,
      name: 'Équipe technique',
    });
    await ask(browser.runtime, { type: 'unsubscribe', accountId: gilles, url: own.url });
    expect(standIn.calendars().map((c) => c.username)).toEqual(['bob']);
  });
});
