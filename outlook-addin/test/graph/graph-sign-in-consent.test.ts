// Consent kept across versions: a user who connected Outlook before the bridge asked one more scope keeps syncing.
// No Microsoft service is reachable here: msal-node's client is the OAuth stand-in (test/support/graph-fake), which
// refuses a silent token for a scope the user never consented to, as Microsoft does (AADSTS65001).
import { GRAPH_SCOPES, GRAPH_SYNC_SCOPES, type GraphSignInConfig } from '../../src/middle-tier/graph/graph-config.js';
import { GraphReconnectNeeded, GraphSignIn } from '../../src/middle-tier/graph/graph-sign-in.js';
import { MemorySealedCacheStore } from '../../src/middle-tier/graph/sealed-token-cache.js';
import { OAuthStandin } from '../../../test/support/graph-fake/oauth-standin.js';

const cfg: GraphSignInConfig = {
  tenant: 'contoso.example',
  clientId: 'bridge-client-id',
  clientSecret: 'client-secret',
  redirectUri: 'https://bridge.example/api/v1/graph/callback',
  cacheKey: Buffer.alloc(32, 7),
};
const gilles = { username: 'gilles@contoso.example', accessToken: 'mailbox-gilles' };

/** Gilles signs in at `authorizeUrl` (maybe the address an earlier bridge made) and the bridge finishes it. */
async function connect(signIn: GraphSignIn, standin: OAuthStandin, authorizeUrl: string): Promise<void> {
  const back = new URL(standin.authorize(authorizeUrl, gilles));
  expect(back.searchParams.get('error')).toBeNull();
  await signIn.complete(back.searchParams.get('state')!, back.searchParams.get('code')!);
}

describe('Outlook sign-in scopes (OAuth stand-in)', () => {
  test('the sign-in asks every scope, MailboxSettings.ReadWrite (master categories) included', async () => {
    const standin = new OAuthStandin(cfg.clientId);
    const signIn = new GraphSignIn(cfg, new MemorySealedCacheStore(), standin.factory);
    const asked = new URL(await signIn.begin('gilles')).searchParams.get('scope')!.split(' ');
    expect(asked.sort()).toEqual([...GRAPH_SCOPES].sort());
    expect(asked).toContain('MailboxSettings.ReadWrite');
  });

  test('a user who consented before MailboxSettings.ReadWrite was asked still gets tokens for sync (no "reconnect")', async () => {
    const standin = new OAuthStandin(cfg.clientId);
    const signIn = new GraphSignIn(cfg, new MemorySealedCacheStore(), standin.factory);
    // The address an earlier bridge made: the sync's scopes only.
    const earlier = new URL(await signIn.begin('gilles'));
    earlier.searchParams.set('scope', GRAPH_SYNC_SCOPES.join(' '));
    await connect(signIn, standin, earlier.toString());
    expect(await signIn.accessToken('gilles')).toBe(gilles.accessToken);
    expect(await signIn.connection('gilles')).toBe('connected');
  });

  test('the OAuth stand-in is strict: a silent token for a scope never consented is refused, so the user must reconnect', async () => {
    const standin = new OAuthStandin(cfg.clientId);
    const signIn = new GraphSignIn(cfg, new MemorySealedCacheStore(), standin.factory);
    const narrow = new URL(await signIn.begin('gilles'));
    narrow.searchParams.set('scope', 'offline_access User.Read');
    await connect(signIn, standin, narrow.toString());
    await expect(signIn.accessToken('gilles')).rejects.toBeInstanceOf(GraphReconnectNeeded);
    expect(await signIn.connection('gilles')).toBe('reconnect');
  });
});
