/**
 * The message catalog's contract: every user-facing sentence of bridge-core has a key here and the parameters
 * it needs. Core raises errors and reports carrying a key and parameters; only the catalog (one module per
 * language, each typed as `Catalog`, so a language cannot miss a key or a parameter) turns them into words.
 */
import type { CliMessageParams } from './cli.messages.js';
import type { GraphMessageParams } from './graph.messages.js';
import type { GraphItemsMessageParams } from './graph-items.messages.js';
import type { GraphConnectCatalog, GraphConnectMessageParams } from './graph-connect.messages.js';
import type { PlanMessageParams, PlanReason } from './plan.messages.js';
import type { FeedMessageParams } from './feed.messages.js';
import type { ScaleOutMessageParams } from './scale-out.messages.js';
import type { SharingCatalog, SharingMessageParams, SharingOperation } from './sharing.messages.js';
import type { SyncFilesCatalog, SyncFilesMessageParams } from './sync-files.messages.js';
import type { ServerCatalog, ServerMessageParams } from './server.messages.js';
import type { GuestPageCatalog } from './guest-page.messages.js';

export type { AccessLevel, SharingOperation } from './sharing.messages.js';
export type { GuestPageWords } from './guest-page.messages.js';

import type { PaneWords } from './pane.messages.js';
import type { CommandWords } from './commands.messages.js';
import type { PaneApiMessageParams } from './pane-api.messages.js';
import type { ThunderbirdUiMessage } from './thunderbird.messages.js';
export type Lang = 'en' | 'fr';

/** What a DAV request was doing, named in "you may not do X" errors. */
export type Operation =
  | 'request'
  | 'list-collections'
  | 'read-account'
  | 'find-account'
  | 'list-items'
  | 'read-items'
  | 'read-item'
  | 'create-item'
  | 'change-item'
  | 'delete-item'
  | 'create-calendar'
  | 'create-address-book'
  | 'delete-collection'
  | 'change-properties'
  | 'property-change'
  | 'ask-changes'
  | SharingOperation;

/** What is wrong with a color value (colors/parse.ts). */
export type ColorProblem =
  'not-a-string' | 'empty' | 'non-hex-digit' | 'hex-digit-count' | 'functional-notation' | 'unknown-name';

/** Why a calendar could not give a category color (colors/category.ts); `value` is the color as JSON. */
export type CategoryColorProblem = { kind: 'no-color' } | { kind: 'not-a-color'; value: string };

/** Why a calendar got its category: the color part, then the name part when the name is not the usual one. */
export interface CategoryReason {
  color:
    | { kind: 'set-by-user' }
    | { kind: 'nearest'; color: string; deltaE: string }
    | CategoryColorProblem
    | { kind: 'no-usable-color' };
  naming: { kind: 'set-by-user' } | { kind: 'avoided'; name: string; avoided: string } | undefined;
}

/** Server answer and address, appended to every DAV error ("[HTTP 403, https://...] (detail)"). */
interface HttpContext {
  status: number;
  url: string;
  detail?: string | undefined;
}

export interface MessageParams
  extends
    CliMessageParams,
    PlanMessageParams,
    FeedMessageParams,
    ScaleOutMessageParams,
    SharingMessageParams,
    SyncFilesMessageParams,
    ServerMessageParams,
    PaneApiMessageParams,
    GraphMessageParams,
    GraphItemsMessageParams,
    GraphConnectMessageParams {
  // DAV errors (dav/errors.ts), keyed by their DavErrorCode where one message per code suffices.
  'dav.authentication-failed': HttpContext;
  'dav.forbidden': HttpContext & { operation: Operation };
  'dav.not-found': HttpContext;
  'dav.conflict': HttpContext;
  'dav.precondition-failed': HttpContext;
  'dav.rate-limited': HttpContext;
  'dav.insufficient-storage': HttpContext;
  'dav.server-error': HttpContext;
  'dav.bad-request': HttpContext;
  'dav.not-dav-server': { url: string; detail?: string | undefined };
  'dav.malformed-response': { url: string; detail: string };
  'dav.propfind-not-multistatus': { url: string; status: number };
  'dav.no-time-filter': { url: string; status: number };
  'dav.xml-too-deep': { url: string; max: number };
  'dav.xml-too-large': { url: string; max: number };
  'dav.timeout': { url: string; seconds: number };
  'dav.network-unreachable': { url: string; cause: string };
  'dav.empty-name': Record<string, never>;
  'dav.invalid-calendar-color': { color: string };
  'dav.not-an-email': { email: string };
  'dav.server-ignores-if-none-match': { url: string };
  // Colors (colors/**). `input` is the value as JSON (quoted).
  'colors.invalid-color': { input: string; problem?: ColorProblem | undefined; digits?: number | undefined };
  'colors.category-reason': CategoryReason;
  'colors.empty-category-name': Record<string, never>;
  'colors.invalid-category-preset': { preset: number };
  // Node side: configuration file and secrets (node/config.ts).
  'config.not-an-object': { path: string };
  'config.no-accounts': { path: string };
  'config.account-not-object': { path: string; account: string };
  'config.account-no-username': { path: string; account: string };
  'config.account-no-server': { path: string; account: string };
  'config.account-bad-server': { path: string; account: string };
  'config.account-bad-secret': { path: string; account: string; key: string };
  'config.missing': { path: string };
  'config.unreadable': { path: string; code: string };
  'config.invalid-json': { path: string; reason: string };
  'config.secret-command-failed': { account: string; reason: string };
  'config.secret-env-unset': { account: string; variable: string };
  'config.unknown-account': { account: string; path: string; known: string };
  // Node side: the category memory file (node/category-memory-file.ts).
  'category-memory.unreadable': { path: string; code: string };
  'category-memory.invalid-json': { path: string; reason: string };
  /** `reason` is the technical finding of the snapshot reader, quoted as is. */
  'category-memory.invalid': { path: string; reason: string };
  'category-memory.save-failed': { path: string; code: string };
  // Node side: a sync run's pair and endpoints (node/pair-lock.ts, node/sync-endpoint.ts).
  'sync.pair-busy': {
    lockPath: string;
    holder: { pid: number; host: string; since: string } | undefined;
    waitedS: number;
  };
  'sync.unknown-account-endpoint': { arg: string; account: string; known: string[] };
  'sync.endpoint-without-path': { arg: string; account: string };
  'sync.not-a-collection': { url: string };
  'sync.share-revoked': { owner: string; name: string; copy: string | undefined };
  // Stores (stores/**).
  'store.item-exists': { url: string };
  // Sync engine (sync/**).
  'sync.conflict-copy-suffix': Record<string, never>;
  /** `forceOption`: the shell's literal override (e.g. --force-delete); absent, the words "force delete". */
  'sync.guard-side-empty': { name: string; known: number; forceOption?: string | undefined };
  'sync.guard-too-many-deletions': {
    name: string;
    deletions: number;
    size: number;
    limit: string;
    allowed: number;
    forceOption?: string | undefined;
  };
  'sync.invalid-deletion-limit': { text: string };
  'sync.read-only-revert': { title: string; readOnlyName: string; keptAt: string | undefined };
  /** `reason` is technical (an HTTP status, a parser's finding), quoted as is. */
  'sync.item-unreadable': { id: string; reason: string };
  'sync.item-without-uid': { side: string; id: string };
  'sync.duplicate-uid': { side: string; count: number; uid: string; synced: string; ignored: string[] };
  'sync.changed-during-run': { id: string; side: string; write: 'update' | 'delete' };
  /** Why the planner found the conflict. */
  'sync.unresolved-conflict': { reason: PlanReason };
  'sync.disappeared-during-run': { id: string };
  /** `reason` is technical (an HTTP status, a parser's finding), quoted as is. */
  'sync.target-unreadable': { id: string; reason: string };
  'sync.create-collision': { side: string; id: string };
  /** `detail` is the store's error message. */
  'sync.write-refused': { detail: string };
  'sync.write-failed': { detail: string };
  'sync.items-wait-for-unreadable': { waiting: number; unreadable: string[] };
}

export type MessageKey = keyof MessageParams;

/** A sentence not yet put into words: what errors and reports carry. */
export type Message = { [K in MessageKey]: { key: K; params: MessageParams[K] } }[MessageKey];

/** One language: a function per key. Both languages are typed by this, so they have the same keys and parameters. */
export type Catalog = CatalogWords &
  SharingCatalog &
  SyncFilesCatalog &
  ServerCatalog &
  GuestPageCatalog &
  Pick<GraphConnectCatalog, 'outlookSync'>;

/** The catalog's own words (the parts above live in files of their own, one per area). */
type CatalogWords = { [K in MessageKey]: (params: MessageParams[K]) => string } & {
  colorProblem: Record<ColorProblem, (digits: number | undefined) => string>;
  operation: Record<Operation, string>;
  /** The words of the SVG swatch sheet (colors/swatch-svg.ts). */
  swatchSheet: {
    title: string;
    heading: string;
    calendarColumn: string;
    categoryColumn: string;
    noCalendars: string;
    noColor: string;
    invalidColor: (color: string) => string;
    presetNone: (presetName: string) => string;
    unknownPreset: (preset: number) => string;
  };
  /** The Outlook task pane's words (pane.messages.ts). */
  pane: PaneWords;
  /** The Outlook ribbon commands' notification words (commands.messages.ts). */
  commands: CommandWords;
  /** The Thunderbird extension's `_locales/<lang>/messages.json`, checked against this by its test. */
  thunderbird: Record<ThunderbirdMessage, string>;
};

/** Names of the Thunderbird extension's messages (WebExtension i18n, `__MSG_name__`). */
export type ThunderbirdMessage = 'extensionDescription' | ThunderbirdUiMessage;

export function message<K extends MessageKey>(key: K, params: MessageParams[K]): Message {
  return { key, params } as Message;
}
