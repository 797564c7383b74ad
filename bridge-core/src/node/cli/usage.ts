import { UserFacingError } from '../localized-error.js';
import type { CliContext } from './context.js';

export const USAGE_EXIT = 2;

/** "usage: dav-bridge <synopsis>", pointing to the command's help (its options and an example). */
export function usageError(_ctx: CliContext, synopsis: string): UserFacingError {
  const name = synopsis.split(' ')[0] ?? '';
  return new UserFacingError(
    `usage: dav-bridge ${synopsis}   (see dav-bridge help ${name})`,
    `usage : dav-bridge ${synopsis}   (voir dav-bridge help ${name})`,
    USAGE_EXIT,
  );
}
