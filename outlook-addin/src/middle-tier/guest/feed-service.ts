/**
 * Reads a guest link's calendar through its owner's stored credentials and keeps the built feed for a short time
 * (guestCacheSeconds), so a link shared with a hundred people does not mean a hundred DAV queries. Concurrent
 * requests for a cold link share one DAV query. The link itself (revoked? expired?) is checked by the caller on
 * every request, before the cache is consulted, so revocation is immediate.
 *
 * The HTML agenda is expanded from the feed in slices (other requests are served meanwhile) and kept per feed
 * version and hour, so a busy link expands its recurrences once an hour at most, not once per page view.
 */
import { createHash, hkdfSync } from 'node:crypto';
import { queryItems } from '@dav-bridge/core';
import type { DavAccess } from '../dav/dav-access.js';
import type { AccountStore, GuestLinkRecord } from '../store/types.js';
import { buildAgendaSliced, type Agenda } from './agenda.js';
import { buildFullFeed } from './full-feed.js';
import { buildFeed, type ParsedFeed } from './ics-feed.js';

/**
 * What a feed reads: a guest link (redacted for guests), or the user's own private feed (privacy 'full': the
 * "Add to Outlook" feed, issue 13), under a cache key of its own.
 */
export interface FeedSource {
  cacheKey: string;
  accountId: string;
  collectionUrl: string;
  collectionName: string;
  privacy: 'guest' | 'full';
  /** Guest links: the link id (busy-block UIDs) and its choice to hide private items. */
  linkId?: string;
  hidePrivateEvents?: boolean;
}

const sourceOf = (link: GuestLinkRecord): FeedSource => ({
  cacheKey: link.id,
  accountId: link.accountId,
  collectionUrl: link.collectionUrl,
  collectionName: link.collectionName,
  privacy: 'guest',
  linkId: link.id,
  hidePrivateEvents: link.hidePrivateEvents === true,
});

export interface BuiltFeed extends ParsedFeed {
  etag: string;
  builtAt: number;
}

const HOUR_MS = 3600 * 1000;
// A pathological agenda and its two rendered pages weigh about 1 MB: 50 of them stay well under 100 MB.
const MAX_CACHED_AGENDAS = 50;

export class GuestFeedService {
  private readonly cache = new Map<string, BuiltFeed>();
  private readonly inflight = new Map<string, Promise<BuiltFeed>>();
  private readonly agendas = new Map<string, Promise<Agenda>>();
  private readonly uidKey: Buffer;

  constructor(
    private readonly store: AccountStore,
    private readonly dav: DavAccess,
    private readonly cacheMs: number,
    private readonly now: () => number,
    masterKey: Buffer,
    private readonly timeZone: string,
  ) {
    // A key of its own for the busy blocks' UIDs, derived from the master key (never the guest's token).
    this.uidKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'dav-bridge guest busy uid', 32));
  }

  feedFor(link: GuestLinkRecord): Promise<BuiltFeed> {
    return this.feedOf(sourceOf(link));
  }

  /**
   * Any feed source through the same path: one DAV query shared by concurrent requests, the same cache time, the
   * DAV transport's timeout. A failed read throws (never an empty calendar).
   */
  async feedOf(source: FeedSource): Promise<BuiltFeed> {
    const key = source.cacheKey;
    const cached = this.cache.get(key);
    if (cached && this.now() - cached.builtAt < this.cacheMs) return cached;
    const running = this.inflight.get(key);
    if (running) return running;
    const job = this.build(source).finally(() => this.inflight.delete(key));
    this.inflight.set(key, job);
    return job;
  }

  forget(linkId: string): void {
    this.cache.delete(linkId);
    for (const key of this.agendas.keys()) if (key.startsWith(`${linkId}|`)) this.agendas.delete(key);
  }

  /**
   * The agenda shown on the link's page: from yesterday to `days` ahead, in `timeZone`. Cached per feed version
   * (its ETag), zone and hour; concurrent views of a cold agenda share one expansion.
   */
  agendaFor(link: GuestLinkRecord, feed: BuiltFeed, timeZone: string, days: number): Promise<Agenda> {
    const now = this.now();
    const hour = Math.floor(now / HOUR_MS) * HOUR_MS;
    const key = `${link.id}|${feed.etag}|${timeZone}|${days}|${hour}`;
    const known = this.agendas.get(key);
    if (known) return known;
    const job = buildAgendaSliced(feed.root, {
      windowStart: new Date(hour - 24 * HOUR_MS),
      windowEnd: new Date(hour + (days * 24 + 1) * HOUR_MS),
      timeZone,
      now: new Date(now),
    });
    job.catch(() => this.agendas.delete(key));
    this.agendas.set(key, job);
    // Oldest first (Map keeps insertion order): older hours and feed versions go first.
    while (this.agendas.size > MAX_CACHED_AGENDAS) {
      const oldest = this.agendas.keys().next().value;
      if (oldest === undefined) break;
      this.agendas.delete(oldest);
    }
    return job;
  }

  private async build(source: FeedSource): Promise<BuiltFeed> {
    const account = await this.store.getAccount(source.accountId);
    if (!account) throw new Error('feed owner no longer exists');
    const transport = this.dav.transportFor(account);
    const items = await queryItems(transport, source.collectionUrl, 'calendar');
    const data = items.map((i) => i.data);
    const feed =
      source.privacy === 'full'
        ? buildFullFeed(data, source.collectionName)
        : buildFeed(data, source.collectionName, {
            linkId: source.linkId ?? source.cacheKey,
            uidKey: this.uidKey,
            hidePrivate: source.hidePrivateEvents === true,
            now: this.now(),
            timeZone: this.timeZone,
          });
    const etag = `"${createHash('sha256').update(feed.ics).digest('base64url').slice(0, 32)}"`;
    const built: BuiltFeed = { ...feed, etag, builtAt: this.now() };
    this.cache.set(source.cacheKey, built);
    return built;
  }
}
