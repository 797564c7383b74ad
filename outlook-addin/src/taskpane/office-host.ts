/**
 * Every Office.js call the pane makes, in one module: inserting a snippet into the item being written, a new
 * prefilled message from read mode, and the Outlook master category of a subscribed calendar. Each call reads the
 * `Office` global when it runs (not when this module loads), so the pane still works in a plain browser tab, and
 * unit tests can put office-addin-mock's object there. Results are plain outcomes, never thrown: the pane turns
 * them into words from the catalog.
 */

/** Microsoft's documented limit for displayNewMessageForm's htmlBody (Mailbox 1.6). */
export const NEW_MESSAGE_HTML_LIMIT = 32 * 1024;

export type InsertOutcome =
  /** Inserted at the cursor of the message or appointment being written. */
  | { kind: 'inserted'; as: 'html' | 'text' }
  /** Read mode: a new message was opened with the snippet as its body. */
  | { kind: 'new-message' }
  /** Not inside Outlook, or an item that takes neither (the pane says to open a message being written). */
  | { kind: 'no-item' }
  | { kind: 'too-large' }
  | { kind: 'failed'; detail: string };

export type CategoryOutcome =
  | { kind: 'created' | 'updated' | 'unchanged'; name: string }
  /** Mailbox 1.8 is missing (or not in Outlook): the pane says which category to create by hand. */
  | { kind: 'unsupported'; name: string }
  | { kind: 'failed'; name: string; detail: string };

interface Snippet {
  html: string;
  text: string;
}

type AsyncCallback<T> = (result: Office.AsyncResult<T>) => void;

/** The Office global when Office.js is there; undefined in a plain browser tab (or a test that removed it). */
function office(): typeof Office | undefined {
  return typeof Office === 'undefined' ? undefined : Office;
}

const succeeded = (r: Office.AsyncResult<unknown>) => r.status === office()?.AsyncResultStatus.Succeeded;

/** Office.js's callback style as a promise; a failed result resolves too (the caller reads its status). */
function call<T>(start: (done: AsyncCallback<T>) => void): Promise<Office.AsyncResult<T>> {
  return new Promise((resolve, reject) => {
    try {
      start(resolve);
    } catch (err) {
      // Office.js throws synchronously on bad arguments (Sys.ArgumentException): same path as a failure.
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

const errorText = (r: Office.AsyncResult<unknown>) => r.error?.message || r.error?.name || 'unknown error';

/** The Office display language ("fr-FR"...), undefined outside Office. */
export function displayLanguage(): string | undefined {
  return office()?.context?.displayLanguage || undefined;
}

/** The mailbox's own address (to find the user's server), undefined outside Outlook. */
export function mailboxAddress(): string | undefined {
  return office()?.context?.mailbox?.userProfile?.emailAddress || undefined;
}

/**
 * Puts the snippet where the user is writing: at the cursor of a message or appointment being composed (HTML or
 * text as the body is, asked first: HTML into a text body fails with InvalidFormatError); in read mode, a new
 * message prefilled with it (displayNewMessageForm, whose htmlBody is limited to 32 KB).
 */
export async function insertSnippet(snippet: Snippet, subject?: string): Promise<InsertOutcome> {
  const o = office();
  const mailbox = o?.context?.mailbox;
  const body = mailbox?.item?.body;
  try {
    if (o && body && typeof body.setSelectedDataAsync === 'function') {
      const type =
        typeof body.getTypeAsync === 'function'
          ? await call<Office.CoercionType>((d) => body.getTypeAsync(d))
          : undefined;
      const asText = type !== undefined && succeeded(type) && type.value === o.CoercionType.Text;
      const r = await call<void>((d) =>
        body.setSelectedDataAsync(
          asText ? snippet.text : snippet.html,
          { coercionType: asText ? o.CoercionType.Text : o.CoercionType.Html },
          d,
        ),
      );
      return succeeded(r)
        ? { kind: 'inserted', as: asText ? 'text' : 'html' }
        : { kind: 'failed', detail: errorText(r) };
    }
    if (mailbox && typeof mailbox.displayNewMessageForm === 'function') {
      if (snippet.html.length > NEW_MESSAGE_HTML_LIMIT) return { kind: 'too-large' };
      mailbox.displayNewMessageForm({ htmlBody: snippet.html, ...(subject ? { subject } : {}) });
      return { kind: 'new-message' };
    }
  } catch (err) {
    return { kind: 'failed', detail: err instanceof Error ? err.message : String(err) };
  }
  return { kind: 'no-item' };
}

/** Office.js's name of a category color: "Preset0".."Preset24", "None" for no color. */
export function categoryColor(preset: number | null): string {
  return preset !== null && Number.isInteger(preset) && preset >= 0 && preset <= 24 ? `Preset${preset}` : 'None';
}

/** True where masterCategories can be used (Mailbox 1.8; the manifest asks ReadWriteMailbox). */
export function categoriesSupported(): boolean {
  const o = office();
  return Boolean(o?.context?.requirements?.isSetSupported('Mailbox', '1.8') && o.context.mailbox?.masterCategories);
}

/**
 * Creates the calendar's master category with its preset color, or recolors it when it exists with another color.
 * Only the category of that exact name is ever touched: the user's other categories are neither renamed nor
 * recolored. Office.js has no "update": recoloring removes and adds back that one name (items keep their
 * category string, so they show the new color).
 */
export async function ensureMasterCategory(name: string, preset: number | null): Promise<CategoryOutcome> {
  if (!categoriesSupported()) return { kind: 'unsupported', name };
  const categories = office()!.context.mailbox.masterCategories;
  const color = categoryColor(preset);
  try {
    const list = await call<Office.CategoryDetails[]>((d) => categories.getAsync(d));
    if (!succeeded(list)) return { kind: 'failed', name, detail: errorText(list) };
    // Outlook compares category names without case: "équipe" and "Équipe" are one category.
    const existing = (list.value ?? []).find((c) => c.displayName.toLocaleLowerCase() === name.toLocaleLowerCase());
    if (existing && String(existing.color) === color) return { kind: 'unchanged', name: existing.displayName };
    if (existing) {
      const removed = await call<void>((d) => categories.removeAsync([existing.displayName], d));
      if (!succeeded(removed)) return { kind: 'failed', name, detail: errorText(removed) };
    }
    const displayName = existing?.displayName ?? name;
    const added = await call<void>((d) => categories.addAsync([{ displayName, color }], d));
    if (!succeeded(added)) {
      // Put the category back as it was rather than leave the user without it.
      if (existing) await call<void>((d) => categories.addAsync([existing], d)).catch(() => undefined);
      return { kind: 'failed', name, detail: errorText(added) };
    }
    return { kind: existing ? 'updated' : 'created', name: displayName };
  } catch (err) {
    return { kind: 'failed', name, detail: err instanceof Error ? err.message : String(err) };
  }
}

/** How an Office dialog ended: the page's message, closed by the user, or it could not open. */
export type DialogOutcome =
  | { kind: 'message'; message: string }
  /** The user closed the dialog (DialogEventReceived, 12006) or it navigated away (12002, 12003). */
  | { kind: 'closed'; code: number }
  /** Not inside Office (or a host without dialogs). */
  | { kind: 'unsupported' }
  | { kind: 'failed'; detail: string };

/**
 * Opens `url` (absolute, https, on the pane's own domain) in an Office dialog and waits for its first message
 * (Office.context.ui.messageParent) or its closing; the dialog is closed once it has spoken.
 */
export async function openDialog(url: string): Promise<DialogOutcome> {
  const o = office();
  const ui = o?.context?.ui;
  if (!o || !ui || typeof ui.displayDialogAsync !== 'function') return { kind: 'unsupported' };
  return new Promise<DialogOutcome>((resolve) => {
    try {
      ui.displayDialogAsync(url, { height: 60, width: 40, promptBeforeOpen: false }, (r) => {
        if (!succeeded(r)) return resolve({ kind: 'failed', detail: errorText(r) });
        const dialog = r.value;
        dialog.addEventHandler(o.EventType.DialogMessageReceived, (arg) => {
          dialog.close();
          resolve({ kind: 'message', message: 'message' in arg ? String(arg.message) : '' });
        });
        dialog.addEventHandler(o.EventType.DialogEventReceived, (arg) =>
          resolve({ kind: 'closed', code: 'error' in arg ? Number(arg.error) : 0 }),
        );
      });
    } catch (err) {
      resolve({ kind: 'failed', detail: err instanceof Error ? err.message : String(err) });
    }
  });
}
