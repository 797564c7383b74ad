/**
 * `dav-bridge`: the command-line entry of bridge-core. Every failure ends with one clear line on stderr and a
 * non-zero exit code (2 for usage errors); passwords never appear in any output.
 */
import { DavError } from '../../dav/errors.js';
import { UserFacingError, type Lang } from '../localized-error.js';
import { createContext, type CliContext } from './context.js';
import { commandHelp, isHelpRequest, parseCommandLine, type CommandLine } from './command-line.js';
import { COMMAND_SPECS } from './command-specs.js';
import { splitGlobalOptions, type GlobalSplit } from './global-options.js';
import { USAGE_EXIT } from './usage.js';
import { say } from './words.js';

/** A command gets its arguments both raw and as parsed from its declaration (command-specs.ts). */
type Command = (ctx: CliContext, argv: string[], line: CommandLine) => Promise<number>;

// Each command's module is loaded only when that command runs: a run pays for its own imports, not for all the
// commands' (an idle `sync` is mostly Node's start-up and module loading; sharing, colors and discovery modules
// are not needed by it).
const lazy =
  (load: () => Promise<Command>): Command =>
  (ctx, argv, line) =>
    load().then((run) => run(ctx, argv, line));

const COMMANDS: Record<string, Command> = {
  discover: lazy(() => import('./commands/discover.js').then((m) => m.discoverCommand)),
  sync: lazy(() => import('./commands/sync.js').then((m) => m.syncCommand)),
  colors: lazy(() => import('./commands/colors.js').then((m) => m.colorsCommand)),
  share: lazy(() => import('./commands/share.js').then((m) => m.shareCommand)),
  unshare: lazy(() => import('./commands/unshare.js').then((m) => m.unshareCommand)),
  shares: lazy(() => import('./commands/shares.js').then((m) => m.sharesCommand)),
  invites: lazy(() => import('./commands/invites.js').then((m) => m.invitesCommand)),
  accept: lazy(() => import('./commands/accept.js').then((m) => m.acceptCommand)),
  decline: lazy(() => import('./commands/decline.js').then((m) => m.declineCommand)),
  leave: lazy(() => import('./commands/leave.js').then((m) => m.leaveCommand)),
  publish: lazy(() => import('./commands/publish.js').then((m) => m.publishCommand)),
  unpublish: lazy(() => import('./commands/unpublish.js').then((m) => m.unpublishCommand)),
  link: lazy(() => import('./commands/link.js').then((m) => m.linkCommand)),
  create: lazy(() => import('./commands/create.js').then((m) => m.createCommand)),
  rename: lazy(() => import('./commands/rename.js').then((m) => m.renameCommand)),
  recolor: lazy(() => import('./commands/recolor.js').then((m) => m.recolorCommand)),
  delete: lazy(() => import('./commands/delete.js').then((m) => m.deleteCommand)),
};

function help(ctx: CliContext): string {
  const lines = [...COMMAND_SPECS.values()].map((c) => `  ${c.name.padEnd(11)} ${say(ctx, c.summary, {})}`);
  return [
    say(ctx, 'cli.help-general-usage', {}),
    '',
    say(ctx, 'cli.help-commands', {}),
    ...lines,
    '',
    say(ctx, 'cli.help-about-command-help', {}),
    say(ctx, 'cli.help-accounts', {}),
    say(ctx, 'cli.help-global-options', {}),
  ].join('\n');
}

function unknownCommand(ctx: CliContext, name: string): number {
  ctx.err(say(ctx, 'cli.unknown-command', { name, commands: [...COMMAND_SPECS.keys()] }));
  return USAGE_EXIT;
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
    // "dav-bridge help share" and "dav-bridge --help share": that command's help.
    const about = rest.find((a) => !a.startsWith('-'));
    if (name && about !== undefined) {
      const spec = COMMAND_SPECS.get(about);
      if (!spec) return unknownCommand(ctx, about);
      ctx.out(commandHelp(ctx, spec));
      return 0;
    }
    ctx.out(help(ctx));
    return name ? 0 : USAGE_EXIT;
  }
  const spec = COMMAND_SPECS.get(name);
  const command = COMMANDS[name];
  if (!spec || !command) return unknownCommand(ctx, name);
  if (isHelpRequest(rest)) {
    ctx.out(commandHelp(ctx, spec));
    return 0;
  }
  try {
    return await command(ctx, rest, parseCommandLine(spec, rest));
  } catch (err) {
    ctx.err(`dav-bridge: ${describeError(err, ctx)}`);
    if (err instanceof UserFacingError) return err.exitCode;
    // A command's own parseArgs refusing its arguments is a usage error too.
    if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return USAGE_EXIT;
    return 1;
  }
}

/** The same context, speaking `lang` (from --lang) whatever the locale says. */
function inLanguage(ctx: CliContext, lang: Lang): CliContext {
  return { ...ctx, lang };
}

export function describeError(err: unknown, ctx: CliContext): string {
  if (err instanceof DavError) return err.localized(ctx.lang);
  if (err instanceof UserFacingError) return ctx.lang === 'fr' ? err.messageFr : err.message;
  const code = (err as { code?: string }).code;
  // parseArgs and friends: their messages are already one clear line.
  if (code?.startsWith('ERR_PARSE_ARGS')) return (err as Error).message;
  return say(ctx, 'cli.unexpected-error', { detail: (err as Error)?.message ?? String(err) });
}
