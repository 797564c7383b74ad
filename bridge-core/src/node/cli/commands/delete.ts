/**
 * `dav-bridge delete <account>:<path> --yes` (see command-specs.ts). Deleting a collection deletes everything
 * in it, so it takes --yes; without it the command says what it would delete and changes nothing. Only a
 * calendar, task list or address book is deleted: a home, a principal or a plain folder named by mistake is
 * refused, whatever the flags.
 */
import { deleteCollection } from '../../../dav/manage.js';
import { NS, qname } from '../../../dav/namespaces.js';
import { child, textOf } from '../../../dav/xml.js';
import { readProps } from '../../../sharing/http.js';
import { flag, parseCommandLine, type CommandLine } from '../command-line.js';
import { commandSpec } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { USAGE_EXIT } from '../usage.js';
import { cliError, say } from '../words.js';
import { openCollection } from './collection-target.js';

const DISPLAYNAME = qname(NS.DAV, 'displayname');
const RESOURCETYPE = qname(NS.DAV, 'resourcetype');

export async function deleteCommand(
  ctx: CliContext,
  argv: string[],
  line: CommandLine = parseCommandLine(commandSpec('delete'), argv),
): Promise<number> {
  const { account, url } = await openCollection(ctx, 'delete', line);
  // Read it first: a wrong path fails here (nothing at this address), and we know what it is.
  const { props } = await readProps(account.transport, url, [DISPLAYNAME, RESOURCETYPE]);
  const type = props.get(RESOURCETYPE);
  const isCollection = !!child(type, qname(NS.CALDAV, 'calendar')) || !!child(type, qname(NS.CARDDAV, 'addressbook'));
  if (!isCollection) {
    throw cliError('cli.delete.not-a-collection', { url }, USAGE_EXIT);
  }
  const name = textOf(props.get(DISPLAYNAME))?.trim() || url;
  if (!flag(line, 'yes')) {
    throw cliError('cli.delete.needs-yes', { name, url }, USAGE_EXIT);
  }
  await deleteCollection(account.transport, url);
  ctx.out(say(ctx, 'cli.delete.done', { name, url }));
  return 0;
}
