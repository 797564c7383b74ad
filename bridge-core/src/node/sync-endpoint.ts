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
import type { Collection } from '../dav/collections.js';
import type { TimeRange } from '../dav/items.js';
import { createTransport, type Transport } from '../dav/transport.js';
import type { ItemStore } from '../sync/store.js';
import { openCollectionStore, readCollectionProfile } from '../use-cases/open-collection.js';
import { accountTarget, type BridgeConfig } from './config.js';
import { nodeDnsResolver } from './dns-resolver.js';
import { message } from '../i18n/index.js';
import { UserFacingError } from './localized-error.js';
import { VdirStore } from './sync/vdir-store.js';
import { writeFileAtomic } from './sync/fs-atomic.js';

export type Endpoint =
  { type: 'dav'; account: string; path: string; label: string } | { type: 'folder'; dir: string; label: string };

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
  let freshSyncToken: string | undefined;
  if (!facts || options.refresh || Date.now() - Date.parse(facts.checkedAt) > FACTS_MAX_AGE_MS) {
    const profile = await readCollectionProfile(transport, url, { myPrincipal: '', fallbackAccess: 'read-write' });
    if (!profile) {
      throw UserFacingError.of(message('sync.not-a-collection', { url }));
    }
    freshSyncToken = profile.syncToken;
    facts = {
      url,
      kind: profile.kind,
      access: profile.access,
      supportsSyncCollection: profile.supportsSyncCollection,
      vcardVersions: profile.vcardVersions ?? [],
      name: profile.name,
      checkedAt: new Date().toISOString(),
    };
    await writeFileAtomic(options.factsFile, JSON.stringify({ ...cache, [url]: facts }, null, 2));
  }
  const { store, readOnly } = openCollectionStore({
    transport,
    collection: facts,
    ...(options.range ? { range: options.range } : {}),
    ...(freshSyncToken ? { freshSyncToken } : {}),
    name: `${endpoint.account}: ${facts.name}`,
  });
  return { store, readOnly, facts };
}
