/**
 * The bridge's configuration: a JSON file (DAV_BRIDGE_SERVER_CONFIG) with environment overrides. Only the
 * administrator decides which DAV servers exist; users pick one by id, so no user input ever becomes a URL the
 * bridge contacts (no SSRF).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isTrustProxySetting, parseTrustProxyEnv, type TrustProxySetting } from './http/trust-proxy.js';

export interface DavServerConfig {
  /** Short stable id the pane sends at sign-in ("demo", "nextcloud"). */
  id: string;
  /** Shown in the sign-in form. */
  label: string;
  /** Any URL on the server (discovery tries its well-known URIs). */
  url: string;
}

export interface ServerConfig {
  /** Where users and guests reach the bridge (rewrites manifest.xml, builds guest URLs). No trailing slash. */
  publicBaseUrl: string;
  host: string;
  port: number;
  /** PEM files; when absent a self-signed certificate is generated in dataDir (see tls.ts). */
  tls: { certFile: string; keyFile: string } | undefined;
  dataDir: string;
  davServers: DavServerConfig[];
  /** Base64 of 32 bytes; when absent a key is generated once in dataDir/secret.key (mode 0600). */
  encryptionKey: string | undefined;
  sessionTtlSeconds: number;
  /** How long a guest feed built from the DAV server is reused before asking the server again. */
  guestCacheSeconds: number;
  /** Agenda view: how many days ahead it lists, and the time zone it shows times in. */
  guestAgendaDays: number;
  displayTimeZone: string;
  /**
   * Origins besides the bridge's own that may sign users in from a browser page (a front end on another address);
   * a sign-in whose Origin is none of them is refused (login CSRF).
   */
  signInOrigins: string[];
  /** Where the built task pane lives (dist/taskpane) and the manifest template. */
  paneDir: string;
  manifestFile: string;
  limits: {
    signInPerIp: { max: number; windowMs: number };
    /** Server look-ups from a mailbox address (GET /api/v1/servers?email=): each sends requests to its domain. */
    serverLookupPerIp: { max: number; windowMs: number };
    guestPasswordPerLink: { max: number; windowMs: number };
    guestMissesPerIp: { max: number; windowMs: number };
  };
  /**
   * Fastify's trustProxy (env DAV_BRIDGE_TRUST_PROXY): false (default: the socket's peer is the client), true (trust
   * X-Forwarded-* from any hop), a hop count, or the proxies' addresses/CIDRs ("10.0.0.0/8", "127.0.0.1,10.0.0.1"
   * or a list). Rate limits key on the client address it gives; the client's scheme and host come from
   * X-Forwarded-Proto/-Host only when it is on (http/trust-proxy.ts).
   */
  trustProxy: TrustProxySetting;
  /**
   * Incoming requests: the whole request (headers and body) must arrive within requestTimeoutMs (slow clients holding
   * connections open are cut with 408), and a connection idle for connectionTimeoutMs is closed.
   */
  requestTimeoutMs: number;
  connectionTimeoutMs: number;
  /** The administrator's policy for guest links. */
  guestLinks: {
    /** Every new link must have a password. */
    requirePassword: boolean;
    /** New links expire at most this many days ahead (a link without an expiry gets this one); null: no maximum. */
    maxExpiryDays: number | null;
    /** Wrong passwords (from all addresses together) after which a link locks until its owner unlocks it. */
    lockAfterWrongPasswords: number;
  };
  /** Timeout for each request to a DAV server. */
  davTimeoutMs: number;
  /**
   * Origins ("https://calendar.example.org", "http://intranet:8080") users may subscribe to ICS/webcal feeds
   * from. Undefined: the origins of davServers. The bridge fetches no other host (no SSRF).
   */
  feedOrigins: string[] | undefined;
  /** Largest feed the bridge downloads, and how long it waits for it. */
  feedMaxBytes: number;
  feedTimeoutMs: number;
  /** Background sync of every subscription, every this many seconds (±10 % jitter); 0 turns it off. */
  syncIntervalSeconds: number;
  /**
   * A shared database for several bridge instances (`{ "url": "postgres://user@host/db" }`, or
   * DAV_BRIDGE_DATABASE_URL); undefined: the embedded SQLite file in dataDir, which needs nothing.
   */
  database: { url: string } | undefined;
  /**
   * Graph change notifications for the two-way Outlook sync (env DAV_BRIDGE_GRAPH_NOTIFICATIONS=off to turn off):
   * used only when publicBaseUrl is an https address Microsoft can reach (graph/notification-url.ts).
   */
  graphNotifications: boolean;
}

/** The origins feeds may come from (see ServerConfig.feedOrigins). */
export function feedOriginsOf(cfg: ServerConfig): string[] {
  return (cfg.feedOrigins ?? cfg.davServers.map((s) => s.url)).map((o) => new URL(o).origin);
}

export function defaultConfig(outlookAddinRoot: string): ServerConfig {
  return {
    publicBaseUrl: 'https://localhost:3000',
    host: 'localhost',
    port: 3000,
    tls: undefined,
    dataDir: join(outlookAddinRoot, 'data'),
    davServers: [],
    encryptionKey: undefined,
    sessionTtlSeconds: 8 * 3600,
    guestCacheSeconds: 30,
    guestAgendaDays: 60,
    displayTimeZone: 'Europe/Paris',
    signInOrigins: [],
    paneDir: join(outlookAddinRoot, 'dist', 'taskpane'),
    manifestFile: resolve(outlookAddinRoot, '..', 'manifest.xml'),
    limits: {
      signInPerIp: { max: 10, windowMs: 10 * 60_000 },
      serverLookupPerIp: { max: 30, windowMs: 10 * 60_000 },
      guestPasswordPerLink: { max: 5, windowMs: 10 * 60_000 },
      guestMissesPerIp: { max: 30, windowMs: 10 * 60_000 },
    },
    guestLinks: { requirePassword: false, maxExpiryDays: null, lockAfterWrongPasswords: 30 },
    trustProxy: false,
    requestTimeoutMs: 30_000,
    connectionTimeoutMs: 120_000,
    davTimeoutMs: 15_000,
    feedOrigins: undefined,
    feedMaxBytes: 5 * 1024 * 1024,
    feedTimeoutMs: 15_000,
    syncIntervalSeconds: 15 * 60,
    database: undefined,
    graphNotifications: true,
  };
}

function fail(message: string): never {
  throw new Error(`DAV Bridge configuration: ${message} / Configuration de DAV Bridge : ${message}`);
}

export function validateDavServers(list: unknown): DavServerConfig[] {
  if (!Array.isArray(list)) fail('"davServers" must be an array');
  return list.map((s: unknown) => {
    const o = (s ?? {}) as Record<string, unknown>;
    const { id, label, url } = o;
    if (typeof id !== 'string' || !/^[a-z0-9-]{1,40}$/.test(id)) fail(`server id "${String(id)}" must match [a-z0-9-]`);
    if (typeof url !== 'string') fail(`server "${id}" needs a "url"`);
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') fail(`server "${id}": url must be http(s)`);
    if (parsed.username || parsed.password) fail(`server "${id}": put no credentials in the url`);
    return { id, label: typeof label === 'string' && label ? label : id, url: parsed.toString() };
  });
}

/** Merges a JSON config file (if any) and environment variables over the defaults. */
export function loadConfig(outlookAddinRoot: string, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const base = defaultConfig(outlookAddinRoot);
  const file = env['DAV_BRIDGE_SERVER_CONFIG'];
  const raw: Partial<ServerConfig> & Record<string, unknown> = file ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const cfg: ServerConfig = {
    ...base,
    ...raw,
    limits: { ...base.limits, ...(raw.limits ?? {}) },
    guestLinks: { ...base.guestLinks, ...(raw.guestLinks ?? {}) },
  } as ServerConfig;
  if (env['PORT']) cfg.port = Number(env['PORT']);
  if (env['DAV_BRIDGE_PUBLIC_URL']) cfg.publicBaseUrl = env['DAV_BRIDGE_PUBLIC_URL'];
  if (env['DAV_BRIDGE_DATA_DIR']) cfg.dataDir = env['DAV_BRIDGE_DATA_DIR'];
  if (env['DAV_BRIDGE_KEY']) cfg.encryptionKey = env['DAV_BRIDGE_KEY'];
  if (env['DAV_BRIDGE_TRUST_PROXY']) cfg.trustProxy = parseTrustProxyEnv(env['DAV_BRIDGE_TRUST_PROXY']);
  if (env['DAV_BRIDGE_GRAPH_NOTIFICATIONS'])
    cfg.graphNotifications = !/^(off|false|0|no)$/i.test(env['DAV_BRIDGE_GRAPH_NOTIFICATIONS'].trim());
  if (env['DAV_BRIDGE_DATABASE_URL']) cfg.database = { url: env['DAV_BRIDGE_DATABASE_URL'] };
  if (cfg.database !== undefined) {
    const url: unknown = (cfg.database as { url?: unknown } | null)?.url;
    // Only the scheme is named: the URL may hold a password, which must not reach a log.
    if (typeof url !== 'string' || !/^postgres(ql)?:\/\/./.test(url))
      fail('"database.url" must be a PostgreSQL URL (postgres://user@host:5432/database)');
  }
  if (env['DAV_BRIDGE_DAV_URL'])
    cfg.davServers = [{ id: 'main', label: env['DAV_BRIDGE_DAV_LABEL'] || 'DAV', url: env['DAV_BRIDGE_DAV_URL'] }];
  cfg.davServers = validateDavServers(cfg.davServers);
  cfg.publicBaseUrl = cfg.publicBaseUrl.replace(/\/+$/, '');
  if (cfg.feedOrigins !== undefined) {
    if (!Array.isArray(cfg.feedOrigins)) fail('"feedOrigins" must be an array of origins');
    for (const o of cfg.feedOrigins) {
      const u = typeof o === 'string' && URL.canParse(o) ? new URL(o) : undefined;
      if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) fail(`feed origin "${String(o)}" must be http(s)`);
    }
  }
  if (!isTrustProxySetting(cfg.trustProxy))
    fail('"trustProxy" must be true/false, a hop count or proxy addresses ("10.0.0.0/8" or a list)');
  const gl = cfg.guestLinks;
  if (typeof gl.requirePassword !== 'boolean') fail('"guestLinks.requirePassword" must be true or false');
  if (gl.maxExpiryDays !== null && !(typeof gl.maxExpiryDays === 'number' && gl.maxExpiryDays > 0))
    fail('"guestLinks.maxExpiryDays" must be a number of days, or null for no maximum');
  if (!(Number.isInteger(gl.lockAfterWrongPasswords) && gl.lockAfterWrongPasswords > 0))
    fail('"guestLinks.lockAfterWrongPasswords" must be a positive whole number');
  for (const key of ['requestTimeoutMs', 'connectionTimeoutMs'] as const) {
    const v = cfg[key];
    if (!(typeof v === 'number' && Number.isInteger(v) && v > 0))
      fail(`"${key}" must be a positive number of milliseconds`);
  }
  if (!Array.isArray(cfg.signInOrigins) || cfg.signInOrigins.some((o) => typeof o !== 'string' || !URL.canParse(o)))
    fail('"signInOrigins" must be an array of origins ("https://pane.example.org")');
  if (!(typeof cfg.syncIntervalSeconds === 'number' && cfg.syncIntervalSeconds >= 0))
    fail('"syncIntervalSeconds" must be a number of seconds (0: off)');
  if (typeof cfg.graphNotifications !== 'boolean') fail('"graphNotifications" must be true or false');
  if (!Number.isInteger(cfg.port) || cfg.port < 0 || cfg.port > 65535) fail('port must be 0..65535');
  return cfg;
}
