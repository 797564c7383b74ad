import type { CliCatalog, CliColumn } from './cli.messages.js';

/** "0 erreur", "1 erreur", "2 erreurs": in French the singular also covers 0. */
function counted(n: number, singular: string, plural: string): string {
  return `${n} ${n <= 1 ? singular : plural}`;
}

/** "read, read-write ou admin". */
function alternatives(values: readonly string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} ou ${values[values.length - 1]}`;
}

const ACCOUNTS =
  'Les comptes viennent de --config FICHIER, sinon $DAV_BRIDGE_CONFIG, sinon ~/.config/dav-bridge/config.json.';

const COLUMNS: Record<CliColumn, string> = {
  kind: 'TYPE',
  access: 'DROITS',
  shared: 'PARTAGÉ',
  color: 'COULEUR',
  name: 'NOM',
  category: 'CATÉGORIE',
  calendar: 'AGENDA',
  why: 'POURQUOI',
  from: 'DE',
  collection: 'COLLECTION',
  sharee: 'DESTINATAIRE',
  'private-events': 'ÉVÉN. PRIVÉS',
  status: 'ÉTAT',
};

export const cliFr: CliCatalog = {
  'cli.help.option.config': () => 'le fichier des comptes (voir plus bas)',
  'cli.help.option.lang': () => 'la langue des messages',
  'cli.help.option.json': () => 'affiche du JSON au lieu du texte',
  'cli.help.option.driver': () =>
    'le protocole de partage à utiliser quand le serveur en parle plusieurs (Cyrus : resource-sharing, calendarserver, webdav-acl ; webdav-acl permet Gestion) ; ignoré si le serveur ne le parle pas',
  'cli.help.discover.summary': () => 'liste le principal et tous les agendas, listes de tâches et carnets',
  'cli.help.discover.example': () => 'les collections de Gilles avec leur type, droits, partage, couleur et URL',
  'cli.help.sync.summary': () => 'synchronise dans les deux sens une collection avec une autre ou un dossier local',
  'cli.help.sync.state': () =>
    'où la paire garde ce qui a été synchronisé (par défaut ~/.local/state/dav-bridge/sync/<paire>.sqlite)',
  'cli.help.sync.conflict': () =>
    "qui l'emporte quand les deux côtés ont modifié un élément (par défaut newest ; le perdant est gardé)",
  'cli.help.sync.start': () => 'seulement les événements à partir de cette date',
  'cli.help.sync.end': () => 'seulement les événements avant cette date',
  'cli.help.sync.read-only': () =>
    "ce que devient une modification locale qu'un côté en lecture seule refuse (par défaut revert, gardée dans le dossier des conflits)",
  'cli.help.sync.max-delete': () =>
    "le plus de suppressions par côté avant que l'exécution ne s'arrête (10 % par défaut, 1 toujours permise)",
  'cli.help.sync.force-delete': () =>
    'laisse cette exécution supprimer au-delà de la limite (quand vous avez vraiment supprimé ces éléments)',
  'cli.help.sync.wait': () => 'combien attendre une autre exécution de la même paire (30 par défaut)',
  'cli.help.sync.dry-run': () => 'prévoit et rend compte, sans rien écrire',
  'cli.help.sync.refresh': () => 'relit les droits et types des collections (gardés un jour en cache)',
  'cli.help.sync.json': () => 'lignes JSON : avancement, puis bilan',
  'cli.help.sync.note': () =>
    'A et B sont chacun <compte>:<chemin de la collection> ou un dossier local écrit comme un chemin (./x, /x, ~/x, ../x).',
  'cli.help.sync.example': () => "tient à jour l'agenda de l'équipe et un dossier local (un .ics par événement)",
  'cli.help.colors.summary': () => 'affiche la couleur de chaque agenda et la catégorie Outlook correspondante',
  'cli.help.colors.svg': () => 'écrit aussi un nuancier (SVG)',
  'cli.help.colors.state': () =>
    'la mémoire des catégories (par défaut : celle de ce fichier de configuration et de ce compte, sous ~/.local/state/dav-bridge/categories/)',
  'cli.help.colors.example': () => 'les agendas de Gilles, leurs catégories Outlook et pourquoi, et un nuancier',
  'cli.help.share.summary': () => 'donne à un collègue les droits Lecture, Ecriture ou Gestion sur une collection',
  'cli.help.share.with': () => 'qui reçoit l’accès',
  'cli.help.share.access': () =>
    'read (Lecture), read-write (Ecriture) ou admin (Gestion) ; un niveau que le serveur ne sait pas exprimer est refusé',
  'cli.help.share.private-events': () => 'si le destinataire voit les événements privés (là où le serveur le permet)',
  'cli.help.share.example': () => "Alexandre peut lire et modifier l'agenda de l'équipe",
  'cli.help.unshare.summary': () => "retire l'accès d'un collègue",
  'cli.help.unshare.with': () => "à qui retirer l'accès",
  'cli.help.unshare.example': () => "David ne voit plus l'agenda de l'équipe",
  'cli.help.shares.summary': () => "liste qui a accès, avec droits et état de l'invitation",
  'cli.help.shares.example': () => "qui a accès à l'agenda de l'équipe",
  'cli.help.invites.summary': () => 'liste les invitations de partage reçues',
  'cli.help.invites.example': () => "les invitations qui attendent la réponse d'Alexandre, avec leur identifiant",
  'cli.help.accept.summary': () => 'accepte une invitation de partage',
  'cli.help.accept.example': () => "la collection partagée apparaît dans le compte d'Alexandre",
  'cli.help.decline.summary': () => 'refuse une invitation de partage',
  'cli.help.decline.example': () => "David refuse l'invitation",
  'cli.help.leave.summary': () => 'quitte une collection partagée avec vous',
  'cli.help.leave.example': () => "David ne reçoit plus l'agenda partagé",
  'cli.help.publish.summary': () => 'publie un lien public en lecture seule (ICS, webcal)',
  'cli.help.publish.expires': () =>
    'le lien cesse de fonctionner après cette date (serveurs dont les liens peuvent expirer)',
  'cli.help.publish.example': () => "un lien pour François (hors de l'entreprise) jusqu'à la fin de l'année",
  'cli.help.unpublish.summary': () => 'supprime le lien public',
  'cli.help.unpublish.example': () => 'le lien public cesse de fonctionner',
  'cli.help.link.summary': () => 'affiche le texte ou le HTML à coller dans un mail pour un lien',
  'cli.help.link.format': () => 'HTML ou texte brut (texte par défaut)',
  'cli.help.link.password-note': () =>
    'une indication sur le mot de passe, affichée telle quelle (jamais le mot de passe lui-même)',
  'cli.help.link.expires': () => 'crée un nouveau lien qui cesse de fonctionner après cette date',
  'cli.help.link.note': () =>
    "Le texte est dans votre langue ; --lang en|fr la choisit (pour un lecteur qui parle l'autre).",
  'cli.help.link.example': () => 'le HTML en français à coller dans le mail pour François',
  'cli.help.create.summary': () => "crée un agenda, une liste de tâches ou un carnet d'adresses",
  'cli.help.create.kind': () => "events (un agenda), tasks (une liste de tâches) ou contacts (un carnet d'adresses)",
  'cli.help.create.name': () => 'le nom que l’on voit',
  'cli.help.create.color': () => 'sa couleur (#RRGGBB ou #RRGGBBAA)',
  'cli.help.create.note': () =>
    "SOGo n'a pas d'agendas réservés aux événements ou aux tâches : chaque agenda y prend les deux.",
  'cli.help.create.example': () => "un nouvel agenda d'équipe ; affiche son URL (pour share, sync...)",
  'cli.help.rename.summary': () => "renomme un agenda, une liste de tâches ou un carnet d'adresses",
  'cli.help.rename.name': () => 'le nouveau nom',
  'cli.help.rename.example': () => "l'agenda de l'équipe change de nom (son URL reste)",
  'cli.help.recolor.summary': () => "change la couleur d'un agenda, d'une liste de tâches ou d'un carnet d'adresses",
  'cli.help.recolor.color': () => 'la nouvelle couleur (#RRGGBB ou #RRGGBBAA)',
  'cli.help.recolor.example': () => "l'agenda de l'équipe devient rouge foncé (catégorie Outlook DarkRed)",
  'cli.help.delete.summary': () =>
    "supprime un agenda, une liste de tâches ou un carnet d'adresses et tout son contenu, sur le serveur",
  'cli.help.delete.yes': () => 'supprime vraiment (sans cette option, dit ce qui serait supprimé et ne change rien)',
  'cli.help.delete.note': () =>
    'Pour ne plus recevoir une collection que l’on vous a partagée, utilisez « dav-bridge leave ».',
  'cli.help.delete.example': () => "l'agenda de l'équipe et ses événements sont supprimés du serveur",
  'cli.help-usage': (p) => `usage : dav-bridge ${p.synopsis}`,
  'cli.help-general-usage': () => 'usage : dav-bridge <commande> [options]',
  'cli.help-commands': () => 'Commandes :',
  'cli.help-about-command-help': () =>
    'dav-bridge help <commande> (ou dav-bridge <commande> --help) : ses options et un exemple.',
  'cli.help-options': () => 'Options :',
  'cli.help-option-required': (p) => `${p.help} (obligatoire)`,
  'cli.help-global-note': () => "--config, --json et --lang peuvent aussi s'écrire avant la commande.",
  'cli.help-global-options': () =>
    "Options globales, avant ou après la commande : --config FICHIER, --lang en|fr, et --json là où la commande l'a.",
  'cli.help-examples': (p) => (p.count > 1 ? 'Exemples :' : 'Exemple :'),
  'cli.help-accounts': () => ACCOUNTS,
  'cli.usage': (p) => `usage : dav-bridge ${p.synopsis}   (voir dav-bridge help ${p.command})`,
  'cli.unknown-command': (p) =>
    `dav-bridge : commande inconnue « ${p.name} » (commandes : ${p.commands.join(', ')} ; voir dav-bridge --help)`,
  'cli.bad-lang': (p) => `--lang prend en ou fr, pas « ${p.value} »`,
  'cli.no-json': (p) => `${p.command} n'a pas de sortie JSON : retirez --json (voir ${p.see})`,
  'cli.unknown-option': (p) =>
    `${p.command} : option inconnue ${p.option} (ses options : ${p.known.join(', ')} ; voir ${p.see})`,
  'cli.flag-takes-no-value': (p) =>
    `${p.command} : ${p.option} ne prend pas de valeur (écrivez seulement ${p.option} ; voir ${p.see})`,
  'cli.option-needs-value': (p) =>
    `${p.command} : ${p.option} demande une valeur : ${p.option} ${p.expected} (voir ${p.see})`,
  'cli.bad-arguments': (p) => `${p.command} : ${p.detail} (voir ${p.see})`,
  'cli.option-required': (p) =>
    `${p.command} : ${p.option} ${p.value} est obligatoire (usage : dav-bridge ${p.synopsis} ; voir ${p.see})`,
  'cli.option-not-allowed': (p) =>
    `${p.command} : ${p.option} « ${p.value} » n'est pas permis : utilisez ${alternatives(p.allowed)}`,
  'cli.option-empty': (p) => `${p.command} : ${p.option} est vide : donnez ${p.value}`,
  'cli.option-error': (p) => `${p.option} : ${p.detail}`,
  'cli.bad-color': (p) =>
    `${p.command} : --color « ${p.color} » n'est pas une couleur : utilisez #RRGGBB ou #RRGGBBAA (par ex. #0082C9)`,
  'cli.bad-date': (p) => `${p.option} : date invalide « ${p.value} » (format AAAA-MM-JJ)`,
  'cli.bad-expires': (p) => `--expires : date invalide : « ${p.value} » (utilisez AAAA-MM-JJ ou une date-heure ISO)`,
  'cli.bad-wait': (p) => `--wait : nombre de secondes invalide « ${p.value} »`,
  'cli.bad-driver': (p) => `--driver doit valoir ${p.drivers.join(', ')}`,
  'cli.unexpected-error': (p) => `erreur inattendue : ${p.detail}`,
  // No space before the colon: today's output, kept unchanged by the move into the catalog.
  'cli.warning': (p) => `avertissement: ${p.text}`,
  'cli.cannot-write': (p) => `Impossible d'écrire ${p.path} (${p.code})`,
  'cli.column': (p) => COLUMNS[p.column],
  'cli.access': (p) => ({ read: 'Lecture', 'read-write': 'Ecriture', admin: 'Gestion', unknown: 'inconnu' })[p.access],
  'cli.share-status': (p) =>
    ({ pending: 'en attente', accepted: 'acceptée', declined: 'refusée', active: 'actif' })[p.status],
  'cli.kind': (p) =>
    ({ events: 'événements', tasks: 'tâches', 'events+tasks': 'événements+tâches', contacts: 'contacts' })[p.kind],
  'cli.yes-no': (p) => (p.value ? 'oui' : 'non'),
  'cli.discover.principal': (p) => `Principal: ${p.url}${p.displayName ? ` (${p.displayName})` : ''}`,
  'cli.discover.shared-with-me': (p) => (p.owner ? `avec moi (${p.owner})` : 'avec moi'),
  'cli.discover.shared-by-me': () => 'par moi',
  'cli.discover.unknown-access': () =>
    'inconnu : le serveur ne dit pas ce que vous pouvez faire de cette collection ; la synchronisation la traite en lecture seule',
  'cli.discover.no-longer-shared': (p) => `${p.owner} ne partage plus « ${p.name} » avec vous.`,
  'cli.discover.davical-hint': (p) =>
    "Rien de partagé avec vous n'apparaît : DAViCal ne signale pas ce que vos collègues partagent. Demandez-leur " +
    `l'adresse de l'agenda ou du carnet, puis lancez « dav-bridge accept ${p.account} <adresse> » pour l'ajouter ici.`,
  'cli.colors.color-set-by-you': () => 'couleur choisie par vous',
  'cli.colors.nearest': (p) => `la plus proche de ${p.color} (ΔE00 ${p.deltaE})`,
  'cli.colors.no-color': () => "l'agenda n'a pas de couleur",
  'cli.colors.not-a-color': (p) => `« ${p.color} » n'est pas une couleur`,
  'cli.colors.name-set-by-you': () => 'nom choisi par vous',
  'cli.colors.name-taken': (p) => `« ${p.name} » est déjà pris`,
  'cli.colors.renamed': (p) => `renommé sur le serveur, catégorie gardée (le nouveau nom serait « ${p.suggestion} »)`,
  'cli.colors.swatch-written': (p) => `Nuancier écrit dans ${p.path}`,
  // Each noun with its gender: l'agenda est créé, la liste est créée, le carnet est créé.
  'cli.create.created': (p) =>
    p.kind === 'events'
      ? `L'agenda « ${p.name} » est créé : ${p.target}`
      : p.kind === 'tasks'
        ? `La liste de tâches « ${p.name} » est créée : ${p.target}`
        : `Le carnet d'adresses « ${p.name} » est créé : ${p.target}`,
  'cli.create.no-home': (p) =>
    p.kind === 'contacts'
      ? `${p.account} n'a pas d'espace de carnets d'adresses sur ce serveur : il ne peut pas en avoir`
      : `${p.account} n'a pas d'espace d'agendas sur ce serveur : il ne peut pas avoir d'agendas ni de listes de tâches`,
  'cli.rename.done': (p) => `${p.url} s'appelle maintenant « ${p.name} »`,
  'cli.recolor.done': (p) => `${p.url} est maintenant ${p.color}`,
  'cli.delete.not-a-collection': (p) =>
    `${p.url} n'est ni un agenda, ni une liste de tâches, ni un carnet d'adresses : rien n'a été supprimé`,
  'cli.delete.needs-yes': (p) =>
    `delete supprimerait « ${p.name} » (${p.url}) et tout son contenu du serveur ; rien n'a été supprimé : ajoutez --yes pour le supprimer`,
  'cli.delete.done': (p) => `« ${p.name} » (${p.url}) supprimé`,
  'cli.share.done': (p) =>
    `${p.url} partagé avec ${p.sharee} (${p.access}${p.status ? `, ${p.status}` : ''}, via ${p.via})`,
  'cli.share.must-accept': (p) => `${p.sharee} doit accepter l'invitation (dav-bridge invites / accept).`,
  'cli.unshare.done': (p) => `${p.sharee} n'a plus accès à ${p.url}`,
  'cli.shares.none': (p) => `${p.url} n'est partagé avec personne.`,
  'cli.invites.none': () => "Aucune invitation n'attend de réponse.",
  'cli.accept.accepted-at': (p) =>
    p.kind === 'contacts'
      ? `Acceptée : le carnet d'adresses partagé se trouve maintenant à ${p.url}`
      : `Acceptée : l'agenda partagé se trouve maintenant à ${p.url}`,
  'cli.accept.accepted': (p) => `Invitation à ${p.url} acceptée`,
  'cli.accept.subscribed': (p) => `« ${p.name} », partagé par ${p.owner}, est ajouté : il se trouve à ${p.url}`,
  'cli.decline.done': (p) => `Invitation à ${p.collection} refusée`,
  'cli.leave.done': (p) => `Vous avez quitté le partage ${p.url}`,
  'cli.publish.reused': () => "Déjà publié : voici son lien public (aucun second lien n'a été créé).",
  'cli.publish.no-html': () => '(aucune sur ce serveur)',
  'cli.publish.expires': (p) => `Expire : ${p.date}`,
  'cli.unpublish.done': (p) => `${p.url} n'est plus publié`,
  'cli.sync.phase': (p) =>
    ({
      list: 'inventaire',
      fetch: 'téléchargement',
      plan: 'planification',
      execute: 'écriture',
      done: 'terminé',
    })[p.phase],
  'cli.sync.waiting': (p) =>
    `dav-bridge : une autre synchronisation de cette paire est en cours${p.pid !== undefined ? ` (pid ${p.pid})` : ''} ; attente jusqu'à ${p.seconds} s...`,
  'cli.sync.limit-hint': () =>
    'dav-bridge : la limite se règle avec --max-delete N (éléments) ou N% (10 % par défaut).',
  'cli.sync.dry-run': (p) =>
    `Simulation : ${counted(p.actions, 'action prévue', 'actions prévues')}, rien n'a été écrit.`,
  'cli.sync.side-summary': (p) =>
    `${p.label} : ${counted(p.created, 'créé', 'créés')}, ${counted(p.updated, 'modifié', 'modifiés')}, ` +
    `${counted(p.deleted, 'supprimé', 'supprimés')}, ${counted(p.errors, 'erreur', 'erreurs')}`,
  'cli.sync.conflicts': (p) =>
    `${counted(p.count, 'conflit', 'conflits')} (${p.unresolved} à trancher) ; versions perdantes gardées dans ${p.dir}`,
  'cli.sync.unreadable': (p) =>
    p.count <= 1
      ? `${p.count} élément illisible : laissé tel quel des deux côtés, relu au prochain passage`
      : `${p.count} éléments illisibles : laissés tels quels des deux côtés, relus au prochain passage`,
};
