/** Keys and parameters of the feed use case's sentences (use-cases/feed-*.ts); words in feed.en.ts, feed.fr.ts. */
export interface FeedMessageParams {
  'feed.not-a-url': Record<string, never>;
  'feed.bad-scheme': Record<string, never>;
  'feed.host-not-allowed': { host: string };
  'feed.unreachable': { host: string };
  'feed.timeout': { host: string };
  'feed.not-found': { host: string };
  'feed.forbidden': { host: string };
  /** `maxMb`: the cap in megabytes, rounded. */
  'feed.too-large': { host: string; maxMb: number };
  'feed.malformed': Record<string, never>;
  'feed.too-many-items': { max: number };
  'feed.too-large-stored': { maxMb: number };
  'feed.read-only': { name: string };
}
