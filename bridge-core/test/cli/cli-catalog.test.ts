/**
 * Issue 11 item 2 for the CLI: every `dav-bridge` sentence lives in the message catalog (i18n/cli.*.ts). Renders
 * every CLI key in English and French with sample parameters: no output is empty or shows "undefined", every
 * parameter given in free text reaches the words in both languages, and the French differs from the English
 * except where the words are the same on purpose (listed below, each with its reason).
 */
import { catalog, message, render, type Lang, type MessageKey, type MessageParams } from '../../src/i18n/index.js';
import type { CliMessageParams } from '../../src/i18n/cli.messages.js';
import { commandHelp } from '../../src/node/cli/command-line.js';
import { COMMAND_SPECS } from '../../src/node/cli/command-specs.js';
import { createContext } from '../../src/node/cli/context.js';

type CliKey = keyof CliMessageParams;

const URL_ = 'https://dav.example.org/dav/calendars/user/gilles/equipe/';
const context = { command: 'share', see: 'dav-bridge help share' };

/**
 * Sample parameters of every non-help key (help keys take none). Several samples where the words depend on a
 * value (a kind, a count: singular and plural). Free-text values are distinctive so the test can find them.
 */
const SAMPLES: { [K in Exclude<CliKey, `cli.help.${string}`>]: CliMessageParams[K][] } = {
  'cli.help-usage': [{ synopsis: 'share <account>:<path> --with X' }],
  'cli.help-general-usage': [{}],
  'cli.help-commands': [{}],
  'cli.help-about-command-help': [{}],
  'cli.help-options': [{}],
  'cli.help-option-required': [{ help: 'who gets access' }],
  'cli.help-global-note': [{}],
  'cli.help-global-options': [{}],
  'cli.help-examples': [{ count: 1 }, { count: 2 }],
  'cli.help-accounts': [{}],
  'cli.usage': [{ synopsis: 'sync <A> <B>', command: 'sync' }],
  'cli.unknown-command': [{ name: 'sahre', commands: ['discover', 'share'] }],
  'cli.bad-lang': [{ value: 'de' }],
  'cli.no-json': [context],
  'cli.unknown-option': [{ ...context, option: '--acess', known: ['--with', '--access'] }],
  'cli.flag-takes-no-value': [{ ...context, option: '--json' }],
  'cli.option-needs-value': [{ ...context, option: '--with', expected: '<email|principal>' }],
  'cli.bad-arguments': [{ ...context, detail: 'Option -x is ambiguous' }],
  'cli.option-required': [{ ...context, option: '--access', value: 'read|admin', synopsis: 'share <account>:<path>' }],
  'cli.option-not-allowed': [{ command: 'share', option: '--access', value: 'write', allowed: ['read', 'admin'] }],
  'cli.option-empty': [{ command: 'rename', option: '--name', value: 'NAME' }],
  'cli.option-error': [{ option: '--max-delete', detail: 'not a deletion limit: "x"' }],
  'cli.bad-color': [{ command: 'recolor', color: 'bleu' }],
  'cli.bad-date': [{ option: '--start', value: '31/12' }],
  'cli.bad-expires': [{ value: 'demain' }],
  'cli.bad-wait': [{ value: '-1' }],
  'cli.bad-driver': [{ drivers: ['sogo', 'davical'] }],
  'cli.unexpected-error': [{ detail: 'EPIPE-boom' }],
  'cli.warning': [{ text: 'SOGo-said-so' }],
  'cli.cannot-write': [{ path: '/tmp/couleurs.svg', code: 'EACCES' }],
  'cli.column': (
    [
      'kind',
      'access',
      'shared',
      'color',
      'name',
      'category',
      'calendar',
      'why',
      'from',
      'collection',
      'sharee',
      'private-events',
      'status',
    ] as const
  ).map((column) => ({ column })),
  'cli.access': (['read', 'read-write', 'admin', 'unknown'] as const).map((access) => ({ access })),
  'cli.share-status': (['pending', 'accepted', 'declined', 'active'] as const).map((status) => ({ status })),
  'cli.kind': (['events', 'tasks', 'events+tasks', 'contacts'] as const).map((kind) => ({ kind })),
  'cli.yes-no': [{ value: true }, { value: false }],
  'cli.discover.principal': [
    { url: URL_, displayName: 'Gilles' },
    { url: URL_, displayName: undefined },
  ],
  'cli.discover.shared-with-me': [{ owner: 'gilles' }, { owner: undefined }],
  'cli.discover.shared-by-me': [{}],
  'cli.discover.unknown-access': [{}],
  'cli.discover.no-longer-shared': [{ owner: 'gilles', name: 'Équipe technique' }],
  'cli.discover.davical-hint': [{ account: 'david' }],
  'cli.colors.color-set-by-you': [{}],
  'cli.colors.nearest': [{ color: '#0082C9', deltaE: '3.2' }],
  'cli.colors.no-color': [{}],
  'cli.colors.not-a-color': [{ color: 'rgb(1,2,3)' }],
  'cli.colors.name-set-by-you': [{}],
  'cli.colors.name-taken': [{ name: 'Équipe technique' }],
  'cli.colors.renamed': [{ suggestion: 'Équipe technique 2027' }],
  'cli.colors.swatch-written': [{ path: '/tmp/couleurs.svg' }],
  'cli.create.created': (['events', 'tasks', 'contacts'] as const).map((kind) => ({
    kind,
    name: 'Équipe technique',
    target: 'gilles:/dav/equipe/',
  })),
  'cli.create.no-home': (['events', 'tasks', 'contacts'] as const).map((kind) => ({ kind, account: 'francois' })),
  'cli.rename.done': [{ url: URL_, name: 'Équipe technique 2027' }],
  'cli.recolor.done': [{ url: URL_, color: '#C11A25' }],
  'cli.delete.not-a-collection': [{ url: URL_ }],
  'cli.delete.needs-yes': [{ name: 'Équipe technique', url: URL_ }],
  'cli.delete.done': [{ name: 'Équipe technique', url: URL_ }],
  'cli.share.done': [
    { url: URL_, sharee: 'alexandre@example.com', access: 'Ecriture', status: 'pending-word', via: 'Cyrus' },
    { url: URL_, sharee: 'alexandre@example.com', access: 'Ecriture', status: undefined, via: 'Cyrus' },
  ],
  'cli.share.must-accept': [{ sharee: 'david@example.com' }],
  'cli.unshare.done': [{ sharee: 'david@example.com', url: URL_ }],
  'cli.shares.none': [{ url: URL_ }],
  'cli.invites.none': [{}],
  'cli.accept.accepted-at': [
    { kind: 'calendar', url: URL_ },
    { kind: 'contacts', url: URL_ },
  ],
  'cli.accept.accepted': [{ url: URL_ }],
  'cli.accept.subscribed': [{ name: 'Équipe technique', owner: 'gilles', url: URL_ }],
  'cli.decline.done': [{ collection: URL_ }],
  'cli.leave.done': [{ url: URL_ }],
  'cli.publish.reused': [{}],
  'cli.publish.no-html': [{}],
  'cli.publish.expires': [{ date: '2026-12-31T23:59:59.000Z' }],
  'cli.unpublish.done': [{ url: URL_ }],
  'cli.link.not-published': [{ url: URL_ }],
  'cli.sync.phase': (['list', 'fetch', 'plan', 'execute', 'done'] as const).map((phase) => ({ phase })),
  'cli.sync.waiting': [
    { pid: 4242, seconds: 30 },
    { pid: undefined, seconds: 30 },
  ],
  'cli.sync.limit-hint': [{}],
  'cli.sync.dry-run': [{ actions: 1 }, { actions: 7 }],
  'cli.sync.side-summary': [
    { label: 'gilles', created: 1, updated: 0, deleted: 0, errors: 1 },
    { label: 'gilles', created: 2, updated: 3, deleted: 4, errors: 5 },
  ],
  'cli.sync.conflicts': [
    { count: 1, unresolved: 0, dir: '/tmp/s.sqlite.conflicts' },
    { count: 3, unresolved: 2, dir: '/tmp/s.sqlite.conflicts' },
  ],
  'cli.sync.unreadable': [{ count: 1 }, { count: 2 }],
};

/**
 * Words that are the same in English and French on purpose, by key and rendered text: technical names, the
 * product's own English rights names, words French borrows as they are.
 */
const SAME_IN_BOTH: Array<[key: CliKey, why: string, english?: string]> = [
  ['cli.column', 'COLLECTION is a French word too', 'COLLECTION'],
  ['cli.kind', '"contacts" is a French word too', 'contacts'],
  ['cli.discover.principal', '"Principal" is the DAV term, kept in French'],
];

function isHelpKey(key: string): boolean {
  return key.startsWith('cli.help.');
}

function cliKeys(lang: Lang): string[] {
  return Object.keys(catalog(lang))
    .filter((k) => k.startsWith('cli.'))
    .sort();
}

function samplesOf(key: CliKey): MessageParams[MessageKey][] {
  if (isHelpKey(key)) return [{} as MessageParams[MessageKey]];
  return (SAMPLES as Record<string, MessageParams[MessageKey][]>)[key] ?? [];
}

/** Parameters naming one of a few values, which the words translate rather than show (`kind: 'events'`). */
const ENUMERATED = new Set(['kind', 'access', 'status', 'column', 'phase']);

/** The free-text values of a sample (strings, numbers, the items of lists): the words must show each of them. */
function freeText(key: CliKey, params: object): string[] {
  return Object.entries(params).flatMap(([name, v]) => {
    // share.done's `status` is a label the shell already put into words.
    if (ENUMERATED.has(name) && key !== 'cli.share.done') return [];
    // The number of examples only chooses "Example:" or "Examples:".
    if (key === 'cli.help-examples') return [];
    if (typeof v === 'string' || typeof v === 'number') return [String(v)];
    if (Array.isArray(v)) return v.map(String);
    return [];
  });
}

describe('the CLI words in the catalog (i18n/cli.*.ts)', () => {
  test('English and French have the same CLI keys, and every key has samples', () => {
    expect(cliKeys('fr')).toEqual(cliKeys('en'));
    expect(cliKeys('en').length).toBeGreaterThan(100);
    const missing = cliKeys('en').filter((k) => samplesOf(k as CliKey).length === 0);
    expect(missing).toEqual([]);
  });

  test('every CLI key renders in both languages: not empty, no "undefined", every free-text parameter shown', () => {
    const problems: string[] = [];
    for (const key of cliKeys('en') as CliKey[]) {
      for (const params of samplesOf(key)) {
        for (const lang of ['en', 'fr'] as const) {
          const text = render(lang, message(key, params as MessageParams[typeof key]));
          if (text.trim() === '') problems.push(`${lang} ${key}: empty`);
          if (/undefined|NaN|\[object /.test(text)) problems.push(`${lang} ${key}: ${text}`);
          for (const value of freeText(key, params))
            if (!text.includes(value)) problems.push(`${lang} ${key}: "${value}" missing from "${text}"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('the French differs from the English, except the words listed as the same on purpose', () => {
    const same: string[] = [];
    for (const key of cliKeys('en') as CliKey[]) {
      for (const params of samplesOf(key)) {
        const en = render('en', message(key, params as MessageParams[typeof key]));
        const fr = render('fr', message(key, params as MessageParams[typeof key]));
        if (en !== fr) continue;
        const allowed = SAME_IN_BOTH.some(([k, , text]) => k === key && (text === undefined || text === en));
        if (!allowed) same.push(`${key}: ${en}`);
      }
    }
    expect(same).toEqual([]);
  });

  test('French plurals: the singular also covers 0; English: only 1', () => {
    const side = (lang: Lang, errors: number) =>
      render(lang, message('cli.sync.side-summary', { label: 'g', created: 0, updated: 0, deleted: 0, errors }));
    expect(side('fr', 0)).toBe('g : 0 créé, 0 modifié, 0 supprimé, 0 erreur');
    expect(side('fr', 2)).toBe('g : 0 créé, 0 modifié, 0 supprimé, 2 erreurs');
    expect(side('en', 0)).toBe('g: 0 created, 0 updated, 0 deleted, 0 errors');
    expect(side('en', 1)).toBe('g: 0 created, 0 updated, 0 deleted, 1 error');
  });

  test("every command's help renders from the catalog in both languages (summary, options, note, example)", () => {
    for (const lang of ['en', 'fr'] as const) {
      const ctx = { ...createContext({ DAV_BRIDGE_LANG: lang }), out: () => {}, err: () => {} };
      for (const spec of COMMAND_SPECS.values()) {
        const help = commandHelp(ctx, spec);
        expect(help).not.toMatch(/undefined|cli\.help\./);
        expect(help).toContain(render(lang, message(spec.summary, {})));
        for (const opt of Object.values(spec.options)) expect(help).toContain(render(lang, message(opt.help, {})));
      }
    }
  });
});
