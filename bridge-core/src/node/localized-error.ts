/** Errors the Node side raises itself (config, arguments), bilingual like the DAV errors. */
export class UserFacingError extends Error {
  readonly messageFr: string;
  readonly exitCode: number;
  constructor(en: string, fr: string, exitCode = 1) {
    super(en);
    this.name = 'UserFacingError';
    this.messageFr = fr;
    this.exitCode = exitCode;
  }
}

export type Lang = 'en' | 'fr';

/** French when the user's locale says so (LC_ALL, LC_MESSAGES, LANG, as gettext reads them). */
export function userLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env['DAV_BRIDGE_LANG'] || env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
