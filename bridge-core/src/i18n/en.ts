import { cliEn } from './cli.en.js';
import { graphEn } from './graph.en.js';
import { graphItemsEn } from './graph-items.en.js';
import { graphConnectEn } from './graph-connect.en.js';
import { planEn, planReasonEn } from './plan.en.js';
import { feedEn } from './feed.en.js';
import { scaleOutEn } from './scale-out.en.js';
import type { Catalog } from './messages.js';
import { sharingEn, sharingOperationEn } from './sharing.en.js';
import { syncFilesEn } from './sync-files.en.js';
import { serverEn } from './server.en.js';
import { guestPageEn } from './guest-page.en.js';
import { paneEn } from './pane.en.js';
import { commandsEn } from './commands.en.js';
import { paneApiEn } from './pane-api.en.js';
import { thunderbirdEn } from './thunderbird.en.js';

/** "text [HTTP 403, url] (detail)": the status and address help whoever reads a support request. */
function http(text: string, p: { status: number; url: string; detail?: string | undefined }): string {
  return withDetail(`${text} [HTTP ${p.status}, ${p.url}]`, p.detail);
}
function withDetail(text: string, detail: string | undefined): string {
  return detail ? `${text} (${detail})` : text;
}

function categoryMemoryCorrupt(path: string, reason: string): string {
  return (
    `Category memory ${path} is unreadable: ${reason}. It holds the categories already given to your calendars ` +
    `and your own choices, so it was left as it is: repair it, or move it away to start over.`
  );
}

export const en: Catalog = {
  ...cliEn,
  ...planEn,
  ...feedEn,
  ...scaleOutEn,
  pane: paneEn,
  commands: commandsEn,
  ...paneApiEn,
  ...graphEn,
  ...graphItemsEn,
  ...graphConnectEn,
  thunderbird: {
    ...thunderbirdEn,
    extensionDescription:
      'Your CalDAV/CardDAV calendars and address books in Thunderbird: share them with rights, send guest links.',
  },
  colorProblem: {
    'not-a-string': () => 'not a string',
    empty: () => 'empty',
    'non-hex-digit': () => 'non-hexadecimal digit',
    'hex-digit-count': (digits) => `${digits} hex digits, expected 3, 6 or 8`,
    'functional-notation': () => 'functional notation is not supported',
    'unknown-name': () => 'unknown color name',
  },
  swatchSheet: {
    title: 'DAV Bridge: calendar colors and Outlook categories',
    heading: 'Calendar colors → Outlook categories',
    calendarColumn: 'Calendar',
    categoryColumn: 'Outlook category',
    noCalendars: 'No calendars.',
    noColor: 'no color',
    invalidColor: (color) => `invalid: ${color}`,
    presetNone: (presetName) => `None (${presetName})`,
    unknownPreset: (preset) => `unknown preset ${preset}`,
  },
  operation: {
    ...sharingOperationEn,
    request: 'this request',
    'list-collections': 'listing your calendars and address books',
    'read-account': 'reading your account',
    'find-account': 'finding your account',
    'list-items': 'listing the items',
    'read-items': 'reading the items',
    'read-item': 'reading the item',
    'create-item': 'creating the item',
    'change-item': 'changing the item',
    'delete-item': 'deleting the item',
    'create-calendar': 'creating the calendar',
    'create-address-book': 'creating the address book',
    'delete-collection': 'deleting the collection',
    'change-properties': 'changing the properties',
    'property-change': 'this change of properties',
    'ask-changes': 'asking what changed',
  },
  'dav.authentication-failed': (p) =>
    http('The server rejected the user name or password. Check them, or create a new app password', p),
  'dav.forbidden': (p) => http(`You do not have the right to do ${en.operation[p.operation]} on this resource`, p),
  'dav.not-found': (p) => http('Nothing exists at this address (anymore)', p),
  'dav.conflict': (p) => http('The server refused because of a conflict (the parent collection may not exist)', p),
  'dav.precondition-failed': (p) =>
    http('The item changed on the server since it was last read; nothing was overwritten', p),
  'dav.rate-limited': (p) => http('The server asks to slow down (too many requests); try again later', p),
  'dav.insufficient-storage': (p) => http('The server has no room left (quota exceeded)', p),
  'dav.server-error': (p) => http('The server failed to answer this request; try again later', p),
  'dav.bad-request': (p) => http('The server refused the request', p),
  'dav.not-dav-server': (p) => withDetail(`No CalDAV/CardDAV service answers at ${p.url}`, p.detail),
  'dav.malformed-response': (p) => `The server sent a response that cannot be read (${p.detail}) [${p.url}]`,
  'dav.propfind-not-multistatus': (p) =>
    `The server answered PROPFIND with HTTP ${p.status} instead of a DAV multistatus [${p.url}]`,
  'dav.no-time-filter': (p) => `The server cannot filter this calendar by dates (HTTP ${p.status}) [${p.url}]`,
  'dav.xml-too-deep': (p) =>
    `The server sent a response the bridge refuses to read (XML nested deeper than ${p.max} levels) [${p.url}]`,
  'dav.xml-too-large': (p) =>
    `The server sent a response the bridge refuses to read (XML larger than ${p.max} characters) [${p.url}]`,
  'dav.timeout': (p) => `The server did not answer within ${p.seconds} s [${p.url}]`,
  'dav.network-unreachable': (p) => `Cannot reach the server (${p.cause}) [${p.url}]`,
  'dav.empty-name': () => 'A name cannot be empty',
  'dav.invalid-calendar-color': (p) => `Not a calendar color: "${p.color}" (expected #RRGGBB or #RRGGBBAA)`,
  'dav.not-an-email': (p) => `Not an email address: ${p.email}`,
  'dav.server-ignores-if-none-match': (p) =>
    `The server replaced an existing item at ${p.url} although asked not to (it ignores If-None-Match); ` +
    'DAV Bridge now checks before creating',
  'colors.invalid-color': (p) =>
    `Invalid color ${p.input}: expected #RRGGBB, #RRGGBBAA, #RGB or a CSS color name` +
    (p.problem ? ` (${en.colorProblem[p.problem](p.digits)})` : ''),
  'colors.category-reason': ({ color, naming }) => {
    const colorPart =
      color.kind === 'set-by-user'
        ? 'set by you'
        : color.kind === 'nearest'
          ? `nearest to ${color.color} by CIEDE2000 (ΔE ${color.deltaE})`
          : `${
              color.kind === 'no-color'
                ? 'the calendar has no color'
                : color.kind === 'not-a-color'
                  ? `the calendar color ${color.value} is not a color`
                  : 'the calendar has no usable color'
            }: no category color (None)`;
    const namePart = !naming
      ? ''
      : naming.kind === 'set-by-user'
        ? '; name set by you'
        : `; named "${naming.name}" because you already have a category "${naming.avoided}"`;
    return colorPart + namePart;
  },
  'colors.empty-category-name': () => 'A category name cannot be empty',
  'colors.invalid-category-preset': (p) =>
    `Not an Outlook category preset: ${p.preset} (expected 0..24, or -1 for None)`,
  'config.not-an-object': (p) => `Config file ${p.path}: expected a JSON object`,
  'config.no-accounts': (p) => `Config file ${p.path}: missing "accounts" object`,
  'config.account-not-object': (p) => `Config file ${p.path}: account "${p.account}" must be an object`,
  'config.account-no-username': (p) => `Config file ${p.path}: account "${p.account}" needs a "username"`,
  'config.account-no-server': (p) => `Config file ${p.path}: account "${p.account}" needs a "server" URL or an "email"`,
  'config.account-bad-server': (p) => `Config file ${p.path}: account "${p.account}": "server" is not an http(s) URL`,
  'config.account-bad-secret': (p) =>
    `Config file ${p.path}: account "${p.account}": "${p.key}" must be a string, {"env": NAME} or {"command": [...]}`,
  'config.missing': (p) => `No config file at ${p.path} (use --config FILE or set DAV_BRIDGE_CONFIG)`,
  'config.unreadable': (p) => `Cannot read config file ${p.path}: ${p.code}`,
  'config.invalid-json': (p) => `Config file ${p.path} is not valid JSON: ${p.reason}`,
  'config.secret-command-failed': (p) => `The password command of account "${p.account}" failed (${p.reason})`,
  'config.secret-env-unset': (p) => `Account "${p.account}": environment variable ${p.variable} is not set`,
  'config.unknown-account': (p) => `Unknown account "${p.account}" in ${p.path} (known: ${p.known})`,
  'category-memory.unreadable': (p) => `Cannot read the category memory ${p.path} (${p.code})`,
  'category-memory.invalid-json': (p) => categoryMemoryCorrupt(p.path, `not valid JSON (${p.reason})`),
  'category-memory.invalid': (p) => categoryMemoryCorrupt(p.path, p.reason),
  'category-memory.save-failed': (p) => `Cannot save the category memory ${p.path} (${p.code})`,
  'sync.pair-busy': ({ lockPath, holder, waitedS }) =>
    `another sync of this pair is running (${holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.since}` : 'unknown process'}); ` +
    `${waitedS > 0 ? `waited ${waitedS} s, ` : ''}` +
    `nothing was done. Try again later (--wait SECONDS), or remove ${lockPath} if that process is gone.`,
  'sync.unknown-account-endpoint': ({ arg, account, known }) =>
    `"${arg}": "${account}" is not a configured account (` +
    (known.length > 0 ? `known accounts: ${known.join(', ')}` : 'no account is configured') +
    `). A local folder is written as a path: ./${arg}`,
  'sync.endpoint-without-path': ({ arg, account }) =>
    `"${arg}": give the collection after the colon, e.g. ${account}:/calendars/work/`,
  'sync.share-revoked': (p) =>
    `${p.owner} no longer shares "${p.name}" with you; ` +
    (p.copy ? `your copy is kept at ${p.copy}` : 'your copy is kept') +
    '. This pair is no longer synced (run with --refresh to check again).',
  'sync.not-a-collection': ({ url }) => `${url} is not a calendar, task list or address book`,
  'store.item-exists': (p) => `${p.url} already exists`,
  'sync.conflict-copy-suffix': () => ' (conflict copy)',
  'sync.guard-side-empty': (p) =>
    `Sync stopped: ${p.name} is empty, but the last sync knew ${p.known} item(s) there. ` +
    `Nothing was changed. If the items were really deleted, run again with ${p.forceOption ?? '"force delete"'} to delete them on the other side too.`,
  'sync.guard-too-many-deletions': (p) =>
    `Sync stopped: it would delete ${p.deletions} of the ${p.size} item(s) in ${p.name}, more than the limit ` +
    `(${p.limit}: ${p.allowed} here). Nothing was changed. If that is what you want, run again with ${p.forceOption ?? '"force delete"'} ` +
    `(or raise the limit).`,
  'sync.invalid-deletion-limit': (p) =>
    `not a deletion limit: "${p.text}" (a number of items such as 5, or a share such as 10%)`,
  'sync.read-only-revert': (p) =>
    `your change to "${p.title}" was not sent: ${p.readOnlyName} is read-only; ` +
    (p.keptAt ? `kept at ${p.keptAt}` : 'kept in the conflict log'),
  'sync.item-unreadable': (p) =>
    `${p.id} could not be read (${p.reason}): left as it is on both sides, read again next run`,
  'sync.item-without-uid': (p) => `${p.side}: item ${p.id} has no UID; it is identified by its content`,
  'sync.duplicate-uid': (p) =>
    `${p.side}: ${p.count} items share the UID ${p.uid}; ${p.synced} is synced, ${p.ignored.join(', ')} left alone`,
  'sync.changed-during-run': (p) =>
    `${p.id} changed on ${p.side} during the run: ${p.write === 'update' ? 'not overwritten' : 'not deleted'}; re-planned next run`,
  'sync.unresolved-conflict': (p) => `${planReasonEn(p.reason)}; nothing written`,
  'sync.disappeared-during-run': (p) => `${p.id} disappeared during the run; re-planned next run`,
  'sync.target-unreadable': (p) =>
    `${p.id} could not be read (${p.reason}): nothing written for it, read again next run`,
  'sync.create-collision': (p) => `${p.side} already has a different item at ${p.id}; both kept, re-listed next run`,
  'sync.write-refused': (p) => `refused (no write permission?): ${p.detail}`,
  'sync.write-failed': (p) => `failed: ${p.detail}`,
  'sync.items-wait-for-unreadable': (p) =>
    `${p.waiting} item(s) missing from this side wait until ${p.unreadable.join(', ')} can be read (one of them may be that item)`,
  // The parts that live in files of their own (one per area).
  ...sharingEn,
  ...syncFilesEn,
  ...serverEn,
  ...guestPageEn,
};
