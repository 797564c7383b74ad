import { cliFr } from './cli.fr.js';
import { graphFr } from './graph.fr.js';
import { graphItemsFr } from './graph-items.fr.js';
import { graphConnectFr } from './graph-connect.fr.js';
import { planFr, planReasonFr } from './plan.fr.js';
import { feedFr } from './feed.fr.js';
import { scaleOutFr } from './scale-out.fr.js';
import type { Catalog } from './messages.js';
import { sharingFr, sharingOperationFr } from './sharing.fr.js';
import { syncFilesFr } from './sync-files.fr.js';
import { serverFr } from './server.fr.js';
import { guestPageFr } from './guest-page.fr.js';
import { paneFr } from './pane.fr.js';
import { commandsFr } from './commands.fr.js';
import { paneApiFr } from './pane-api.fr.js';
import { thunderbirdFr } from './thunderbird.fr.js';

function http(text: string, p: { status: number; url: string; detail?: string | undefined }): string {
  return withDetail(`${text} [HTTP ${p.status}, ${p.url}]`, p.detail);
}
function withDetail(text: string, detail: string | undefined): string {
  return detail ? `${text} (${detail})` : text;
}

function categoryMemoryCorrupt(path: string, reason: string): string {
  return (
    `La mémoire des catégories ${path} est illisible : ${reason}. Elle contient les catégories déjà données à vos ` +
    `agendas et vos propres choix, elle n'a donc pas été modifiée : réparez-la, ou déplacez-la pour repartir de zéro.`
  );
}

export const fr: Catalog = {
  ...cliFr,
  ...planFr,
  ...feedFr,
  ...scaleOutFr,
  pane: paneFr,
  commands: commandsFr,
  ...paneApiFr,
  ...graphFr,
  ...graphItemsFr,
  ...graphConnectFr,
  thunderbird: {
    ...thunderbirdFr,
    extensionDescription:
      'Vos agendas et carnets CalDAV/CardDAV dans Thunderbird : partagez-les avec des droits, envoyez des liens invités.',
  },
  colorProblem: {
    'not-a-string': () => "ce n'est pas une chaîne",
    empty: () => 'vide',
    'non-hex-digit': () => 'chiffre non hexadécimal',
    'hex-digit-count': (digits) => `${digits} chiffres hexadécimaux, 3, 6 ou 8 attendus`,
    'functional-notation': () => 'notation fonctionnelle non prise en charge',
    'unknown-name': () => 'nom de couleur inconnu',
  },
  swatchSheet: {
    title: 'DAV Bridge : couleurs des agendas et catégories Outlook',
    heading: 'Couleurs des agendas → catégories Outlook',
    calendarColumn: 'Agenda',
    categoryColumn: 'Catégorie Outlook',
    noCalendars: 'Aucun agenda.',
    noColor: 'sans couleur',
    invalidColor: (color) => `invalide : ${color}`,
    presetNone: (presetName) => `Aucune (${presetName})`,
    unknownPreset: (preset) => `préréglage inconnu ${preset}`,
  },
  operation: {
    ...sharingOperationFr,
    request: 'cette requête',
    'list-collections': 'la liste de vos agendas et carnets d’adresses',
    'read-account': 'la lecture de votre compte',
    'find-account': 'la recherche de votre compte',
    'list-items': 'la liste des éléments',
    'read-items': 'la lecture des éléments',
    'read-item': "la lecture de l'élément",
    'create-item': "la création de l'élément",
    'change-item': "la modification de l'élément",
    'delete-item': "la suppression de l'élément",
    'create-calendar': "la création de l'agenda",
    'create-address-book': "la création du carnet d'adresses",
    'delete-collection': 'la suppression de la collection',
    'change-properties': 'la modification des propriétés',
    'property-change': 'cette modification de propriétés',
    'ask-changes': 'la demande des changements',
  },
  'dav.authentication-failed': (p) =>
    http(
      "Le serveur a refusé l'identifiant ou le mot de passe. Vérifiez-les ou créez un nouveau mot de passe d'application",
      p,
    ),
  'dav.forbidden': (p) =>
    http(`Vous n'avez pas le droit d'effectuer ${fr.operation[p.operation]} sur cette ressource`, p),
  'dav.not-found': (p) => http("Rien n'existe (plus) à cette adresse", p),
  'dav.conflict': (p) =>
    http("Le serveur a refusé à cause d'un conflit (la collection parente n'existe peut-être pas)", p),
  'dav.precondition-failed': (p) =>
    http("L'élément a changé sur le serveur depuis sa dernière lecture ; rien n'a été écrasé", p),
  'dav.rate-limited': (p) => http('Le serveur demande de ralentir (trop de requêtes) ; réessayez plus tard', p),
  'dav.insufficient-storage': (p) => http("Le serveur n'a plus de place (quota dépassé)", p),
  'dav.server-error': (p) => http("Le serveur n'a pas pu répondre à cette requête ; réessayez plus tard", p),
  'dav.bad-request': (p) => http('Le serveur a refusé la requête', p),
  'dav.not-dav-server': (p) => withDetail(`Aucun service CalDAV/CardDAV ne répond à ${p.url}`, p.detail),
  'dav.malformed-response': (p) => `Le serveur a envoyé une réponse illisible (${p.detail}) [${p.url}]`,
  'dav.propfind-not-multistatus': (p) =>
    `Le serveur a répondu au PROPFIND par HTTP ${p.status} au lieu d'un multistatus DAV [${p.url}]`,
  'dav.no-time-filter': (p) => `Le serveur ne sait pas filtrer cet agenda par dates (HTTP ${p.status}) [${p.url}]`,
  'dav.xml-too-deep': (p) =>
    `Le serveur a envoyé une réponse que la passerelle refuse de lire (XML imbriqué sur plus de ${p.max} niveaux) [${p.url}]`,
  'dav.xml-too-large': (p) =>
    `Le serveur a envoyé une réponse que la passerelle refuse de lire (XML de plus de ${p.max} caractères) [${p.url}]`,
  'dav.timeout': (p) => `Le serveur n'a pas répondu en ${p.seconds} s [${p.url}]`,
  'dav.network-unreachable': (p) => `Impossible de joindre le serveur (${p.cause}) [${p.url}]`,
  'dav.empty-name': () => 'Un nom ne peut pas être vide',
  'dav.invalid-calendar-color': (p) => `Couleur d'agenda invalide : « ${p.color} » (attendu #RRGGBB ou #RRGGBBAA)`,
  'dav.not-an-email': (p) => `Adresse e-mail invalide : ${p.email}`,
  'dav.server-ignores-if-none-match': () =>
    'Le serveur a remplacé un élément existant malgré la consigne (If-None-Match ignoré) ; ' +
    'DAV Bridge vérifie désormais avant chaque création',
  'colors.invalid-color': (p) =>
    `Couleur invalide ${p.input} : attendu #RRGGBB, #RRGGBBAA, #RGB ou un nom de couleur CSS` +
    (p.problem ? ` (${fr.colorProblem[p.problem](p.digits)})` : ''),
  'colors.category-reason': ({ color, naming }) => {
    const colorPart =
      color.kind === 'set-by-user'
        ? 'choisie par vous'
        : color.kind === 'nearest'
          ? `la plus proche de ${color.color} selon CIEDE2000 (ΔE ${color.deltaE})`
          : `${
              color.kind === 'no-color'
                ? "l'agenda n'a pas de couleur"
                : color.kind === 'not-a-color'
                  ? `la couleur de l'agenda ${color.value} n'est pas une couleur`
                  : "l'agenda n'a pas de couleur utilisable"
            } : pas de couleur de catégorie (Aucune)`;
    const namePart = !naming
      ? ''
      : naming.kind === 'set-by-user'
        ? ' ; nom choisi par vous'
        : ` ; nommée « ${naming.name} » car vous avez déjà une catégorie « ${naming.avoided} »`;
    return colorPart + namePart;
  },
  'colors.empty-category-name': () => 'Un nom de catégorie ne peut pas être vide',
  'colors.invalid-category-preset': (p) =>
    `Pas une couleur de catégorie Outlook : ${p.preset} (attendu 0..24, ou -1 pour Aucune)`,
  'config.not-an-object': (p) => `Fichier de configuration ${p.path} : un objet JSON est attendu`,
  'config.no-accounts': (p) => `Fichier de configuration ${p.path} : objet « accounts » manquant`,
  'config.account-not-object': (p) =>
    `Fichier de configuration ${p.path} : le compte « ${p.account} » doit être un objet`,
  'config.account-no-username': (p) =>
    `Fichier de configuration ${p.path} : le compte « ${p.account} » doit avoir un « username »`,
  'config.account-no-server': (p) =>
    `Fichier de configuration ${p.path} : le compte « ${p.account} » doit avoir une URL « server » ou un « email »`,
  'config.account-bad-server': (p) =>
    `Fichier de configuration ${p.path} : compte « ${p.account} » : « server » n'est pas une URL http(s)`,
  'config.account-bad-secret': (p) =>
    `Fichier de configuration ${p.path} : compte « ${p.account} » : « ${p.key} » doit être une chaîne, {"env": NOM} ou {"command": [...]}`,
  'config.missing': (p) =>
    `Aucun fichier de configuration à ${p.path} (utilisez --config FICHIER ou DAV_BRIDGE_CONFIG)`,
  'config.unreadable': (p) => `Impossible de lire ${p.path} : ${p.code}`,
  'config.invalid-json': (p) => `Le fichier ${p.path} n'est pas du JSON valide : ${p.reason}`,
  'config.secret-command-failed': (p) =>
    `La commande de mot de passe du compte « ${p.account} » a échoué (${p.reason})`,
  'config.secret-env-unset': (p) =>
    `Compte « ${p.account} » : la variable d'environnement ${p.variable} n'est pas définie`,
  'config.unknown-account': (p) => `Compte inconnu « ${p.account} » dans ${p.path} (connus : ${p.known})`,
  'category-memory.unreadable': (p) => `Impossible de lire la mémoire des catégories ${p.path} (${p.code})`,
  'category-memory.invalid-json': (p) => categoryMemoryCorrupt(p.path, `ce n'est pas du JSON valide (${p.reason})`),
  'category-memory.invalid': (p) => categoryMemoryCorrupt(p.path, p.reason),
  'category-memory.save-failed': (p) => `Impossible d'enregistrer la mémoire des catégories ${p.path} (${p.code})`,
  'sync.pair-busy': ({ lockPath, holder, waitedS }) =>
    `une autre synchronisation de cette paire est en cours (${holder ? `pid ${holder.pid} sur ${holder.host}, depuis ${holder.since}` : 'processus inconnu'}) ; ` +
    `${waitedS > 0 ? `attente de ${waitedS} s, ` : ''}rien n'a été fait. Réessayez plus tard (--wait SECONDES), ` +
    `ou supprimez ${lockPath} si ce processus n'existe plus.`,
  'sync.unknown-account-endpoint': ({ arg, account, known }) =>
    `« ${arg} » : « ${account} » n'est pas un compte configuré (` +
    (known.length > 0 ? `comptes connus : ${known.join(', ')}` : 'aucun compte configuré') +
    `). Un dossier local s'écrit comme un chemin : ./${arg}`,
  'sync.endpoint-without-path': ({ arg, account }) =>
    `« ${arg} » : indiquez la collection après les deux-points, par ex. ${account}:/calendars/work/`,
  'sync.share-revoked': (p) =>
    `${p.owner} ne partage plus « ${p.name} » avec vous ; ` +
    (p.copy ? `votre copie est conservée dans ${p.copy}` : 'votre copie est conservée') +
    ". Cette paire n'est plus synchronisée (relancez avec --refresh pour vérifier à nouveau).",
  'sync.not-a-collection': ({ url }) => `${url} n'est ni un agenda, ni une liste de tâches, ni un carnet d'adresses`,
  'store.item-exists': (p) => `${p.url} existe déjà`,
  'sync.conflict-copy-suffix': () => ' (copie en conflit)',
  'sync.guard-side-empty': (p) =>
    `Synchronisation arrêtée : ${p.name} est vide, alors que la dernière synchronisation y connaissait ${p.known} élément(s). ` +
    `Rien n'a été modifié. Si ces éléments ont vraiment été supprimés, relancez avec ${p.forceOption ?? '« forcer la suppression »'} pour les supprimer aussi de l'autre côté.`,
  'sync.guard-too-many-deletions': (p) =>
    `Synchronisation arrêtée : elle supprimerait ${p.deletions} des ${p.size} élément(s) de ${p.name}, plus que la limite ` +
    `(${p.limit} : ${p.allowed} ici). Rien n'a été modifié. Si c'est bien ce que vous voulez, relancez avec ` +
    `${p.forceOption ?? '« forcer la suppression »'} (ou relevez la limite).`,
  'sync.invalid-deletion-limit': (p) =>
    `limite de suppressions invalide : « ${p.text} » (un nombre d'éléments comme 5, ou une part comme 10 %)`,
  'sync.read-only-revert': (p) =>
    `votre modification de « ${p.title} » n'a pas été envoyée : ${p.readOnlyName} est en lecture seule ; ` +
    (p.keptAt ? `conservée dans ${p.keptAt}` : 'conservée dans le journal des conflits'),
  'sync.item-unreadable': (p) =>
    `${p.id} illisible (${p.reason}) : laissé tel quel des deux côtés, relu au prochain passage`,
  'sync.item-without-uid': (p) => `${p.side} : élément ${p.id} sans UID, identifié par son contenu`,
  'sync.duplicate-uid': (p) =>
    `${p.side} : ${p.count} éléments partagent l'UID ${p.uid} ; ${p.synced} est synchronisé, ${p.ignored.join(', ')} laissé(s) tel(s) quel(s)`,
  'sync.changed-during-run': (p) =>
    `${p.id} modifié sur ${p.side} pendant la synchronisation : ${p.write === 'update' ? 'non écrasé' : 'non supprimé'} ; repris au prochain passage`,
  'sync.unresolved-conflict': (p) => `conflit non résolu, rien n'a été écrit (${planReasonFr(p.reason)})`,
  'sync.disappeared-during-run': (p) => `${p.id} a disparu pendant la synchronisation ; repris au prochain passage`,
  'sync.target-unreadable': (p) =>
    `${p.id} illisible (${p.reason}) : rien n'a été écrit pour lui, relu au prochain passage`,
  'sync.create-collision': (p) =>
    `${p.side} a déjà un autre élément à ${p.id} ; les deux sont conservés, relistés au prochain passage`,
  'sync.write-refused': (p) => `refusé (pas de droit d’écriture ?) : ${p.detail}`,
  'sync.write-failed': (p) => `échec : ${p.detail}`,
  'sync.items-wait-for-unreadable': (p) =>
    `${p.waiting} élément(s) absent(s) de ce côté attendent que ${p.unreadable.join(', ')} soi(en)t lisible(s) (l'un d'eux est peut-être cet élément)`,
  // The parts that live in files of their own (one per area).
  ...sharingFr,
  ...syncFilesFr,
  ...serverFr,
  ...guestPageFr,
};
