/**
 * Subscribing a calendar: a native Thunderbird CalDAV calendar through the project's experiment (name, color,
 * read-only when my rights do not allow writing), its password put in Thunderbird's login manager (where its
 * CalDAV client reads it; never in extension storage). Unsubscribing removes the calendar.
 */
import { mayWrite, type Collection } from '@dav-bridge/core';
import type { CalendarsExperiment, StorageArea } from '../thunderbird-api.js';
import { UiError } from '../messages.js';

export interface CalendarSubscription {
  accountId: string;
  url: string;
  calendarId: string;
}

const KEY = 'calendars';

export async function calendarSubscriptions(area: StorageArea): Promise<CalendarSubscription[]> {
  return ((await area.get(KEY))[KEY] as CalendarSubscription[] | undefined) ?? [];
}

/**
 * The realm the server names in its Basic challenge: Thunderbird's login manager files HTTP passwords under
 * (origin, realm), so the password must be stored under the realm the CalDAV client will be asked for.
 */
export async function realmOf(url: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  // Cyrus answers a bare "Basic" (no realm) on some connections to a request without credentials, and names its
  // realm when credentials are wrong: ask without, then with a login that cannot exist.
  const attempts: Record<string, string>[] = [{}, { authorization: `Basic ${btoa('dav-bridge-realm-probe:-')}` }];
  let last = '';
  for (const headers of attempts) {
    const res = await fetchImpl(url, { method: 'PROPFIND', headers: { Depth: '0', ...headers }, credentials: 'omit' });
    await res.body?.cancel();
    const challenge = res.headers.get('www-authenticate');
    // The server's answer, quoted as the detail of the catalog's sentence.
    last = challenge === null ? `HTTP ${res.status}` : `HTTP ${res.status}, WWW-Authenticate: ${challenge}`;
    const m = /realm="([^"]*)"/i.exec(challenge ?? '');
    if (m) return m[1] as string;
  }
  throw new UiError('errorCalendarNoRealm', [new URL(url).host, last]);
}

/** The text of an exception, quoted as a detail (the experiment names the step that failed in it). */
const detailOf = (e: unknown): string => String((e as Error)?.message ?? e);

export async function subscribeCalendar(
  experiment: CalendarsExperiment,
  area: StorageArea,
  accountId: string,
  collection: Collection,
  login: { username: string; password: string },
  fetchImpl?: typeof fetch,
): Promise<CalendarSubscription> {
  const existing = (await calendarSubscriptions(area)).find(
    (s) => s.accountId === accountId && s.url === collection.url,
  );
  if (existing) return existing;
  const origin = new URL(collection.url).origin;
  for (const realm of new Set([await realmOf(collection.url, fetchImpl), ''])) {
    // Also under the empty realm: Cyrus challenges with a bare "Basic" (no realm) on a connection that already
    // carried a login, and Thunderbird's CalDAV client meets that on its first calendar-home request. With no login
    // for that realm Thunderbird opens a password dialog, which nobody answers in headless Thunderbird (the calendar
    // never loaded) and which asks the user for a password the extension already has.
    await experiment.storePassword({ origin, realm, ...login }).catch((e: unknown) => {
      throw new UiError('errorCalendarPassword', [origin, detailOf(e)]);
    });
  }
  const calendarId = await experiment
    .create({
      url: collection.url,
      name: collection.name,
      ...(collection.color ? { color: collection.color.slice(0, 7) } : {}),
      readOnly: !mayWrite(collection.access),
      username: login.username,
    })
    .catch((e: unknown) => {
      throw new UiError('errorCalendarCreate', [collection.name, detailOf(e)]);
    });
  const sub = { accountId, url: collection.url, calendarId };
  await area.set({ [KEY]: [...(await calendarSubscriptions(area)), sub] });
  return sub;
}

export async function unsubscribeCalendar(
  experiment: CalendarsExperiment,
  area: StorageArea,
  accountId: string,
  url: string,
): Promise<boolean> {
  const subs = await calendarSubscriptions(area);
  const sub = subs.find((s) => s.accountId === accountId && s.url === url);
  if (!sub) return false;
  await experiment.remove(sub.calendarId);
  await area.set({ [KEY]: subs.filter((s) => s !== sub) });
  return true;
}
