/**
 * Every `dav-bridge` command as the user sees it: what it does, its arguments, each option (with the values it
 * accepts), notes and an example. The parser (command-line.ts) and `--help` / `dav-bridge help <command>` both
 * read these declarations: there is no second list of options anywhere. Their words are keys of the message catalog
 * (i18n/cli.*.ts), in English and French there.
 */
import type { CommandSpec, OptionSpec } from './command-line.js';

const json: OptionSpec = {
  type: 'boolean',
  help: 'cli.help.option.json',
};

/**
 * `--driver`: servers that speak several sharing protocols (Cyrus: resource-sharing, calendarserver and WebDAV
 * ACL) let the user pick one; a protocol the server does not speak is ignored (the server's first one is used).
 */
const driver: OptionSpec = {
  type: 'string',
  choices: ['calendarserver', 'resource-sharing', 'webdav-acl', 'davical', 'sogo', 'nextcloud'],
  help: 'cli.help.option.driver',
};

const TEAM = 'gilles:/dav/calendars/user/gilles/equipe/';

const specs: CommandSpec[] = [
  {
    name: 'discover',
    summary: 'cli.help.discover.summary',
    args: '<account>',
    positionals: [1, 1],
    options: { json },
    examples: [
      {
        line: 'discover gilles',
        text: 'cli.help.discover.example',
      },
    ],
  },
  {
    name: 'sync',
    summary: 'cli.help.sync.summary',
    args: '<A> <B>',
    positionals: [2, 2],
    options: {
      state: {
        type: 'string',
        value: 'FILE',
        help: 'cli.help.sync.state',
      },
      conflict: {
        type: 'string',
        choices: ['newest', 'a-wins', 'b-wins', 'keep-both', 'error'],
        help: 'cli.help.sync.conflict',
      },
      start: {
        type: 'string',
        value: 'DATE',
        help: 'cli.help.sync.start',
      },
      end: {
        type: 'string',
        value: 'DATE',
        help: 'cli.help.sync.end',
      },
      'read-only': {
        type: 'string',
        choices: ['revert', 'ignore', 'error'],
        help: 'cli.help.sync.read-only',
      },
      'max-delete': {
        type: 'string',
        value: 'N|N%',
        help: 'cli.help.sync.max-delete',
      },
      'force-delete': {
        type: 'boolean',
        help: 'cli.help.sync.force-delete',
      },
      wait: {
        type: 'string',
        value: 'SECONDS',
        help: 'cli.help.sync.wait',
      },
      'dry-run': {
        type: 'boolean',
        help: 'cli.help.sync.dry-run',
      },
      refresh: {
        type: 'boolean',
        help: 'cli.help.sync.refresh',
      },
      json: {
        type: 'boolean',
        help: 'cli.help.sync.json',
      },
    },
    notes: ['cli.help.sync.note'],
    examples: [
      {
        line: `sync ${TEAM} ~/agenda-equipe`,
        text: 'cli.help.sync.example',
      },
    ],
  },
  {
    name: 'colors',
    summary: 'cli.help.colors.summary',
    args: '<account>',
    positionals: [1, 1],
    options: {
      json,
      svg: {
        type: 'string',
        value: 'FILE',
        help: 'cli.help.colors.svg',
      },
      state: {
        type: 'string',
        value: 'FILE',
        help: 'cli.help.colors.state',
      },
    },
    examples: [
      {
        line: 'colors gilles --svg couleurs.svg',
        text: 'cli.help.colors.example',
      },
    ],
  },
  {
    name: 'share',
    summary: 'cli.help.share.summary',
    args: '<account>:<path>',
    positionals: [1, 1],
    options: {
      with: {
        type: 'string',
        value: '<email|principal>',
        required: true,
        help: 'cli.help.share.with',
      },
      access: {
        type: 'string',
        choices: ['read', 'read-write', 'admin'],
        required: true,
        help: 'cli.help.share.access',
      },
      'private-events': {
        type: 'string',
        choices: ['yes', 'no'],
        help: 'cli.help.share.private-events',
      },
      driver,
      json,
    },
    examples: [
      {
        line: `share ${TEAM} --with alexandre@example.com --access read-write`,
        text: 'cli.help.share.example',
      },
    ],
  },
  {
    name: 'unshare',
    summary: 'cli.help.unshare.summary',
    args: '<account>:<path>',
    positionals: [1, 1],
    options: {
      with: {
        type: 'string',
        value: '<email|principal>',
        required: true,
        help: 'cli.help.unshare.with',
      },
      driver,
    },
    examples: [
      {
        line: `unshare ${TEAM} --with david@example.com`,
        text: 'cli.help.unshare.example',
      },
    ],
  },
  {
    name: 'shares',
    summary: 'cli.help.shares.summary',
    args: '<account>:<path>',
    positionals: [1, 1],
    options: { json, driver },
    examples: [{ line: `shares ${TEAM}`, text: 'cli.help.shares.example' }],
  },
  {
    name: 'invites',
    summary: 'cli.help.invites.summary',
    args: '<account>',
    positionals: [1, 1],
    options: { json },
    examples: [
      {
        line: 'invites alexandre',
        text: 'cli.help.invites.example',
      },
    ],
  },
  {
    name: 'accept',
    summary: 'cli.help.accept.summary',
    args: '<account> <invite>',
    positionals: [2, 2],
    options: { json },
    examples: [
      {
        line: 'accept alexandre <id from "dav-bridge invites alexandre">',
        text: 'cli.help.accept.example',
      },
    ],
  },
  {
    name: 'decline',
    summary: 'cli.help.decline.summary',
    args: '<account> <invite>',
    positionals: [2, 2],
    options: {},
    examples: [
      {
        line: 'decline david <id from "dav-bridge invites david">',
        text: 'cli.help.decline.example',
      },
    ],
  },
  {
    name: 'leave',
    summary: 'cli.help.leave.summary',
    args: '<account>:<path>',
    positionals: [1, 1],
    options: { driver },
    examples: [
      {
        line: 'leave david:<path of the share from "dav-bridge discover david">',
        text: 'cli.help.leave.example',
      },
    ],
  },
  {
    name: 'publish',
    summary: 'cli.help.publish.summary',
    args: '<account>:<path>',
    positionals: [1, 1],
    options: {
      json,
      expires: {
        type: 'string',
        value: 'DATE',
        help: 'cli.help.publish.expires',
      },
      driver,
    },
    examples: [
      {
        line: `publish ${TEAM} --expires 2026-12-31`,
        text: 'cli.help.publish.example',
      },
    ],
  },
  {
    name: 'unpublish',
    summary: 'cli.help.unpublish.summary',
    args: '<account>:<path>',
    positionals: [1, 1],
    options: { driver },
    examples: [{ line: `unpublish ${TEAM}`, text: 'cli.help.unpublish.example' }],
  },
  {
    name: 'link',
    summary: 'cli.help.link.summary',
    args: '<account>:<path>',
    positionals: [1, 1],
    options: {
      format: {
        type: 'string',
        choices: ['html', 'text'],
        help: 'cli.help.link.format',
      },
      'password-note': {
        type: 'string',
        value: 'TEXT',
        help: 'cli.help.link.password-note',
      },
      expires: {
        type: 'string',
        value: 'DATE',
        help: 'cli.help.link.expires',
      },
      driver,
    },
    notes: ['cli.help.link.note'],
    examples: [
      {
        line: `link ${TEAM} --lang fr --format html`,
        text: 'cli.help.link.example',
      },
    ],
  },
  {
    name: 'create',
    summary: 'cli.help.create.summary',
    args: '<account>',
    positionals: [1, 1],
    options: {
      kind: {
        type: 'string',
        choices: ['events', 'tasks', 'contacts'],
        required: true,
        help: 'cli.help.create.kind',
      },
      name: {
        type: 'string',
        value: 'NAME',
        required: true,
        help: 'cli.help.create.name',
      },
      color: {
        type: 'string',
        value: '#RRGGBB',
        help: 'cli.help.create.color',
      },
      json,
    },
    notes: ['cli.help.create.note'],
    examples: [
      {
        line: 'create gilles --kind events --name "Équipe technique" --color "#0082C9"',
        text: 'cli.help.create.example',
      },
    ],
  },
  {
    name: 'rename',
    summary: 'cli.help.rename.summary',
    args: '<account>:<path>',
    positionals: [1, 1],
    options: {
      name: {
        type: 'string',
        value: 'NAME',
        required: true,
        help: 'cli.help.rename.name',
      },
    },
    examples: [
      {
        line: `rename ${TEAM} --name "Équipe technique 2027"`,
        text: 'cli.help.rename.example',
      },
    ],
  },
  {
    name: 'recolor',
    summary: 'cli.help.recolor.summary',
    args: '<account>:<path>',
    positionals: [1, 1],
    options: {
      color: {
        type: 'string',
        value: '#RRGGBB',
        required: true,
        help: 'cli.help.recolor.color',
      },
    },
    examples: [
      {
        line: `recolor ${TEAM} --color "#C11A25"`,
        text: 'cli.help.recolor.example',
      },
    ],
  },
  {
    name: 'delete',
    summary: 'cli.help.delete.summary',
    args: '<account>:<path>',
    positionals: [1, 1],
    options: {
      yes: {
        type: 'boolean',
        help: 'cli.help.delete.yes',
      },
    },
    notes: ['cli.help.delete.note'],
    examples: [
      {
        line: `delete ${TEAM} --yes`,
        text: 'cli.help.delete.example',
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
