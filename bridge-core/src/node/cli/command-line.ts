/**
 * Reading a command's arguments from its declaration (command-specs.ts), and its help text from the same
 * declaration, so that what `--help` shows is exactly what the parser accepts. Every mistake is a usage error
 * (exit 2) that names the bad option or value and what is allowed, in English and French.
 */
import { parseArgs } from 'node:util';
import { UserFacingError } from '../localized-error.js';
import type { CliContext } from './context.js';
import { USAGE_EXIT } from './usage.js';

export interface Words {
  en: string;
  fr: string;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** How the value is shown in the synopsis and the help: FILE, DATE, N|N%, <email|principal>... */
  value?: string;
  /** The only values accepted (shown as the value when `value` is absent). */
  choices?: readonly string[];
  required?: boolean;
  help: Words;
}

export interface CommandSpec {
  name: string;
  summary: Words;
  /** The positional arguments as the synopsis shows them: "<account>:<path>", "<A> <B>". */
  args: string;
  /** How many positional arguments: [fewest, most]. */
  positionals: [number, number];
  options: Record<string, OptionSpec>;
  /** At least one example: the command line and what it does. */
  examples: { line: string; en: string; fr: string }[];
  /** More to know, shown under the options. */
  notes?: Words[];
}

export interface CommandLine {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** The options every command reads itself: where the accounts are (see global-options.ts for --lang). */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  config: {
    type: 'string',
    value: 'FILE',
    help: { en: 'the accounts file (see below)', fr: 'le fichier des comptes (voir plus bas)' },
  },
};

function optionsOf(spec: CommandSpec): Record<string, OptionSpec> {
  return { ...spec.options, ...GLOBAL_OPTIONS };
}

function valueOf(opt: OptionSpec): string {
  return opt.value ?? opt.choices?.join('|') ?? 'VALUE';
}

function optionUsage(name: string, opt: OptionSpec): string {
  return opt.type === 'boolean' ? `--${name}` : `--${name} ${valueOf(opt)}`;
}

/** "share <account>:<path> --with <email|principal> --access read|read-write|admin [--private-events yes|no] ..." */
export function synopsis(spec: CommandSpec): string {
  const all = Object.entries(optionsOf(spec));
  const required = all.filter(([, o]) => o.required).map(([n, o]) => optionUsage(n, o));
  const optional = all.filter(([, o]) => !o.required).map(([n, o]) => `[${optionUsage(n, o)}]`);
  return [spec.name, spec.args, ...required, ...optional].filter((s) => s !== '').join(' ');
}

/** The widest option column in a help text. */
const HELP_COLUMN = 32;

export function isHelpRequest(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** The help of one command: synopsis, what it does, every option, notes and examples. */
export function commandHelp(ctx: CliContext, spec: CommandSpec): string {
  const opts = Object.entries(optionsOf(spec)).map(([n, o]) => {
    const required = o.required ? ctx.t(' (required)', ' (obligatoire)') : '';
    return [optionUsage(n, o), `${ctx.t(o.help.en, o.help.fr)}${required}`];
  });
  // Options with long value lists get their help on the next line, so the column stays readable.
  const width = Math.min(HELP_COLUMN, Math.max(...opts.map(([u]) => (u ?? '').length)));
  const optionLine = (u: string, h: string) =>
    u.length > width ? `  ${u}\n  ${''.padEnd(width)}  ${h}` : `  ${u.padEnd(width)}  ${h}`;
  return [
    `${ctx.t('usage:', 'usage :')} dav-bridge ${synopsis(spec)}`,
    '',
    ctx.t(spec.summary.en, spec.summary.fr),
    '',
    ctx.t('Options:', 'Options :'),
    ...opts.map(([u, h]) => optionLine(u ?? '', h ?? '')),
    optionLine('--lang en|fr', ctx.t('the language of the messages', 'la langue des messages')),
    ctx.t(
      '  --config, --json and --lang may also be written before the command.',
      "  --config, --json et --lang peuvent aussi s'écrire avant la commande.",
    ),
    ...(spec.notes ?? []).flatMap((n) => ['', ctx.t(n.en, n.fr)]),
    '',
    ctx.t(spec.examples.length > 1 ? 'Examples:' : 'Example:', spec.examples.length > 1 ? 'Exemples :' : 'Exemple :'),
    ...spec.examples.flatMap((e) => [`  dav-bridge ${e.line}`, `      ${ctx.t(e.en, e.fr)}`]),
    '',
    ctx.t(
      'Accounts come from --config FILE, else $DAV_BRIDGE_CONFIG, else ~/.config/dav-bridge/config.json.',
      'Les comptes viennent de --config FICHIER, sinon $DAV_BRIDGE_CONFIG, sinon ~/.config/dav-bridge/config.json.',
    ),
  ].join('\n');
}

function usage(en: string, fr: string): UserFacingError {
  return new UserFacingError(en, fr, USAGE_EXIT);
}

/** "read, read-write or admin" / "read, read-write ou admin". */
function alternatives(values: readonly string[], or: string): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} ${or} ${values[values.length - 1]}`;
}

/** The option a parseArgs error names (its messages quote it: "Unknown option '--acess'"). */
function optionInError(err: Error): string {
  return /'(-{1,2}[^'\s]+)/.exec(err.message)?.[1] ?? '';
}

/**
 * Reads `argv` as `spec` declares it. Throws a usage error (exit 2, EN/FR) for an unknown option, an option
 * missing its value, a value outside its choices, a required option left out, or the wrong number of
 * positional arguments; each names what was wrong and what is allowed.
 */
export function parseCommandLine(spec: CommandSpec, argv: string[]): CommandLine {
  const options = optionsOf(spec);
  const see = `dav-bridge help ${spec.name}`;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(Object.entries(options).map(([n, o]) => [n, { type: o.type }])),
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    const option = optionInError(err as Error);
    const name = option.replace(/^-+/, '');
    const known = Object.keys(options)
      .map((n) => `--${n}`)
      .join(', ');
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option === '--json') {
      // --json is global (before or after the command), but not every command has a JSON answer.
      throw usage(
        `${spec.name} has no JSON output: leave out --json (see ${see})`,
        `${spec.name} n'a pas de sortie JSON : retirez --json (voir ${see})`,
      );
    }
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw usage(
        `${spec.name}: unknown option ${option} (its options: ${known}; see ${see})`,
        `${spec.name} : option inconnue ${option} (ses options : ${known} ; voir ${see})`,
      );
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const opt = options[name];
      if (opt?.type === 'boolean') {
        throw usage(
          `${spec.name}: ${option} takes no value (write just ${option}; see ${see})`,
          `${spec.name} : ${option} ne prend pas de valeur (écrivez seulement ${option} ; voir ${see})`,
        );
      }
      const expected = opt ? valueOf(opt) : 'VALUE';
      throw usage(
        `${spec.name}: ${option} needs a value: ${option} ${expected} (see ${see})`,
        `${spec.name} : ${option} demande une valeur : ${option} ${expected} (voir ${see})`,
      );
    }
    throw usage(
      `${spec.name}: ${(err as Error).message} (see ${see})`,
      `${spec.name} : ${(err as Error).message} (voir ${see})`,
    );
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  for (const [name, opt] of Object.entries(options)) {
    const value = values[name];
    if (value === undefined) {
      if (opt.required) {
        throw usage(
          `${spec.name}: --${name} ${valueOf(opt)} is required (usage: dav-bridge ${synopsis(spec)}; see ${see})`,
          `${spec.name} : --${name} ${valueOf(opt)} est obligatoire (usage : dav-bridge ${synopsis(spec)} ; voir ${see})`,
        );
      }
      continue;
    }
    if (typeof value === 'string' && opt.choices && !opt.choices.includes(value)) {
      throw usage(
        `${spec.name}: --${name} "${value}" is not allowed: use ${alternatives(opt.choices, 'or')}`,
        `${spec.name} : --${name} « ${value} » n'est pas permis : utilisez ${alternatives(opt.choices, 'ou')}`,
      );
    }
    if (typeof value === 'string' && opt.type === 'string' && value.trim() === '') {
      throw usage(
        `${spec.name}: --${name} is empty: give ${valueOf(opt)}`,
        `${spec.name} : --${name} est vide : donnez ${valueOf(opt)}`,
      );
    }
  }
  const [fewest, most] = spec.positionals;
  if (parsed.positionals.length < fewest || parsed.positionals.length > most) {
    throw usage(
      `usage: dav-bridge ${synopsis(spec)}   (see ${see})`,
      `usage : dav-bridge ${synopsis(spec)}   (voir ${see})`,
    );
  }
  return { values, positionals: parsed.positionals };
}

/** A string option's value (undefined when not given); the parser already checked its type. */
export function str(line: CommandLine, name: string): string | undefined {
  const v = line.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A flag's value (false when not given). */
export function flag(line: CommandLine, name: string): boolean {
  return line.values[name] === true;
}
