/**
 * Signing a user in to Microsoft Graph for background sync: the authorization-code flow with PKCE as a
 * confidential client (msal-node), opened from the pane in an Office dialog; from then on tokens come silently
 * from the user's encrypted cache. A refresh that can no longer succeed (revoked, expired, consent withdrawn:
 * `invalid_grant`, interaction required) puts the user in the "reconnect" state: their sync stops and the pane
 * says "reconnect Outlook"; no further request is made for them until they sign in again (never a loop of
 * failing requests). Tokens never reach the pane.
 */
import { randomBytes } from 'node:crypto';
import {
  ConfidentialClientApplication,
  CryptoProvider,
  InteractionRequiredAuthError,
  type AccountInfo,
  type AuthenticationResult,
  type AuthorizationCodeRequest,
  type AuthorizationUrlRequest,
  type ICachePlugin,
  type SilentFlowRequest,
} from '@azure/msal-node';
import { SecretBox } from '../security/secret-box.js';
import { GRAPH_SCOPES, GRAPH_SYNC_SCOPES, type GraphSignInConfig } from './graph-config.js';
import { sealedCachePlugin, type ReconnectReason, type SealedCacheStore } from './sealed-token-cache.js';

/** What the pane shows: not connected, connected, or connected once but the sign-in must be renewed. */
export type GraphConnection = 'disconnected' | 'connected' | 'reconnect';

/** The part of msal-node's ConfidentialClientApplication used here (a fake stands in for it in tests). */
export interface MsalClient {
  getAuthCodeUrl(request: AuthorizationUrlRequest): Promise<string>;
  acquireTokenByCode(request: AuthorizationCodeRequest): Promise<AuthenticationResult>;
  acquireTokenSilent(request: SilentFlowRequest): Promise<AuthenticationResult | null>;
  getTokenCache(): { getAllAccounts(): Promise<AccountInfo[]> };
}

export type MsalFactory = (cachePlugin: ICachePlugin) => MsalClient;

export function msalFactory(cfg: GraphSignInConfig): MsalFactory {
  return (cachePlugin) =>
    new ConfidentialClientApplication({
      auth: {
        clientId: cfg.clientId,
        authority: `https://login.microsoftonline.com/${cfg.tenant}`,
        clientSecret: cfg.clientSecret,
      },
      cache: { cachePlugin },
    });
}

/** The user must sign in again before their sync can go on. */
export class GraphReconnectNeeded extends Error {
  constructor(
    readonly userId: string,
    readonly reason: ReconnectReason = 'graph-connect.reason-refresh-refused',
  ) {
    super('reconnect Outlook');
    this.name = 'GraphReconnectNeeded';
  }
}

/** A sign-in left unfinished this long is refused (its PKCE verifier with it). */
const PENDING_MS = 10 * 60_000;
const PENDING_AAD = 'graph-sign-in-state';

/** What `begin` hands to `complete`, sealed into the OAuth state. */
interface PendingSignIn {
  userId: string;
  verifier: string;
  expires: number;
  nonce: string;
}

export class GraphSignIn {
  /** Users whose refresh failed for good: no token request until they sign in again. */
  private readonly needReconnect = new Set<string>();

  constructor(
    private readonly cfg: GraphSignInConfig,
    private readonly caches: SealedCacheStore,
    private readonly factory: MsalFactory = msalFactory(cfg),
    private readonly now: () => number = Date.now,
  ) {}

  private client(userId: string): MsalClient {
    return this.factory(sealedCachePlugin(this.caches, this.cfg.cacheKey, userId));
  }

  /** The Microsoft sign-in address the pane's dialog opens for this user. */
  async begin(userId: string): Promise<string> {
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    // The pending sign-in travels sealed in the state (AES-GCM, the cache key every instance shares): whichever
    // bridge instance Microsoft's redirect reaches can finish it, with nothing kept in one process's memory. The
    // verifier stays unreadable outside the bridge; the nonce makes every state unique.
    const pending: PendingSignIn = {
      userId,
      verifier,
      expires: this.now() + PENDING_MS,
      nonce: randomBytes(12).toString('base64url'),
    };
    const state = new SecretBox(this.cfg.cacheKey).seal(JSON.stringify(pending), PENDING_AAD);
    return this.client(userId).getAuthCodeUrl({
      scopes: GRAPH_SCOPES,
      redirectUri: this.cfg.redirectUri,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      state,
      prompt: 'select_account',
    });
  }

  /** Microsoft's redirect back: exchanges the code (with the PKCE verifier); returns whose sign-in it was. */
  async complete(state: string, code: string): Promise<string> {
    const p = this.openPending(state);
    if (!p || p.expires < this.now()) throw new Error('unknown or expired sign-in state');
    const result = await this.client(p.userId).acquireTokenByCode({
      code,
      scopes: GRAPH_SCOPES,
      redirectUri: this.cfg.redirectUri,
      codeVerifier: p.verifier,
    });
    this.needReconnect.delete(p.userId);
    const account = result?.account;
    await this.caches.markConnected?.(p.userId, account?.homeAccountId ?? '', account?.username ?? '');
    return p.userId;
  }

  private openPending(state: string): PendingSignIn | undefined {
    try {
      const p = JSON.parse(new SecretBox(this.cfg.cacheKey).open(state, PENDING_AAD)) as Partial<PendingSignIn>;
      return typeof p.userId === 'string' && typeof p.verifier === 'string' && typeof p.expires === 'number'
        ? (p as PendingSignIn)
        : undefined;
    } catch {
      return undefined; // forged, from another bridge's key, or truncated
    }
  }

  async connection(userId: string): Promise<GraphConnection> {
    if (this.needReconnect.has(userId) || (await this.caches.reconnectNeeded?.(userId))) return 'reconnect';
    return (await this.caches.get(userId)) ? 'connected' : 'disconnected';
  }

  /** Puts the user in the "reconnect" state (kept in the store when it keeps states) and says so. */
  private async reconnect(userId: string, reason: ReconnectReason): Promise<never> {
    this.needReconnect.add(userId);
    await this.caches.markReconnect?.(userId, reason);
    throw new GraphReconnectNeeded(userId, reason);
  }

  /** An access token for background sync, refreshed silently; GraphReconnectNeeded when that is over. */
  async accessToken(userId: string): Promise<string> {
    // Read from the store too: a "reconnect" set before a restart still stops every request.
    if (this.needReconnect.has(userId) || (await this.caches.reconnectNeeded?.(userId)))
      throw new GraphReconnectNeeded(userId);
    const client = this.client(userId);
    let account: AccountInfo | undefined;
    try {
      [account] = await client.getTokenCache().getAllAccounts();
    } catch {
      // The sealed cache does not open (the cache key changed, or the row was tampered with).
      return this.reconnect(userId, 'graph-connect.reason-cache-unreadable');
    }
    if (!account) return this.reconnect(userId, 'graph-connect.reason-cache-unreadable');
    let result: AuthenticationResult | null;
    try {
      result = await client.acquireTokenSilent({ account, scopes: GRAPH_SYNC_SCOPES });
    } catch (err) {
      if (err instanceof InteractionRequiredAuthError && !isInvalidGrant(err))
        return this.reconnect(userId, 'graph-connect.reason-interaction-required');
      if (refreshIsOver(err)) return this.reconnect(userId, 'graph-connect.reason-refresh-refused');
      throw err; // network trouble and the like: try again next run
    }
    if (result?.accessToken) return result.accessToken;
    return this.reconnect(userId, 'graph-connect.reason-refresh-refused');
  }

  /** Forgets the user's tokens (the pane's "Disconnect Outlook"). */
  async disconnect(userId: string): Promise<void> {
    await this.caches.delete(userId);
    this.needReconnect.delete(userId);
  }
}

function isInvalidGrant(err: unknown): boolean {
  const e = err as { errorCode?: string; error?: string };
  return e?.errorCode === 'invalid_grant' || e?.error === 'invalid_grant';
}

function refreshIsOver(err: unknown): boolean {
  return err instanceof InteractionRequiredAuthError || isInvalidGrant(err);
}
