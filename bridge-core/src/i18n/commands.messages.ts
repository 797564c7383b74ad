/**
 * The words of the Outlook ribbon commands (outlook-addin/src/taskpane/commands.*): Outlook shows them in the
 * notification bar of the mail being written, in Office's display language (at most 150 characters).
 */
export interface CommandWords {
  noLink: string;
  signedOut: string;
  openPane: string;
  unreachable: (detail: string) => string;
  inserted: (name: string) => string;
  insertFailed: (detail: string) => string;
  notComposing: string;
  passwordNote: string;
}
