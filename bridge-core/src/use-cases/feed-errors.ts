/**
 * The feed use case's errors: a stable code shells switch on (the bridge server maps each to an HTTP status) and
 * the sentence as a catalog message, rendered in the user's language by the shell.
 */
import { message, render, type Lang, type Message, type MessageParams } from '../i18n/index.js';
import type { FeedMessageParams } from '../i18n/feed.messages.js';

export type FeedErrorCode =
  | 'invalid-feed-url'
  | 'feed-host-not-allowed'
  | 'feed-unreachable'
  | 'feed-timeout'
  | 'feed-not-found'
  | 'feed-forbidden'
  | 'feed-too-large'
  | 'feed-malformed'
  | 'feed-too-many-items';

export class FeedError extends Error {
  readonly text: Message;

  constructor(
    readonly code: FeedErrorCode,
    text: Message,
  ) {
    super(render('en', text));
    this.name = 'FeedError';
    this.text = text;
  }

  /** The sentence in the user's language. */
  localized(lang: Lang): string {
    return render(lang, this.text);
  }
}

export const feedError = <K extends keyof FeedMessageParams>(
  code: FeedErrorCode,
  key: K,
  params: MessageParams[K],
): FeedError => new FeedError(code, message(key, params));

/** Megabytes as the messages show them (whole numbers). */
export const megabytes = (bytes: number): number => Math.round(bytes / 1024 / 1024);
