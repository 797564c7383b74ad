/**
 * What the popup shows, as words and plain values (no DOM here, so Jest checks it): labels of kinds and rights
 * (Lecture / Ecriture / Gestion), a sync outcome in a sentence, a failure in the user's language.
 */
import { i18n } from '@dav-bridge/core';
import type { Access, Failure, Kind, ShareView } from '../messages.js';
import type { ContactSyncOutcome, ItemIssue } from '../contacts/contact-sync.js';
import { storeErrorMessage } from '../contacts/store-errors.js';
import type { I18nApi } from '../thunderbird-api.js';

export type Lang = 'en' | 'fr';

export function langOf(api: I18nApi): Lang {
  return api.getUILanguage().toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** Says the page's language (the HTML files cannot know it): screen readers then read French with a French voice. */
export function markLanguage(doc: { documentElement: { lang: string } }, api: I18nApi): void {
  doc.documentElement.lang = langOf(api);
}

const KIND: Record<Kind, string> = {
  events: 'kindEvents',
  tasks: 'kindTasks',
  'events+tasks': 'kindEventsTasks',
  contacts: 'kindContacts',
};
const ACCESS: Record<Access, string> = {
  read: 'accessRead',
  'read-write': 'accessReadWrite',
  admin: 'accessAdmin',
  unknown: 'accessUnknown',
};

export const kindLabel = (api: I18nApi, kind: Kind): string => api.getMessage(KIND[kind]);
export const accessLabel = (api: I18nApi, access: Access): string => api.getMessage(ACCESS[access]);

/** The rights badge's class: each level has its own color in popup.css (read, read-write, admin, unknown). */
export const accessClass = (access: Access): string => `badge access-${access}`;

/** Who a share is with, as people read it: the display name, else the address without its "mailto:". */
export function shareeLabel(share: Pick<ShareView, 'sharee' | 'displayName'>): string {
  return share.displayName?.trim() || share.sharee.replace(/^mailto:/i, '');
}

/** A share's state worth saying: an invitation not answered yet, or declined; nothing once it applies. */
export function shareStatusLabel(api: I18nApi, status: string | undefined): string | undefined {
  if (status === 'pending') return api.getMessage('shareStatusPending');
  if (status === 'declined') return api.getMessage('shareStatusDeclined');
  return undefined;
}

/** A color the popup may paint: #RRGGBB or #RRGGBBAA only (anything else from a server is not used in a style). */
export function safeColor(color: string | undefined): string | undefined {
  return color && /^#[0-9a-f]{6}([0-9a-f]{2})?$/i.test(color) ? color.slice(0, 7) : undefined;
}

/** The lines the popup shows for a sync outcome. */
export function outcomeLines(api: I18nApi, o: ContactSyncOutcome): string[] {
  const lang = langOf(api);
  if (o.error) {
    // An outcome saved before errors were Failures holds the exception's text: shown as an unworded error.
    const failure: Failure = typeof o.error === 'string' ? { text: o.error } : o.error;
    return [api.getMessage('syncFailed', failureText(api, failure))];
  }
  if (o.stopped) return [api.getMessage('syncStopped', o.stopped[lang])];
  const n = (c: ContactSyncOutcome['server']) => String(c.created + c.updated + c.deleted);
  const when = new Date(o.at).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB');
  const issues = o.issues ?? [];
  const more = (o.issueCount ?? issues.length) - issues.length;
  return [
    api.getMessage('syncStatus', [when, n(o.thunderbird), n(o.server)]),
    ...o.reverted.map((r) => r[lang]),
    // Core's sentence names the item itself when it has an id; else the line names it.
    ...issues.map((i) =>
      'id' in i.text.params ? issueText(api, i) : api.getMessage('syncIssue', [i.item, issueText(api, i)]),
    ),
    ...(more > 0 ? [api.getMessage('syncMoreIssues', String(more))] : []),
  ];
}

/**
 * Core's sentence of an item the run could not sync, in the user's language; its detail or reason, when the
 * contact store wrote it, becomes the store's catalog sentence too (Thunderbird's own words quoted inside).
 */
export function issueText(api: I18nApi, issue: ItemIssue): string {
  const params: Record<string, unknown> = { ...issue.text.params };
  for (const name of ['detail', 'reason']) {
    const value = params[name];
    const store = typeof value === 'string' ? storeErrorMessage(value) : undefined;
    if (store) params[name] = api.getMessage(store.name, store.subs);
  }
  return i18n.render(langOf(api), { ...issue.text, params } as i18n.Message);
}

/** A failure from the background, in the user's language: never an exception's text on its own. */
export function failureText(api: I18nApi, f: Failure): string {
  const lang = langOf(api);
  if ('message' in f) return i18n.render(lang, f.message);
  if ('ui' in f) return api.getMessage(f.ui.name, f.ui.subs);
  return api.getMessage('errorUnexpected', [f.text]);
}
