/**
 * The bridge server's side of core's feed use case (@dav-bridge/core/feed): the same calls, with core's FeedError
 * turned into the API's error (an HTTP status per code, the sentence in both languages from the catalog).
 */
import {
  checkFeedOrigin as coreCheckFeedOrigin,
  fetchFeed as coreFetchFeed,
  FeedError,
  normalizeFeedUrl as coreNormalizeFeedUrl,
  splitFeed as coreSplitFeed,
  type FeedCaps,
  type FeedErrorCode,
  type FeedFetch,
  type FeedItems,
  type FeedLimits,
  type FeedValidators,
} from '@dav-bridge/core/feed';
import { ApiError } from '../http/api-error.js';

export { DEFAULT_FEED_CAPS, FeedStore, feedCapsFor } from '@dav-bridge/core/feed';
export type { FeedCaps, FeedFetch, FeedItems, FeedLimits } from '@dav-bridge/core/feed';

const STATUS: Record<FeedErrorCode, number> = {
  'invalid-feed-url': 400,
  'feed-host-not-allowed': 400,
  'feed-unreachable': 502,
  'feed-timeout': 504,
  'feed-not-found': 404,
  'feed-forbidden': 403,
  'feed-too-large': 413,
  'feed-malformed': 422,
  'feed-too-many-items': 413,
};

/** A FeedError as the API's error; anything else unchanged. */
export function feedApiError(err: unknown): unknown {
  if (!(err instanceof FeedError)) return err;
  return new ApiError(STATUS[err.code], err.code, { en: err.localized('en'), fr: err.localized('fr') });
}

function adapted<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    try {
      const out = fn(...args);
      return (out instanceof Promise ? out.catch((err: unknown) => Promise.reject(feedApiError(err))) : out) as R;
    } catch (err) {
      throw feedApiError(err);
    }
  };
}

export const normalizeFeedUrl: (raw: string) => URL = adapted(coreNormalizeFeedUrl);
export const checkFeedOrigin: (u: URL, origins: readonly string[]) => void = adapted(coreCheckFeedOrigin);
export const fetchFeed: (
  url: URL,
  limits: FeedLimits,
  validators?: FeedValidators,
  fetchImpl?: typeof fetch,
) => Promise<FeedFetch> = adapted(coreFetchFeed);
export const splitFeed: (text: string, caps?: FeedCaps) => Promise<FeedItems> = adapted(coreSplitFeed);
