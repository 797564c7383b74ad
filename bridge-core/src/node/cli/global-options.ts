/**
 * Options every command takes, written before or after the command name: `dav-bridge --config FILE discover
 * alice` and `dav-bridge discover alice --config FILE` mean the same. `--config` and `--json` are handed to
 * the command (which reads them as its own); `--lang en|fr` is the CLI's and never reaches a command.
 */
import type { Lang } from '../localized-error.js';
import { USAGE_EXIT } from './usage.js';
import { cliError } from './words.js';

/** Global options that take a value, and those that do not. */
const WITH_VALUE = new Set(['--config']);
const FLAGS = new Set(['--json']);

export interface GlobalSplit {
  /** The command name (undefined when there is none). */
  command: string | undefined;
  /** The command's arguments, with the global options written before its name moved behind it. */
  args: string[];
  lang: Lang | undefined;
}

export function splitGlobalOptions(argv: string[]): GlobalSplit {
  const before: string[] = [];
  const rest: string[] = [];
  let command: string | undefined;
  let lang: Lang | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? splitAt(arg) : [arg, undefined];
    if (name === '--lang') {
      const value = inline ?? argv[++i];
      if (value !== 'en' && value !== 'fr') {
        throw cliError('cli.bad-lang', { value: value ?? '' }, USAGE_EXIT);
      }
      lang = value;
      continue;
    }
    if (command !== undefined) {
      rest.push(arg);
    } else if (WITH_VALUE.has(name)) {
      before.push(arg);
      if (inline === undefined && i + 1 < argv.length) before.push(argv[++i] as string);
    } else if (FLAGS.has(name)) {
      before.push(arg);
    } else {
      command = arg;
    }
  }
  return { command, args: [...rest, ...before], lang };
}

function splitAt(arg: string): [string, string] {
  const at = arg.indexOf('=');
  return [arg.slice(0, at), arg.slice(at + 1)];
}
