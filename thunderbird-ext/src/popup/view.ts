/**
 * What the popup shows, as words and plain values (no DOM here, so Jest checks it): labels of kinds and rights
 * (Lecture / Écriture / Gestion), a sync outcome in a sentence, a failure in the user's language.
 */
import { i18n } from '@dav-bridge/core';
import type { Access, Failure, Kind, ShareView } from '../messages.js';
import type { ContactSyncOutcome } from '../contacts/contact-sync.js';
import type { I18nApi } from '../thunderbird-api.js';

export type Lang = 'en' | 'fr';

export function langOf(api: I18nApi): Lang {
  return api.getUILanguage().toLowerCase().startsWith('fr') ? 'fr' : 'en';
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
  if (o.error) return [api.getMessage('syncFailed', o.error)];
  if (o.stopped) return [api.getMessage('syncStopped', o.stopped[lang])];
  const n = (c: ContactSyncOutcome['server']) => String(c.created + c.updated + c.deleted);
  const when = new Date(o.at).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB');
  return [api.getMessage('syncStatus', [when, n(o.thunderbird), n(o.server)]), ...o.reverted.map((r) => r[lang])];
}

/** A failure from the background, in the user's language: never an exception's text on its own. */
export function failureText(api: I18nApi, f: Failure): string {
  const lang = langOf(api);
  if ('message' in f) return i18n.render(lang, f.message);
  if ('ui' in f) return api.getMessage(f.ui.name, f.ui.subs);
  if ('localized' in f) return f.localized[lang];
  return api.getMessage('errorUnexpected', [f.text]);
}
