import type { GraphConnectCatalog, ReconnectReasonCode } from './graph-connect.messages.js';

const REASON: Record<ReconnectReasonCode, string> = {
  'refresh-refused':
    "Microsoft n'accepte plus la connexion (elle a été révoquée, a expiré ou son consentement a été retiré).",
  'interaction-required': 'Microsoft vous demande de vous reconnecter.',
  'cache-unreadable': 'La passerelle ne peut plus lire votre connexion enregistrée (sa clé de chiffrement a changé).',
};

export const graphConnectFr: GraphConnectCatalog = {
  'graph-connect.not-configured': () =>
    "La synchronisation dans les deux sens avec vos agendas Outlook demande une connexion Microsoft 365, que l'administrateur de cette passerelle n'a pas configurée. En attendant, « Ajouter à Outlook » donne un agenda en lecture seule qu'Outlook actualise.",
  'graph-connect.misconfigured': () =>
    "Les réglages Microsoft 365 de cette passerelle sont incomplets : la synchronisation dans les deux sens avec Outlook est désactivée. Prévenez l'administrateur de la passerelle. En attendant, « Ajouter à Outlook » donne un agenda en lecture seule.",
  'graph-connect.reason-refresh-refused': () => REASON['refresh-refused'],
  'graph-connect.reason-interaction-required': () => REASON['interaction-required'],
  'graph-connect.reason-cache-unreadable': () => REASON['cache-unreadable'],
  'graph-connect.sync-needs-reconnect': (p) =>
    `La synchronisation avec Outlook est arrêtée : ${REASON[p.reason]} Ouvrez « Ajouter à Outlook » et cliquez sur « Reconnecter Outlook ».`,
  'graph-connect.sync-throttled': () =>
    "Outlook a demandé à la passerelle de ralentir ; la synchronisation avec Outlook reprendra au prochain passage (rien n'est perdu).",
  'graph-connect.category-not-made': (p) =>
    `La catégorie Outlook « ${p.name} » n'a pas pu être créée (${p.detail}) : dans Outlook, les éléments portent son nom sans sa couleur. Reconnecter Outlook donne à la passerelle le droit de gérer vos catégories.`,
  'graph-connect.notices-more': (p) =>
    p.count === 1
      ? 'Et 1 autre remarque sur Outlook pendant ce passage.'
      : `Et ${p.count} autres remarques sur Outlook pendant ce passage.`,
  'graph-connect.dialog-expired': () =>
    'Cette fenêtre de connexion a expiré ou a déjà servi. Fermez-la et cliquez de nouveau sur « Connecter Outlook ».',
  'graph-connect.sign-in-failed': (p) =>
    `Microsoft n'a pas terminé la connexion (${p.detail}). Fermez cette fenêtre et réessayez.`,
  'graph-connect.dialog-title': () => 'Connecter Outlook',
  'graph-connect.dialog-connected': () => 'Outlook est connecté. Vous pouvez fermer cette fenêtre.',
  'graph-connect.unavailable': () =>
    'Cette passerelle ne propose pas la synchronisation dans les deux sens avec Outlook.',
  outlookSync: {
    title: 'Synchronisation dans les deux sens avec Outlook',
    connect: 'Connecter Outlook pour la synchronisation dans les deux sens',
    reconnect: 'Reconnecter Outlook',
    disconnect: 'Déconnecter Outlook',
    connectedAs: (user, since) =>
      `Connecté en tant que ${user}${since ? ` depuis le ${since}` : ''} : vos agendas abonnés sont synchronisés dans les deux sens avec des agendas Outlook du même nom.`,
    notConnected: "Non connecté : Outlook n'affiche vos agendas que par des abonnements en lecture seule.",
    reconnectNeeded: (reason) =>
      `La synchronisation avec Outlook est arrêtée. ${reason} Reconnectez-vous pour la relancer.`,
    unavailable: (reason) => reason,
    connecting: "Connectez-vous à Microsoft 365 dans la fenêtre qui s'est ouverte…",
    connected: 'Outlook est connecté.',
    disconnected: "Outlook est déconnecté ; la passerelle n'y garde plus aucun accès.",
    dialogClosed: "La fenêtre de connexion a été fermée avant la fin : Outlook n'est pas connecté.",
    dialogFailed: (detail) => `La fenêtre de connexion n'a pas pu s'ouvrir (${detail}).`,
    noOffice: 'Ouvrez ce volet dans Outlook pour le connecter.',
    feedStays: "« Ajouter à Outlook » ci-dessus reste disponible : un agenda en lecture seule qu'Outlook actualise.",
    notices: (count) => (count === 1 ? '1 remarque sur Outlook' : `${count} remarques sur Outlook`),
  },
};
