/** `dav-bridge create <account> --kind events|tasks|contacts --name NAME [--color #RRGGBB]` (see command-specs.ts). */
import { createAddressBook, createCalendar, recolorCollection } from '../../../dav/manage.js';
import { UserFacingError } from '../../localized-error.js';
import { flag, parseCommandLine, str, type CommandLine } from '../command-line.js';
import { commandSpec } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { checkColor, targetFor } from './collection-target.js';

type Kind = 'events' | 'tasks' | 'contacts';

/** "Created the calendar "X": gilles:/path", EN/FR (French agrees with each noun's gender). */
const CREATED: Record<Kind, (name: string, target: string) => [string, string]> = {
  events: (n, t) => [`Created the calendar "${n}": ${t}`, `L'agenda « ${n} » est créé : ${t}`],
  tasks: (n, t) => [`Created the task list "${n}": ${t}`, `La liste de tâches « ${n} » est créée : ${t}`],
  contacts: (n, t) => [`Created the address book "${n}": ${t}`, `Le carnet d'adresses « ${n} » est créé : ${t}`],
};

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
    throw new UserFacingError(
      kind === 'contacts'
        ? `${accountName} has no address book home on this server: it cannot hold address books`
        : `${accountName} has no calendar home on this server: it cannot hold calendars or task lists`,
      kind === 'contacts'
        ? `${accountName} n'a pas d'espace de carnets d'adresses sur ce serveur : il ne peut pas en avoir`
        : `${accountName} n'a pas d'espace d'agendas sur ce serveur : il ne peut pas avoir d'agendas ni de listes de tâches`,
    );
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
  ctx.out(ctx.t(...CREATED[kind](name, target)));
  return 0;
}
