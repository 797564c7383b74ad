import type { PaneApiMessageParams, PaneRight } from './pane-api.messages.js';

type Words = { [K in keyof PaneApiMessageParams]: (p: PaneApiMessageParams[K]) => string };

const RIGHT: Record<PaneRight, string> = {
  read: 'Lecture',
  'read-write': 'Ecriture',
  admin: 'Gestion',
  'private-events': 'voir les événements privés',
};

export const paneApiFr: Words = {
  'pane-api.outlook-feed-not-found': () => "Ce flux Outlook n'existe pas ou a déjà été retiré.",
  'pane-api.outlook-feed-not-a-calendar': () =>
    "Seuls les agendas et les listes de tâches peuvent être ajoutés à Outlook comme flux ; pas les carnets d'adresses.",
  'pane-api.outlook-feed-unavailable': (p) =>
    `Le serveur d'agenda de « ${p.name} » n'a pas répondu. Votre agenda n'a pas été modifié ; Outlook réessaiera plus tard.`,
  'pane-api.conflict-not-found': () => "Cette version conservée n'existe pas ou a déjà été écartée.",
  'pane-api.conflict-changed': (p) =>
    `« ${p.summary} » a de nouveau été modifié sur le serveur depuis ce conflit. Rien n'a été restauré : consultez la version actuelle, puis restaurez à nouveau si vous voulez toujours celle-ci.`,
  'pane-api.conflict-read-only': (p) =>
    `« ${p.name} » est en lecture seule pour vous : une version conservée ne peut pas y être remise. Copiez-en plutôt ce dont vous avez besoin.`,
  'pane-api.conflict-not-restorable': () =>
    "Cette version conservée ne peut pas être restaurée : l'élément auquel elle appartient n'est plus connu de la passerelle. Écartez-la, ou copiez-en ce dont vous avez besoin.",
  'pane-api.right-not-supported': (p) =>
    `${p.server} ne sait pas donner le droit « ${RIGHT[p.right]} ». Rien n'a été partagé : choisissez un droit qu'il sait donner.`,
  'pane-api.right-unavailable-why': (p) =>
    p.sharing
      ? `${p.server} ne sait pas donner « ${RIGHT[p.right]} » avec son protocole de partage.`
      : `${p.server} n'a pas de protocole de partage : personne ne peut y recevoir « ${RIGHT[p.right]} ». Envoyez plutôt un lien invité.`,
  'pane-api.principal-search-unsupported': (p) =>
    `${p.server} ne permet pas à la passerelle de chercher parmi ses utilisateurs : saisissez l'adresse e-mail de la personne.`,
  'pane-api.graph-sync-unavailable': () =>
    "La synchronisation dans les deux sens avec vos agendas Outlook nécessite une connexion Microsoft 365, que cette passerelle ne propose pas encore. En attendant, « Ajouter à Outlook » donne un agenda en lecture seule qu'Outlook actualise.",
  'pane-api.sync-items-failed': (p) =>
    `${p.count} élément(s) n'ont pas pu être copiés ; ils seront réessayés à la prochaine synchronisation.`,
};
