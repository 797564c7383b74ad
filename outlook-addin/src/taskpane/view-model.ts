/**
 * The pane's decisions that need no DOM: language, which words a right or an error gets, how collections are grouped,
 * which server an email address points to, what a kept iCalendar version says. Unit-tested in Node
 * (outlook-addin/test/unit/pane-view-model.test.ts); the views only put these into elements.
 */
import { i18n } from '@dav-bridge/core';
import { ApiFailure, BridgeUnreachable, Unavailable, type Collection, type Words } from './api.js';

export type Lang = 'en' | 'fr';
export type PaneWords = i18n.Catalog['pane'];

/** French when Office (else the browser) speaks French, English otherwise. */
export function detectLang(officeLanguage: string | undefined, browserLanguage?: string): Lang {
  const l = (officeLanguage || browserLanguage || 'en').toLowerCase();
  return l.startsWith('fr') ? 'fr' : 'en';
}

export const wordsFor = (lang: Lang): PaneWords => i18n.catalog(lang).pane;

export const textOf = (w: Words | null | undefined, lang: Lang): string | undefined =>
  w === null || w === undefined ? undefined : typeof w === 'string' ? w : w[lang];

/**
 * The rights badge. 'unknown' (the server would not say) is never shown as read: it says that sync treats it as
 * read-only, which is what happens.
 */
export function rightsBadge(access: Collection['access'], w: PaneWords): { label: string; color: string } {
  switch (access) {
    case 'admin':
      return { label: w.rightsAdmin, color: 'brand' };
    case 'read-write':
      return { label: w.rightsReadWrite, color: 'success' };
    case 'read':
      return { label: w.rightsRead, color: 'informative' };
    default:
      return { label: w.rightsUnknown, color: 'warning' };
  }
}

export type ErrorContext = 'sign-in' | 'share' | 'other';

/**
 * An error in plain words with what to do next, never a stack or a bare code. `signedOut`: the session is gone and
 * the pane must show the sign-in form again.
 */
export function explainError(
  err: unknown,
  w: PaneWords,
  context: ErrorContext = 'other',
): { message: string; signedOut: boolean } {
  if (err instanceof BridgeUnreachable) return { message: w.errorBridgeDown, signedOut: false };
  if (err instanceof Unavailable) return { message: w.errorUnavailable, signedOut: false };
  if (!(err instanceof ApiFailure)) return { message: w.errorGeneric, signedOut: false };
  if (err.code === 'authentication-failed' && context === 'sign-in')
    return { message: err.message || w.errorWrongPassword, signedOut: false };
  if (err.status === 401 || err.code === 'not-signed-in' || err.code === 'session-expired')
    return { message: w.errorSessionExpired, signedOut: true };
  if (context === 'share' && (err.status === 403 || err.code === 'forbidden' || err.code === 'not-allowed'))
    return { message: w.errorNoRightToShare, signedOut: false };
  // The DAV server failed or did not answer (the bridge's gateway errors), or the bridge itself is not up.
  if (err.status === 502 || err.status === 503 || err.status === 504 || err.code === 'network-unreachable')
    return { message: w.errorServerDown, signedOut: false };
  if (err.status >= 500) return { message: w.errorGeneric, signedOut: false };
  // The bridge's own 4xx messages are written for users, in their language, with the next step.
  return { message: err.message || w.errorGeneric, signedOut: false };
}

export interface Grouped {
  events: Collection[];
  tasks: Collection[];
  contacts: Collection[];
}

/** Calendars (with events, or events and tasks), task lists, address books; mine first, then by name. */
export function groupCollections(collections: Collection[], lang: Lang): Grouped {
  const order = (a: Collection, b: Collection) =>
    Number(a.sharedWithMe) - Number(b.sharedWithMe) || a.name.localeCompare(b.name, lang);
  const of = (pred: (c: Collection) => boolean) => collections.filter(pred).sort(order);
  return {
    events: of((c) => c.kind === 'events' || c.kind === 'events+tasks'),
    tasks: of((c) => c.kind === 'tasks'),
    contacts: of((c) => c.kind === 'contacts'),
  };
}

/** Who owns a collection, in words: "yours" or "shared by <owner>" (the principal's last path part if no name). */
export function ownerLabel(c: Collection, w: PaneWords): string {
  if (!c.sharedWithMe) return w.ownerMe;
  const owner = c.owner ? (c.owner.replace(/\/+$/, '').split('/').pop() ?? c.owner) : '?';
  return w.ownerOther(decodeURIComponent(owner.replace(/^mailto:/i, '')));
}

/** The server whose id or label names the address's domain ("gilles@example.org" → the "example.org" server). */
export function serverForEmail(
  email: string | undefined,
  servers: Array<{ id: string; label: string }>,
): string | undefined {
  const domain = email?.split('@')[1]?.toLowerCase().trim();
  if (!domain) return undefined;
  const parts = domain.split('.');
  // The whole domain first, then its parent domains ("mail.example.org" → "example.org"), never a bare TLD.
  for (let i = 0; i < parts.length - 1; i++) {
    const d = parts.slice(i).join('.');
    const hit = servers.find((s) => s.id.toLowerCase().includes(d) || s.label.toLowerCase().includes(d));
    if (hit) return hit.id;
  }
  return undefined;
}

/**
 * The server the sign-in form preselects: the one the bridge's discovery found from the address (`suggested`, only
 * if it is still in the list), else the one whose name matches the address's domain.
 */
export function preselectServer(
  email: string | undefined,
  servers: Array<{ id: string; label: string }>,
  suggested: string | undefined,
): string | undefined {
  if (suggested !== undefined && servers.some((s) => s.id === suggested)) return suggested;
  return serverForEmail(email, servers);
}

/** What a kept version is, from its iCalendar or vCard text: title, start, place (unfolded, unescaped). */
export function itemSummary(text: string): { title?: string; when?: string; where?: string } {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const value = (name: string) => {
    const line = lines.find((l) => l.toUpperCase().startsWith(name + ':') || l.toUpperCase().startsWith(name + ';'));
    if (!line) return undefined;
    const v = line.slice(line.indexOf(':') + 1);
    return (
      v
        .replace(/\\n/gi, ' ')
        .replace(/\\([,;\\])/g, '$1')
        .trim() || undefined
    );
  };
  const start = value('DTSTART') ?? value('DUE');
  const when = start?.match(/^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2}))?/);
  const out: { title?: string; when?: string; where?: string } = {};
  const title = value('SUMMARY') ?? value('FN');
  if (title) out.title = title;
  if (when) out.when = `${when[1]}-${when[2]}-${when[3]}${when[4] ? ` ${when[4]}:${when[5]}` : ''}`;
  const where = value('LOCATION');
  if (where) out.where = where;
  return out;
}

/** A date the way the user reads dates. */
export const formatDate = (iso: string, lang: Lang, withTime = false): string =>
  new Date(iso).toLocaleString(lang, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });

/** Office.js's name of a preset color for the "create it yourself" sentence ("DarkBlue" → "Dark Blue"). */
export const presetWords = (presetName: string | null | undefined): string =>
  (presetName ?? 'None').replace(/([a-z])([A-Z])/g, '$1 $2');

/**
 * How far a sync run is, 0..1, from the phase it is in and the items done in that phase; undefined when the run
 * cannot say yet (the bar then moves without a value). Listing and planning count as the first tenth, fetching up
 * to half, writing the rest.
 */
export function syncFraction(
  progress: { phase: string; done: number; total: number } | null | undefined,
): number | undefined {
  if (!progress) return undefined;
  const part = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  switch (progress.phase) {
    case 'starting':
    case 'list':
      return 0.05;
    case 'fetch':
      return 0.1 + 0.4 * part;
    case 'plan':
      return 0.5;
    case 'execute':
      return 0.5 + 0.5 * part;
    case 'done':
      return 1;
    default:
      return undefined;
  }
}
