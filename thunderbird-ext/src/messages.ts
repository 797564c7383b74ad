/**
 * The one message protocol between the popup (and options page) and the background: every request, its answer,
 * and the helper that sends it. The background holds the connections and runs bridge-core; the popup only shows.
 * Errors cross as core's catalog messages (key and parameters) when core raised one, so the popup words them in
 * the user's language; anything else as plain text.
 */
import type { i18n } from '@dav-bridge/core';
import type { RuntimeApi } from './thunderbird-api.js';
import type { ContactSyncOutcome } from './contacts/contact-sync.js';

export type Kind = 'events' | 'tasks' | 'events+tasks' | 'contacts';
export type Access = 'read' | 'read-write' | 'admin' | 'unknown';

export interface AccountView {
  id: string;
  label: string;
}

export interface CollectionView {
  accountId: string;
  url: string;
  name: string;
  kind: Kind;
  color: string | undefined;
  access: Access;
  sharedWithMe: boolean;
  /** A contacts pair (or, later, a native calendar) exists for it. */
  subscribed: boolean;
}

export interface InvitationView {
  accountId: string;
  id: string;
  collection: string;
  owner: string | undefined;
  access: Access;
}

export interface ShareView {
  sharee: string;
  displayName: string | undefined;
  access: Access;
  status: string | undefined;
}

export type Request =
  | { type: 'connect'; serverUrl?: string; email?: string; username: string; password: string }
  | { type: 'accounts' }
  | { type: 'collections'; accountId: string }
  | { type: 'invitations'; accountId: string }
  | { type: 'accept'; accountId: string; invitationId: string }
  | { type: 'decline'; accountId: string; invitationId: string }
  | { type: 'subscribe'; accountId: string; url: string }
  | { type: 'unsubscribe'; accountId: string; url: string }
  | { type: 'shares'; accountId: string; url: string }
  | { type: 'share'; accountId: string; url: string; sharee: string; access: 'read' | 'read-write' | 'admin' }
  | { type: 'unshare'; accountId: string; url: string; sharee: string }
  | { type: 'syncNow' }
  | { type: 'status' }
  | { type: 'guestLinks' }
  | { type: 'snippet'; source: LinkSource }
  | { type: 'insertLink'; tabId: number; source: LinkSource };

/** What a compose insertion links to: a collection (native publishing, else the bridge) or an existing bridge link. */
export type LinkSource = { accountId: string; url: string } | { bridgeLinkId: string };

export interface GuestLinkView {
  id: string;
  collectionName: string;
  url: string | null;
}

export interface SnippetView {
  subject: string;
  html: string;
  text: string;
}

/** What each request answers. */
export interface Answers {
  connect: AccountView;
  accounts: AccountView[];
  collections: CollectionView[];
  invitations: InvitationView[];
  accept: null;
  decline: null;
  /** A contacts subscription's first sync; null for a calendar (Thunderbird syncs its native calendar itself). */
  subscribe: ContactSyncOutcome | null;
  unsubscribe: null;
  shares: ShareView[];
  share: null;
  unshare: null;
  syncNow: ContactSyncOutcome[];
  status: ContactSyncOutcome[];
  guestLinks: GuestLinkView[];
  snippet: SnippetView;
  insertLink: { format: 'html' | 'text' };
}

/** One of the extension's own words (`_locales`, from the catalog's thunderbird section) and its substitutions. */
export interface UiMessage {
  name: i18n.ThunderbirdMessage;
  subs: string[];
}

/**
 * A failure: core's catalog message when core raised one, the extension's own words when it raised one (UiError),
 * else the text of an error nobody worded (shown inside a catalog sentence, never alone).
 */
export type Failure = { message: i18n.Message } | { ui: UiMessage } | { text: string };

/** An error of the extension's own, carrying its words: the popup and options page show it in the user's language. */
export class UiError extends Error {
  readonly ui: UiMessage;
  constructor(name: i18n.ThunderbirdMessage, subs: string[] = []) {
    // The English-ish name and values, for logs only: users see the catalog's sentence.
    super(`${name}${subs.length ? `: ${subs.join(', ')}` : ''}`);
    this.ui = { name, subs };
  }
}

export type Reply<T extends Request['type']> = { ok: true; value: Answers[T] } | { ok: false; error: Failure };

/** The background's handler of one request. */
export type Handler = <T extends Request['type']>(request: Extract<Request, { type: T }>) => Promise<Answers[T]>;

/** Sends a request to the background and unwraps the answer; a failure rejects with a RequestFailed. */
export async function ask<T extends Request['type']>(
  runtime: RuntimeApi,
  request: Extract<Request, { type: T }>,
): Promise<Answers[T]> {
  const reply = (await runtime.sendMessage(request)) as Reply<T>;
  if (!reply.ok) throw new RequestFailed(reply.error);
  return reply.value;
}

export class RequestFailed extends Error {
  constructor(readonly failure: Failure) {
    super('text' in failure ? failure.text : 'ui' in failure ? failure.ui.name : failure.message.key);
  }
}

/** The error as it crosses to the popup. */
export function failureOf(e: unknown): Failure {
  if (e instanceof UiError) return { ui: e.ui };
  const text = (e as { text?: unknown })?.text;
  if (text && typeof text === 'object' && 'key' in text) return { message: text as i18n.Message };
  return { text: String((e as Error)?.message ?? e) };
}

const TYPES: readonly Request['type'][] = [
  'connect',
  'accounts',
  'collections',
  'invitations',
  'accept',
  'decline',
  'subscribe',
  'unsubscribe',
  'shares',
  'share',
  'unshare',
  'syncNow',
  'status',
  'guestLinks',
  'snippet',
  'insertLink',
];

/** Installs the background's listener: known requests go to the handler, their outcome becomes a Reply. */
export function serve(runtime: RuntimeApi, handler: Handler): void {
  runtime.onMessage.addListener((message) => {
    const type = (message as { type?: unknown })?.type;
    if (!TYPES.includes(type as Request['type'])) return undefined;
    return handler(message as Request).then(
      (value) => ({ ok: true, value }),
      (e: unknown) => ({ ok: false, error: failureOf(e) }),
    );
  });
}
