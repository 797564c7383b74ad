/**
 * The "Insert calendar link" ribbon command (compose, meeting organizer): inserts the newest usable guest link the
 * user made, as core's snippet in Office's display language, at the cursor (HTML or text by the body's type). With
 * no link, or signed out, it says so in the notification bar and offers to open the pane: Office.addin.showAsTaskpane
 * needs SharedRuntime 1.1, which Outlook does not support, so the documented way is an InsightMessage whose action
 * opens the pane's button (Mailbox 1.10, compose only), else an informational message naming the button.
 * event.completed() is always called: Outlook shows a spinner until it is.
 */
import { renderLinkSnippet } from '@dav-bridge/core';
import type { GuestLinkView } from '../middle-tier/contract/guest-links.js';
import { COMMAND_WORDS as W, commandLang, fit, type CommandLang } from './commands.strings.js';

/** The key of this command's notification: each run replaces the previous one instead of piling them up. */
export const NOTIFICATION_KEY = 'davBridgeInsertLink';
/** The icon resource (manifest.xml, bt:Images) an informational notification must name. */
const NOTIFICATION_ICON = 'Icon.16x16';
/** The pane buttons (manifest.xml ids) an insight message opens, by item type. */
export const PANE_BUTTON = { message: 'msgComposeOpenPane', appointment: 'apptOrganizerOpenPane' } as const;

type Usable = GuestLinkView & { url: string; icsUrl: string; webcalUrl: string };

/** Links a guest can open right now: readable, not expired, not locked; newest first. */
export function usableLinks(links: GuestLinkView[]): Usable[] {
  return links
    .filter((l): l is Usable => l.url !== null && l.icsUrl !== null && l.webcalUrl !== null)
    .filter((l) => !l.expired && !l.locked && !l.unreadable)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

type LinksAnswer =
  { kind: 'links'; links: GuestLinkView[] } | { kind: 'signed-out' } | { kind: 'failed'; detail: string };

/** GET /api/v1/guest-links on the bridge that serves commands.html (same origin: the session cookie goes along). */
export async function fetchGuestLinks(fetchFn: Fetch, lang: CommandLang): Promise<LinksAnswer> {
  let res: Response;
  try {
    res = await fetchFn('/api/v1/guest-links', {
      method: 'GET',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'accept-language': lang },
    });
  } catch (err) {
    return { kind: 'failed', detail: err instanceof Error ? err.message : String(err) };
  }
  if (res.status === 401) return { kind: 'signed-out' };
  const body = (await res.json().catch(() => undefined)) as
    { guestLinks?: GuestLinkView[]; error?: { message?: string } } | undefined;
  if (!res.ok || !Array.isArray(body?.guestLinks)) {
    // The bridge's error message is already in the user's language (accept-language); the status is the fallback.
    return { kind: 'failed', detail: body?.error?.message ?? `HTTP ${res.status}` };
  }
  return { kind: 'links', links: body.guestLinks };
}

function snippetOf(link: Usable, lang: CommandLang): { html: string; text: string } {
  return renderLinkSnippet({
    link: { ics: link.icsUrl, webcal: link.webcalUrl, html: link.url },
    lang,
    calendarName: link.collectionName,
    ...(link.hasPassword ? { passwordNote: W.passwordNote[lang] } : {}),
    expires: link.expiresAt ? new Date(link.expiresAt) : null,
  });
}

/** Office.Body, whose setter exists only where the item is being written (compose, organizer). */
type Body = Office.Body;

/** The body's format, as Microsoft recommends asking first: HTML into a plain-text body fails. */
function bodyType(body: Body): Promise<'html' | 'text'> {
  return new Promise((resolve) => {
    if (typeof body.getTypeAsync !== 'function') return resolve('html');
    body.getTypeAsync((r: Office.AsyncResult<Office.CoercionType>) =>
      resolve(
        r.status === Office.AsyncResultStatus.Succeeded && r.value === Office.CoercionType.Text ? 'text' : 'html',
      ),
    );
  });
}

function setSelected(body: Body, data: string, coercionType: 'html' | 'text'): Promise<string | undefined> {
  return new Promise((resolve) => {
    body.setSelectedDataAsync(
      data,
      { coercionType: coercionType === 'text' ? Office.CoercionType.Text : Office.CoercionType.Html },
      (r: Office.AsyncResult<void>) =>
        resolve(r.status === Office.AsyncResultStatus.Succeeded ? undefined : (r.error?.message ?? 'unknown error')),
    );
  });
}

type Notice = { kind: 'info' | 'error'; message: string } | { kind: 'open-pane'; message: string };

function notify(
  item: Office.MessageCompose | Office.AppointmentCompose,
  lang: CommandLang,
  notice: Notice,
): Promise<void> {
  const messages = item.notificationMessages;
  const put = (details: Office.NotificationMessageDetails) =>
    new Promise<boolean>((resolve) => {
      messages.replaceAsync(NOTIFICATION_KEY, details, (r) => resolve(r.status === Office.AsyncResultStatus.Succeeded));
    });
  const informational: Office.NotificationMessageDetails = {
    type: Office.MailboxEnums.ItemNotificationMessageType.InformationalMessage,
    message: fit(notice.message),
    icon: NOTIFICATION_ICON,
    persistent: false,
  };
  if (notice.kind === 'error')
    return put({
      type: Office.MailboxEnums.ItemNotificationMessageType.ErrorMessage,
      message: fit(notice.message),
    }).then(() => undefined);
  if (notice.kind === 'info') return put(informational).then(() => undefined);
  const insight = Office.context.requirements?.isSetSupported?.('Mailbox', '1.10');
  if (!insight) return put(informational).then(() => undefined);
  const commandId = String(item.itemType) === 'appointment' ? PANE_BUTTON.appointment : PANE_BUTTON.message;
  return put({
    type: Office.MailboxEnums.ItemNotificationMessageType.InsightMessage,
    message: fit(notice.message),
    icon: NOTIFICATION_ICON,
    // The pane can read this with item.getInitializationContextAsync (Mailbox 1.8) to open on its guest links. A JSON
    // string, not an object: Outlook on Windows before Version 2402 accepts only strings here.
    actions: [
      {
        actionType: Office.MailboxEnums.ActionType.ShowTaskPane,
        actionText: W.openPane[lang],
        commandId,
        contextData: JSON.stringify({ view: 'guest-links' }),
      },
    ],
  }).then(async (ok) => {
    // A client that announces 1.10 but refuses actions here still gets the words.
    if (!ok) await put(informational);
  });
}

/** The command itself, as Office.actions.associate registers it. */
export async function insertCalendarLink(event: { completed: () => void }, fetchFn: Fetch = fetch): Promise<void> {
  try {
    const lang = commandLang(Office.context.displayLanguage);
    const item = Office.context.mailbox.item as Office.MessageCompose | Office.AppointmentCompose | undefined;
    const body = item?.body as Body | undefined;
    if (!item || typeof body?.setSelectedDataAsync !== 'function') {
      if (item?.notificationMessages) await notify(item, lang, { kind: 'error', message: W.notComposing[lang] });
      return;
    }
    const answer = await fetchGuestLinks(fetchFn, lang);
    if (answer.kind === 'signed-out')
      return await notify(item, lang, { kind: 'open-pane', message: W.signedOut[lang] });
    if (answer.kind === 'failed')
      return await notify(item, lang, { kind: 'error', message: W.unreachable[lang](answer.detail) });
    const link = usableLinks(answer.links)[0];
    if (!link) return await notify(item, lang, { kind: 'open-pane', message: W.noLink[lang] });
    const type = await bodyType(body);
    const snippet = snippetOf(link, lang);
    const failure = await setSelected(body, type === 'text' ? snippet.text : snippet.html, type);
    await notify(
      item,
      lang,
      failure
        ? { kind: 'error', message: W.insertFailed[lang](failure) }
        : { kind: 'info', message: W.inserted[lang](link.collectionName) },
    );
  } catch (err) {
    // Never leave Outlook's spinner turning; the error goes to the console of the function file.
    console.error('insertCalendarLink failed', err);
  } finally {
    event.completed();
  }
}
