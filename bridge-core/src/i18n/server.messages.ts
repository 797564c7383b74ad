/**
 * The bridge server's words (outlook-addin/src/middle-tier): its API errors (each key's last part is usually the
 * API's stable `code`), its start-up refusals and its sync reports. Wired into messages.ts.
 */

/** Why a calendar got its category, as the server explains it (colors/categories.ts). */
export interface ServerCategoryReason {
  color:
    | { kind: 'set-by-user' }
    | { kind: 'nearest'; color: string; deltaE: number }
    | { kind: 'unusable' }
    | { kind: 'none' };
  naming: { kind: 'set-by-user' } | { kind: 'avoided'; name: string; avoided: string } | undefined;
}

type None = Record<string, never>;

export interface ServerMessageParams {
  // http/api-error.ts, app.ts
  'server.too-large': None;
  'server.internal-error': None;
  'server.invalid-request': None;
  'server.not-signed-in': None;
  'server.too-many-attempts': { seconds: number };
  'server.not-found': None;
  // http/schema-errors.ts: a request breaking a route's JSON Schema. `type` is JSON Schema's type name.
  'server.invalid-preset': None;
  'server.field-missing': { field: string };
  'server.field-too-long': { field: string; max: string };
  'server.field-empty': { field: string };
  'server.field-type': { field: string; type: string };
  'server.field-not-allowed': { field: string };
  'server.field-bad-form': { field: string };
  // http/session.ts
  'server.session-expired': None;
  'server.csrf-rejected': None;
  'server.invalid-device-token': None;
  // dav/allowed-fetch.ts
  'server.origin-not-allowed': { origin: string };
  // store/sqlite/schema.ts, security/keys.ts, security/key-guard.ts: start-up refusals for the administrator.
  'server.database-too-new': { file: string; found: number; known: number };
  'server.key-misconfigured': None;
  'server.key-file-empty': { file: string };
  'server.key-file-malformed': { file: string };
  'server.key-file-lost': { file: string };
  'server.wrong-key': { source: string };
  // security/password-policy.ts, security/sign-in-guard.ts
  'server.password-too-short': { min: number };
  'server.password-too-common': None;
  'server.sign-in-json-required': None;
  'server.sign-in-cross-site': None;
  // subscriptions/sync-service.ts: a subscription's last run.
  'server.item-errors': { count: number };
  'server.collection-gone': { name: string };
  'server.sync-password-refused': None;
  'server.sync-failed': None;
  // colors/categories.ts
  'server.category-reason': ServerCategoryReason;
  // routes/*.ts
  'server.server-not-allowed': None;
  'server.authentication-failed': None;
  'server.collection-not-found': None;
  'server.empty-name': None;
  'server.address-book-no-color': None;
  'server.no-home': { kind: 'calendars' | 'contacts' };
  'server.nothing-to-change': None;
  'server.categories-calendars-only': None;
  'server.subscription-not-found': None;
  'server.device-not-found': None;
  'server.guest-password-required': None;
  'server.guest-expiry-too-far': { days: number; latest: string };
  'server.guest-link-not-found': None;
  'server.expiry-invalid': None;
  'server.expiry-in-past': None;
  'server.guest-links-calendars-only': None;
  'server.sharing-not-available': None;
  'server.already-subscribed': None;
  'server.subscribable-not-found': None;
  'server.url-not-an-address': None;
  'server.url-not-on-your-server': None;
  'server.subscribe-exactly-one': None;
  // tls.ts, demo/*.ts: the administrator's console at start-up (shown in both languages on one line).
  /** `reason`: openssl's own error, quoted as is. */
  'server.tls-generation-failed': { reason: string };
  'server.demo-radicale-missing': None;
  'server.demo-radicale-installing': None;
  'server.demo-port-taken': { port: number };
  'server.demo-radicale-not-started': { log: string };
  'server.demo-seeding': None;
  // routes/pane.ts: the /help page (one page for both languages).
  'server.help-title': None;
  'server.help-text': None;
}

export type ServerCatalog = { [K in keyof ServerMessageParams]: (params: ServerMessageParams[K]) => string };
