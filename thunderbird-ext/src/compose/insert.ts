/**
 * The compose script (registered with `scripting.compose`): runs inside a compose window's editor and inserts what
 * the background sends at the cursor, with the editor's own command so it joins the undo history. An HTML compose
 * gets the HTML snippet; a plain-text compose the text version (the background picks it from getComposeDetails).
 * `setComposeDetails` would replace the whole body: inserting here is the only way to respect the cursor.
 */
import { browser } from '../browser.js';
import { isInsertRequest } from './insert-request.js';

import type { RuntimeApi } from '../thunderbird-api.js';

/** Listens for the background's insert requests; answers whether the editor took the text. */
export function listenForInserts(runtime: RuntimeApi): void {
  runtime.onMessage.addListener((message) => {
    if (!isInsertRequest(message)) return undefined;
    const ok =
      message.format === 'html'
        ? document.execCommand('insertHTML', false, message.content)
        : document.execCommand('insertText', false, message.content);
    return Promise.resolve({ ok });
  });
}

listenForInserts(browser.runtime);
