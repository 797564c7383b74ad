/**
 * Every user-facing string exists in English and French (the first users are French-speaking); the words live in
 * core's message catalog (see words.ts). This module only picks the language: per request, from an explicit `lang`
 * query parameter, then Accept-Language; English otherwise.
 */
export type Lang = 'en' | 'fr';

export function pickLang(query: unknown, acceptLanguage: string | undefined): Lang {
  const explicit = typeof query === 'string' ? query.toLowerCase() : '';
  if (explicit === 'fr' || explicit === 'en') return explicit;
  // Take the first language the browser lists that we speak, respecting the order it gives (q-values are rare
  // enough in practice that ordering is a good approximation and keeps this parser trivial).
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('fr')) return 'fr';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
