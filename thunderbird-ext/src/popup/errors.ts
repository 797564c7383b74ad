/**
 * An error as the popup and options page show it: always a sentence of the catalog in the user's language (core's
 * message, the extension's own words, or "something unexpected" around the text of an error nobody worded).
 */
import { browser } from '../browser.js';
import { failureOf, RequestFailed } from '../messages.js';
import { failureText } from './view.js';

export function errorText(e: unknown): string {
  return failureText(browser.i18n, e instanceof RequestFailed ? e.failure : failureOf(e));
}
