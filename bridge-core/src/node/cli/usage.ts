import type { UserFacingError } from '../localized-error.js';
import type { CliContext } from './context.js';
import { cliError } from './words.js';

export const USAGE_EXIT = 2;

/** "usage: dav-bridge <synopsis>", pointing to the command's help (its options and an example). */
export function usageError(_ctx: CliContext, synopsis: string): UserFacingError {
  const name = synopsis.split(' ')[0] ?? '';
  return cliError('cli.usage', { synopsis, command: name }, USAGE_EXIT);
}
