/**
 * The background's work behind each popup request: connections (core discovery), collections with color, kind and
 * rights, invitations, sharing, and contact subscriptions synced with Thunderbird address books.
 *
 * Passwords: never in extension storage (plain text there). Until the experiment stores them in Thunderbird's
 * login manager, a connection's password lives in this object's memory only, for the session: after Thunderbird
 * restarts, the account is listed (its server and user name are stored) and asks for its password again; the
 * periodic sync skips it until then.
 */
import {
  acceptInvitation,
  connectAccount,
  declineInvitation,
  listInvitations,
  openSharing,
  type Collection,
  type DavAccount,
} from '@dav-bridge/core';
import { syncContactPair, outcomeKey, type ContactPair, type ContactSyncOutcome } from '../contacts/contact-sync.js';
import { PairRuns } from '../contacts/pair-runs.js';
import { StorageStatusStore } from '../storage/status-store.js';
import type { ExtensionApi } from '../thunderbird-api.js';
import {
  UiError,
  type AccountView,
  type Answers,
  type CollectionView,
  type LinkSource,
  type Request,
  type SnippetView,
} from '../messages.js';
import { readOptions } from '../options-store.js';
import { calendarSubscriptions, subscribeCalendar, unsubscribeCalendar } from './calendars.js';
import { bridgeGuestLinks, snippetForBridgeLink, snippetForCollection } from './guest-links.js';
import { langOf } from '../popup/view.js';
import type { InsertRequest } from '../compose/insert-request.js';

/** What is stored of an account: where and who, never the password. */
export interface StoredAccount {
  id: string;
  serverUrl?: string;
  email?: string;
  username: string;
}

const ACCOUNTS = 'accounts';
const PAIRS = 'pairs';

export interface ServiceOptions {
  api: ExtensionApi;
  /** Connects (discovery); tests and the e2e channel can pass another fetch. */
  connect?: typeof connectAccount;
  /** The pairs' runs, shared with the scheduler (one run of a pair at a time, whoever asks). */
  runs?: PairRuns;
}

export class BridgeService {
  private readonly sessions = new Map<string, DavAccount>();
  /** For the session only (see the header): handed to Thunderbird's login manager when a calendar is subscribed. */
  private readonly logins = new Map<string, { username: string; password: string }>();
  private readonly api: ExtensionApi;
  private readonly connect: typeof connectAccount;
  readonly runs: PairRuns;

  constructor(options: ServiceOptions) {
    this.api = options.api;
    this.connect = options.connect ?? connectAccount;
    this.runs = options.runs ?? new PairRuns();
  }

  async handle<T extends Request['type']>(request: Extract<Request, { type: T }>): Promise<Answers[T]> {
    const r = request as Request;
    const answer = await this.dispatch(r);
    return answer as Answers[T];
  }

  private async dispatch(r: Request): Promise<Answers[Request['type']]> {
    switch (r.type) {
      case 'connect':
        return this.connectAccount(r);
      case 'accounts':
        return (await this.accounts()).map(view);
      case 'collections':
        return this.collections(r.accountId);
      case 'invitations':
        return (await listInvitations(this.session(r.accountId))).map((i) => ({
          accountId: r.accountId,
          id: i.id,
          collection: i.collection,
          owner: i.owner,
          access: i.access,
        }));
      case 'accept':
        await acceptInvitation(this.session(r.accountId), r.invitationId);
        return null;
      case 'decline':
        await declineInvitation(this.session(r.accountId), r.invitationId);
        return null;
      case 'subscribe':
        return this.subscribe(r.accountId, r.url);
      case 'unsubscribe':
        await this.unsubscribe(r.accountId, r.url);
        return null;
      case 'shares':
        return (await (await this.sharing(r.accountId, r.url)).listShares()).map((s) => ({
          sharee: s.sharee,
          displayName: s.displayName,
          access: s.access,
          status: (s as { status?: string }).status,
        }));
      case 'share':
        await (await this.sharing(r.accountId, r.url)).share(r.sharee, { access: r.access });
        return null;
      case 'unshare':
        await (await this.sharing(r.accountId, r.url)).unshare(r.sharee);
        return null;
      case 'syncNow':
        return this.syncAll();
      case 'status':
        return this.status();
      case 'guestLinks':
        return (await bridgeGuestLinks(await readOptions(this.api.storage.local))).map((l) => ({
          id: l.id,
          collectionName: l.collectionName,
          url: l.url,
        }));
      case 'snippet':
        return this.snippet(r.source);
      case 'insertLink':
        return this.insertLink(r.tabId, r.source);
    }
  }

  /** Connects, keeps the session (password in memory only) and stores the account without its password. */
  private async connectAccount(r: Extract<Request, { type: 'connect' }>): Promise<AccountView> {
    const account = await this.connect({
      ...(r.serverUrl ? { serverUrl: r.serverUrl } : {}),
      ...(r.email ? { email: r.email } : {}),
      auth: { type: 'basic', username: r.username, password: r.password },
    });
    const stored: StoredAccount = {
      id: `${r.username}@${new URL(account.discovery.principal.url).host}`,
      username: r.username,
      ...(r.serverUrl ? { serverUrl: r.serverUrl } : {}),
      ...(r.email ? { email: r.email } : {}),
    };
    this.sessions.set(stored.id, account);
    this.logins.set(stored.id, { username: r.username, password: r.password });
    const others = (await this.accounts()).filter((a) => a.id !== stored.id);
    await this.api.storage.local.set({ [ACCOUNTS]: [...others, stored] });
    return view(stored);
  }

  async accounts(): Promise<StoredAccount[]> {
    return ((await this.api.storage.local.get(ACCOUNTS))[ACCOUNTS] as StoredAccount[] | undefined) ?? [];
  }

  async pairs(): Promise<ContactPair[]> {
    return ((await this.api.storage.local.get(PAIRS))[PAIRS] as ContactPair[] | undefined) ?? [];
  }

  private session(accountId: string): DavAccount {
    const s = this.sessions.get(accountId);
    if (!s) throw new UiError('errorNotConnected', [accountId]);
    return s;
  }

  private async collections(accountId: string): Promise<CollectionView[]> {
    const { collections } = await this.session(accountId).listCollections();
    const pairs = await this.pairs();
    const calendars = await calendarSubscriptions(this.api.storage.local);
    return collections.map((c) => ({
      accountId,
      url: c.url,
      name: c.name,
      kind: c.kind,
      color: c.color,
      access: c.access,
      sharedWithMe: c.sharedWithMe,
      subscribed:
        pairs.some((p) => p.accountId === accountId && p.collection.url === c.url) ||
        calendars.some((s) => s.accountId === accountId && s.url === c.url),
    }));
  }

  private async find(accountId: string, url: string): Promise<Collection> {
    const { collections } = await this.session(accountId).listCollections();
    const c = collections.find((x) => x.url === url);
    if (!c) throw new UiError('errorNoCollection', [url]);
    return c;
  }

  private async sharing(accountId: string, url: string) {
    return openSharing(this.session(accountId), new URL(url).pathname);
  }

  /**
   * Contacts: a Thunderbird address book named after the collection, synced at once. Calendars and task lists: a
   * native CalDAV calendar through the experiment (the outcome is then null: Thunderbird syncs it itself).
   */
  private async subscribe(accountId: string, url: string): Promise<ContactSyncOutcome | null> {
    const c = await this.find(accountId, url);
    if (c.kind !== 'contacts') {
      await subscribeCalendar(this.api.davBridgeCalendars, this.api.storage.local, accountId, c, this.login(accountId));
      return null;
    }
    const pairs = await this.pairs();
    let pair = pairs.find((p) => p.accountId === accountId && p.collection.url === url);
    if (!pair) {
      const bookId = await this.api.addressBooks.create({ name: c.name });
      pair = {
        id: `${accountId}|${url}`,
        accountId,
        bookId,
        collection: {
          url: c.url,
          kind: c.kind,
          access: c.access,
          supportsSyncCollection: c.supportsSyncCollection,
          vcardVersions: c.vcardVersions,
          name: c.name,
        },
      };
      await this.api.storage.local.set({ [PAIRS]: [...pairs, pair] });
    }
    return this.syncPair(pair.id);
  }

  private login(accountId: string): { username: string; password: string } {
    const login = this.logins.get(accountId);
    if (!login) throw new UiError('errorNotConnected', [accountId]);
    return login;
  }

  /**
   * Calendars: the native calendar is removed. Contacts: syncing stops; the Thunderbird book is kept (it holds the
   * user's copy), its sync status is forgotten.
   */
  private async unsubscribe(accountId: string, url: string): Promise<void> {
    if (await unsubscribeCalendar(this.api.davBridgeCalendars, this.api.storage.local, accountId, url)) return;
    const pairs = await this.pairs();
    const pair = pairs.find((p) => p.accountId === accountId && p.collection.url === url);
    if (!pair) return;
    await this.api.storage.local.set({ [PAIRS]: pairs.filter((p) => p !== pair) });
    await new StorageStatusStore(this.api.storage.local, pair.id).clear();
  }

  /** One pair's run; skipped (with an outcome saying why) while its account has no session. */
  async syncPair(pairId: string): Promise<ContactSyncOutcome> {
    const pair = (await this.pairs()).find((p) => p.id === pairId);
    if (!pair) throw new UiError('errorNoSubscription', [pairId]);
    const { transport } = this.session(pair.accountId);
    return this.runs.run(pairId, () => syncContactPair(this.api, transport, pair));
  }

  async syncAll(): Promise<ContactSyncOutcome[]> {
    const out: ContactSyncOutcome[] = [];
    for (const p of await this.pairs()) if (this.sessions.has(p.accountId)) out.push(await this.syncPair(p.id));
    return out;
  }

  /** Core's mail snippet for a link, in the user's language. */
  private async snippet(source: LinkSource): Promise<SnippetView> {
    const options = await readOptions(this.api.storage.local);
    const lang = langOf(this.api.i18n);
    if (isBridgeLink(source)) return snippetForBridgeLink(options, source.bridgeLinkId, lang);
    const c = await this.find(source.accountId, source.url);
    return snippetForCollection(this.session(source.accountId), c, options, lang);
  }

  /** Inserts the snippet at the cursor of a compose window: HTML, or the text version in a plain-text compose. */
  private async insertLink(tabId: number, source: LinkSource): Promise<{ format: 'html' | 'text' }> {
    const [details, snippet] = await Promise.all([this.api.compose.getComposeDetails(tabId), this.snippet(source)]);
    const format = details.isPlainText ? 'text' : 'html';
    const request: InsertRequest = {
      type: 'dav-bridge-insert',
      format,
      content: format === 'html' ? snippet.html : snippet.text,
    };
    const answer = (await this.api.tabs.sendMessage(tabId, request)) as { ok?: boolean } | undefined;
    if (!answer?.ok) throw new UiError('errorComposeRefused');
    return { format };
  }

  private async status(): Promise<ContactSyncOutcome[]> {
    const keys = (await this.pairs()).map((p) => outcomeKey(p.id));
    const got = await this.api.storage.local.get(keys);
    return keys.flatMap((k) => (got[k] ? [got[k] as ContactSyncOutcome] : []));
  }
}

export function isBridgeLink(s: LinkSource): s is { bridgeLinkId: string } {
  return 'bridgeLinkId' in s;
}

function view(a: StoredAccount): AccountView {
  return { id: a.id, label: a.email ?? `${a.username} (${a.serverUrl ?? ''})` };
}
