// Typed view of the servers started by test/harness/servers.sh. URLs are computed from
// the same env vars and defaults as the shell scripts, so a test never needs to ask
// the scripts where a server is; keep both sides in sync when adding a server.
import { appendFile, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type ServerName = 'radicale' | 'cyrus' | 'davical' | 'sogo';
export type UserName = 'alice' | 'bob' | 'carol';

export interface TestUser {
  username: UserName;
  password: string;
}

export interface TestServer {
  name: ServerName;
  /** DAV base URL, ends with "/". */
  baseUrl: string;
  /** Origin + "/", where /.well-known/caldav and /.well-known/carddav live. */
  rootUrl: string;
  users: Record<UserName, TestUser>;
  principalUrl(user: UserName): string;
  calendarHomeUrl(user: UserName): string;
  addressbookHomeUrl(user: UserName): string;
}

const env = process.env;
// `||`, not `??`: the shell's ${VAR:-default} also treats an empty value as unset.
const port = (name: string, fallback: number): number => Number(env[name] || fallback);

/** Folder holding each server's throwaway data (mirrors DAV_TEST_ROOT in lib.sh). */
export const testRoot: string = env.DAV_TEST_ROOT || join(env.TMPDIR || '/tmp', 'dav-bridge-test-servers');

const users: Record<UserName, TestUser> = {
  alice: { username: 'alice', password: 'alicepw' },
  bob: { username: 'bob', password: 'bobpw' },
  carol: { username: 'carol', password: 'carolpw' },
};

function radicale(): TestServer {
  const rootUrl = `http://127.0.0.1:${port('RADICALE_TEST_PORT', 15232)}/`;
  // Radicale has no separate homes: the principal collection holds the user's collections.
  const home = (u: UserName): string => `${rootUrl}${u}/`;
  return {
    name: 'radicale',
    baseUrl: rootUrl,
    rootUrl,
    users,
    principalUrl: home,
    calendarHomeUrl: home,
    addressbookHomeUrl: home,
  };
}

function cyrus(): TestServer {
  const rootUrl = `http://127.0.0.1:${port('CYRUS_TEST_HTTP_PORT', 18008)}/`;
  const baseUrl = `${rootUrl}dav/`;
  return {
    name: 'cyrus',
    baseUrl,
    rootUrl,
    users,
    principalUrl: (u) => `${baseUrl}principals/user/${u}/`,
    calendarHomeUrl: (u) => `${baseUrl}calendars/user/${u}/`,
    addressbookHomeUrl: (u) => `${baseUrl}addressbooks/user/${u}/`,
  };
}

function davical(): TestServer {
  const rootUrl = `http://127.0.0.1:${port('DAVICAL_TEST_PORT', 18081)}/`;
  const baseUrl = `${rootUrl}caldav.php/`;
  // Principal, calendar home and address book home are all /caldav.php/<user>/.
  const home = (u: UserName): string => `${baseUrl}${u}/`;
  return {
    name: 'davical',
    baseUrl,
    rootUrl,
    users,
    principalUrl: home,
    calendarHomeUrl: home,
    addressbookHomeUrl: home,
  };
}

function sogo(): TestServer {
  const rootUrl = `http://127.0.0.1:${port('SOGO_TEST_PORT', 20020)}/`;
  const baseUrl = `${rootUrl}SOGo/dav/`;
  return {
    name: 'sogo',
    baseUrl,
    rootUrl,
    users,
    principalUrl: (u) => `${baseUrl}${u}/`,
    calendarHomeUrl: (u) => `${baseUrl}${u}/Calendar/`,
    addressbookHomeUrl: (u) => `${baseUrl}${u}/Contacts/`,
  };
}

export const testServers: Record<ServerName, TestServer> = {
  radicale: radicale(),
  cyrus: cyrus(),
  davical: davical(),
  sogo: sogo(),
};

function namedServers(list: string): TestServer[] {
  return list
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((n) => {
      const server = (testServers as Record<string, TestServer | undefined>)[n];
      if (!server) {
        throw new Error(`unknown test server "${n}" (known: ${Object.keys(testServers).join(', ')})`);
      }
      return server;
    });
}

/** The servers every generic suite runs against: DAV_TEST_SERVERS (default "radicale cyrus"), for describe.each. */
export function serversUnderTest(): TestServer[] {
  return namedServers(env.DAV_TEST_SERVERS || 'radicale cyrus');
}

/** Every server the run started: DAV_TEST_SERVERS plus DAV_TEST_EXTRA_SERVERS (e.g. "davical sogo"). */
export function startedServers(): TestServer[] {
  const all = namedServers(`${env.DAV_TEST_SERVERS || 'radicale cyrus'} ${env.DAV_TEST_EXTRA_SERVERS || ''}`);
  return all.filter((s, i) => all.findIndex((x) => x.name === s.name) === i);
}

let counter = 0;
/**
 * A collection/resource name unique across runs and Jest workers (servers keep data while
 * running). Also use it for iCalendar UIDs: Cyrus rejects a UID already used in any of the
 * user's calendars, not just the target one.
 */
export function uniqueName(prefix: string): string {
  counter += 1;
  const rand = Math.random().toString(36).slice(2, 8);
  return `${prefix}-${Date.now().toString(36)}-${process.pid}-${counter}-${rand}`;
}

// ---- Radicale "sharing": rules in its rights file, which Radicale re-reads per request ----

export const radicaleRightsFile: string = join(testRoot, 'radicale', 'rights');

// Radicale matches `user` and `collection` as regexes after str.format(user=...), so names
// are escaped for both: regex metacharacters, then braces doubled.
const literal = (s: string): string => s.replace(/[.*+?^$()[\]\\|]/g, '\\$&').replace(/[{}]/g, '$&$&');

// Jest workers run in parallel processes: serialise read-modify-write of the rights file
// with an O_EXCL lock file (lib.sh's with_lock uses the same file).
async function withRightsLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = `${radicaleRightsFile}.lock`;
  for (let i = 0; ; i++) {
    try {
      const handle = await open(lock, 'wx');
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A worker killed mid-edit leaves its lock behind; edits take milliseconds.
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 10_000) await unlink(lock).catch(() => undefined);
      if (i > 400) throw new Error(`could not lock ${lock}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

/**
 * Let `user` read ('r') or read/write ('rw') the collection `owner/collectionName` on
 * Radicale. Takes effect on the next request. Resolves to a revoker that removes the rule.
 */
export async function radicaleGrant(
  owner: UserName | string,
  collectionName: string,
  user: UserName | string,
  permission: 'r' | 'rw',
): Promise<() => Promise<void>> {
  const section = `grant-ts-${uniqueName('r')}`;
  const text =
    `\n[${section}]\nuser: ${literal(user)}\n` +
    `collection: ${literal(owner)}/${literal(collectionName.replace(/^\/+|\/+$/g, ''))}\n` +
    `permissions: ${permission}\n`;
  await withRightsLock(async () => {
    // A missing file would be created by appendFile and hide a stopped server.
    await stat(radicaleRightsFile).catch(() => {
      throw new Error(
        `${radicaleRightsFile} missing: is radicale started (bash test/harness/servers.sh start radicale)?`,
      );
    });
    await appendFile(radicaleRightsFile, text);
  });
  let revoked = false;
  return async () => {
    if (revoked) return;
    revoked = true;
    await withRightsLock(async () => {
      const current = await readFile(radicaleRightsFile, 'utf8');
      const next = current.replace(text, '');
      if (next === current) return;
      // write-then-rename: Radicale must never read a half-written rights file
      const tmp = `${radicaleRightsFile}.tmp.${process.pid}`;
      await writeFile(tmp, next);
      await rename(tmp, radicaleRightsFile);
    });
  };
}
