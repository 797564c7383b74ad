/**
 * The words of the ribbon commands (commands.html): Outlook shows them in the notification bar of the mail being
 * written, in Office's display language. They live beside the commands (not in core's catalog: no core code says
 * them), English and French side by side. Outlook refuses a notification longer than 150 characters: fit() cuts.
 */
export type CommandLang = 'en' | 'fr';

export const COMMAND_WORDS = {
  noLink: {
    en: 'You have no guest link yet: open DAV Bridge (Calendars button) to create one, then insert it.',
    fr: "Vous n'avez pas encore de lien invité : ouvrez DAV Bridge (bouton Agendas) pour en créer un, puis insérez-le.",
  },
  signedOut: {
    en: 'You are signed out of DAV Bridge: open it (Calendars button) to sign in, then insert your link.',
    fr: 'Vous êtes déconnecté de DAV Bridge : ouvrez-le (bouton Agendas) pour vous connecter, puis insérez votre lien.',
  },
  openPane: { en: 'Open DAV Bridge', fr: 'Ouvrir DAV Bridge' },
  unreachable: {
    en: (detail: string) => `DAV Bridge could not give your guest links (${detail}). Try again in a moment.`,
    fr: (detail: string) => `DAV Bridge n'a pas pu donner vos liens invités (${detail}). Réessayez dans un instant.`,
  },
  inserted: {
    en: (name: string) => `Guest link to "${name}" inserted.`,
    fr: (name: string) => `Lien invité vers « ${name} » inséré.`,
  },
  insertFailed: {
    en: (detail: string) => `Outlook could not insert the link (${detail}).`,
    fr: (detail: string) => `Outlook n'a pas pu insérer le lien (${detail}).`,
  },
  notComposing: {
    en: 'Open a mail or meeting you are writing to insert your guest link.',
    fr: "Ouvrez un message ou une réunion en cours d'écriture pour insérer votre lien invité.",
  },
  passwordNote: {
    en: 'The password will be sent separately.',
    fr: 'Le mot de passe vous sera communiqué séparément.',
  },
} as const;

export function commandLang(displayLanguage: string | undefined): CommandLang {
  return (displayLanguage ?? '').toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** Outlook's limit for a notification message (longer ones throw ArgumentOutOfRange). */
export const NOTIFICATION_MAX = 150;

export function fit(message: string): string {
  return message.length <= NOTIFICATION_MAX ? message : `${message.slice(0, NOTIFICATION_MAX - 1)}…`;
}
