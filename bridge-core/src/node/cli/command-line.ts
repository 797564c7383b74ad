/**
 * Reading a command's arguments from its declaration (command-specs.ts), and its help text from the same
 * declaration, so that what `--help` shows is exactly what the parser accepts. Every mistake is a usage error
 * (exit 2) that names the bad option or value and what is allowed, in the catalog's words (i18n/cli.*.ts).
 */
import { parseArgs } from 'node:util';
import type { CliHelpKey } from '../../i18n/cli.messages.js';
import type { CliContext } from './context.js';
import { USAGE_EXIT } from './usage.js';
import { cliError, say } from './words.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** How the value is shown in the synopsis and the help: FILE, DATE, N|N%, <email|principal>... */
  value?: string;
  /** The only values accepted (shown as the value when `value` is absent). */
  choices?: readonly string[];
  required?: boolean;
  /** Its help text in the catalog. */
  help: CliHelpKey;
}

export interface CommandSpec {
  name: string;
  summary: CliHelpKey;
  /** The positional arguments as the synopsis shows them: "<account>:<path>", "<A> <B>". */
  args: string;
  /** How many positional arguments: [fewest, most]. */
  positionals: [number, number];
  options: Record<string, OptionSpec>;
  /** At least one example: the command line and what it does. */
  examples: { line: string; text: CliHelpKey }[];
  /** More to know, shown under the options. */
  notes?: CliHelpKey[];
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
    help: 'cli.help.option.config',
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
    const help = say(ctx, o.help, {});
    return [optionUsage(n, o), o.required ? say(ctx, 'cli.help-option-required', { help }) : help];
  });
  // Options with long value lists get their help on the next line, so the column stays readable.
  const width = Math.min(HELP_COLUMN, Math.max(...opts.map(([u]) => (u ?? '').length)));
  const optionLine = (u: string, h: string) =>
    u.length > width ? `  ${u}\n  ${''.padEnd(width)}  ${h}` : `  ${u.padEnd(width)}  ${h}`;
  return [
    say(ctx, 'cli.help-usage', { synopsis: synopsis(spec) }),
    '',
    say(ctx, spec.summary, {}),
    '',
    say(ctx, 'cli.help-options', {}),
    ...opts.map(([u, h]) => optionLine(u ?? '', h ?? '')),
    optionLine('--lang en|fr', say(ctx, 'cli.help.option.lang', {})),
    `  ${say(ctx, 'cli.help-global-note', {})}`,
    ...(spec.notes ?? []).flatMap((n) => ['', say(ctx, n, {})]),
    '',
    say(ctx, 'cli.help-examples', { count: spec.examples.length }),
    ...spec.examples.flatMap((e) => [`  dav-bridge ${e.line}`, `      ${say(ctx, e.text, {})}`]),
    '',
    say(ctx, 'cli.help-accounts', {}),
  ].join('\n');
}

/** A usage error (exit 2) in the catalog's words. */
const usage: typeof cliError = (key, params) => cliError(key, params, USAGE_EXIT);

/** The option a parseArgs error names (its messages quote it: "Unknown option '--acess'"). */
function optionInError(err: Error): string {
  return /'(-{1,2}[^'\s]+)/.exec(err.message)?.[1] ?? '';
}

/**
 * Reads `argv` as `spec` declares it. Throws a usage error (exit 2) for an unknown option, an option
 * missing its value, a value outside its choices, a required option left out, or the wrong number of
 * positional arguments; each names what was wrong and what is allowed.
 */
export function parseCommandLine(spec: CommandSpec, argv: string[]): CommandLine {
  const options = optionsOf(spec);
  const see = `dav-bridge help ${spec.name}`;
  const command = { command: spec.name, see };
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
    const known = Object.keys(options).map((n) => `--${n}`);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option === '--json') {
      // --json is global (before or after the command), but not every command has a JSON answer.
      throw usage('cli.no-json', command);
    }
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw usage('cli.unknown-option', { ...command, option, known });
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const opt = options[name];
      if (opt?.type === 'boolean') throw usage('cli.flag-takes-no-value', { ...command, option });
      const expected = opt ? valueOf(opt) : 'VALUE';
      throw usage('cli.option-needs-value', { ...command, option, expected });
    }
    throw usage('cli.bad-arguments', { ...command, detail: (err as Error).message });
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  for (const [name, opt] of Object.entries(options)) {
    const value = values[name];
    if (value === undefined) {
      if (opt.required) {
        throw usage('cli.option-required', {
          ...command,
          option: `--${name}`,
          value: valueOf(opt),
          synopsis: synopsis(spec),
        });
      }
      continue;
    }
    if (typeof value === 'string' && opt.choices && !opt.choices.includes(value)) {
      throw usage('cli.option-not-allowed', {
        command: spec.name,
        option: `--${name}`,
        value,
        allowed: opt.choices,
      });
    }
    if (typeof value === 'string' && opt.type === 'string' && value.trim() === '') {
      throw usage('cli.option-empty', { command: spec.name, option: `--${name}`, value: valueOf(opt) });
    }
  }
  const [fewest, most] = spec.positionals;
  if (parsed.positionals.length < fewest || parsed.positionals.length > most) {
    throw usage('cli.usage', { synopsis: synopsis(spec), command: spec.name });
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
