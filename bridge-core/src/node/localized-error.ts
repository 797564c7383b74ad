import { render, type Lang, type Message } from '../i18n/index.js';

export type { Lang } from '../i18n/index.js';

/** Errors the Node side raises itself (config, arguments), in English and French. */
export class UserFacingError extends Error {
  readonly messageFr: string;
  readonly exitCode: number;
  /** The catalog message (its key is the stable code) when the error was raised with `UserFacingError.of`. */
  readonly text: Message | undefined;
  constructor(en: string, fr: string, exitCode = 1, text?: Message) {
    super(en);
    this.name = 'UserFacingError';
    this.messageFr = fr;
    this.exitCode = exitCode;
    this.text = text;
  }

  /** The way for code outside the CLI: a catalog message, put into words by the catalog only. */
  static of(text: Message, exitCode = 1): UserFacingError {
    return new UserFacingError(render('en', text), render('fr', text), exitCode, text);
  }

  localized(lang: Lang): string {
    return lang === 'fr' ? this.messageFr : this.message;
  }
}

/** French when the user's locale says so (LC_ALL, LC_MESSAGES, LANG, as gettext reads them). */
export function userLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env['DAV_BRIDGE_LANG'] || env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
