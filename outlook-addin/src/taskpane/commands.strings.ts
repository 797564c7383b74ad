/**
 * The words of the ribbon commands (commands.html): Outlook shows them in the notification bar of the mail being
 * written, in Office's display language. They live in core's message catalog (commands.*), like every other
 * word. Outlook refuses a notification longer than 150 characters: fit() cuts.
 */
import { i18n } from '@dav-bridge/core';

type CommandWords = i18n.Catalog['commands'];
export type CommandLang = 'en' | 'fr';

const en = i18n.catalog('en').commands;
const fr = i18n.catalog('fr').commands;

/** Each command word in both languages, from core's catalog (bridge-core/src/i18n/commands.*). */
export const COMMAND_WORDS = Object.fromEntries(
  (Object.keys(en) as Array<keyof CommandWords>).map((key) => [key, { en: en[key], fr: fr[key] }]),
) as { [K in keyof CommandWords]: Record<CommandLang, CommandWords[K]> };

export function commandLang(displayLanguage: string | undefined): CommandLang {
  return (displayLanguage ?? '').toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** Outlook's limit for a notification message (longer ones throw ArgumentOutOfRange). */
export const NOTIFICATION_MAX = 150;

export function fit(message: string): string {
  return message.length <= NOTIFICATION_MAX ? message : `${message.slice(0, NOTIFICATION_MAX - 1)}…`;
}
