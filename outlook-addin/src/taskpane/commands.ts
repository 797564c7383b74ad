/**
 * The function file named by manifest.xml (FunctionFile → commands.html → commands.js): registers the ribbon commands
 * that run without the pane. "Share a calendar" needs no code here: its button opens taskpane.html?view=share.
 */
import { insertCalendarLink } from './commands.insert-link.js';

const commands = { insertCalendarLink: (event: Office.AddinCommands.Event) => void insertCalendarLink(event) };

if (typeof Office !== 'undefined') {
  void Office.onReady(() => {
    // Office.actions.associate is the documented registration; older Outlook on Windows looks the function up by its
    // name on the global object instead, so it is there too.
    for (const [name, fn] of Object.entries(commands)) {
      (globalThis as Record<string, unknown>)[name] = fn;
      Office.actions?.associate?.(name, fn);
    }
  });
}
