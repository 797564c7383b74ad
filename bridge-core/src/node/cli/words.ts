/**
 * How the CLI puts its words on screen: every sentence comes from the message catalog (i18n/cli.*.ts), in the
 * user's language (--lang, else the locale; see context.ts).
 */
import { message, render, type Lang, type MessageKey, type MessageParams } from '../../i18n/index.js';
import { UserFacingError } from '../localized-error.js';

/** One catalog message in the user's language. */
export function say<K extends MessageKey>(ctx: { lang: Lang }, key: K, params: MessageParams[K]): string {
  return render(ctx.lang, message(key, params));
}

/** A failure with its catalog message (rendered in the user's language when printed) and its exit code. */
export function cliError<K extends MessageKey>(key: K, params: MessageParams[K], exitCode = 1): UserFacingError {
  return UserFacingError.of(message(key, params), exitCode);
}
