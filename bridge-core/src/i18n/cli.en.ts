import type { CliCatalog, CliColumn } from './cli.messages.js';

/** "1 error", "2 errors", "0 errors": in English only 1 takes the singular. */
function counted(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "read, read-write or admin". */
function alternatives(values: readonly string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

const ACCOUNTS = 'Accounts come from --config FILE, else $DAV_BRIDGE_CONFIG, else ~/.config/dav-bridge/config.json.';

const COLUMNS: Record<CliColumn, string> = {
  kind: 'KIND',
  access: 'ACCESS',
  shared: 'SHARED',
  color: 'COLOR',
  name: 'NAME',
  category: 'CATEGORY',
  calendar: 'CALENDAR',
  why: 'WHY',
  from: 'FROM',
  collection: 'COLLECTION',
  sharee: 'SHAREE',
  'private-events': 'PRIVATE EVENTS',
  status: 'STATUS',
};

export const cliEn: CliCatalog = {
  'cli.help.option.config': () => 'the accounts file (see below)',
  'cli.help.option.lang': () => 'the language of the messages',
  'cli.help.option.json': () => 'print JSON instead of text',
  'cli.help.option.driver': () =>
    'the sharing protocol to use where the server speaks several (Cyrus: resource-sharing, calendarserver, webdav-acl; webdav-acl can grant admin); ignored where the server does not speak it',
  'cli.help.discover.summary': () => 'list the principal and every calendar, task list and address book',
  'cli.help.discover.example': () => "Gilles's collections with their kind, rights, sharing, color and URL",
  'cli.help.sync.summary': () => 'two-way sync of a collection with another collection or a local folder',
  'cli.help.sync.state': () =>
    'where the pair remembers what it synced (default ~/.local/state/dav-bridge/sync/<pair>.sqlite)',
  'cli.help.sync.conflict': () => 'who wins when both sides changed an item (default newest; the loser is kept)',
  'cli.help.sync.start': () => 'only events from this date (YYYY-MM-DD)',
  'cli.help.sync.end': () => 'only events before this date (YYYY-MM-DD)',
  'cli.help.sync.read-only': () =>
    'what becomes of a local change a read-only side does not take (default revert, kept in the conflicts folder)',
  'cli.help.sync.max-delete': () => 'the most deletions per side before the run stops (default 10%, 1 always allowed)',
  'cli.help.sync.force-delete': () => 'let this run delete beyond the limit (when you did delete those items)',
  'cli.help.sync.wait': () => 'how long to wait for another run of the same pair (default 30)',
  'cli.help.sync.dry-run': () => 'plan and report, write nothing',
  'cli.help.sync.refresh': () => "re-read the collections' rights and kinds (cached for a day)",
  'cli.help.sync.json': () => 'JSON lines: progress, then a summary',
  'cli.help.sync.note': () =>
    'A and B are each <account>:<collection path> or a local folder written as a path (./x, /x, ~/x, ../x).',
  'cli.help.sync.example': () => 'keep the team calendar and a local folder (one .ics per event) in step',
  'cli.help.colors.summary': () => "show each calendar's color and the Outlook category it maps to",
  'cli.help.colors.svg': () => 'also write a swatch sheet (SVG)',
  'cli.help.colors.state': () =>
    "the category memory (default: this config file's and account's, under ~/.local/state/dav-bridge/categories/)",
  'cli.help.colors.example': () => "Gilles's calendars, their Outlook categories and why, and a swatch sheet",
  'cli.help.share.summary': () => 'grant a colleague read, read-write or admin rights on a collection',
  'cli.help.share.with': () => 'who gets access',
  'cli.help.share.access': () =>
    'read (Lecture), read-write (Ecriture) or admin (Gestion); a level the server cannot express is refused',
  'cli.help.share.private-events': () => 'whether the sharee sees private events (where the server can say)',
  'cli.help.share.example': () => 'Alexandre may read and change the team calendar',
  'cli.help.unshare.summary': () => "revoke a colleague's access",
  'cli.help.unshare.with': () => 'whose access to remove',
  'cli.help.unshare.example': () => 'David no longer sees the team calendar',
  'cli.help.shares.summary': () => 'list who has access, with rights and invitation status',
  'cli.help.shares.example': () => 'who has access to the team calendar',
  'cli.help.invites.summary': () => 'list the share invitations you received',
  'cli.help.invites.example': () => 'the invitations waiting for Alexandre’s answer, with their ids',
  'cli.help.accept.summary': () => 'accept a share invitation',
  'cli.help.accept.example': () => 'the shared collection appears in Alexandre’s account',
  'cli.help.decline.summary': () => 'decline a share invitation',
  'cli.help.decline.example': () => 'David declines the invitation',
  'cli.help.leave.summary': () => 'leave a collection shared with you',
  'cli.help.leave.example': () => 'David stops receiving the shared calendar',
  'cli.help.publish.summary': () => 'publish a read-only public link (ICS, webcal)',
  'cli.help.publish.expires': () => 'the link stops working after this date (servers whose links can expire)',
  'cli.help.publish.example': () => 'a link for François (outside the company) until the end of the year',
  'cli.help.unpublish.summary': () => 'remove the public link',
  'cli.help.unpublish.example': () => 'the public link stops working',
  'cli.help.link.summary': () => 'print the text or HTML to paste into a mail for a link',
  'cli.help.link.format': () => 'HTML or plain text (default text)',
  'cli.help.link.password-note': () => 'a hint about the password, shown as is (never the password itself)',
  'cli.help.link.expires': () => 'make a new link that stops working after this date',
  'cli.help.link.note': () =>
    'The text is in your language; --lang en|fr chooses it (for a reader who speaks the other one).',
  'cli.help.link.example': () => 'the French HTML to paste into the mail to François',
  'cli.help.create.summary': () => 'create a calendar, task list or address book',
  'cli.help.create.kind': () => 'events (a calendar), tasks (a task list) or contacts (an address book)',
  'cli.help.create.name': () => 'the name people see',
  'cli.help.create.color': () => 'its color (#RRGGBB or #RRGGBBAA)',
  'cli.help.create.note': () => 'SOGo has no event-only or task-only calendars: there, every calendar takes both.',
  'cli.help.create.example': () => 'a new team calendar; prints its URL (for share, sync...)',
  'cli.help.rename.summary': () => 'rename a calendar, task list or address book',
  'cli.help.rename.name': () => 'the new name',
  'cli.help.rename.example': () => 'the team calendar gets a new name (its URL stays)',
  'cli.help.recolor.summary': () => 'change the color of a calendar, task list or address book',
  'cli.help.recolor.color': () => 'the new color (#RRGGBB or #RRGGBBAA)',
  'cli.help.recolor.example': () => 'the team calendar turns dark red (Outlook category DarkRed)',
  'cli.help.delete.summary': () => 'delete a calendar, task list or address book and everything in it, on the server',
  'cli.help.delete.yes': () => 'really delete (without it, says what would be deleted and changes nothing)',
  'cli.help.delete.note': () => 'To stop receiving a collection someone shared with you, use "dav-bridge leave".',
  'cli.help.delete.example': () => 'the team calendar and its events are deleted from the server',
  'cli.help-usage': (p) => `usage: dav-bridge ${p.synopsis}`,
  'cli.help-general-usage': () => 'usage: dav-bridge <command> [options]',
  'cli.help-commands': () => 'Commands:',
  'cli.help-about-command-help': () =>
    'dav-bridge help <command> (or dav-bridge <command> --help): its options and an example.',
  'cli.help-options': () => 'Options:',
  'cli.help-option-required': (p) => `${p.help} (required)`,
  'cli.help-global-note': () => '--config, --json and --lang may also be written before the command.',
  'cli.help-global-options': () =>
    'Global options, before or after the command: --config FILE, --lang en|fr, and --json where a command has it.',
  'cli.help-examples': (p) => (p.count > 1 ? 'Examples:' : 'Example:'),
  'cli.help-accounts': () => ACCOUNTS,
  'cli.usage': (p) => `usage: dav-bridge ${p.synopsis}   (see dav-bridge help ${p.command})`,
  'cli.unknown-command': (p) =>
    `dav-bridge: unknown command "${p.name}" (commands: ${p.commands.join(', ')}; see dav-bridge --help)`,
  'cli.bad-lang': (p) => `--lang takes en or fr, not "${p.value}"`,
  'cli.no-json': (p) => `${p.command} has no JSON output: leave out --json (see ${p.see})`,
  'cli.unknown-option': (p) =>
    `${p.command}: unknown option ${p.option} (its options: ${p.known.join(', ')}; see ${p.see})`,
  'cli.flag-takes-no-value': (p) => `${p.command}: ${p.option} takes no value (write just ${p.option}; see ${p.see})`,
  'cli.option-needs-value': (p) => `${p.command}: ${p.option} needs a value: ${p.option} ${p.expected} (see ${p.see})`,
  'cli.bad-arguments': (p) => `${p.command}: ${p.detail} (see ${p.see})`,
  'cli.option-required': (p) =>
    `${p.command}: ${p.option} ${p.value} is required (usage: dav-bridge ${p.synopsis}; see ${p.see})`,
  'cli.option-not-allowed': (p) =>
    `${p.command}: ${p.option} "${p.value}" is not allowed: use ${alternatives(p.allowed)}`,
  'cli.option-empty': (p) => `${p.command}: ${p.option} is empty: give ${p.value}`,
  'cli.option-error': (p) => `${p.option}: ${p.detail}`,
  'cli.bad-color': (p) => `${p.command}: --color "${p.color}" is not a color: use #RRGGBB or #RRGGBBAA (e.g. #0082C9)`,
  'cli.bad-date': (p) => `${p.option}: not a date: "${p.value}" (use YYYY-MM-DD)`,
  'cli.bad-expires': (p) => `--expires: not a date: "${p.value}" (use YYYY-MM-DD or an ISO date-time)`,
  'cli.bad-wait': (p) => `--wait: not a number of seconds: "${p.value}"`,
  'cli.bad-driver': (p) => `--driver must be one of ${p.drivers.join(', ')}`,
  'cli.unexpected-error': (p) => `unexpected error: ${p.detail}`,
  'cli.warning': (p) => `warning: ${p.text}`,
  'cli.cannot-write': (p) => `Cannot write ${p.path} (${p.code})`,
  'cli.column': (p) => COLUMNS[p.column],
  'cli.access': (p) => p.access,
  'cli.share-status': (p) => p.status,
  'cli.kind': (p) => p.kind,
  'cli.yes-no': (p) => (p.value ? 'yes' : 'no'),
  'cli.discover.principal': (p) => `Principal: ${p.url}${p.displayName ? ` (${p.displayName})` : ''}`,
  'cli.discover.shared-with-me': (p) => (p.owner ? `with me (${p.owner})` : 'with me'),
  'cli.discover.shared-by-me': () => 'by me',
  'cli.discover.unknown-access': () =>
    'unknown: the server does not say what you may do with this collection; sync treats it as read-only',
  'cli.discover.no-longer-shared': (p) => `${p.owner} no longer shares "${p.name}" with you.`,
  'cli.discover.davical-hint': (p) =>
    'Nothing shared with you is listed: DAViCal does not tell you what colleagues share. Ask them for the ' +
    `address of the calendar or address book, then run "dav-bridge accept ${p.account} <address>" to add it here.`,
  'cli.colors.color-set-by-you': () => 'color set by you',
  'cli.colors.nearest': (p) => `nearest to ${p.color} (ΔE00 ${p.deltaE})`,
  'cli.colors.no-color': () => 'the calendar has no color',
  'cli.colors.not-a-color': (p) => `"${p.color}" is not a color`,
  'cli.colors.name-set-by-you': () => 'name set by you',
  'cli.colors.name-taken': (p) => `"${p.name}" is already taken`,
  'cli.colors.renamed': (p) => `renamed on the server, category kept (new name would be "${p.suggestion}")`,
  'cli.colors.swatch-written': (p) => `Swatch sheet written to ${p.path}`,
  'cli.create.created': (p) =>
    `Created the ${p.kind === 'events' ? 'calendar' : p.kind === 'tasks' ? 'task list' : 'address book'} "${p.name}": ${p.target}`,
  'cli.create.no-home': (p) =>
    p.kind === 'contacts'
      ? `${p.account} has no address book home on this server: it cannot hold address books`
      : `${p.account} has no calendar home on this server: it cannot hold calendars or task lists`,
  'cli.rename.done': (p) => `${p.url} is now named "${p.name}"`,
  'cli.recolor.done': (p) => `${p.url} is now ${p.color}`,
  'cli.delete.not-a-collection': (p) => `${p.url} is not a calendar, task list or address book: nothing was deleted`,
  'cli.delete.needs-yes': (p) =>
    `delete would remove "${p.name}" (${p.url}) and everything in it from the server; nothing was deleted: add --yes to delete it`,
  'cli.delete.done': (p) => `Deleted "${p.name}" (${p.url})`,
  'cli.share.done': (p) =>
    `Shared ${p.url} with ${p.sharee} (${p.access}${p.status ? `, ${p.status}` : ''}, via ${p.via})`,
  'cli.share.must-accept': (p) => `${p.sharee} must accept the invitation (dav-bridge invites / accept).`,
  'cli.unshare.done': (p) => `${p.sharee} no longer has access to ${p.url}`,
  'cli.shares.none': (p) => `${p.url} is not shared with anyone.`,
  'cli.invites.none': () => 'No invitation is waiting for an answer.',
  'cli.accept.accepted-at': (p) =>
    `Accepted: the shared ${p.kind === 'contacts' ? 'address book' : 'calendar'} is now at ${p.url}`,
  'cli.accept.accepted': (p) => `Accepted the invitation to ${p.url}`,
  'cli.accept.subscribed': (p) => `Added "${p.name}" shared by ${p.owner}: it is at ${p.url}`,
  'cli.decline.done': (p) => `Declined the invitation to ${p.collection}`,
  'cli.leave.done': (p) => `You left the share ${p.url}`,
  'cli.publish.reused': () => 'Already published: this is its public link (no second link was made).',
  'cli.publish.no-html': () => '(none on this server)',
  'cli.publish.expires': (p) => `Expires: ${p.date}`,
  'cli.unpublish.done': (p) => `${p.url} is no longer published`,
  'cli.sync.phase': (p) =>
    ({ list: 'listing', fetch: 'downloading', plan: 'planning', execute: 'writing', done: 'done' })[p.phase],
  'cli.sync.waiting': (p) =>
    `dav-bridge: another sync of this pair is running${p.pid !== undefined ? ` (pid ${p.pid})` : ''}; waiting up to ${p.seconds} s...`,
  'cli.sync.limit-hint': () => 'dav-bridge: the limit is --max-delete N (items) or N% (default 10%).',
  'cli.sync.dry-run': (p) => `Dry run: ${counted(p.actions, 'action', 'actions')} planned, nothing written.`,
  'cli.sync.side-summary': (p) =>
    `${p.label}: ${p.created} created, ${p.updated} updated, ${p.deleted} deleted, ${counted(p.errors, 'error', 'errors')}`,
  'cli.sync.conflicts': (p) =>
    `${counted(p.count, 'conflict', 'conflicts')} (${p.unresolved} left for you); losing versions kept in ${p.dir}`,
  'cli.sync.unreadable': (p) =>
    p.count === 1
      ? `${p.count} item could not be read: left as it is on both sides, read again next run`
      : `${p.count} items could not be read: left as they are on both sides, read again next run`,
};
