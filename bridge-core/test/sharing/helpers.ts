/** Shared by the sharing tests: accounts on the real servers, a CLI context that captures output. */
import { connectAccount, type DavAccount } from '../../src/dav/account.js';
import type { CliContext } from '../../src/node/cli/context.js';

export async function connectUser(baseUrl: string, username: string, password: string): Promise<DavAccount> {
  return connectAccount({ serverUrl: baseUrl, auth: { type: 'basic', username, password } }, { timeoutMs: 20_000 });
}

export interface CapturedContext extends CliContext {
  stdout: string[];
  stderr: string[];
}

/** A CliContext whose accounts are already connected DavAccounts (no config file). */
export function testContext(accounts: Record<string, DavAccount>, lang: 'en' | 'fr' = 'en'): CapturedContext {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    env: {},
    lang,
    configFile: () => '/dev/null',
    config: async () => ({ accounts: {} }),
    openAccount: async (name) => {
      const a = accounts[name];
      if (!a) throw new Error(`no test account ${name}`);
      return a;
    },
  };
}

export async function anonymousGet(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, text: await res.text() };
}

/**
 * Item hrefs by PROPFIND Depth 1. SOGo answers a calendar-query whose filter has no nested comp-filter with an
 * empty multistatus, so dav/items.listItems sees no items there (reported to the DAV layer's owner).
 */
export async function itemHrefs(account: DavAccount, collectionUrl: string): Promise<string[]> {
  const { propfind } = await import('../../src/dav/propfind.js');
  const { qname, NS } = await import('../../src/dav/namespaces.js');
  const ms = await propfind(account.transport, collectionUrl, [qname(NS.DAV, 'getetag')], '1');
  return ms.responses
    .map((r) => r.href)
    .filter((h) => !h.endsWith('/'))
    .sort();
}
