/**
 * Reads a guest link's calendar through its owner's stored credentials and keeps the built feed for a short time
 * (guestCacheSeconds), so a link shared with a hundred people does not mean a hundred DAV queries. Concurrent
 * requests for a cold link share one DAV query. The link itself (revoked? expired?) is checked by the caller on
 * every request, before the cache is consulted, so revocation is immediate.
 */
import { createHash } from 'node:crypto';
import { queryItems } from '@dav-bridge/core';
import type { DavAccess } from '../dav/dav-access.js';
import type { BridgeStore, GuestLinkRecord } from '../store/types.js';
import { buildFeed, type ParsedFeed } from './ics-feed.js';

export interface BuiltFeed extends ParsedFeed {
  etag: string;
  builtAt: number;
}

export class GuestFeedService {
  private readonly cache = new Map<string, BuiltFeed>();
  private readonly inflight = new Map<string, Promise<BuiltFeed>>();

  constructor(
    private readonly store: BridgeStore,
    private readonly dav: DavAccess,
    private readonly cacheMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async feedFor(link: GuestLinkRecord): Promise<BuiltFeed> {
    const cached = this.cache.get(link.id);
    if (cached && this.now() - cached.builtAt < this.cacheMs) return cached;
    const running = this.inflight.get(link.id);
    if (running) return running;
    const job = this.build(link).finally(() => this.inflight.delete(link.id));
    this.inflight.set(link.id, job);
    return job;
  }

  forget(linkId: string): void {
    this.cache.delete(linkId);
  }

  private async build(link: GuestLinkRecord): Promise<BuiltFeed> {
    const account = await this.store.getAccount(link.accountId);
    if (!account) throw new Error('guest link owner no longer exists');
    const transport = this.dav.transportFor(account);
    const items = await queryItems(transport, link.collectionUrl, 'calendar');
    const feed = buildFeed(
      items.map((i) => i.data),
      link.collectionName,
    );
    const etag = `"${createHash('sha256').update(feed.ics).digest('base64url').slice(0, 32)}"`;
    const built: BuiltFeed = { ...feed, etag, builtAt: this.now() };
    this.cache.set(link.id, built);
    return built;
  }
}
