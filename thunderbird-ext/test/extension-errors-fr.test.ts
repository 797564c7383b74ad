/**
 * Issue 14: the errors the extension itself produces reach the user as catalog sentences in their language, with
 * Thunderbird's or the server's own words only as a quoted detail: the contact store's refusals and unreadable
 * contacts inside core's sync sentences, a failed run, a calendar that cannot be subscribed, the bridge's guest
 * links. Real code throughout (core's sync engine, the contact store, the background's modules) over the
 * Thunderbird API stand-in; only Thunderbird's refusals and the network are simulated.
 */
import { i18n, NetworkError, sync, type Collection, type Transport } from '@dav-bridge/core';
import { browser } from '../src/browser.js';
import { ThunderbirdContactStore } from '../src/contacts/contact-store.js';
import { StorageConflictLog } from '../src/storage/conflict-log.js';
import { itemIssues, syncContactPair, type ContactSyncOutcome } from '../src/contacts/contact-sync.js';
import { realmOf, subscribeCalendar } from '../src/background/calendars.js';
import { snippetForBridgeLink } from '../src/background/guest-links.js';
import { failureOf } from '../src/messages.js';
import { failureText, outcomeLines } from '../src/popup/view.js';
import type { CalendarsExperiment, ContactsApi } from '../src/thunderbird-api.js';
import { standIn } from './support/browser-standin.js';
import { vcard } from '../../test/support/items.js';

const fr = i18n.catalog('fr').thunderbird;
const fill = (text: string, ...subs: string[]) => text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
/** English words that must not be in a French line (the texts the extension used to produce). */
const ENGLISH = /\b(refused|the contact|changed in|could not|did not|cannot|failed|unexpected|no bridge)\b/i;

async function book(): Promise<string> {
  return browser.addressBooks.create({ name: 'Équipe technique' });
}

/** A sync of one server contact into Thunderbird, whose contacts API is changed by `change`. */
async function runInto(change: (api: ContactsApi) => ContactsApi, cards: string[]) {
  const bookId = await book();
  const server = new sync.MemoryStore({ name: 'Cyrus' });
  for (const c of cards) await server.create(c);
  const report = await sync.syncPair({
    a: server,
    b: new ThunderbirdContactStore({ contacts: change(browser.addressBooks.contacts), bookId, name: 'Thunderbird' }),
    status: new sync.MemoryStatusStore(),
    conflictLog: new StorageConflictLog(browser.storage.local, 'p'),
  });
  return { report, bookId };
}

const outcomeOf = (issues: ContactSyncOutcome['issues'], issueCount = issues?.length): ContactSyncOutcome => ({
  pairId: 'p',
  at: '2026-12-02T09:00:00Z',
  ok: false,
  server: { created: 0, updated: 0, deleted: 0, errors: 0 },
  thunderbird: { created: 0, updated: 0, deleted: 0, errors: 1 },
  conflicts: 0,
  unreadable: 0,
  reverted: [],
  ...(issues ? { issues, issueCount } : {}),
});

describe("the extension's own errors in French (Thunderbird API stand-in)", () => {
  beforeEach(() => {
    standIn.reset();
    standIn.setLanguage('fr');
  });

  it('a contact Thunderbird refuses is reported in French, its words quoted', async () => {
    const { report } = await runInto(
      (api) => ({
        ...api,
        create: async () => {
          throw new Error('Invalid vCard: missing FN');
        },
      }),
      [vcard('u1', 'Gilles')],
    );
    const issues = itemIssues(report);
    expect(issues).toHaveLength(1);
    const lines = outcomeLines(browser.i18n, outcomeOf(issues));
    const refused = fill(fr.storeContactRefused, 'Invalid vCard: missing FN');
    expect(lines[1]).toBe(
      fill(fr.syncIssue, issues[0]!.item, i18n.render('fr', i18n.message('sync.write-failed', { detail: refused }))),
    );
    expect(lines[1]).toContain('Thunderbird a refusé le contact : Invalid vCard: missing FN');
    expect(lines[1]!.replace('Invalid vCard: missing FN', '')).not.toMatch(ENGLISH);
  });

  it('a contact that is no vCard is unreadable, said in French', async () => {
    const bookId = await book();
    const contacts: ContactsApi = {
      ...browser.addressBooks.contacts,
      list: async () => [
        { id: 'x1', parentId: bookId, type: 'contact', readOnly: false, remote: false, vCard: 'junk' },
      ],
      get: async () => ({ id: 'x1', parentId: bookId, type: 'contact', readOnly: false, remote: false, vCard: 'junk' }),
    } as ContactsApi;
    const report = await sync.syncPair({
      a: new sync.MemoryStore({ name: 'Cyrus' }),
      b: new ThunderbirdContactStore({ contacts, bookId, name: 'Thunderbird' }),
      status: new sync.MemoryStatusStore(),
      conflictLog: new StorageConflictLog(browser.storage.local, 'p'),
    });
    const [line] = outcomeLines(browser.i18n, outcomeOf(itemIssues(report))).slice(1);
    expect(line).toContain(fr.storeNotVCard);
    expect(line).toMatch(/^x1 illisible \(/);
    expect(line).not.toMatch(ENGLISH);
  });

  it('shows the first issues and counts the others', () => {
    const text = i18n.message('sync.write-failed', { detail: 'storeDeletionRefused: busy' });
    const issues = [1, 2, 3, 4, 5].map((n) => ({ item: `u${n}`, text }));
    const lines = outcomeLines(browser.i18n, outcomeOf(issues, 8));
    expect(lines).toHaveLength(7);
    expect(lines[1]).toBe(fill(fr.syncIssue, 'u1', `échec : ${fill(fr.storeDeletionRefused, 'busy')}`));
    expect(lines[6]).toBe(fill(fr.syncMoreIssues, '3'));
  });

  it("a run that fails on the network says so in French with core's sentence, not the exception's English", async () => {
    const bookId = await book();
    const url = 'https://dav.example/addressbooks/gilles/team/';
    const transport: Transport = {
      auth: { type: 'basic', username: 'david', password: 'pw' },
      request: async () => {
        throw new NetworkError(
          'network-unreachable',
          i18n.message('dav.network-unreachable', { url, cause: 'ECONNREFUSED' }),
          {
            url,
          },
        );
      },
    };
    const outcome = await syncContactPair(browser, transport, {
      id: 'p1',
      accountId: 'david@dav.example',
      bookId,
      collection: { url, kind: 'contacts', access: 'read-write', supportsSyncCollection: true, name: 'Équipe' },
    });
    expect(outcome.error).toEqual({ message: i18n.message('dav.network-unreachable', { url, cause: 'ECONNREFUSED' }) });
    expect(outcomeLines(browser.i18n, outcome)).toEqual([
      fill(fr.syncFailed, `Impossible de joindre le serveur (ECONNREFUSED) [${url}]`),
    ]);
    // What was saved for the popup is the same coded failure.
    expect((await browser.storage.local.get('outcome:p1'))['outcome:p1']).toEqual(outcome);
  });

  it('an outcome saved by an older version (error as text) is still shown inside a French sentence', () => {
    const old = { ...outcomeOf(undefined), error: 'socket hang up' } as unknown as ContactSyncOutcome;
    expect(outcomeLines(browser.i18n, old)).toEqual([fill(fr.syncFailed, fill(fr.errorUnexpected, 'socket hang up'))]);
  });

  it('a server naming no realm, a password or a calendar Thunderbird refuses: French, the detail quoted', async () => {
    const noRealm = async () => new Response(null, { status: 401, headers: { 'www-authenticate': 'Basic' } });
    const url = 'https://dav.example/calendars/gilles/team/';
    const err = await realmOf(url, noRealm as typeof fetch).catch((e: unknown) => e);
    expect(failureText(browser.i18n, failureOf(err))).toBe(
      fill(fr.errorCalendarNoRealm, 'dav.example', 'HTTP 401, WWW-Authenticate: Basic'),
    );

    const withRealm = async () =>
      new Response(null, { status: 401, headers: { 'www-authenticate': 'Basic realm="Cyrus"' } });
    const collection = { url, name: 'Équipe', access: 'read', kind: 'events' } as Collection;
    const login = { username: 'david', password: 'pw' };
    const refusing = (step: 'storePassword' | 'create'): CalendarsExperiment =>
      ({
        ...browser.davBridgeCalendars,
        [step]: async () => {
          throw new Error(`${step === 'create' ? 'creating the calendar' : 'storing the password'}: NS_ERROR_FAILURE`);
        },
      }) as CalendarsExperiment;
    const area = browser.storage.local;
    const password = await subscribeCalendar(
      refusing('storePassword'),
      area,
      'a',
      collection,
      login,
      withRealm as typeof fetch,
    ).catch((e: unknown) => e);
    expect(failureText(browser.i18n, failureOf(password))).toBe(
      fill(fr.errorCalendarPassword, 'https://dav.example', 'storing the password: NS_ERROR_FAILURE'),
    );
    const create = await subscribeCalendar(
      refusing('create'),
      area,
      'a',
      collection,
      login,
      withRealm as typeof fetch,
    ).catch((e: unknown) => e);
    expect(failureText(browser.i18n, failureOf(create))).toBe(
      fill(fr.errorCalendarCreate, 'Équipe', 'creating the calendar: NS_ERROR_FAILURE'),
    );
  });

  describe("the bridge's guest links", () => {
    const options = { syncMinutes: 15, bridgeUrl: 'https://bridge.example/', bridgeToken: 'tok' };
    const answer = (status: number, body: unknown) =>
      jest.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(JSON.stringify(body), { status }));
    afterEach(() => jest.restoreAllMocks());

    it('a refusal, a link that cannot be read, a link gone: each in French', async () => {
      answer(401, { error: 'unauthorized' });
      const refused = await snippetForBridgeLink(options, 'l1', 'fr').catch((e: unknown) => e);
      expect(failureText(browser.i18n, failureOf(refused))).toBe(
        fill(fr.errorBridgeHttp, '401', '/api/v1/guest-links'),
      );

      const link = { id: 'l1', collectionUrl: 'u', collectionName: 'Équipe', url: null, icsUrl: null };
      answer(200, { guestLinks: [{ ...link, webcalUrl: null, expiresAt: null }] });
      const unreadable = await snippetForBridgeLink(options, 'l1', 'fr').catch((e: unknown) => e);
      expect(failureText(browser.i18n, failureOf(unreadable))).toBe(fill(fr.errorBridgeLinkUnreadable, 'Équipe'));

      const gone = await snippetForBridgeLink(options, 'l2', 'fr').catch((e: unknown) => e);
      expect(failureText(browser.i18n, failureOf(gone))).toBe(fill(fr.errorNoBridgeLink, 'l2'));
      for (const e of [refused, unreadable, gone]) expect(failureText(browser.i18n, failureOf(e))).not.toMatch(ENGLISH);
    });
  });
});
