/** `dav-bridge create <account> --kind events|tasks|contacts --name NAME [--color #RRGGBB]` (see command-specs.ts). */
import { createAddressBook, createCalendar, recolorCollection } from '../../../dav/manage.js';
import { flag, parseCommandLine, str, type CommandLine } from '../command-line.js';
import { commandSpec } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { cliError, say } from '../words.js';
import { checkColor, targetFor } from './collection-target.js';

type Kind = 'events' | 'tasks' | 'contacts';

export async function createCommand(
  ctx: CliContext,
  argv: string[],
  line: CommandLine = parseCommandLine(commandSpec('create'), argv),
): Promise<number> {
  const [accountName] = line.positionals as [string];
  const kind = str(line, 'kind') as Kind; // required, one of the choices: the parser checked
  const name = (str(line, 'name') as string).trim();
  const color = str(line, 'color');
  checkColor('create', color);

  const account = await ctx.openAccount(accountName, str(line, 'config'));
  const { principal } = account.discovery;
  const home = (kind === 'contacts' ? principal.addressbookHomes : principal.calendarHomes)[0];
  if (!home) {
    throw cliError('cli.create.no-home', { kind, account: accountName });
  }
  const url =
    kind === 'contacts'
      ? await createAddressBook(account.transport, home, { name })
      : await createCalendar(account.transport, home, {
          name,
          components: kind === 'tasks' ? ['VTODO'] : ['VEVENT'],
          ...(color ? { color } : {}),
        });
  // Address books are made by extended MKCOL without a color; the color is the same property, set after.
  if (kind === 'contacts' && color) await recolorCollection(account.transport, url, color);

  const target = targetFor(accountName, url);
  if (flag(line, 'json')) {
    ctx.out(JSON.stringify({ url, target, kind, name, color: color ?? null }, null, 2));
    return 0;
  }
  ctx.out(say(ctx, 'cli.create.created', { kind, name, target }));
  return 0;
}
