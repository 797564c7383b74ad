/**
 * `dav-bridge`: the command-line entry of bridge-core. Every failure ends with one clear line on stderr and a
 * non-zero exit code (2 for usage errors); passwords never appear in any output.
 */
import { DavError } from '../../dav/errors.js';
import { UserFacingError, type Lang } from '../localized-error.js';
import { createContext, type CliContext } from './context.js';
import { splitGlobalOptions, type GlobalSplit } from './global-options.js';
import { USAGE_EXIT } from './usage.js';

type Command = (ctx: CliContext, argv: string[]) => Promise<number>;

// Each command's module is loaded only when that command runs: a run pays for its own imports, not for all 13
// commands' (an idle `sync` is mostly Node's start-up and module loading; sharing, colors and discovery modules
// are not needed by it).

const COMMANDS: Record<string, { run: Command; en: string; fr: string }> = {
  discover: {
    run: (ctx, argv) => import('./commands/discover.js').then((m) => m.discoverCommand(ctx, argv)),
    en: 'list the principal and every calendar, task list and address book',
    fr: 'liste le principal et tous les agendas, listes de tâches et carnets',
  },
  sync: {
    run: (ctx, argv) => import('./commands/sync.js').then((m) => m.syncCommand(ctx, argv)),
    en: 'two-way sync of a collection with another collection or a local folder',
    fr: 'synchronise dans les deux sens une collection avec une autre ou un dossier local',
  },
  colors: {
    run: (ctx, argv) => import('./commands/colors.js').then((m) => m.colorsCommand(ctx, argv)),
    en: "show each calendar's color and the Outlook category it maps to",
    fr: 'affiche la couleur de chaque agenda et la catégorie Outlook correspondante',
  },
  share: {
    run: (ctx, argv) => import('./commands/share.js').then((m) => m.shareCommand(ctx, argv)),
    en: 'grant a colleague read, read-write or admin rights on a collection',
    fr: 'donne à un collègue les droits Lecture, Ecriture ou Gestion sur une collection',
  },
  unshare: {
    run: (ctx, argv) => import('./commands/unshare.js').then((m) => m.unshareCommand(ctx, argv)),
    en: "revoke a colleague's access",
    fr: "retire l'accès d'un collègue",
  },
  shares: {
    run: (ctx, argv) => import('./commands/shares.js').then((m) => m.sharesCommand(ctx, argv)),
    en: 'list who has access, with rights and invitation status',
    fr: "liste qui a accès, avec droits et état de l'invitation",
  },
  invites: {
    run: (ctx, argv) => import('./commands/invites.js').then((m) => m.invitesCommand(ctx, argv)),
    en: 'list the share invitations you received',
    fr: 'liste les invitations de partage reçues',
  },
  accept: {
    run: (ctx, argv) => import('./commands/accept.js').then((m) => m.acceptCommand(ctx, argv)),
    en: 'accept a share invitation',
    fr: 'accepte une invitation de partage',
  },
  decline: {
    run: (ctx, argv) => import('./commands/decline.js').then((m) => m.declineCommand(ctx, argv)),
    en: 'decline a share invitation',
    fr: 'refuse une invitation de partage',
  },
  leave: {
    run: (ctx, argv) => import('./commands/leave.js').then((m) => m.leaveCommand(ctx, argv)),
    en: 'leave a collection shared with you',
    fr: 'quitte une collection partagée avec vous',
  },
  publish: {
    run: (ctx, argv) => import('./commands/publish.js').then((m) => m.publishCommand(ctx, argv)),
    en: 'publish a read-only public link (ICS, webcal)',
    fr: 'publie un lien public en lecture seule (ICS, webcal)',
  },
  unpublish: {
    run: (ctx, argv) => import('./commands/unpublish.js').then((m) => m.unpublishCommand(ctx, argv)),
    en: 'remove the public link',
    fr: 'supprime le lien public',
  },
  link: {
    run: (ctx, argv) => import('./commands/link.js').then((m) => m.linkCommand(ctx, argv)),
    en: 'print the text or HTML to paste into a mail for a link',
    fr: 'affiche le texte ou le HTML à coller dans un mail pour un lien',
  },
};

function help(ctx: CliContext): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(11)} ${ctx.t(c.en, c.fr)}`);
  return [
    ctx.t('usage: dav-bridge <command> [options]', 'usage : dav-bridge <commande> [options]'),
    '',
    ctx.t('Commands:', 'Commandes :'),
    ...lines,
    '',
    ctx.t(
      'Accounts come from --config FILE, else $DAV_BRIDGE_CONFIG, else ~/.config/dav-bridge/config.json.',
      'Les comptes viennent de --config FICHIER, sinon $DAV_BRIDGE_CONFIG, sinon ~/.config/dav-bridge/config.json.',
    ),
    ctx.t(
      'Global options, before or after the command: --config FILE, --json, --lang en|fr.',
      'Options globales, avant ou après la commande : --config FICHIER, --json, --lang en|fr.',
    ),
  ].join('\n');
}

export async function main(argv: string[], context: CliContext = createContext()): Promise<number> {
  let split: GlobalSplit;
  try {
    split = splitGlobalOptions(argv);
  } catch (err) {
    context.err(`dav-bridge: ${describeError(err, context)}`);
    return USAGE_EXIT;
  }
  const ctx = split.lang ? inLanguage(context, split.lang) : context;
  const { command: name, args: rest } = split;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    ctx.out(help(ctx));
    return name ? 0 : USAGE_EXIT;
  }
  const command = COMMANDS[name];
  if (!command) {
    ctx.err(
      ctx.t(
        `dav-bridge: unknown command "${name}" (see dav-bridge --help)`,
        `dav-bridge : commande inconnue « ${name} » (voir dav-bridge --help)`,
      ),
    );
    return USAGE_EXIT;
  }
  try {
    return await command.run(ctx, rest);
  } catch (err) {
    ctx.err(`dav-bridge: ${describeError(err, ctx)}`);
    if (err instanceof UserFacingError) return err.exitCode;
    return 1;
  }
}

/** The same context, speaking `lang` (from --lang) whatever the locale says. */
function inLanguage(ctx: CliContext, lang: Lang): CliContext {
  return { ...ctx, lang, t: (en, fr) => (lang === 'fr' ? fr : en) };
}

export function describeError(err: unknown, ctx: CliContext): string {
  if (err instanceof DavError) return err.localized(ctx.lang);
  if (err instanceof UserFacingError) return ctx.lang === 'fr' ? err.messageFr : err.message;
  const code = (err as { code?: string }).code;
  // parseArgs and friends: their messages are already one clear line.
  if (code?.startsWith('ERR_PARSE_ARGS')) return (err as Error).message;
  return ctx.t(
    `unexpected error: ${(err as Error)?.message ?? String(err)}`,
    `erreur inattendue : ${(err as Error)?.message ?? String(err)}`,
  );
}
