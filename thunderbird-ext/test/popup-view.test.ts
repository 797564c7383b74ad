/** The popup's words and values (Thunderbird API stand-in for i18n): rights as Lecture / Ecriture / Gestion in French. */
import { i18n } from '@dav-bridge/core';
import { browser } from '../src/browser.js';
import {
  accessClass,
  accessLabel,
  failureText,
  kindLabel,
  markLanguage,
  outcomeLines,
  safeColor,
  shareeLabel,
  shareStatusLabel,
} from '../src/popup/view.js';
import type { ContactSyncOutcome } from '../src/contacts/contact-sync.js';
import { standIn } from './support/browser-standin.js';

const outcome = (o: Partial<ContactSyncOutcome>): ContactSyncOutcome => ({
  pairId: 'p',
  at: '2026-12-02T09:00:00Z',
  ok: true,
  server: { created: 0, updated: 1, deleted: 0, errors: 0 },
  thunderbird: { created: 2, updated: 0, deleted: 1, errors: 0 },
  conflicts: 0,
  unreadable: 0,
  reverted: [],
  ...o,
});

describe('popup view (Thunderbird API stand-in)', () => {
  beforeEach(() => standIn.reset());

  it('names rights Lecture / Ecriture / Gestion in French, Read / Read-write / Manage in English', () => {
    standIn.setLanguage('fr');
    expect(['read', 'read-write', 'admin'].map((a) => accessLabel(browser.i18n, a as 'read'))).toEqual([
      'Lecture',
      'Ecriture',
      'Gestion',
    ]);
    expect(kindLabel(browser.i18n, 'contacts')).toBe("Carnet d'adresses");
    standIn.setLanguage('en-US');
    expect(accessLabel(browser.i18n, 'admin')).toBe('Manage');
  });

  it('says what a sync did, what the guard stopped, and what a read-only book did not take', () => {
    standIn.setLanguage('fr');
    const [line] = outcomeLines(browser.i18n, outcome({}));
    expect(line).toMatch(/^Dernière synchronisation .*\. Modifié dans Thunderbird : 3 ; sur le serveur : 1\.$/);
    expect(outcomeLines(browser.i18n, outcome({ stopped: { en: 'too many', fr: 'trop de suppressions' } }))).toEqual([
      'Synchronisation arrêtée avant toute écriture : trop de suppressions',
    ]);
    const reverted = outcomeLines(
      browser.i18n,
      outcome({ reverted: [{ title: 'Gilles', en: 'not sent', fr: 'non envoyé' }] }),
    );
    expect(reverted[1]).toBe('non envoyé');
  });

  it("renders core's coded errors in the user's language", () => {
    standIn.setLanguage('fr');
    const msg = i18n.message('dav.forbidden', { status: 403, url: 'https://x/', operation: 'create-item' });
    expect(failureText(browser.i18n, { message: msg })).toBe(i18n.render('fr', msg));
  });

  it("marks the page with the user's language, for screen readers", () => {
    const doc = { documentElement: { lang: '' } };
    standIn.setLanguage('fr-CA');
    markLanguage(doc, browser.i18n);
    expect(doc.documentElement.lang).toBe('fr');
    standIn.setLanguage('de');
    markLanguage(doc, browser.i18n);
    expect(doc.documentElement.lang).toBe('en');
  });

  it('paints only plain #RRGGBB colors from a server', () => {
    expect(safeColor('#1E90FFFF')).toBe('#1E90FF');
    expect(safeColor('red;background:url(x)')).toBeUndefined();
  });

  it('gives each rights level its own badge class, names a sharee as people read it, says a pending share in French', () => {
    expect(['read', 'read-write', 'admin', 'unknown'].map((a) => accessClass(a as 'read'))).toEqual([
      'badge access-read',
      'badge access-read-write',
      'badge access-admin',
      'badge access-unknown',
    ]);
    expect(shareeLabel({ sharee: 'mailto:Alexandre@Example.org', displayName: undefined })).toBe(
      'Alexandre@Example.org',
    );
    expect(shareeLabel({ sharee: 'mailto:f@example.org', displayName: ' François ' })).toBe('François');
    expect(shareeLabel({ sharee: '/principals/user/gilles/', displayName: '' })).toBe('/principals/user/gilles/');
    standIn.setLanguage('fr');
    expect(
      ['pending', 'declined', 'accepted', 'active', undefined].map((s) => shareStatusLabel(browser.i18n, s)),
    ).toEqual(['Invitation envoyée', 'Refusé', undefined, undefined, undefined]);
  });
});
