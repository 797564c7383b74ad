/**
 * GraphSignIn's cache store over the bridge database (GraphTokenCacheStore, schema version 6): the sealed MSAL
 * cache, the connection state with its reason and since when, and the Microsoft user, per bridge account. A
 * "reconnect" set here survives a restart, so a revoked refresh token is never tried again after one.
 */
import type { GraphTokenCacheStore } from '../store/types.js';
import type { ReconnectReason, SealedCacheStore } from './sealed-token-cache.js';

export class StoredGraphConnections implements SealedCacheStore {
  constructor(
    private readonly store: GraphTokenCacheStore,
    private readonly now: () => number,
  ) {}

  async get(accountId: string): Promise<string | undefined> {
    return (await this.store.getGraphConnection(accountId))?.sealedCache;
  }

  async set(accountId: string, sealed: string): Promise<void> {
    await this.store.saveGraphTokenCache(accountId, sealed, this.now());
  }

  async delete(accountId: string): Promise<void> {
    await this.store.deleteGraphConnection(accountId);
  }

  async markConnected(accountId: string, graphUserId: string, graphUserName: string): Promise<void> {
    await this.store.markGraphConnected(accountId, graphUserId, graphUserName, this.now());
  }

  async markReconnect(accountId: string, reason: ReconnectReason): Promise<void> {
    await this.store.markGraphReconnect(accountId, reason, this.now());
  }

  async reconnectNeeded(accountId: string): Promise<boolean> {
    return (await this.store.getGraphConnection(accountId))?.state === 'reconnect';
  }
}
