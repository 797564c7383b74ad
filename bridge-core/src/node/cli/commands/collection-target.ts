/**
 * What create, rename, recolor and delete share: the account and collection URL an `<account>:<path>`
 * argument names, and the `<account>:<path>` to type for a collection URL (printed after create).
 */
import type { DavAccount } from '../../../dav/account.js';
import { collectionUrl } from '../../../sharing/session.js';
import { str, synopsis, type CommandLine } from '../command-line.js';
import { commandSpec } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { USAGE_EXIT } from '../usage.js';
import { cliError } from '../words.js';
import { splitTarget } from './share.js';

export async function openCollection(
  ctx: CliContext,
  command: string,
  line: CommandLine,
): Promise<{ account: DavAccount; url: string }> {
  const target = splitTarget(ctx, line.positionals[0], synopsis(commandSpec(command)));
  const account = await ctx.openAccount(target.account, str(line, 'config'));
  return { account, url: collectionUrl(account, target.path) };
}

/** "gilles:/dav/calendars/user/gilles/equipe/": the form the other commands take. */
export function targetFor(account: string, url: string): string {
  return `${account}:${new URL(url).pathname}`;
}

/** "#RRGGBB" or "#RRGGBBAA", checked before anything is sent: a usage error naming the value. */
export function checkColor(command: string, color: string | undefined): void {
  if (color === undefined || /^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/.test(color)) return;
  throw cliError('cli.bad-color', { command, color }, USAGE_EXIT);
}
