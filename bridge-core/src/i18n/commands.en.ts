import type { CommandWords } from './commands.messages.js';

export const commandsEn: CommandWords = {
  noLink: 'You have no guest link yet: open DAV Bridge (Calendars button) to create one, then insert it.',
  signedOut: 'You are signed out of DAV Bridge: open it (Calendars button) to sign in, then insert your link.',
  openPane: 'Open DAV Bridge',
  unreachable: (detail: string) => `DAV Bridge could not give your guest links (${detail}). Try again in a moment.`,
  inserted: (name: string) => `Guest link to "${name}" inserted.`,
  insertFailed: (detail: string) => `Outlook could not insert the link (${detail}).`,
  notComposing: 'Open a mail or meeting you are writing to insert your guest link.',
  passwordNote: 'The password will be sent separately.',
};
