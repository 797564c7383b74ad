/** Creating private "Add to Outlook" feeds and describing them to their owner (URLs rebuilt from the sealed token). */
import type { OutlookFeedView } from '../contract/outlook-feeds.js';
import type { SecretBox } from '../security/secret-box.js';
import { newSealedToken, openSealedToken } from '../security/sealed-token.js';
import type { OutlookFeedRecord } from '../store/pane-types.js';
import type { FeedSource } from './feed-service.js';

/** Where private feeds are served: /feeds/<token>.ics (the token is 256 random bits). */
export const OUTLOOK_FEED_PREFIX = '/feeds/';

export function outlookFeedUrls(publicBaseUrl: string, token: string): { httpsUrl: string; webcalUrl: string } {
  const httpsUrl = `${publicBaseUrl}${OUTLOOK_FEED_PREFIX}${token}.ics`;
  return { httpsUrl, webcalUrl: httpsUrl.replace(/^https?:/, 'webcal:') };
}

const iso = (t: number | undefined): string | null => (t === undefined ? null : new Date(t).toISOString());

export function outlookFeedView(feed: OutlookFeedRecord, box: SecretBox, publicBaseUrl: string): OutlookFeedView {
  const token = openSealedToken(feed, box);
  return {
    id: feed.id,
    name: feed.collectionName,
    collectionUrl: feed.collectionUrl,
    kind: feed.kind,
    ...(token === undefined ? { httpsUrl: null, webcalUrl: null } : outlookFeedUrls(publicBaseUrl, token)),
    createdAt: new Date(feed.createdAt).toISOString(),
    lastFetchedAt: iso(feed.lastFetchedAt),
    fetchCount: feed.fetchCount,
  };
}

export function newOutlookFeed(
  box: SecretBox,
  input: Pick<OutlookFeedRecord, 'accountId' | 'collectionUrl' | 'collectionName' | 'kind'> & { now: number },
): OutlookFeedRecord {
  return {
    ...newSealedToken(box),
    accountId: input.accountId,
    collectionUrl: input.collectionUrl,
    collectionName: input.collectionName,
    kind: input.kind,
    createdAt: input.now,
    revokedAt: undefined,
    lastFetchedAt: undefined,
    fetchCount: 0,
  };
}

/** The feed service's source for a private feed: the user's own access, every detail kept. */
export const outlookFeedSource = (feed: OutlookFeedRecord): FeedSource => ({
  cacheKey: `outlook:${feed.id}`,
  accountId: feed.accountId,
  collectionUrl: feed.collectionUrl,
  collectionName: feed.collectionName,
  privacy: 'full',
});
