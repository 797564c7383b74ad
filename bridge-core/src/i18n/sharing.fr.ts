import type { AccessLevel, SharingCatalog, SharingOperation } from './sharing.messages.js';

export const sharingOperationFr: Record<SharingOperation, string> = {
  'ask-capabilities': 'la demande des fonctions du serveur',
  'subscribe-shared': "l'abonnement à la collection partagée",
  'bind-shared': "l'ajout de la collection partagée à votre compte",
  'change-shares': 'la modification du partage de cette collection',
  'change-calendar-shares': 'la modification du partage de cet agenda',
  'change-access-list': "la modification de la liste d'accès de cette collection",
  'read-access-list': 'la lecture des accès',
  'publish-calendar': "la publication de l'agenda",
  'unpublish-calendar': "la dépublication de l'agenda",
  'create-public-link': 'la création du lien public',
  'remove-public-link': 'la suppression du lien public',
  'leave-share': 'la sortie du partage',
  'read-invitations': 'la lecture de vos invitations de partage',
  'accept-invitation': "l'acceptation de l'invitation",
  'decline-invitation': "le refus de l'invitation",
  'find-sharee': 'la recherche de la personne avec qui partager',
  'find-colleagues': 'la recherche des collègues qui partagent avec vous',
};

// The rights' French names are the product's own words: Lecture, Ecriture, Gestion.
const ACCESS: Record<AccessLevel, string> = {
  read: 'Lecture',
  'read-write': 'Ecriture',
  admin: 'Gestion (peut gérer le partage)',
};

export const sharingFr: SharingCatalog = {
  accessLevel: ACCESS,
  'sharing.no-sharing-protocol': (p) =>
    `${p.server} n'a pas de protocole de partage : ses agendas ne peuvent pas être partagés, publiés ni acceptés depuis le client de messagerie (son administrateur règle les accès à la main). Pour montrer cet agenda à quelqu'un, envoyez plutôt un lien invité DAV Bridge`,
  'sharing.unsupported-level': (p) =>
    `${p.server} ne peut pas donner le droit « ${ACCESS[p.access]} » par son protocole de partage ; droits possibles : ${p.possible.map((l) => ACCESS[l]).join(', ') || 'aucun'}. Rien n'a été modifié`,
  'sharing.unsupported-private-events': (p) =>
    `${p.server} ne permet pas de choisir par personne si les événements privés sont visibles ; partagez sans cette option. Rien n'a été modifié`,
  'sharing.cannot-publish': (p) =>
    `${p.server} ne peut pas publier cette collection par un lien public ; utilisez plutôt un lien invité DAV Bridge`,
  'sharing.cannot-leave': (p) =>
    `${p.server} ne permet pas de quitter un partage soi-même : demandez au propriétaire de vous retirer`,
  'sharing.leave-own-collection': (p) =>
    p.maybeUnshared
      ? "Cette collection n'est pas un partage reçu (elle vous appartient ou n'est pas partagée) : rien à quitter"
      : "Cette collection n'est pas un partage reçu (elle vous appartient) : rien à quitter",
  'sharing.not-published': () => "Cette collection n'est pas publiée : il n'y a pas de lien public à retirer",
  'sharing.not-allowed': () =>
    'Vous ne pouvez pas modifier les accès à cette collection (seuls son propriétaire ou une personne avec le droit Gestion le peuvent)',
  'sharing.no-link-expiry': (p) =>
    `${p.server} ne sait pas faire expirer un lien public ; publiez sans date d'expiration (et dépubliez ensuite)`,
  'sharing.not-shared-with-you': (p) =>
    `${p.url} n'est pas partagé avec vous (ou n'existe pas) : demandez à son propriétaire de vous le partager`,
  'sharing.own-collection': (p) => `${p.url} est votre propre collection : il n'y a rien à accepter`,
  'sharing.no-subscription-needed': () =>
    "Ce serveur ne demande pas d'abonnement : une collection partagée avec vous est listée par « dav-bridge discover » (ou arrive avec une invitation, voir « dav-bridge invites »)",
  'sharing.not-shared-with': (p) =>
    p.what === 'calendar'
      ? `Cet agenda n'est pas partagé avec ${p.sharee}`
      : `Cette collection n'est pas partagée avec ${p.sharee}`,
  'sharing.sharee-not-added': (p) =>
    `${p.server} a accepté la requête mais n'a pas ajouté ${p.sharee} aux destinataires du partage`,
  'sharing.share-with-yourself': () => 'Vous ne pouvez pas partager une collection avec vous-même',
  'sharing.sharee-still-has-access': (p) => `${p.server} a accepté la modification mais ${p.sharee} a toujours accès`,
  'sharing.expiry-in-past': () => "La date d'expiration du lien est déjà passée",
  'sharing.unknown-invitation': (p) =>
    `Aucune invitation en attente « ${p.id} » (voir la liste avec « dav-bridge invites »)`,
  'sharing.invitation-reply-refused': () => "Le serveur a refusé la réponse à l'invitation",
  'sharing.unknown-sharee': (p) =>
    `Aucun utilisateur de ce serveur n'a l'adresse ou le nom « ${p.input} » : vérifiez l'orthographe, ou envoyez plutôt un lien invité`,
  'sharing.no-public-link-yet': (p) => `${p.url} n'a pas encore de lien public : lancez d'abord « dav-bridge publish »`,
  'sharing.too-many-users-searched': (p) =>
    `${p.users} utilisateurs sur ce serveur : seuls les ${p.searched} premiers ont été cherchés pour des partages ; ` +
    'ajoutez un autre partage avec « dav-bridge accept <compte> <adresse> »',
  linkSnippet: {
    subject: (n) => `Lien d'agenda : ${n}`,
    intro: (f, n) => `${f ? `${f} partage` : 'Voici'} l'agenda « ${n} » avec vous.`,
    defaultName: 'agenda partagé',
    separator: ' : ',
    what: "Ceci est un lien d'abonnement en lecture seule : votre application d'agenda affiche les événements et les tient à jour. Vous ne pouvez pas les modifier, et aucun compte n'est nécessaire.",
    linkLabel: (scheme) => `Lien d'abonnement (${scheme})`,
    webcalLabel: 'Abonnement en un clic (webcal)',
    htmlLabel: 'Voir dans un navigateur web',
    howTitle: "Comment s'abonner",
    steps: [
      [
        'Outlook',
        "Calendrier > Ajouter un calendrier > S'abonner à partir du web (Outlook sur le web / nouvel Outlook), ou Fichier > Paramètres du compte > Calendriers Internet > Nouveau (Outlook classique) ; collez le lien d'abonnement.",
      ],
      [
        'Thunderbird',
        "Agenda > Nouvel agenda > Sur le réseau ; collez le lien d'abonnement comme emplacement, puis choisissez un nom et une couleur.",
      ],
      [
        'Apple (Mac, iPhone, iPad)',
        'Calendrier sur Mac : Fichier > Nouvel abonnement à un calendrier ; iPhone/iPad : Réglages > Calendrier > Comptes > Ajouter un compte > Autre > Ajouter un calendrier avec abonnement ; collez le lien (ou cliquez sur le lien webcal).',
      ],
      [
        'Google Agenda',
        "Sur calendar.google.com : Autres agendas > + > À partir de l'URL ; collez le lien d'abonnement. Google le met à jour toutes les quelques heures.",
      ],
      [
        'Android',
        "Abonnez-vous une fois dans Google Agenda sur le web (l'agenda apparaît ensuite sur le téléphone), ou utilisez une application comme ICSx5 avec le lien d'abonnement.",
      ],
    ],
    password: "Note d'accès",
    until: (d) =>
      `Ce lien fonctionne jusqu'au ${d}. Après cette date, l'agenda n'est plus mis à jour et le lien est refusé.`,
    noExpiry: "Ce lien n'a pas de date de fin ; le propriétaire peut le révoquer à tout moment.",
    privacy: "Merci de ne pas transférer ce lien : toute personne qui l'a peut lire l'agenda.",
  },
};
