/**
 * MSAL's token cache for one user, encrypted at rest (AES-256-GCM through SecretBox, bound to the user's id so a
 * cache copied to another user's row does not open). The refresh token inside is what lets the bridge sync in
 * the background for 90 days; it never leaves the server.
 */
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import { SecretBox } from '../security/secret-box.js';

/** Why a user must sign in again (a catalog key; the bridge store keeps it with the state). */
export type ReconnectReason =
  | 'graph-connect.reason-refresh-refused'
  | 'graph-connect.reason-interaction-required'
  | 'graph-connect.reason-cache-unreadable';

/**
 * Where sealed caches live: one opaque string per user (the bridge store, graph/stored-connections.ts; in memory in
 * tests). A store that also keeps the connection state makes "reconnect" survive a restart.
 */
export interface SealedCacheStore {
  get(userId: string): Promise<string | undefined>;
  set(userId: string, sealed: string): Promise<void>;
  delete(userId: string): Promise<void>;
  /** After a sign-in: connected as this Microsoft account. */
  markConnected?(userId: string, graphUserId: string, graphUserName: string): Promise<void>;
  markReconnect?(userId: string, reason: ReconnectReason): Promise<void>;
  reconnectNeeded?(userId: string): Promise<boolean>;
}

export class MemorySealedCacheStore implements SealedCacheStore {
  readonly rows = new Map<string, string>();
  async get(userId: string) {
    return this.rows.get(userId);
  }
  async set(userId: string, sealed: string) {
    this.rows.set(userId, sealed);
  }
  async delete(userId: string) {
    this.rows.delete(userId);
  }
}

const aad = (userId: string) => `graph-token-cache:${userId}`;

export function sealedCachePlugin(store: SealedCacheStore, key: Buffer, userId: string): ICachePlugin {
  const box = new SecretBox(key);
  return {
    async beforeCacheAccess(ctx: TokenCacheContext) {
      const sealed = await store.get(userId);
      if (sealed) ctx.tokenCache.deserialize(box.open(sealed, aad(userId)));
    },
    async afterCacheAccess(ctx: TokenCacheContext) {
      if (ctx.cacheHasChanged) await store.set(userId, box.seal(ctx.tokenCache.serialize(), aad(userId)));
    },
  };
}
