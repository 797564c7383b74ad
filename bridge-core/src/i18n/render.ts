import { en } from './en.js';
import { fr } from './fr.js';
import type { Catalog, Lang, Message, MessageKey, MessageParams, Operation } from './messages.js';

const CATALOGS: Record<Lang, Catalog> = { en, fr };

/** The one way to put a core message into words. */
export function render(lang: Lang, msg: Message): string {
  const format = CATALOGS[lang][msg.key] as (params: MessageParams[MessageKey]) => string;
  return format(msg.params);
}

export function renderOperation(lang: Lang, operation: Operation): string {
  return CATALOGS[lang].operation[operation];
}

/** The catalog of a language, for shells that generate their own files from it (Thunderbird's _locales). */
export function catalog(lang: Lang): Catalog {
  return CATALOGS[lang];
}
