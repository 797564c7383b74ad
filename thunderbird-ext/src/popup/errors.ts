/** An error as the popup and options page show it. */
import { browser } from '../browser.js';
import { RequestFailed } from '../messages.js';
import { failureText } from './view.js';

export function errorText(e: unknown): string {
  return e instanceof RequestFailed ? failureText(browser.i18n, e.failure) : String(e);
}
