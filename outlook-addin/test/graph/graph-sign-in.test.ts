// Sign-in to Microsoft Graph for background sync. No Microsoft service is reachable here: msal-node's client is
// replaced by a fake MSAL client (named so) that keeps its token cache through the real sealed cache plugin.
import { createHash } from 'node:crypto';
import { InteractionRequiredAuthError, type ICachePlugin, type TokenCacheContext } from '@azure/msal-node';
import {
  isGraphConfigured,
  loadGraphConfig,
  type GraphSignInConfig,
} from '../../src/middle-tier/graph/graph-config.js';
import { GraphReconnectNeeded, GraphSignIn, type MsalClient } from '../../src/middle-tier/graph/graph-sign-in.js';
import { MemorySealedCacheStore, sealedCachePlugin } from '../../src/middle-tier/graph/sealed-token-cache.js';

const KEY = Buffer.alloc(32, 7);
const cfg: GraphSignInConfig = {
  tenant: 'contoso.example',
  clientId: 'client-id',
  clientSecret: 'client-secret',
  redirectUri: 'https://bridge.example/api/v1/graph/callback',
  cacheKey: KEY,
};

/** Runs one cache access the way msal-node does: load through the plugin, change, save through the plugin. */
async function withCache(plugin: ICachePlugin, change?: (old: string) => string): Promise<string> {
  let text = '';
  let changed = false;
  const ctx = {
    get cacheHasChanged() {
      return changed;
    },
    tokenCache: {
      deserialize: (t: string) => (text = t),
      serialize: () => text,
    },
  } as unknown as TokenCacheContext;
  await plugin.beforeCacheAccess(ctx);
  if (change) {
    text = change(text);
    changed = true;
  }
  await plugin.afterCacheAccess(ctx);
  return text;
}

/** Fake MSAL client: records what it was asked; its "refresh" fails once `revoked` is set. */
class FakeMsal implements MsalClient {
  static calls: string[] = [];
  static revoked = false;
  static lastVerifier = '';
  constructor(private readonly plugin: ICachePlugin) {}
  async getAuthCodeUrl(r: { codeChallenge?: string; codeChallengeMethod?: string; state?: string; scopes: string[] }) {
    FakeMsal.calls.push('url');
    return `https://login.example/authorize?code_challenge=${r.codeChallenge}&method=${r.codeChallengeMethod}&state=${r.state}&scope=${r.scopes.join('+')}`;
  }
  async acquireTokenByCode(r: { code: string; codeVerifier?: string }) {
    FakeMsal.calls.push('code');
    FakeMsal.lastVerifier = r.codeVerifier ?? '';
    await withCache(this.plugin, () => JSON.stringify({ account: 'gilles', refresh: `rt-secret-${r.code}` }));
    return { accessToken: 'at-1' } as never;
  }
  async acquireTokenSilent() {
    FakeMsal.calls.push('silent');
    if (FakeMsal.revoked) throw new InteractionRequiredAuthError('invalid_grant', 'corr');
    return { accessToken: 'at-2' } as never;
  }
  getTokenCache() {
    return {
      getAllAccounts: async () => {
        const text = await withCache(this.plugin);
        return text ? [{ homeAccountId: 'gilles' } as never] : [];
      },
    };
  }
}

describe('Graph sign-in (fake MSAL client; no Microsoft service reachable)', () => {
  test('off by default; incomplete settings say which are missing', () => {
    expect(loadGraphConfig({})).toEqual({ kind: 'not-configured' });
    expect(loadGraphConfig({ DAV_BRIDGE_GRAPH_TENANT: 'contoso' })).toMatchObject({ kind: 'incomplete' });
    const full = loadGraphConfig({
      DAV_BRIDGE_GRAPH_TENANT: 'contoso',
      DAV_BRIDGE_GRAPH_CLIENT_ID: 'id',
      DAV_BRIDGE_GRAPH_CLIENT_SECRET: 'secret',
      DAV_BRIDGE_GRAPH_REDIRECT_URI: 'https://bridge.example/cb',
      DAV_BRIDGE_GRAPH_CACHE_KEY: KEY.toString('base64'),
    });
    expect(isGraphConfigured(full)).toBe(true);
  });

  test('the token cache is sealed at rest and bound to its user', async () => {
    const store = new MemorySealedCacheStore();
    await withCache(sealedCachePlugin(store, KEY, 'gilles'), () => 'refresh-token-of-gilles');
    const sealed = store.rows.get('gilles')!;
    expect(sealed).not.toContain('refresh-token');
    expect(await withCache(sealedCachePlugin(store, KEY, 'gilles'))).toBe('refresh-token-of-gilles');
    store.rows.set('david', sealed); // copied into another user's row: does not open
    await expect(withCache(sealedCachePlugin(store, KEY, 'david'))).rejects.toThrow();
  });

  test('the sign-in asks for calendars, To Do tasks, contacts and mailbox settings (read-write), offline access and the profile', async () => {
    const signIn = new GraphSignIn(cfg, new MemorySealedCacheStore(), (plugin) => new FakeMsal(plugin));
    const url = new URL(await signIn.begin('gilles'));
    expect(url.searchParams.get('scope')!.split(' ').sort()).toEqual(
      [
        'Calendars.ReadWrite',
        'Contacts.ReadWrite',
        'MailboxSettings.ReadWrite', // the master categories of the background sync
        'Tasks.ReadWrite',
        'User.Read',
        'offline_access',
      ].sort(),
    );
  });

  test('a sign-in begun on one bridge instance finishes on another (the pending sign-in is sealed in the state, not in memory); a tampered, foreign or expired state is refused', async () => {
    FakeMsal.calls = [];
    FakeMsal.revoked = false;
    const caches = new MemorySealedCacheStore();
    let now = 1_000_000;
    const first = new GraphSignIn(
      cfg,
      caches,
      (plugin) => new FakeMsal(plugin),
      () => now,
    );
    const second = new GraphSignIn(
      cfg,
      caches,
      (plugin) => new FakeMsal(plugin),
      () => now,
    );
    const state = new URL(await first.begin('gilles')).searchParams.get('state')!;
    expect(state).not.toContain('gilles');
    expect(await second.complete(state, 'abc')).toBe('gilles');
    expect(FakeMsal.lastVerifier).not.toBe('');

    const other = new GraphSignIn(
      { ...cfg, cacheKey: Buffer.alloc(32, 9) },
      caches,
      (p) => new FakeMsal(p),
      () => now,
    );
    const again = new URL(await first.begin('gilles')).searchParams.get('state')!;
    await expect(other.complete(again, 'abc')).rejects.toThrow();
    await expect(second.complete(`${again.slice(0, -2)}xx`, 'abc')).rejects.toThrow();
    now += 11 * 60_000;
    await expect(second.complete(again, 'abc')).rejects.toThrow();
  });

  test('fake MSAL client: PKCE sign-in, silent tokens, "reconnect" without a loop of requests, disconnect', async () => {
    FakeMsal.calls = [];
    FakeMsal.revoked = false;
    const caches = new MemorySealedCacheStore();
    const signIn = new GraphSignIn(cfg, caches, (plugin) => new FakeMsal(plugin));
    expect(await signIn.connection('gilles')).toBe('disconnected');
    const url = new URL(await signIn.begin('gilles'));
    expect(url.searchParams.get('method')).toBe('S256');
    expect(url.searchParams.get('scope')).toContain('offline_access');
    await expect(signIn.complete('forged-state', 'code')).rejects.toThrow();
    expect(await signIn.complete(url.searchParams.get('state')!, 'abc')).toBe('gilles');
    // The verifier sent with the code is the one whose S256 hash the sign-in address carried.
    expect(createHash('sha256').update(FakeMsal.lastVerifier).digest('base64url')).toBe(
      url.searchParams.get('code_challenge'),
    );
    expect(await signIn.connection('gilles')).toBe('connected');
    expect(await signIn.accessToken('gilles')).toBe('at-2');

    FakeMsal.revoked = true;
    await expect(signIn.accessToken('gilles')).rejects.toBeInstanceOf(GraphReconnectNeeded);
    expect(await signIn.connection('gilles')).toBe('reconnect');
    const before = FakeMsal.calls.length;
    await expect(signIn.accessToken('gilles')).rejects.toBeInstanceOf(GraphReconnectNeeded);
    expect(FakeMsal.calls.length).toBe(before); // no request for a user who must reconnect

    await signIn.disconnect('gilles');
    expect(await signIn.connection('gilles')).toBe('disconnected');
    expect(caches.rows.size).toBe(0);
  });
});
