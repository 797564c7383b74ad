import { UserFacingError } from '../localized-error.js';
import type { CliContext } from './context.js';

export const USAGE_EXIT = 2;

export function usageError(_ctx: CliContext, synopsis: string): UserFacingError {
  return new UserFacingError(`usage: dav-bridge ${synopsis}`, `usage : dav-bridge ${synopsis}`, USAGE_EXIT);
}
