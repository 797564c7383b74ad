/**
 * The server's words come from core's message catalog (bridge-core/src/i18n, server.* and guest-page.*): code
 * here names a message by key and parameters, and renders it in the request's language, or in both languages
 * where the API or a stored report keeps both.
 */
import { i18n } from '@dav-bridge/core';
import type { Lang } from './i18n.js';

export type Message = i18n.Message;

/** A message rendered in both languages (the API's `messages`, a stored run error). */
export interface Text {
  en: string;
  fr: string;
}

/**
 * What an API error carries: a catalog message, or (only subscriptions/feed.ts, whose code another piece of work
 * is moving into core with its words) words in both languages.
 */
export type Words = Message | Text;

/** A catalog message (read through `i18n` at call time: unit tests that mock core load this module too). */
export function message<K extends i18n.MessageKey>(key: K, params: i18n.MessageParams[K]): Message {
  return i18n.message(key, params);
}

export function say(lang: Lang, words: Words): string {
  return 'key' in words ? i18n.render(lang, words) : words[lang];
}

export function inBothLanguages(words: Words): Text {
  return { en: say('en', words), fr: say('fr', words) };
}

/** English, then French, on one line: the administrator's console, which has no language of its own. */
export function onOneLine(words: Words): string {
  return `${say('en', words)} / ${say('fr', words)}`;
}

/** The guest pages' words in one language. */
export function guestWords(lang: Lang): i18n.GuestPageWords {
  return i18n.catalog(lang).guestPage;
}
