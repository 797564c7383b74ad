/**
 * Turning a `dav-bridge sync` argument into a store: `<account>:<collection path or URL>` is a DAV collection,
 * anything else a local folder (one .ics/.vcf per item). What we learn about a DAV collection (kind, rights,
 * sync-collection support) is cached beside the sync state, so an idle run costs one request per collection
 * instead of a discovery.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectAccount } from '../dav/account.js';
import { readCollection, type Collection } from '../dav/collections.js';
import { DavError } from '../dav/errors.js';
import { lastSegment } from '../dav/multistatus.js';
import { establishAccess } from '../dav/rights.js';
import type { TimeRange } from '../dav/items.js';
import { createTransport, type Transport } from '../dav/transport.js';
import type { ItemStore } from '../sync/store.js';
import { openCollectionStore } from '../use-cases/open-collection.js';
import { accountTarget, type BridgeConfig } from './config.js';
import { nodeDnsResolver } from './dns-resolver.js';
import { message, render } from '../i18n/index.js';
import { UserFacingError } from './localized-error.js';
import { VdirStore } from './sync/vdir-store.js';
import { writeFileAtomic } from './sync/fs-atomic.js';

export type Endpoint =
  { type: 'dav'; account: string; path: string; label: string } | { type: 'folder'; dir: string; label: string };

/**
 * A share that used to sync and is now gone or forbidden. `first`: this run found it (exit 1, once); later runs
 * only repeat the same line from the state, without a request, and exit 0: no error loop, no hammering.
 */
export class RevokedShareError extends UserFacingError {
  constructor(
    readonly facts: CollectionFacts,
    copy: string | undefined,
    first: boolean,
  ) {
    const text = message('sync.share-revoked', { owner: facts.owner ?? '?', name: facts.name, copy });
    super(render('en', text), render('fr', text), first ? 1 : 0, text);
    this.name = 'RevokedShareError';
  }
}

/**
 * `name:rest` where name could be an account name: it does not start like a path (`/`, `.`, `~`) and holds no
 * path separator. Such an argument is ALWAYS a DAV endpoint: a mistyped account must not silently become a
 * local folder of that name (the sync would then "succeed" into it). A folder whose name holds a colon is
 * written as a path (`./a:b`).
 */
const ACCOUNT_ENDPOINT = /^([^/\\.~][^/\\:]*):([\s\S]*)$/;

export function looksLikeAccountEndpoint(arg: string): boolean {
  return ACCOUNT_ENDPOINT.test(arg);
}

export function parseEndpoint(arg: string, config: BridgeConfig | undefined): Endpoint {
  const m = ACCOUNT_ENDPOINT.exec(arg);
  if (m) {
    const account = m[1] as string;
    const path = m[2] as string;
    const accounts = config?.accounts ?? {};
    if (!Object.prototype.hasOwnProperty.call(accounts, account)) {
      throw UserFacingError.of(
        message('sync.unknown-account-endpoint', { arg, account, known: Object.keys(accounts).sort() }),
        2,
      );
    }
    if (!path) throw UserFacingError.of(message('sync.endpoint-without-path', { arg, account }), 2);
    return { type: 'dav', account, path, label: arg };
  }
  // The shell expands ~ only when unquoted; a quoted "~/x" (a cron line, a script) means the same folder.
  const dir = arg === '~' || arg.startsWith('~/') ? join(homedir(), arg.slice(1)) : resolve(arg);
  return { type: 'folder', dir, label: arg };
}

/** Cached facts about a DAV collection. */
export interface CollectionFacts {
  url: string;
  kind: Collection['kind'];
  access: Collection['access'];
  supportsSyncCollection: boolean;
  vcardVersions?: string[];
  name: string;
  checkedAt: string;
  /** The owner's user name, when the collection is someone else's (shared with me). */
  owner?: string;
  sharedWithMe?: boolean;
  /** When a run found the share revoked; later runs stop there without asking the server. */
  revokedAt?: string;
}

/** Whether the owner principal names me: its last segment is my user name (or its local part). */
function ownedBy(owner: string | undefined, username: string): boolean {
  if (!owner) return true;
  const id = lastSegment(owner).toLowerCase();
  const me = username.toLowerCase();
  return id === me || id === me.split('@')[0];
}

/** A refusal or absence of the collection itself: what a revoked share looks like on every server. */
export function meansGone(err: unknown): boolean {
  return err instanceof DavError && (err.status === 403 || err.status === 404 || err.status === 410);
}

const FACTS_MAX_AGE_MS = 24 * 3600 * 1000;

async function readFacts(file: string): Promise<Record<string, CollectionFacts>> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, CollectionFacts>;
  } catch {
    return {}; // a lost or damaged cache only costs one PROPFIND
  }
}

export interface OpenedEndpoint {
  store: ItemStore;
  readOnly: boolean;
  facts?: CollectionFacts;
  /** Records that this shared collection is gone or forbidden, and gives the error to report (see RevokedShareError). */
  markRevoked?: (copy: string | undefined) => Promise<RevokedShareError>;
}

export async function openEndpoint(
  endpoint: Endpoint,
  options: {
    config: BridgeConfig;
    configFile: string;
    factsFile: string;
    range: TimeRange | undefined;
    env: NodeJS.ProcessEnv;
    refresh: boolean;
    timeoutMs?: number;
    onExchange?: (info: { method: string; url: string }) => void;
    /** Where the other side keeps the copy (a folder), for the revoked-share message. */
    copy?: string;
  },
): Promise<OpenedEndpoint> {
  if (endpoint.type === 'folder')
    return { store: new VdirStore(endpoint.dir, { name: endpoint.label }), readOnly: false };

  const target = await accountTarget(options.config, endpoint.account, options.configFile, options.env);
  const transportOptions = {
    auth: target.auth,
    userAgent: 'DAV-Bridge/0.1',
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.onExchange ? { onExchange: options.onExchange } : {}),
  };
  let transport: Transport = createTransport(transportOptions);
  let base = target.serverUrl;
  if (!base) {
    // Email-only account: discovery finds the server once.
    const account = await connectAccount(target, {
      resolver: nodeDnsResolver,
      ...(options.onExchange ? { onExchange: options.onExchange } : {}),
    });
    transport = account.transport;
    base = account.discovery.contextUrl;
  }
  const url = new URL(endpoint.path, base).toString();
  const cache = await readFacts(options.factsFile);
  let facts = cache[url];
  const markRevoked = async (copy: string | undefined): Promise<RevokedShareError> => {
    const known = (await readFacts(options.factsFile))[url] ?? facts;
    if (!known) throw new Error('markRevoked without facts');
    const first = !known.revokedAt;
    const marked = { ...known, revokedAt: known.revokedAt ?? new Date().toISOString() };
    await writeFileAtomic(
      options.factsFile,
      JSON.stringify({ ...(await readFacts(options.factsFile)), [url]: marked }, null, 2),
    );
    return new RevokedShareError(marked, copy, first);
  };
  // Found revoked by an earlier run: say it again in one line, ask the server nothing (--refresh checks again).
  if (facts?.revokedAt && facts.sharedWithMe && !options.refresh) throw await markRevoked(options.copy);
  let freshSyncToken: string | undefined;
  if (!facts || options.refresh || Date.now() - Date.parse(facts.checkedAt) > FACTS_MAX_AGE_MS) {
    const username = target.auth.type === 'basic' ? target.auth.username : '';
    let collection: Collection | undefined;
    try {
      collection = await readCollection(transport, url, {
        myPrincipal: '',
        foreignHome: false,
        fallbackAccess: 'unknown',
      });
    } catch (err) {
      // It synced before and was someone else's: the owner stopped sharing it (or deleted it).
      if (meansGone(err) && facts?.sharedWithMe) throw await markRevoked(options.copy);
      throw err;
    }
    if (!collection) {
      throw UserFacingError.of(message('sync.not-a-collection', { url }));
    }
    freshSyncToken = collection.syncToken;
    const sharedWithMe = !ownedBy(collection.owner, username);
    // Rights the server would not publish: ask another way (SOGo roles, a harmless probe), else 'unknown'.
    const access =
      collection.access === 'unknown' || (sharedWithMe && collection.privileges.length === 0)
        ? await establishAccess(transport, url, {
            myPrincipal: new URL(`${encodeURIComponent(username)}/`, new URL('/SOGo/dav/', url)).toString(),
            family: collection.kind === 'contacts' ? 'addressbook' : 'calendar',
          })
        : collection.access;
    facts = {
      url,
      kind: collection.kind,
      access,
      ...(sharedWithMe && collection.owner ? { owner: lastSegment(collection.owner), sharedWithMe } : {}),
      supportsSyncCollection: collection.supportsSyncCollection,
      vcardVersions: collection.vcardVersions,
      name: collection.name,
      checkedAt: new Date().toISOString(),
    };
    await writeFileAtomic(options.factsFile, JSON.stringify({ ...cache, [url]: facts }, null, 2));
  }
  // Unknown rights behave as read-only (openCollectionStore): a refused write every run, and edits sent to
  // conflicts, would be worse.
  const { store, readOnly } = openCollectionStore({
    transport,
    collection: facts,
    ...(options.range ? { range: options.range } : {}),
    ...(freshSyncToken ? { freshSyncToken } : {}),
    name: `${endpoint.account}: ${facts.name}`,
  });
  return { store, readOnly, facts, ...(facts.sharedWithMe ? { markRevoked } : {}) };
}
