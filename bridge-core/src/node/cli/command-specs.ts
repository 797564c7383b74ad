/**
 * Every `dav-bridge` command as the user sees it: what it does, its arguments, each option (with the values it
 * accepts), notes and an example. The parser (command-line.ts) and `--help` / `dav-bridge help <command>` both
 * read these declarations: there is no second list of options anywhere. English and French side by side.
 */
import type { CommandSpec, OptionSpec } from './command-line.js';

const json: OptionSpec = {
  type: 'boolean',
  help: { en: 'print JSON instead of text', fr: 'affiche du JSON au lieu du texte' },
};

/**
 * `--driver`: servers that speak several sharing protocols (Cyrus: resource-sharing, calendarserver and WebDAV
 * ACL) let the user pick one; a protocol the server does not speak is ignored (the server's first one is used).
 */
const driver: OptionSpec = {
  type: 'string',
  choices: ['calendarserver', 'resource-sharing', 'webdav-acl', 'davical', 'sogo', 'nextcloud'],
  help: {
    en: 'the sharing protocol to use where the server speaks several (Cyrus: resource-sharing, calendarserver, webdav-acl; webdav-acl can grant admin); ignored where the server does not speak it',
    fr: 'le protocole de partage à utiliser quand le serveur en parle plusieurs (Cyrus : resource-sharing, calendarserver, webdav-acl ; webdav-acl permet Gestion) ; ignoré si le serveur ne le parle pas',
  },
};

const TEAM = 'gilles:/dav/calendars/user/gilles/equipe/';

const specs: CommandSpec[] = [
  {
    name: 'discover',
    summary: {
      en: 'list the principal and every calendar, task list and address book',
      fr: 'liste le principal et tous les agendas, listes de tâches et carnets',
    },
    args: '<account>',
    positionals: [1, 1],
    options: { json },
    examples: [
      {
        line: 'discover gilles',
        en: "Gilles's collections with their kind, rights, sharing, color and URL",
        fr: 'les collections de Gilles avec leur type, droits, partage, couleur et URL',
      },
    ],
  },
  {
    name: 'sync',
    summary: {
      en: 'two-way sync of a collection with another collection or a local folder',
      fr: 'synchronise dans les deux sens une collection avec une autre ou un dossier local',
    },
    args: '<A> <B>',
    positionals: [2, 2],
    options: {
      state: {
        type: 'string',
        value: 'FILE',
        help: {
          en: 'where the pair remembers what it synced (default ~/.local/state/dav-bridge/sync/<pair>.sqlite)',
          fr: 'où la paire garde ce qui a été synchronisé (par défaut ~/.local/state/dav-bridge/sync/<paire>.sqlite)',
        },
      },
      conflict: {
        type: 'string',
        choices: ['newest', 'a-wins', 'b-wins', 'keep-both', 'error'],
        help: {
          en: 'who wins when both sides changed an item (default newest; the loser is kept)',
          fr: "qui l'emporte quand les deux côtés ont modifié un élément (par défaut newest ; le perdant est gardé)",
        },
      },
      start: {
        type: 'string',
        value: 'DATE',
        help: { en: 'only events from this date (YYYY-MM-DD)', fr: 'seulement les événements à partir de cette date' },
      },
      end: {
        type: 'string',
        value: 'DATE',
        help: { en: 'only events before this date (YYYY-MM-DD)', fr: 'seulement les événements avant cette date' },
      },
      'read-only': {
        type: 'string',
        choices: ['revert', 'ignore', 'error'],
        help: {
          en: 'what becomes of a local change a read-only side does not take (default revert, kept in the conflicts folder)',
          fr: "ce que devient une modification locale qu'un côté en lecture seule refuse (par défaut revert, gardée dans le dossier des conflits)",
        },
      },
      'max-delete': {
        type: 'string',
        value: 'N|N%',
        help: {
          en: 'the most deletions per side before the run stops (default 10%, 1 always allowed)',
          fr: "le plus de suppressions par côté avant que l'exécution ne s'arrête (10 % par défaut, 1 toujours permise)",
        },
      },
      'force-delete': {
        type: 'boolean',
        help: {
          en: 'let this run delete beyond the limit (when you did delete those items)',
          fr: 'laisse cette exécution supprimer au-delà de la limite (quand vous avez vraiment supprimé ces éléments)',
        },
      },
      wait: {
        type: 'string',
        value: 'SECONDS',
        help: {
          en: 'how long to wait for another run of the same pair (default 30)',
          fr: 'combien attendre une autre exécution de la même paire (30 par défaut)',
        },
      },
      'dry-run': {
        type: 'boolean',
        help: { en: 'plan and report, write nothing', fr: 'prévoit et rend compte, sans rien écrire' },
      },
      refresh: {
        type: 'boolean',
        help: {
          en: "re-read the collections' rights and kinds (cached for a day)",
          fr: 'relit les droits et types des collections (gardés un jour en cache)',
        },
      },
      json: {
        type: 'boolean',
        help: { en: 'JSON lines: progress, then a summary', fr: 'lignes JSON : avancement, puis bilan' },
      },
    },
    notes: [
      {
        en: 'A and B are each <account>:<collection path> or a local folder written as a path (./x, /x, ~/x, ../x).',
        fr: 'A et B sont chacun <compte>:<chemin de la collection> ou un dossier local écrit comme un chemin (./x, /x, ~/x, ../x).',
      },
    ],
    examples: [
      {
        line: `sync ${TEAM} ~/agenda-equipe`,
        en: 'keep the team calendar and a local folder (one .ics per event) in step',
        fr: "tient à jour l'agenda de l'équipe et un dossier local (un .ics par événement)",
      },
    ],
  },
  {
    name: 'colors',
    summary: {
      en: "show each calendar's color and the Outlook category it maps to",
      fr: 'affiche la couleur de chaque agenda et la catégorie Outlook correspondante',
    },
    args: '<account>',
    positionals: [1, 1],
    options: {
      json,
      svg: {
        type: 'string',
        value: 'FILE',
        help: { en: 'also write a swatch sheet (SVG)', fr: 'écrit aussi un nuancier (SVG)' },
      },
      state: {
        type: 'string',
        value: 'FILE',
        help: {
          en: "the category memory (default: this config file's and account's, under ~/.local/state/dav-bridge/categories/)",
          fr: 'la mémoire des catégories (par défaut : celle de ce fichier de configuration et de ce compte, sous ~/.local/state/dav-bridge/categories/)',
        },
      },
    },
    examples: [
      {
        line: 'colors gilles --svg couleurs.svg',
        en: "Gilles's calendars, their Outlook categories and why, and a swatch sheet",
        fr: 'les agendas de Gilles, leurs catégories Outlook et pourquoi, et un nuancier',
      },
    ],
  },
  {
    name: 'share',
    summary: {
      en: 'grant a colleague read, read-write or admin rights on a collection',
      fr: 'donne à un collègue les droits Lecture, Ecriture ou Gestion sur une collection',
    },
    args: '<account>:<path>',
    positionals: [1, 1],
    options: {
      with: {
        type: 'string',
        value: '<email|principal>',
        required: true,
        help: { en: 'who gets access', fr: 'qui reçoit l’accès' },
      },
      access: {
        type: 'string',
        choices: ['read', 'read-write', 'admin'],
        required: true,
        help: {
          en: 'read (Lecture), read-write (Ecriture) or admin (Gestion); a level the server cannot express is refused',
          fr: 'read (Lecture), read-write (Ecriture) ou admin (Gestion) ; un niveau que le serveur ne sait pas exprimer est refusé',
        },
      },
      'private-events': {
        type: 'string',
        choices: ['yes', 'no'],
        help: {
          en: 'whether the sharee sees private events (where the server can say)',
          fr: 'si le destinataire voit les événements privés (là où le serveur le permet)',
        },
      },
      driver,
      json,
    },
    examples: [
      {
        line: `share ${TEAM} --with alexandre@example.com --access read-write`,
        en: 'Alexandre may read and change the team calendar',
        fr: "Alexandre peut lire et modifier l'agenda de l'équipe",
      },
    ],
  },
  {
    name: 'unshare',
    summary: { en: "revoke a colleague's access", fr: "retire l'accès d'un collègue" },
    args: '<account>:<path>',
    positionals: [1, 1],
    options: {
      with: {
        type: 'string',
        value: '<email|principal>',
        required: true,
        help: { en: 'whose access to remove', fr: "à qui retirer l'accès" },
      },
      driver,
    },
    examples: [
      {
        line: `unshare ${TEAM} --with david@example.com`,
        en: 'David no longer sees the team calendar',
        fr: "David ne voit plus l'agenda de l'équipe",
      },
    ],
  },
  {
    name: 'shares',
    summary: {
      en: 'list who has access, with rights and invitation status',
      fr: "liste qui a accès, avec droits et état de l'invitation",
    },
    args: '<account>:<path>',
    positionals: [1, 1],
    options: { json, driver },
    examples: [
      { line: `shares ${TEAM}`, en: 'who has access to the team calendar', fr: "qui a accès à l'agenda de l'équipe" },
    ],
  },
  {
    name: 'invites',
    summary: { en: 'list the share invitations you received', fr: 'liste les invitations de partage reçues' },
    args: '<account>',
    positionals: [1, 1],
    options: { json },
    examples: [
      {
        line: 'invites alexandre',
        en: 'the invitations waiting for Alexandre’s answer, with their ids',
        fr: "les invitations qui attendent la réponse d'Alexandre, avec leur identifiant",
      },
    ],
  },
  {
    name: 'accept',
    summary: { en: 'accept a share invitation', fr: 'accepte une invitation de partage' },
    args: '<account> <invite>',
    positionals: [2, 2],
    options: { json },
    examples: [
      {
        line: 'accept alexandre <id from "dav-bridge invites alexandre">',
        en: 'the shared collection appears in Alexandre’s account',
        fr: "la collection partagée apparaît dans le compte d'Alexandre",
      },
    ],
  },
  {
    name: 'decline',
    summary: { en: 'decline a share invitation', fr: 'refuse une invitation de partage' },
    args: '<account> <invite>',
    positionals: [2, 2],
    options: {},
    examples: [
      {
        line: 'decline david <id from "dav-bridge invites david">',
        en: 'David declines the invitation',
        fr: "David refuse l'invitation",
      },
    ],
  },
  {
    name: 'leave',
    summary: { en: 'leave a collection shared with you', fr: 'quitte une collection partagée avec vous' },
    args: '<account>:<path>',
    positionals: [1, 1],
    options: { driver },
    examples: [
      {
        line: 'leave david:<path of the share from "dav-bridge discover david">',
        en: 'David stops receiving the shared calendar',
        fr: "David ne reçoit plus l'agenda partagé",
      },
    ],
  },
  {
    name: 'publish',
    summary: {
      en: 'publish a read-only public link (ICS, webcal)',
      fr: 'publie un lien public en lecture seule (ICS, webcal)',
    },
    args: '<account>:<path>',
    positionals: [1, 1],
    options: {
      json,
      expires: {
        type: 'string',
        value: 'DATE',
        help: {
          en: 'the link stops working after this date (servers whose links can expire)',
          fr: 'le lien cesse de fonctionner après cette date (serveurs dont les liens peuvent expirer)',
        },
      },
      driver,
    },
    examples: [
      {
        line: `publish ${TEAM} --expires 2026-12-31`,
        en: 'a link for François (outside the company) until the end of the year',
        fr: "un lien pour François (hors de l'entreprise) jusqu'à la fin de l'année",
      },
    ],
  },
  {
    name: 'unpublish',
    summary: { en: 'remove the public link', fr: 'supprime le lien public' },
    args: '<account>:<path>',
    positionals: [1, 1],
    options: { driver },
    examples: [
      { line: `unpublish ${TEAM}`, en: 'the public link stops working', fr: 'le lien public cesse de fonctionner' },
    ],
  },
  {
    name: 'link',
    summary: {
      en: 'print the text or HTML to paste into a mail for a link',
      fr: 'affiche le texte ou le HTML à coller dans un mail pour un lien',
    },
    args: '<account>:<path>',
    positionals: [1, 1],
    options: {
      format: {
        type: 'string',
        choices: ['html', 'text'],
        help: { en: 'HTML or plain text (default text)', fr: 'HTML ou texte brut (texte par défaut)' },
      },
      'password-note': {
        type: 'string',
        value: 'TEXT',
        help: {
          en: 'a hint about the password, shown as is (never the password itself)',
          fr: 'une indication sur le mot de passe, affichée telle quelle (jamais le mot de passe lui-même)',
        },
      },
      expires: {
        type: 'string',
        value: 'DATE',
        help: {
          en: 'make a new link that stops working after this date',
          fr: 'crée un nouveau lien qui cesse de fonctionner après cette date',
        },
      },
      driver,
    },
    notes: [
      {
        en: 'The text is in your language; --lang en|fr chooses it (for a reader who speaks the other one).',
        fr: "Le texte est dans votre langue ; --lang en|fr la choisit (pour un lecteur qui parle l'autre).",
      },
    ],
    examples: [
      {
        line: `link ${TEAM} --lang fr --format html`,
        en: 'the French HTML to paste into the mail to François',
        fr: 'le HTML en français à coller dans le mail pour François',
      },
    ],
  },
  {
    name: 'create',
    summary: {
      en: 'create a calendar, task list or address book',
      fr: "crée un agenda, une liste de tâches ou un carnet d'adresses",
    },
    args: '<account>',
    positionals: [1, 1],
    options: {
      kind: {
        type: 'string',
        choices: ['events', 'tasks', 'contacts'],
        required: true,
        help: {
          en: 'events (a calendar), tasks (a task list) or contacts (an address book)',
          fr: "events (un agenda), tasks (une liste de tâches) ou contacts (un carnet d'adresses)",
        },
      },
      name: {
        type: 'string',
        value: 'NAME',
        required: true,
        help: { en: 'the name people see', fr: 'le nom que l’on voit' },
      },
      color: {
        type: 'string',
        value: '#RRGGBB',
        help: { en: 'its color (#RRGGBB or #RRGGBBAA)', fr: 'sa couleur (#RRGGBB ou #RRGGBBAA)' },
      },
      json,
    },
    notes: [
      {
        en: 'SOGo has no event-only or task-only calendars: there, every calendar takes both.',
        fr: "SOGo n'a pas d'agendas réservés aux événements ou aux tâches : chaque agenda y prend les deux.",
      },
    ],
    examples: [
      {
        line: 'create gilles --kind events --name "Équipe technique" --color "#0082C9"',
        en: 'a new team calendar; prints its URL (for share, sync...)',
        fr: "un nouvel agenda d'équipe ; affiche son URL (pour share, sync...)",
      },
    ],
  },
  {
    name: 'rename',
    summary: {
      en: 'rename a calendar, task list or address book',
      fr: "renomme un agenda, une liste de tâches ou un carnet d'adresses",
    },
    args: '<account>:<path>',
    positionals: [1, 1],
    options: {
      name: {
        type: 'string',
        value: 'NAME',
        required: true,
        help: { en: 'the new name', fr: 'le nouveau nom' },
      },
    },
    examples: [
      {
        line: `rename ${TEAM} --name "Équipe technique 2027"`,
        en: 'the team calendar gets a new name (its URL stays)',
        fr: "l'agenda de l'équipe change de nom (son URL reste)",
      },
    ],
  },
  {
    name: 'recolor',
    summary: {
      en: 'change the color of a calendar, task list or address book',
      fr: "change la couleur d'un agenda, d'une liste de tâches ou d'un carnet d'adresses",
    },
    args: '<account>:<path>',
    positionals: [1, 1],
    options: {
      color: {
        type: 'string',
        value: '#RRGGBB',
        required: true,
        help: { en: 'the new color (#RRGGBB or #RRGGBBAA)', fr: 'la nouvelle couleur (#RRGGBB ou #RRGGBBAA)' },
      },
    },
    examples: [
      {
        line: `recolor ${TEAM} --color "#C11A25"`,
        en: 'the team calendar turns dark red (Outlook category DarkRed)',
        fr: "l'agenda de l'équipe devient rouge foncé (catégorie Outlook DarkRed)",
      },
    ],
  },
  {
    name: 'delete',
    summary: {
      en: 'delete a calendar, task list or address book and everything in it, on the server',
      fr: "supprime un agenda, une liste de tâches ou un carnet d'adresses et tout son contenu, sur le serveur",
    },
    args: '<account>:<path>',
    positionals: [1, 1],
    options: {
      yes: {
        type: 'boolean',
        help: {
          en: 'really delete (without it, says what would be deleted and changes nothing)',
          fr: 'supprime vraiment (sans cette option, dit ce qui serait supprimé et ne change rien)',
        },
      },
    },
    notes: [
      {
        en: 'To stop receiving a collection someone shared with you, use "dav-bridge leave".',
        fr: 'Pour ne plus recevoir une collection que l’on vous a partagée, utilisez « dav-bridge leave ».',
      },
    ],
    examples: [
      {
        line: `delete ${TEAM} --yes`,
        en: 'the team calendar and its events are deleted from the server',
        fr: "l'agenda de l'équipe et ses événements sont supprimés du serveur",
      },
    ],
  },
];

/** The declarations by command name, in the order `dav-bridge --help` lists them. */
export const COMMAND_SPECS: ReadonlyMap<string, CommandSpec> = new Map(specs.map((s) => [s.name, s]));

/** A command's declaration; asking for one that does not exist is a programming error. */
export function commandSpec(name: string): CommandSpec {
  const spec = COMMAND_SPECS.get(name);
  if (!spec) throw new Error(`no declaration for the command "${name}"`);
  return spec;
}
