/**
 * Issue 14, item 6: the extension inside a REAL headless Thunderbird (Debian's, installed by
 * test/e2e/install-thunderbird.sh), against REAL Cyrus. A fresh profile with one identity and the end-to-end build
 * of the extension (webpack --env e2e: the release build plus a test-only control channel, src/e2e/control.ts,
 * which fetches commands from this test's HTTP server on 127.0.0.1:33769 and posts their results).
 *
 * Scenario: David (bob) connects; Gilles (alice) shares "Équipe technique" (an address book) with him; David
 * accepts the invitation and subscribes: the contacts land in a Thunderbird address book; an edit and a deletion on
 * each side go across; Gilles inserts his calendar's guest link into a compose window, read back from its body.
 * Skipped, saying why, only where Thunderbird cannot be installed.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createItem, deleteItem, getItem, listItems, updateItem } from '../../bridge-core/src/dav/items.js';
import { createAddressBook, createCalendar, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { sameResource } from '../../bridge-core/src/dav/multistatus.js';
import { createTransport } from '../../bridge-core/src/dav/transport.js';
import { startedServers, testServers, uniqueName } from '../harness/servers.js';
import { vcard } from '../support/items.js';

const ROOT = resolve(__dirname, '../..');
const EXT = join(ROOT, 'thunderbird-ext');
const THUNDERBIRD = process.env['THUNDERBIRD_PATH'] || '/usr/bin/thunderbird';
const GECKO_ID = 'dav-bridge@dav-bridge.invalid';
const PORT = 33769;
const COUNT = 15;

/** Installs Thunderbird when it can; the reason it cannot otherwise. */
function thunderbirdMissing(): string | undefined {
  if (!startedServers().some((s) => s.name === 'cyrus')) return 'Cyrus is not among the started servers';
  const install = spawnSync('bash', [join(ROOT, 'test/e2e/install-thunderbird.sh')], { encoding: 'utf8' });
  if (install.status !== 0 || !existsSync(THUNDERBIRD))
    return `Thunderbird cannot be installed here: ${install.stderr.trim()}`;
  return undefined;
}
const missing = thunderbirdMissing();
if (missing) console.warn(`tb-e2e-thunderbird skipped: ${missing}`);
const run = missing ? describe.skip : describe;

const USER_JS = `
user_pref("xpinstall.signatures.required", false);
user_pref("extensions.autoDisableScopes", 0);
user_pref("extensions.enabledScopes", 15);
user_pref("mail.shell.checkDefaultClient", false);
user_pref("mail.provider.suppress_dialog_on_startup", true);
user_pref("mailnews.start_page.enabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
user_pref("mail.accountmanager.accounts", "account1,account2");
user_pref("mail.accountmanager.defaultaccount", "account1");
user_pref("mail.accountmanager.localfoldersserver", "server2");
user_pref("mail.account.account1.identities", "id1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.account.account2.server", "server2");
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.hostname", "127.0.0.1");
user_pref("mail.server.server1.port", 11110);
user_pref("mail.server.server1.userName", "david");
user_pref("mail.server.server1.name", "david@example.org");
user_pref("mail.server.server1.login_at_startup", false);
user_pref("mail.server.server1.check_new_mail", false);
user_pref("mail.server.server2.type", "none");
user_pref("mail.server.server2.hostname", "Local Folders");
user_pref("mail.server.server2.userName", "nobody");
user_pref("mail.server.server2.name", "Local Folders");
user_pref("mail.identity.id1.useremail", "david@example.org");
user_pref("mail.identity.id1.fullName", "David");
user_pref("mail.identity.id1.compose_html", true);
user_pref("mail.identity.id1.valid", true);
`;

/** The test's end of the control channel: commands queued here, fetched by the extension, results awaited. */
class Control {
  private queue: { id: number; op: string; args: unknown }[] = [];
  private waiting: ((body: string) => void) | undefined;
  private readonly results = new Map<number, (r: { ok: boolean; value?: unknown; error?: string }) => void>();
  private nextId = 1;
  started!: Promise<void>;
  private server: Server | undefined;

  listen(): Promise<void> {
    let markStarted!: () => void;
    this.started = new Promise((r) => (markStarted = r));
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.url === '/log') markStarted();
        if (req.url === '/result') {
          const r = JSON.parse(body) as { id: number; ok: boolean };
          this.results.get(r.id)?.(r);
        }
        if (req.url === '/next') {
          const send = (b: string) => res.end(b);
          const next = this.queue.shift();
          if (next) return send(JSON.stringify(next));
          const timer = setTimeout(() => {
            this.waiting = undefined;
            send('{"op":"noop"}');
          }, 10_000);
          this.waiting = (b) => {
            clearTimeout(timer);
            send(b);
          };
          return;
        }
        res.end('{}');
      });
    });
    return new Promise((r) => this.server!.listen(PORT, '127.0.0.1', () => r()));
  }

  private push(command: { id: number; op: string; args: unknown }): void {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w(JSON.stringify(command));
    } else this.queue.push(command);
  }

  async call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    const result = new Promise<{ ok: boolean; value?: unknown; error?: string }>((r) => this.results.set(id, r));
    this.push({ id, op, args });
    const r = await result;
    if (!r.ok) throw new Error(`${op}: ${r.error}`);
    return r.value as T;
  }

  ask<T>(request: Record<string, unknown>): Promise<T> {
    return this.call<T>('ask', { request });
  }

  stop(): void {
    this.push({ id: 0, op: 'stop', args: {} });
    this.server?.closeAllConnections();
    this.server?.close();
  }
}

run('the extension in real headless Thunderbird, against real Cyrus', () => {
  const cyrus = testServers.cyrus;
  const gilles = createTransport({ auth: { type: 'basic', username: 'alice', password: cyrus.users.alice.password } });
  const control = new Control();
  let tb: ChildProcess | undefined;
  let profile: string;
  let book: string;
  let calendar: string;
  const uids = Array.from({ length: COUNT }, (_, i) => uniqueName(`e2e${i}`));
  let david: string;
  let bookId: string;
  let pairId: string;

  beforeAll(async () => {
    // The end-to-end build: made here when missing (the release build never has the control channel).
    if (!existsSync(join(EXT, 'e2e-build', 'dist', 'background.js'))) {
      execFileSync('npx', ['webpack', '--config', 'webpack.config.mjs', '--env', 'e2e'], { cwd: EXT, stdio: 'ignore' });
    }
    profile = mkdtempSync(join(tmpdir(), 'dav-bridge-tb-profile-'));
    writeFileSync(join(profile, 'user.js'), USER_JS);
    const ext = mkdtempSync(join(tmpdir(), 'dav-bridge-tb-ext-'));
    cpSync(join(EXT, 'e2e-build', 'dist'), ext, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8'));
    // Optional host permissions need a click in the popup; the test profile grants the test servers' host up front.
    manifest.host_permissions = ['http://127.0.0.1/*'];
    writeFileSync(join(ext, 'manifest.json'), JSON.stringify(manifest));
    mkdirSync(join(profile, 'extensions'));
    execFileSync('zip', ['-qr', join(profile, 'extensions', `${GECKO_ID}.xpi`), '.', '-x', '*.map'], { cwd: ext });
    rmSync(ext, { recursive: true, force: true });

    // Gilles's address book, shared with David; Gilles's calendar for the guest link.
    book = await createAddressBook(gilles, cyrus.addressbookHomeUrl('alice'), {
      name: 'Équipe technique',
      slug: uniqueName('e2e-book'),
    });
    await Promise.all(
      uids.map((uid, i) => createItem(gilles, book, `${uid}.vcf`, vcard(uid, `Contact ${i}`), 'addressbook')),
    );
    calendar = await createCalendar(gilles, cyrus.calendarHomeUrl('alice'), {
      name: 'Équipe technique',
      color: '#1E90FF',
      slug: uniqueName('e2e-cal'),
    });

    await control.listen();
    tb = spawn(THUNDERBIRD, ['--headless', '--no-remote', '--profile', profile], { stdio: 'ignore' });
    await Promise.race([
      control.started,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('the extension did not start in Thunderbird within 90 s')), 90_000),
      ),
    ]);
  }, 300_000);

  afterAll(async () => {
    control.stop();
    if (tb?.pid) process.kill(tb.pid, 'SIGTERM');
    if (book) await deleteCollection(gilles, book).catch(() => undefined);
    if (calendar) await deleteCollection(gilles, calendar).catch(() => undefined);
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it("David connects, accepts Gilles's invitation and subscribes: the contacts are in a Thunderbird address book", async () => {
    david = (
      await control.ask<{ id: string }>({
        type: 'connect',
        serverUrl: cyrus.rootUrl,
        username: 'bob',
        password: cyrus.users.bob.password,
      })
    ).id;
    const gillesId = (
      await control.ask<{ id: string }>({
        type: 'connect',
        serverUrl: cyrus.rootUrl,
        username: 'alice',
        password: cyrus.users.alice.password,
      })
    ).id;
    await control.ask({
      type: 'share',
      accountId: gillesId,
      url: book,
      sharee: 'bob@example.com',
      access: 'read-write',
    });
    const invites = (
      await control.ask<{ id: string; collection: string }[]>({ type: 'invitations', accountId: david })
    ).filter((i) => sameResource(i.collection, book));
    expect(invites).toHaveLength(1);
    await control.ask({ type: 'accept', accountId: david, invitationId: invites[0]!.id });
    const shared = (
      await control.ask<{ url: string; name: string; kind: string; sharedWithMe: boolean; access: string }[]>({
        type: 'collections',
        accountId: david,
      })
    ).find((c) => c.sharedWithMe && c.kind === 'contacts' && c.name === 'Équipe technique')!;
    expect(shared.access).toBe('read-write');
    const outcome = await control.ask<{ ok: boolean; thunderbird: { created: number } }>({
      type: 'subscribe',
      accountId: david,
      url: shared.url,
    });
    expect(outcome).toMatchObject({ ok: true, thunderbird: { created: COUNT } });
    const pairs = await control.call<{ id: string; bookId: string }[]>('pairs');
    ({ id: pairId, bookId } = pairs[0]!);
    const contacts = await control.call<{ id: string }[]>('contacts', { bookId });
    expect(contacts.map((c) => c.id).sort()).toEqual([...uids].sort());
  }, 180_000);

  it('an edit and a deletion on each side go across', async () => {
    const contacts = await control.call<{ id: string; vCard: string }[]>('contacts', { bookId });
    const edited = contacts.find((c) => c.id === uids[0])!;
    await control.call('updateContact', {
      id: edited.id,
      vCard: edited.vCard.replace(/^FN:.*$/m, 'FN:Edited in Thunderbird'),
    });
    await control.call('deleteContact', { id: uids[1] });
    const davCopy = (await listItems(gilles, book, 'addressbook')).find((r) => r.href.includes(uids[2]!))!;
    await updateItem(gilles, davCopy.href, vcard(uids[2]!, 'Edited on the server'), davCopy.etag, 'addressbook');
    const gone = (await listItems(gilles, book, 'addressbook')).find((r) => r.href.includes(uids[3]!))!;
    await deleteItem(gilles, gone.href, gone.etag);

    const outcome = await control.call<{
      ok: boolean;
      server: { updated: number; deleted: number };
      thunderbird: { updated: number; deleted: number };
    }>('syncPair', { pairId });
    expect(outcome).toMatchObject({
      ok: true,
      server: { updated: 1, deleted: 1 },
      thunderbird: { updated: 1, deleted: 1 },
    });
    expect((await getItem(gilles, `${book}${uids[0]}.vcf`)).data).toContain('Edited in Thunderbird');
    const after = new Map(
      (await control.call<{ id: string; vCard: string }[]>('contacts', { bookId })).map((c) => [c.id, c.vCard]),
    );
    expect(after.get(uids[2]!)).toContain('Edited on the server');
    expect(after.has(uids[3]!)).toBe(false);
    expect((await listItems(gilles, book, 'addressbook')).some((r) => r.href.includes(uids[1]!))).toBe(false);
  }, 120_000);

  it('David subscribes the calendar Gilles shares read-only: a native, read-only CalDAV calendar with its color', async () => {
    const gillesId = (await control.ask<{ id: string }[]>({ type: 'accounts' })).find((a) =>
      a.id.startsWith('alice@'),
    )!.id;
    await control.ask({ type: 'share', accountId: gillesId, url: calendar, sharee: 'bob@example.com', access: 'read' });
    const invite = (
      await control.ask<{ id: string; collection: string }[]>({ type: 'invitations', accountId: david })
    ).find((i) => sameResource(i.collection, calendar))!;
    await control.ask({ type: 'accept', accountId: david, invitationId: invite.id });
    const shared = (
      await control.ask<{ url: string; name: string; kind: string; sharedWithMe: boolean }[]>({
        type: 'collections',
        accountId: david,
      })
    ).find((c) => c.sharedWithMe && c.kind !== 'contacts' && c.name === 'Équipe technique')!;
    expect(await control.ask({ type: 'subscribe', accountId: david, url: shared.url })).toBeNull();
    const subs = await control.call<{ url: string; calendarId: string }[]>('storage', { key: 'calendars' });
    const native = await control.call<Record<string, unknown>>('calendar', { id: subs[0]!.calendarId });
    expect(native).toMatchObject({ type: 'caldav', url: shared.url, name: 'Équipe technique', readOnly: true });
    expect(String(native['color']).toUpperCase()).toBe('#1E90FF');
    await control.ask({ type: 'unsubscribe', accountId: david, url: shared.url });
    expect(await control.call('calendar', { id: subs[0]!.calendarId })).toBeNull();
  }, 120_000);

  it("Gilles inserts his calendar's guest link in a compose window; it is in the body read back", async () => {
    const gillesId = (await control.ask<{ id: string }[]>({ type: 'accounts' })).find((a) =>
      a.id.startsWith('alice@'),
    )!.id;
    const cal = (await control.ask<{ url: string }[]>({ type: 'collections', accountId: gillesId })).find((c) =>
      sameResource(c.url, calendar),
    )!;
    const tabId = await control.call<number>('beginCompose', {
      to: ['francois@example.org'],
      subject: 'Agenda',
      body: '<html><body><p>Bonjour François,</p></body></html>',
    });
    await new Promise((r) => setTimeout(r, 3000)); // the compose editor and its compose script load
    expect(await control.ask({ type: 'insertLink', tabId, source: { accountId: gillesId, url: cal.url } })).toEqual({
      format: 'html',
    });
    const details = await control.call<{ body: string }>('composeDetails', { tabId });
    expect(details.body).toContain('Bonjour François');
    expect(details.body).toMatch(/webcal:\/\/|https?:\/\/127\.0\.0\.1/);
    expect(details.body).toContain('Équipe technique');
  }, 120_000);
});
