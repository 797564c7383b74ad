/**
 * A count with its noun in the right number: "1 error", "2 errors", "0 errors"; in French the singular also
 * covers 0 ("0 erreur", "1 erreur", "2 erreurs"), as French grammar has it.
 */
import type { CliContext } from './context.js';

/** [singular, plural] forms of a word, in English and in French. */
export interface Forms {
  en: [string, string];
  fr: [string, string];
}

export function counted(ctx: Pick<CliContext, 'lang'>, n: number, forms: Forms): string {
  if (ctx.lang === 'fr') return `${n} ${n <= 1 ? forms.fr[0] : forms.fr[1]}`;
  return `${n} ${n === 1 ? forms.en[0] : forms.en[1]}`;
}
