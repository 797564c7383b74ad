/** The pane's decisions without a DOM (taskpane/view-model.ts): language, rights badges, errors, grouping. */
import { ApiFailure, BridgeUnreachable, Unavailable, type Collection } from '../../src/taskpane/api.js';
import {
  detectLang,
  explainError,
  groupCollections,
  itemSummary,
  ownerLabel,
  rightsBadge,
  preselectServer,
  serverForEmail,
  syncFraction,
  wordsFor,
} from '../../src/taskpane/view-model.js';

const fr = wordsFor('fr');
const en = wordsFor('en');

const collection = (over: Partial<Collection>): Collection => ({
  url: 'https://dav/x/',
  kind: 'events',
  name: 'x',
  description: null,
  color: null,
  access: 'admin',
  sharedWithMe: false,
  sharedByMe: false,
  owner: null,
  canGuestLink: true,
  preset: null,
  presetName: null,
  category: null,
  categoryReason: null,
  categoryReasons: null,
  categoryRenameSuggestion: null,
  ...over,
});

describe('pane view model', () => {
  it("speaks French when Office's display language is French, else English", () => {
    expect(detectLang('fr-FR')).toBe('fr');
    expect(detectLang('fr-CA')).toBe('fr');
    expect(detectLang('en-US', 'fr-FR')).toBe('en');
    expect(detectLang(undefined, 'fr')).toBe('fr');
    expect(detectLang(undefined)).toBe('en');
  });

  it('badges rights Lecture / Ecriture / Gestion, and unknown as "treated as read-only", never as read', () => {
    expect(rightsBadge('read', fr).label).toBe('Lecture');
    expect(rightsBadge('read-write', fr).label).toBe('Ecriture');
    expect(rightsBadge('admin', fr).label).toBe('Gestion');
    expect(rightsBadge('unknown', en).label).toBe('rights unknown (treated as read-only)');
    expect(rightsBadge('unknown', fr).label).not.toBe(rightsBadge('read', fr).label);
  });

  it('explains errors in plain words with the next step, never a bare code', () => {
    expect(explainError(new BridgeUnreachable(), en).message).toBe(en.errorBridgeDown);
    expect(explainError(new ApiFailure(502, 'server-error', '[HTTP 500, http://dav/] x'), en).message).toBe(
      en.errorServerDown,
    );
    expect(explainError(new ApiFailure(504, 'timeout', ''), fr).message).toBe(fr.errorServerDown);
    expect(explainError(new ApiFailure(403, 'forbidden', 'x'), fr, 'share').message).toBe(fr.errorNoRightToShare);
    const expired = explainError(new ApiFailure(401, 'session-expired', ''), fr);
    expect(expired).toEqual({ message: fr.errorSessionExpired, signedOut: true });
    // Wrong password at sign-in: the bridge's own words (already plain, in the user's language).
    expect(explainError(new ApiFailure(401, 'authentication-failed', 'Le serveur a refusé…'), fr, 'sign-in')).toEqual({
      message: 'Le serveur a refusé…',
      signedOut: false,
    });
    expect(explainError(new ApiFailure(401, 'authentication-failed', ''), en, 'sign-in').message).toBe(
      en.errorWrongPassword,
    );
    expect(explainError(new ApiFailure(500, 'internal-error', 'TypeError at x.js:1'), en).message).toBe(
      en.errorGeneric,
    );
    expect(explainError(new Error('stack at foo'), en).message).toBe(en.errorGeneric);
    expect(explainError(new Unavailable('/api/v1/x'), en).message).toBe(en.errorUnavailable);
    expect(explainError(new ApiFailure(400, 'password-required', 'A password is required.'), en).message).toBe(
      'A password is required.',
    );
  });

  it('groups calendars (events, events+tasks), task lists and address books, mine first', () => {
    const g = groupCollections(
      [
        collection({ name: 'Zeta', sharedWithMe: true }),
        collection({ name: 'Équipe technique' }),
        collection({ name: 'Mixed', kind: 'events+tasks' }),
        collection({ name: 'Tâches', kind: 'tasks' }),
        collection({ name: 'Contacts', kind: 'contacts' }),
      ],
      'fr',
    );
    expect(g.events.map((c) => c.name)).toEqual(['Équipe technique', 'Mixed', 'Zeta']);
    expect(g.tasks.map((c) => c.name)).toEqual(['Tâches']);
    expect(g.contacts.map((c) => c.name)).toEqual(['Contacts']);
  });

  it('names the owner of a shared collection', () => {
    expect(ownerLabel(collection({}), fr)).toBe('à vous');
    expect(ownerLabel(collection({ sharedWithMe: true, owner: '/dav/principals/user/gilles/' }), en)).toBe(
      'shared by gilles',
    );
    expect(ownerLabel(collection({ sharedWithMe: true, owner: 'mailto:gilles@example.org' }), en)).toBe(
      'shared by gilles@example.org',
    );
  });

  it("finds the server from the mailbox's address, or none", () => {
    const servers = [
      { id: 'radicale', label: 'Radicale (demo)' },
      { id: 'work', label: 'example.org calendars' },
    ];
    expect(serverForEmail('gilles@example.org', servers)).toBe('work');
    expect(serverForEmail('gilles@mail.example.org', servers)).toBe('work');
    expect(serverForEmail('francois@other.net', servers)).toBeUndefined();
    expect(serverForEmail(undefined, servers)).toBeUndefined();
  });

  it("preselects the server the bridge's discovery suggests, else the one named after the address's domain", () => {
    const servers = [
      { id: 'work', label: 'example.org (work)' },
      { id: 'equipe', label: 'Équipe technique' },
    ];
    // Discovery beats the name match: example.org's well-known URI leads to the "equipe" server.
    expect(preselectServer('gilles@example.org', servers, 'equipe')).toBe('equipe');
    expect(preselectServer('gilles@example.org', servers, undefined)).toBe('work');
    // A suggestion no longer in the list is ignored.
    expect(preselectServer('gilles@example.org', servers, 'gone')).toBe('work');
    expect(preselectServer('francois@other.net', servers, undefined)).toBeUndefined();
  });

  it('summarizes a kept iCalendar version (unfolded, unescaped)', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:1',
      'SUMMARY:Revue\\, sprint',
      ' 12',
      'DTSTART;TZID=Europe/Paris:20261203T093000',
      'LOCATION:Salle Lovelace',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(itemSummary(ics)).toEqual({ title: 'Revue, sprint12', when: '2026-12-03 09:30', where: 'Salle Lovelace' });
  });

  it("turns a sync run's phase and items into how far it is, growing through the run", () => {
    expect(syncFraction(null)).toBeUndefined();
    expect(syncFraction({ phase: 'somewhere-new', done: 1, total: 2 })).toBeUndefined();
    const steps = [
      syncFraction({ phase: 'starting', done: 0, total: 0 }),
      syncFraction({ phase: 'fetch', done: 0, total: 200 }),
      syncFraction({ phase: 'fetch', done: 100, total: 200 }),
      syncFraction({ phase: 'plan', done: 0, total: 0 }),
      syncFraction({ phase: 'execute', done: 5, total: 10 }),
      syncFraction({ phase: 'execute', done: 10, total: 10 }),
    ].map((f) => Math.round(f! * 100) / 100);
    expect(steps).toEqual([0.05, 0.1, 0.3, 0.5, 0.75, 1]);
    // A phase reporting more done than planned never goes past the end.
    expect(syncFraction({ phase: 'execute', done: 12, total: 10 })).toBe(1);
  });
});
