/**
 * The extension's one entry to the `browser` API. Everything else imports `browser` from here, never the
 * global: webextension-polyfill throws outside an extension, and Jest maps it to a strict stand-in written from
 * the documented API (test/support/browser-standin.ts), so background, popup and options code run under Jest.
 */
import polyfill from 'webextension-polyfill';
import type { ExtensionApi } from './thunderbird-api.js';

// The polyfill is typed for Firefox; Thunderbird's own namespaces are declared in thunderbird-api.ts.
export const browser = polyfill as unknown as ExtensionApi;
