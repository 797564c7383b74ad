/**
 * The words of the `dav-bridge` command line (node/cli/**): every key and the parameters it needs. cli.en.ts and
 * cli.fr.ts put them into words, each typed as `CliCatalog`, so a language cannot miss a key or a parameter;
 * messages.ts merges these keys into the one catalog, so the CLI renders them with `render` like any message.
 */
type NoParams = Record<string, never>;

/** A command's help (command-specs.ts): its summary, each option, its note and its example. */
export type CliHelpKey =
  | 'cli.help.option.config'
  | 'cli.help.option.lang'
  | 'cli.help.option.json'
  | 'cli.help.option.driver'
  | 'cli.help.discover.summary'
  | 'cli.help.discover.example'
  | 'cli.help.sync.summary'
  | 'cli.help.sync.state'
  | 'cli.help.sync.conflict'
  | 'cli.help.sync.start'
  | 'cli.help.sync.end'
  | 'cli.help.sync.read-only'
  | 'cli.help.sync.max-delete'
  | 'cli.help.sync.force-delete'
  | 'cli.help.sync.wait'
  | 'cli.help.sync.dry-run'
  | 'cli.help.sync.refresh'
  | 'cli.help.sync.json'
  | 'cli.help.sync.note'
  | 'cli.help.sync.example'
  | 'cli.help.colors.summary'
  | 'cli.help.colors.svg'
  | 'cli.help.colors.state'
  | 'cli.help.colors.example'
  | 'cli.help.share.summary'
  | 'cli.help.share.with'
  | 'cli.help.share.access'
  | 'cli.help.share.private-events'
  | 'cli.help.share.example'
  | 'cli.help.unshare.summary'
  | 'cli.help.unshare.with'
  | 'cli.help.unshare.example'
  | 'cli.help.shares.summary'
  | 'cli.help.shares.example'
  | 'cli.help.invites.summary'
  | 'cli.help.invites.example'
  | 'cli.help.accept.summary'
  | 'cli.help.accept.example'
  | 'cli.help.decline.summary'
  | 'cli.help.decline.example'
  | 'cli.help.leave.summary'
  | 'cli.help.leave.example'
  | 'cli.help.publish.summary'
  | 'cli.help.publish.expires'
  | 'cli.help.publish.example'
  | 'cli.help.unpublish.summary'
  | 'cli.help.unpublish.example'
  | 'cli.help.link.summary'
  | 'cli.help.link.format'
  | 'cli.help.link.password-note'
  | 'cli.help.link.expires'
  | 'cli.help.link.note'
  | 'cli.help.link.example'
  | 'cli.help.create.summary'
  | 'cli.help.create.kind'
  | 'cli.help.create.name'
  | 'cli.help.create.color'
  | 'cli.help.create.note'
  | 'cli.help.create.example'
  | 'cli.help.rename.summary'
  | 'cli.help.rename.name'
  | 'cli.help.rename.example'
  | 'cli.help.recolor.summary'
  | 'cli.help.recolor.color'
  | 'cli.help.recolor.example'
  | 'cli.help.delete.summary'
  | 'cli.help.delete.yes'
  | 'cli.help.delete.note'
  | 'cli.help.delete.example';

/** Values the CLI shows as words (the same unions as in dav/collections.ts, sharing/types.ts and sync/sync.ts). */
export type CliAccess = 'read' | 'read-write' | 'admin' | 'unknown';
export type CliShareStatus = 'pending' | 'accepted' | 'declined' | 'active';
export type CliCollectionKind = 'events' | 'tasks' | 'events+tasks' | 'contacts';
export type CliSyncPhase = 'list' | 'fetch' | 'plan' | 'execute' | 'done';
/** What `create` makes: a calendar (events), a task list (tasks) or an address book (contacts). */
export type CliCreatedKind = 'events' | 'tasks' | 'contacts';

/** The table headers of discover, colors, invites and shares. */
export type CliColumn =
  | 'kind'
  | 'access'
  | 'shared'
  | 'color'
  | 'name'
  | 'category'
  | 'calendar'
  | 'why'
  | 'from'
  | 'collection'
  | 'sharee'
  | 'private-events'
  | 'status';

/** `see` is the command that shows the help ("dav-bridge help share"). */
interface CommandContext {
  command: string;
  see: string;
}

export interface CliMessageParams extends Record<CliHelpKey, NoParams> {
  // The help (command-line.ts, run.ts).
  'cli.help-usage': { synopsis: string };
  'cli.help-general-usage': NoParams;
  'cli.help-commands': NoParams;
  'cli.help-about-command-help': NoParams;
  'cli.help-options': NoParams;
  'cli.help-option-required': { help: string };
  'cli.help-global-note': NoParams;
  'cli.help-global-options': NoParams;
  'cli.help-examples': { count: number };
  'cli.help-accounts': NoParams;
  // Usage errors (exit 2).
  'cli.usage': { synopsis: string; command: string };
  'cli.unknown-command': { name: string; commands: string[] };
  'cli.bad-lang': { value: string };
  'cli.no-json': CommandContext;
  'cli.unknown-option': CommandContext & { option: string; known: string[] };
  'cli.flag-takes-no-value': CommandContext & { option: string };
  'cli.option-needs-value': CommandContext & { option: string; expected: string };
  /** `detail` is Node's own parser message (English), quoted as is. */
  'cli.bad-arguments': CommandContext & { detail: string };
  'cli.option-required': CommandContext & { option: string; value: string; synopsis: string };
  'cli.option-not-allowed': { command: string; option: string; value: string; allowed: readonly string[] };
  'cli.option-empty': { command: string; option: string; value: string };
  /** An option's value refused by core (the deletion limit): `detail` is core's message, already in words. */
  'cli.option-error': { option: string; detail: string };
  'cli.bad-color': { command: string; color: string };
  'cli.bad-date': { option: string; value: string };
  'cli.bad-expires': { value: string };
  'cli.bad-wait': { value: string };
  'cli.bad-driver': { drivers: readonly string[] };
  // Any command.
  'cli.unexpected-error': { detail: string };
  'cli.warning': { text: string };
  'cli.cannot-write': { path: string; code: string };
  'cli.column': { column: CliColumn };
  'cli.access': { access: CliAccess };
  'cli.share-status': { status: CliShareStatus };
  'cli.kind': { kind: CliCollectionKind };
  'cli.yes-no': { value: boolean };
  // discover
  'cli.discover.principal': { url: string; displayName: string | undefined };
  'cli.discover.shared-with-me': { owner: string | undefined };
  'cli.discover.shared-by-me': NoParams;
  'cli.discover.unknown-access': NoParams;
  'cli.discover.no-longer-shared': { owner: string; name: string };
  'cli.discover.davical-hint': { account: string };
  // colors: why a calendar has its category (joined with "; ").
  'cli.colors.color-set-by-you': NoParams;
  'cli.colors.nearest': { color: string; deltaE: string };
  'cli.colors.no-color': NoParams;
  'cli.colors.not-a-color': { color: string };
  'cli.colors.name-set-by-you': NoParams;
  'cli.colors.name-taken': { name: string };
  'cli.colors.renamed': { suggestion: string };
  'cli.colors.swatch-written': { path: string };
  // Collections: create, rename, recolor, delete.
  'cli.create.created': { kind: CliCreatedKind; name: string; target: string };
  'cli.create.no-home': { kind: CliCreatedKind; account: string };
  'cli.rename.done': { url: string; name: string };
  'cli.recolor.done': { url: string; color: string };
  'cli.delete.not-a-collection': { url: string };
  'cli.delete.needs-yes': { name: string; url: string };
  'cli.delete.done': { name: string; url: string };
  // Sharing.
  'cli.share.done': { url: string; sharee: string; access: string; status: string | undefined; via: string };
  'cli.share.must-accept': { sharee: string };
  'cli.unshare.done': { sharee: string; url: string };
  'cli.shares.none': { url: string };
  'cli.invites.none': NoParams;
  'cli.accept.accepted-at': { kind: 'calendar' | 'contacts'; url: string };
  'cli.accept.accepted': { url: string };
  'cli.accept.subscribed': { name: string; owner: string; url: string };
  'cli.decline.done': { collection: string };
  'cli.leave.done': { url: string };
  'cli.publish.reused': NoParams;
  'cli.publish.no-html': NoParams;
  'cli.publish.expires': { date: string };
  'cli.unpublish.done': { url: string };
  // sync
  'cli.sync.phase': { phase: CliSyncPhase };
  'cli.sync.waiting': { pid: number | undefined; seconds: number };
  'cli.sync.limit-hint': NoParams;
  'cli.sync.dry-run': { actions: number };
  'cli.sync.side-summary': { label: string; created: number; updated: number; deleted: number; errors: number };
  'cli.sync.conflicts': { count: number; unresolved: number; dir: string };
  'cli.sync.unreadable': { count: number };
}

/** One language of the CLI's words. */
export type CliCatalog = { [K in keyof CliMessageParams]: (params: CliMessageParams[K]) => string };
