import type { ServerCatalog } from './server.messages.js';

const TYPE_NAMES: Record<string, string> = {
  string: 'un texte',
  boolean: 'true ou false',
  integer: 'un nombre entier',
  number: 'un nombre',
  object: 'un objet',
  array: 'une liste',
};

export const serverFr: ServerCatalog = {
  'server.too-large': () => 'La requête est trop volumineuse.',
  'server.internal-error': () =>
    'Une erreur est survenue dans la passerelle. Réessayez ; si cela persiste, prévenez votre administrateur.',
  'server.invalid-request': () => 'La requête est incomplète ou mal formée.',
  'server.not-signed-in': () => "Vous n'êtes pas connecté (ou votre session a expiré). Veuillez vous reconnecter.",
  'server.too-many-attempts': (p) => `Trop de tentatives. Attendez ${p.seconds} secondes avant de réessayer.`,
  'server.not-found': () => "Il n'y a rien ici.",
  'server.invalid-preset': () =>
    '« preset » doit être un numéro de couleur de catégorie Outlook de 0 à 24 (ou null pour aucune couleur).',
  'server.field-missing': (p) => `« ${p.field} » est manquant.`,
  'server.field-too-long': (p) => `« ${p.field} » doit faire au plus ${p.max} caractères.`,
  'server.field-empty': (p) => `« ${p.field} » ne peut pas être vide.`,
  'server.field-type': (p) => `« ${p.field} » doit être ${TYPE_NAMES[p.type] ?? p.type}.`,
  'server.field-not-allowed': (p) => `« ${p.field} » a une valeur qui n'est pas autorisée.`,
  'server.field-bad-form': (p) => `« ${p.field} » n'a pas la forme attendue.`,
  'server.session-expired': () => 'Votre session a expiré. Veuillez vous reconnecter.',
  'server.csrf-rejected': () =>
    'Cette requête a été refusée car elle ne vient pas du volet DAV Bridge. Rechargez le volet et réessayez.',
  'server.invalid-device-token': () =>
    "Ce jeton d'appareil n'est pas valide ou a été révoqué. Créez-en un nouveau dans le volet DAV Bridge.",
  'server.origin-not-allowed': (p) =>
    `La passerelle ne contacte que les serveurs autorisés par son administrateur ; ${p.origin} n'en fait pas partie`,
  'server.database-too-new': (p) =>
    `La base de la passerelle ${p.file} est au schéma version ${p.found}, écrite par une version plus récente de DAV Bridge ; cette version connaît jusqu'à la ${p.known}. Relancez la version plus récente de DAV Bridge, ou restaurez la sauvegarde faite avant la mise à jour. Rien n'a été modifié.`,
  'server.key-misconfigured': () =>
    'encryptionKey / DAV_BRIDGE_KEY doit contenir 32 octets en base64 (openssl rand -base64 32).',
  'server.key-file-empty': (p) =>
    `Le fichier de clé ${p.file} est vide. Restaurez-le depuis votre sauvegarde (il doit contenir la clé qui a scellé la base), ou indiquez cette clé dans encryptionKey / DAV_BRIDGE_KEY.`,
  'server.key-file-malformed': (p) =>
    `Le fichier de clé ${p.file} ne contient pas de clé (32 octets en base64). Restaurez-le depuis votre sauvegarde, ou indiquez dans encryptionKey / DAV_BRIDGE_KEY la clé qui a scellé la base.`,
  'server.key-file-lost': (p) =>
    `Le fichier de clé ${p.file} est absent, mais la base contient des identifiants et des liens invités scellés avec lui. Restaurez ${p.file} depuis votre sauvegarde (ou indiquez cette clé dans encryptionKey / DAV_BRIDGE_KEY). La passerelle ne créera pas de nouvelle clé : ils deviendraient illisibles.`,
  'server.wrong-key': (p) =>
    `La clé de chiffrement (${p.source}) n'est pas celle qui a scellé les identifiants et liens invités de cette base. Restaurez le fichier de clé sauvegardé avec la base (ou indiquez cette clé dans encryptionKey / DAV_BRIDGE_KEY).`,
  'server.password-too-short': (p) => `Le mot de passe doit comporter au moins ${p.min} caractères.`,
  'server.password-too-common': () =>
    "Ce mot de passe fait partie des premiers qu'essaient les attaquants. Choisissez-en un autre, par exemple trois mots sans rapport entre eux.",
  'server.sign-in-json-required': () =>
    'Connectez-vous depuis le volet DAV Bridge : cette requête doit être envoyée en JSON.',
  'server.sign-in-cross-site': () =>
    "Connexion refusée : la requête vient d'un autre site. Ouvrez le volet DAV Bridge pour vous connecter.",
  'server.item-errors': (p) =>
    `${p.count} élément(s) n'ont pas pu être copiés ; ils seront réessayés à la prochaine synchronisation.`,
  'server.collection-gone': (p) =>
    `« ${p.name} » n'existe plus sur le serveur, ou n'est plus partagé avec vous. Supprimez cet abonnement, ou abonnez-vous à nouveau s'il a été déplacé.`,
  'server.sync-password-refused': () =>
    'Le serveur a refusé le mot de passe que la passerelle garde pour vous (il a peut-être été changé ou révoqué). Reconnectez-vous dans le volet.',
  'server.sync-failed': () =>
    "La synchronisation s'est arrêtée à cause d'un problème inattendu dans la passerelle ; elle sera relancée. Si cela persiste, prévenez votre administrateur.",
  'server.category-reason': ({ color, naming }) => {
    const colorPart =
      color.kind === 'set-by-user'
        ? 'Couleur choisie par vous'
        : color.kind === 'nearest'
          ? `Couleur Outlook la plus proche du ${color.color} de l'agenda (écart CIEDE2000 ${color.deltaE.toFixed(1).replace('.', ',')})`
          : color.kind === 'unusable'
            ? "La couleur de l'agenda n'est pas utilisable par Outlook : catégorie sans couleur"
            : "L'agenda n'a pas de couleur : catégorie sans couleur";
    const namePart = !naming
      ? ''
      : naming.kind === 'set-by-user'
        ? ' ; nom choisi par vous'
        : ` ; nommée « ${naming.name} » car « ${naming.avoided} » est déjà utilisé`;
    return `${colorPart}${namePart}.`;
  },
  'server.server-not-allowed': () =>
    'Ce serveur ne fait pas partie de ceux que la passerelle peut utiliser. Choisissez un serveur dans la liste.',
  'server.authentication-failed': () =>
    "Le serveur a refusé cet identifiant ou ce mot de passe. Vérifiez-les ou créez un nouveau mot de passe d'application.",
  'server.collection-not-found': () => "Cet agenda ou ce carnet d'adresses est introuvable dans votre compte.",
  'server.empty-name': () => 'Le nom ne peut pas être vide.',
  'server.address-book-no-color': () => "Les carnets d'adresses n'ont pas de couleur : créez-le sans « preset ».",
  'server.no-home': (p) =>
    p.kind === 'contacts'
      ? "Votre serveur ne propose pas d'emplacement pour de nouveaux carnets d'adresses dans votre compte."
      : "Votre serveur ne propose pas d'emplacement pour de nouveaux agendas dans votre compte.",
  'server.nothing-to-change': () => 'Rien à modifier.',
  'server.categories-calendars-only': () =>
    'Les catégories Outlook ne concernent que les agendas et les listes de tâches.',
  'server.subscription-not-found': () => "Cet abonnement n'existe pas ou a déjà été supprimé.",
  'server.device-not-found': () => "Cet appareil n'existe pas ou a déjà été révoqué.",
  'server.guest-password-required': () => 'Votre administrateur exige un mot de passe pour chaque lien invité.',
  'server.guest-expiry-too-far': (p) =>
    `Votre administrateur autorise les liens invités pour ${p.days} jours au plus : choisissez une expiration au plus tard le ${p.latest}.`,
  'server.guest-link-not-found': () => "Ce lien invité n'existe pas ou a déjà été retiré.",
  'server.expiry-invalid': () => "La date d'expiration n'est pas une date valide.",
  'server.expiry-in-past': () => "La date d'expiration doit être dans le futur.",
  'server.guest-links-calendars-only': () => 'Les liens invités ne concernent que les agendas et les listes de tâches.',
  'server.sharing-not-available': () =>
    "Le partage avec des personnes n'est pas encore disponible sur cette passerelle. Les liens invités fonctionnent sur tous les serveurs.",
  'server.already-subscribed': () => 'Vous êtes déjà abonné à ceci.',
  'server.subscribable-not-found': () =>
    "Aucun agenda ni carnet d'adresses que vous pouvez lire n'a été trouvé à cette adresse.",
  'server.url-not-an-address': () => '« url » n’est pas une adresse.',
  'server.url-not-on-your-server': () =>
    "Cette adresse n'est pas sur votre serveur DAV. Pour suivre un agenda publié ailleurs, abonnez-vous à son flux (feedUrl).",
  'server.subscribe-exactly-one': () =>
    "Indiquez exactement l'un de « invitationId », « url » (un agenda ou carnet d'adresses partagé avec vous) ou « feedUrl » (un flux ICS/webcal).",
  'server.tls-generation-failed': () =>
    'Impossible de générer un certificat auto-signé avec openssl. Installez openssl ou renseignez « tls » dans la configuration.',
  'server.demo-radicale-missing': () =>
    "Radicale n'est pas installé : lancez `sudo apt-get install radicale` (ou configurez un serveur DAV).",
  'server.demo-radicale-installing': () => 'Installation de Radicale...',
  'server.demo-port-taken': (p) => `Le port ${p.port} est déjà pris ; réglez DAV_BRIDGE_DEMO_PORT.`,
  'server.demo-radicale-not-started': (p) => `Le Radicale de démonstration n'a pas démarré ; voir ${p.log}.`,
  'server.demo-seeding': () => 'Création des données de démonstration...',
  'server.help-title': () => 'Aide DAV Bridge',
  'server.help-text': () =>
    'Connectez-vous avec votre identifiant d’agenda et un mot de passe d’application, choisissez un agenda, créez un lien invité et insérez-le dans votre message.',
};
