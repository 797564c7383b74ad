/**
 * Issue 14, item 4: the compose button inserts core's mail snippet AT THE CURSOR of a compose window, HTML in an
 * HTML compose, the text version in a plain-text one; the link is the server's own publishing (Cyrus, real), and a
 * server without publishing and no bridge configured (Radicale, real) gives a clear error in the user's language.
 * Thunderbird (compose window, editor, compose script delivery) is the Thunderbird API stand-in; the compose script
 * itself (src/compose/insert.ts) is the real one, run against the stand-in's editor document.
 */
import { createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { createTransport } from '../../bridge-core/src/dav/transport.js';
import { browser } from '../../thunderbird-ext/src/browser.js';
import { BridgeService } from '../../thunderbird-ext/src/background/service.js';
import { ask, serve, RequestFailed } from '../../thunderbird-ext/src/messages.js';
import { listenForInserts } from '../../thunderbird-ext/src/compose/insert.js';
import { failureText } from '../../thunderbird-ext/src/popup/view.js';
import { i18n } from '../../bridge-core/src/index.js';
import { standIn } from '../../thunderbird-ext/test/support/browser-standin.js';
import { startedServers, testServers, uniqueName, type ServerName } from '../harness/servers.js';

const started = (name: ServerName) => startedServers().some((s) => s.name === name);

/** The real compose script's listener (installed once per set-up), working on this compose window's editor. */
function loadComposeScript(tabId: number): void {
  (globalThis as unknown as { document: unknown }).document = standIn.composeDocument(tabId);
}

async function setUp(server: ServerName, lang: string) {
  standIn.reset();
  standIn.setLanguage(lang);
  const service = new BridgeService({ api: browser });
  serve(browser.runtime, (r) => service.handle(r));
  listenForInserts(browser.runtime);
  const s = testServers[server];
  const transport = createTransport({ auth: { type: 'basic', username: 'alice', password: s.users.alice.password } });
  const calendar = await createCalendar(transport, s.calendarHomeUrl('alice'), {
    name: 'Équipe technique',
    color: '#1E90FF',
    slug: uniqueName('tb-compose'),
  });
  const account = await ask(browser.runtime, {
    type: 'connect',
    serverUrl: s.rootUrl,
    username: 'alice',
    password: s.users.alice.password,
  });
  const listed = (await ask(browser.runtime, { type: 'collections', accountId: account.id })).find(
    (c) => c.name === 'Équipe technique' && c.url.includes(new URL(calendar).pathname),
  )!;
  return { transport, calendar, accountId: account.id, url: listed.url };
}

(started('cyrus') ? describe : describe.skip)('compose button on Cyrus (Thunderbird API stand-in)', () => {
  let ctx: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    ctx = await setUp('cyrus', 'fr');
  }, 60_000);
  afterAll(async () => {
    if (ctx) await deleteCollection(ctx.transport, ctx.calendar).catch(() => undefined);
  });

  it('inserts the HTML snippet with the published link at the cursor of an HTML compose', async () => {
    const tab = standIn.openCompose({ isPlainText: false, body: '<p>Bonjour,</p><p>Cordialement</p>', caret: 15 });
    loadComposeScript(tab);
    const done = await ask(browser.runtime, {
      type: 'insertLink',
      tabId: tab,
      source: { accountId: ctx.accountId, url: ctx.url },
    });
    expect(done).toEqual({ format: 'html' });
    const body = standIn.composeBody(tab);
    expect(body.startsWith('<p>Bonjour,</p>')).toBe(true);
    expect(body.endsWith('<p>Cordialement</p>')).toBe(true);
    expect(body).toMatch(/href="webcal:\/\/|href="https?:\/\//);
    expect(body).toContain('Équipe technique');
  });

  it('a plain-text compose gets the text version, at the cursor', async () => {
    const tab = standIn.openCompose({ isPlainText: true, body: 'Bonjour,\n\nCordialement', caret: 10 });
    loadComposeScript(tab);
    expect(
      await ask(browser.runtime, {
        type: 'insertLink',
        tabId: tab,
        source: { accountId: ctx.accountId, url: ctx.url },
      }),
    ).toEqual({
      format: 'text',
    });
    const body = standIn.composeBody(tab);
    expect(body.startsWith('Bonjour,\n\n')).toBe(true);
    expect(body.endsWith('Cordialement')).toBe(true);
    expect(body).not.toMatch(/<a |<p>/);
    expect(body).toMatch(/https?:\/\/|webcal:\/\//);
  });
});

(started('radicale') ? describe : describe.skip)(
  'compose button on Radicale without a bridge (Thunderbird API stand-in)',
  () => {
    let ctx: Awaited<ReturnType<typeof setUp>>;
    beforeAll(async () => {
      ctx = await setUp('radicale', 'fr');
    }, 60_000);
    afterAll(async () => {
      if (ctx) await deleteCollection(ctx.transport, ctx.calendar).catch(() => undefined);
    });

    it('says in French that there is no way to publish, and changes nothing in the mail', async () => {
      const tab = standIn.openCompose({ isPlainText: false, body: '<p>Bonjour</p>' });
      loadComposeScript(tab);
      const err = await ask(browser.runtime, {
        type: 'insertLink',
        tabId: tab,
        source: { accountId: ctx.accountId, url: ctx.url },
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RequestFailed);
      // The catalog's sentence (a coded UiError), shown in French by the compose popup.
      expect((err as RequestFailed).failure).toEqual({ ui: { name: 'errorNoGuestLink', subs: [] } });
      expect(failureText(browser.i18n, (err as RequestFailed).failure)).toBe(
        i18n.catalog('fr').thunderbird.errorNoGuestLink,
      );
      expect(standIn.composeBody(tab)).toBe('<p>Bonjour</p>');
    });
  },
);
