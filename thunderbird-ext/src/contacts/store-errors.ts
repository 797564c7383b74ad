/**
 * The texts of the errors the Thunderbird contact store gives core's sync engine. The engine keeps only an
 * error's text, as the `detail` or `reason` of its own catalog sentence ("failed: …", "… could not be read (…)"),
 * so the text is a stable code, the name of the extension's catalog sentence, then Thunderbird's own words:
 * `storeContactRefused: Duplicate contact id`. Logs read the code; the popup turns it back into the sentence in
 * the user's language with Thunderbird's words as its quoted detail (`storeErrorMessage`).
 */
import type { UiMessage } from '../messages.js';

/** The catalog sentences of the contact store's errors (thunderbird.* in bridge-core/src/i18n). */
export const STORE_ERRORS = [
  'storeContactRefused',
  'storeChangeRefused',
  'storeDeletionRefused',
  'storeReadFailed',
  'storeContactChanged',
  'storeContactLeftBook',
  'storeNotVCard',
] as const;

export type StoreErrorName = (typeof STORE_ERRORS)[number];

/** Thunderbird's own words of an exception, quoted as a detail. */
function detailOf(cause: unknown): string {
  return String((cause as Error)?.message ?? cause);
}

/** The text of a store error: its code, and the words of the exception that caused it when there is one. */
export function storeErrorText(name: StoreErrorName, cause?: unknown): string {
  return cause === undefined ? name : `${name}: ${detailOf(cause)}`;
}

/** The catalog sentence a store error's text stands for, or undefined for any other text (a server's, core's). */
export function storeErrorMessage(text: string): UiMessage | undefined {
  const colon = text.indexOf(': ');
  const code = colon < 0 ? text : text.slice(0, colon);
  if (!(STORE_ERRORS as readonly string[]).includes(code)) return undefined;
  return { name: code as StoreErrorName, subs: colon < 0 ? [] : [text.slice(colon + 2)] };
}
