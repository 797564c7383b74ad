/** The pane's strings, English and French. */
export type Lang = 'en' | 'fr';

const STRINGS = {
  title: { en: 'DAV Bridge', fr: 'DAV Bridge' },
  signInTitle: { en: 'Sign in to your calendar server', fr: "Connexion à votre serveur d'agendas" },
  server: { en: 'Server', fr: 'Serveur' },
  username: { en: 'User name', fr: 'Identifiant' },
  appPassword: { en: 'App password', fr: "Mot de passe d'application" },
  signIn: { en: 'Sign in', fr: 'Se connecter' },
  signOut: { en: 'Sign out', fr: 'Se déconnecter' },
  calendars: { en: 'Your calendars', fr: 'Vos agendas' },
  loading: { en: 'Loading…', fr: 'Chargement…' },
  read: { en: 'read only', fr: 'lecture seule' },
  readWrite: { en: 'read and write', fr: 'lecture et écriture' },
  admin: { en: 'owner', fr: 'propriétaire' },
  shared: { en: 'shared with you', fr: 'partagé avec vous' },
  kindEvents: { en: 'calendar', fr: 'agenda' },
  kindTasks: { en: 'task list', fr: 'liste de tâches' },
  kindContacts: { en: 'address book', fr: "carnet d'adresses" },
  guestLink: { en: 'Guest link', fr: 'Lien invité' },
  newGuestLink: { en: 'Create a guest link', fr: 'Créer un lien invité' },
  guestPassword: { en: 'Password (optional, 10+ characters)', fr: 'Mot de passe (facultatif, 10 caractères min.)' },
  guestExpiry: { en: 'Expires on (optional)', fr: 'Expire le (facultatif)' },
  create: { en: 'Create', fr: 'Créer' },
  insert: { en: 'Insert into my mail', fr: 'Insérer dans mon message' },
  copy: { en: 'Copy the link', fr: 'Copier le lien' },
  copied: { en: 'Link copied.', fr: 'Lien copié.' },
  copyFailed: {
    en: 'The link could not be copied here: insert it into your mail instead.',
    fr: "Le lien n'a pas pu être copié ici : insérez-le plutôt dans votre message.",
  },
  revoke: { en: 'Withdraw', fr: 'Retirer' },
  yourLinks: { en: 'Your guest links', fr: 'Vos liens invités' },
  noLinks: { en: 'No guest link yet.', fr: 'Aucun lien invité pour le moment.' },
  expired: { en: 'expired', fr: 'expiré' },
  withPassword: { en: 'with password', fr: 'avec mot de passe' },
  inserted: { en: 'Link inserted.', fr: 'Lien inséré.' },
  insertFailed: {
    en: 'Outlook could not insert the link into the mail.',
    fr: "Outlook n'a pas pu insérer le lien dans le message.",
  },
  notComposing: {
    en: 'Open a mail you are writing to insert the link.',
    fr: "Ouvrez un message en cours d'écriture pour insérer le lien.",
  },
  mailPassword: { en: 'The password will be sent separately.', fr: 'Le mot de passe vous sera communiqué séparément.' },
} as const;

export type StringKey = keyof typeof STRINGS;

export function detectLang(officeLanguage: string | undefined): Lang {
  const l = (officeLanguage || navigator.language || 'en').toLowerCase();
  return l.startsWith('fr') ? 'fr' : 'en';
}

export const tr = (lang: Lang, key: StringKey): string => STRINGS[key][lang];
