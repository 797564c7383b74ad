/**
 * OAuth stand-in: Microsoft's authorization endpoint and token endpoint as msal-node's client sees them, written
 * from the documented OAuth 2.0 authorization-code + PKCE contract (RFC 6749, RFC 7636), since no Microsoft
 * service is reachable here. It replaces msal-node's ConfidentialClientApplication through the bridge's injectable
 * MsalFactory and keeps its token cache through the bridge's real sealed cache plugin, so what the bridge stores is
 * what msal-node would hand it. Named "OAuth stand-in" in every test.
 *
 * - getAuthCodeUrl: an authorize address carrying client_id, redirect_uri, scope, state, code_challenge (S256).
 * - authorize(url, user): what the user's sign-in at Microsoft gives back: the redirect with ?code&state. A code is
 *   bound to its client, redirect URI and challenge, and works once.
 * - acquireTokenByCode: checks the code, the redirect URI and that SHA-256(code_verifier) is the challenge
 *   (invalid_grant otherwise), then caches an access and a refresh token for the user.
 * - acquireTokenSilent: a fresh access token from the cached refresh token, until `revoke(user)` (invalid_grant);
 *   asking a scope the user never consented to (consent is what the authorize addresses they signed in at asked,
 *   all sign-ins together) is refused as Microsoft does: interaction required, AADSTS65001 consent_required.
 * The access token is the Graph fake's mailbox key: each user gets a mailbox of their own there.
 */
import { createHash, randomBytes } from 'node:crypto';
import { InteractionRequiredAuthError, type ICachePlugin, type TokenCacheContext } from '@azure/msal-node';

export interface StandinUser {
  /** Sign-in name ("gilles@contoso.example"). */
  username: string;
  /** The Graph fake's mailbox key, sent as the access token. */
  accessToken: string;
}

interface IssuedCode {
  user: StandinUser;
  challenge: string;
  redirectUri: string;
}

/** Scopes of the sign-in itself, never refused for lack of consent. */
const OIDC_SCOPES = new Set(['offline_access', 'openid', 'profile']);

class InvalidGrant extends Error {
  readonly errorCode = 'invalid_grant';
  constructor(detail: string) {
    super(`invalid_grant: ${detail}`);
  }
}

/** One msal-node cache access: load through the plugin, maybe change, save through the plugin (as msal-node does). */
async function withCache(plugin: ICachePlugin, change?: (old: string) => string): Promise<string> {
  let text = '';
  let changed = false;
  const ctx = {
    get cacheHasChanged() {
      return changed;
    },
    tokenCache: { deserialize: (t: string) => (text = t), serialize: () => text },
  } as unknown as TokenCacheContext;
  await plugin.beforeCacheAccess(ctx);
  if (change) {
    text = change(text);
    changed = true;
  }
  await plugin.afterCacheAccess(ctx);
  return text;
}

export class OAuthStandin {
  private readonly codes = new Map<string, IssuedCode>();
  private readonly revoked = new Set<string>();
  /** The scopes each user consented to (sign-in name -> scopes), every sign-in's together. */
  private readonly consented = new Map<string, Set<string>>();
  /** Every call the bridge made to the stand-in (token endpoint calls count as requests to Microsoft). */
  readonly calls: string[] = [];
  /** Every access and refresh token issued: tests assert none reaches the pane. */
  readonly issuedSecrets: string[] = [];

  constructor(readonly clientId = 'bridge-client-id') {}

  /** The MsalFactory the bridge is given. */
  factory = (plugin: ICachePlugin) => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the client's methods reach the stand-in's state
    const standin = this;
    return {
      async getAuthCodeUrl(r: {
        scopes: string[];
        redirectUri: string;
        state?: string;
        codeChallenge?: string;
        codeChallengeMethod?: string;
      }): Promise<string> {
        standin.calls.push('authorize-url');
        const u = new URL('https://login.standin.example/organizations/oauth2/v2.0/authorize');
        u.searchParams.set('client_id', standin.clientId);
        u.searchParams.set('response_type', 'code');
        u.searchParams.set('redirect_uri', r.redirectUri);
        u.searchParams.set('scope', r.scopes.join(' '));
        u.searchParams.set('state', r.state ?? '');
        u.searchParams.set('code_challenge', r.codeChallenge ?? '');
        u.searchParams.set('code_challenge_method', r.codeChallengeMethod ?? 'plain');
        return u.toString();
      },
      async acquireTokenByCode(r: { code: string; redirectUri: string; codeVerifier?: string }) {
        standin.calls.push('token:authorization_code');
        const issued = standin.codes.get(r.code);
        standin.codes.delete(r.code);
        if (!issued) throw new InvalidGrant('unknown or used code');
        if (issued.redirectUri !== r.redirectUri) throw new InvalidGrant('redirect_uri mismatch');
        const s256 = createHash('sha256')
          .update(r.codeVerifier ?? '')
          .digest('base64url');
        if (s256 !== issued.challenge) throw new InvalidGrant('code_verifier does not match the code_challenge');
        const refresh = `rt-${randomBytes(16).toString('hex')}`;
        standin.issuedSecrets.push(refresh, issued.user.accessToken);
        await withCache(plugin, () => JSON.stringify({ user: issued.user, refresh }));
        return {
          accessToken: issued.user.accessToken,
          account: { homeAccountId: `${issued.user.username}.home`, username: issued.user.username },
        } as never;
      },
      async acquireTokenSilent(r: { scopes: string[] }) {
        standin.calls.push('token:refresh_token');
        const cached = JSON.parse(await withCache(plugin)) as { user: StandinUser; refresh: string };
        if (standin.revoked.has(cached.user.username)) throw new InvalidGrant('refresh token revoked');
        const granted = standin.consented.get(cached.user.username) ?? new Set<string>();
        const missing = r.scopes.filter((s) => !OIDC_SCOPES.has(s) && !granted.has(s));
        if (missing.length > 0)
          throw new InteractionRequiredAuthError(
            'consent_required',
            `AADSTS65001: The user or administrator has not consented to use the application (${missing.join(' ')}).`,
          );
        return { accessToken: cached.user.accessToken } as never;
      },
      getTokenCache() {
        return {
          getAllAccounts: async () => {
            const text = await withCache(plugin);
            if (!text) return [];
            const { user } = JSON.parse(text) as { user: StandinUser };
            return [{ homeAccountId: `${user.username}.home`, username: user.username } as never];
          },
        };
      },
    };
  };

  /**
   * The user signs in at the authorize address: the redirect back to the bridge (redirect_uri?code&state), or the
   * OAuth error redirect when the address is not a valid PKCE request.
   */
  authorize(authorizeUrl: string, user: StandinUser): string {
    const u = new URL(authorizeUrl);
    const back = new URL(u.searchParams.get('redirect_uri') ?? '');
    const state = u.searchParams.get('state') ?? '';
    if (
      u.searchParams.get('client_id') !== this.clientId ||
      u.searchParams.get('code_challenge_method') !== 'S256' ||
      !u.searchParams.get('code_challenge') ||
      !(u.searchParams.get('scope') ?? '').split(' ').includes('offline_access')
    ) {
      back.searchParams.set('error', 'invalid_request');
    } else {
      const scopes = (u.searchParams.get('scope') ?? '').split(' ').filter(Boolean);
      const granted = this.consented.get(user.username) ?? new Set<string>();
      for (const s of scopes) granted.add(s);
      this.consented.set(user.username, granted);
      const code = `code-${randomBytes(12).toString('hex')}`;
      this.codes.set(code, {
        user,
        challenge: u.searchParams.get('code_challenge')!,
        redirectUri: back.origin + back.pathname,
      });
      back.searchParams.set('code', code);
    }
    back.searchParams.set('state', state);
    return back.toString();
  }

  /** The user revokes the app's consent (or the refresh token expires): every refresh is refused from now on. */
  revoke(username: string): void {
    this.revoked.add(username);
  }
}
