import type { CommandWords } from './commands.messages.js';

export const commandsFr: CommandWords = {
  noLink:
    "Vous n'avez pas encore de lien invité : ouvrez DAV Bridge (bouton Agendas) pour en créer un, puis insérez-le.",
  signedOut:
    'Vous êtes déconnecté de DAV Bridge : ouvrez-le (bouton Agendas) pour vous connecter, puis insérez votre lien.',
  openPane: 'Ouvrir DAV Bridge',
  unreachable: (detail: string) =>
    `DAV Bridge n'a pas pu donner vos liens invités (${detail}). Réessayez dans un instant.`,
  inserted: (name: string) => `Lien invité vers « ${name} » inséré.`,
  insertFailed: (detail: string) => `Outlook n'a pas pu insérer le lien (${detail}).`,
  notComposing: "Ouvrez un message ou une réunion en cours d'écriture pour insérer votre lien invité.",
  passwordNote: 'Le mot de passe vous sera communiqué séparément.',
};
