// Issue 10 item 4: what the guest agenda page shows (multi-day and overnight events, free time, French dates,
// cancelled events, repeating and overdue tasks, icon).
import { buildAgenda } from '../../src/middle-tier/guest/agenda';
import { agendaPage, GUEST_CSS } from '../../src/middle-tier/guest/html';
import { buildFeed } from '../../src/middle-tier/guest/ics-feed';
import type { Lang } from '../../src/middle-tier/i18n';
import { calendar as cal, component as item } from '../../../test/support/items';

const NOW = new Date('2026-12-01T08:00:00Z');

function page(lang: Lang, ...objects: string[]): string {
  const feed = buildFeed(objects, 'Équipe technique');
  const agenda = buildAgenda(feed.root, {
    windowStart: new Date(NOW.getTime() - 8 * 3600 * 1000),
    windowEnd: new Date(NOW.getTime() + 14 * 86_400_000),
    timeZone: 'Europe/Paris',
    now: NOW,
  });
  return agendaPage({
    lang,
    calendarName: 'Équipe technique',
    agenda,
    timeZone: 'Europe/Paris',
    days: 14,
    selfPath: '/g/t',
    icsUrl: 'https://h/g/t.ics',
    webcalUrl: 'webcal://h/g/t.ics',
  });
}

/** The <li> lines under one day heading. */
function day(html: string, key: string): string {
  const m = html.match(new RegExp(`<section class="day" aria-labelledby="d-${key}">(.*?)</section>`));
  return m?.[1] ?? '';
}

describe('guest agenda page', () => {
  it('shows a multi-day all-day event on each of its days', () => {
    const html = page(
      'en',
      cal(...item('VEVENT', 'UID:s', 'DTSTART;VALUE=DATE:20261202', 'DTEND;VALUE=DATE:20261205', 'SUMMARY:Séminaire')),
    );
    expect(day(html, '2026-12-02')).toContain('All day · day 1 of 3');
    expect(day(html, '2026-12-03')).toContain('All day · day 2 of 3');
    expect(day(html, '2026-12-04')).toContain('Séminaire');
    expect(day(html, '2026-12-05')).toBe('');
  });

  it('gives the end date of an overnight event', () => {
    const html = page(
      'fr',
      cal(
        ...item('VEVENT', 'UID:n', 'DTSTART:20261202T220000Z', 'DTEND:20261203T040000Z', 'SUMMARY:Mise en production'),
      ),
    );
    expect(day(html, '2026-12-02')).toMatch(/>23:00<\/time> – <time[^>]*>jeu\. 3 déc\. 05:00</);
  });

  it('marks transparent (free) events as free time, not busy', () => {
    const html = page(
      'fr',
      cal(
        ...item(
          'VEVENT',
          'UID:t',
          'DTSTART:20261202T090000Z',
          'DTEND:20261202T100000Z',
          'TRANSP:TRANSPARENT',
          'SUMMARY:Télétravail',
        ),
      ),
    );
    expect(day(html, '2026-12-02')).toMatch(
      /<li class="event free">.*Télétravail.*<span class="tag">disponible<\/span>/,
    );
  });

  it('a private event that leaves the time free says private, not busy', () => {
    const html = page(
      'fr',
      cal(
        ...item(
          'VEVENT',
          'UID:tp',
          'DTSTART:20261202T120000Z',
          'DTEND:20261202T130000Z',
          'TRANSP:TRANSPARENT',
          'CLASS:PRIVATE',
          'SUMMARY:Déjeuner perso',
        ),
      ),
    );
    expect(day(html, '2026-12-02')).toContain('<span class="title">Privé</span> <span class="tag">disponible</span>');
    expect(html).not.toContain('Déjeuner');
  });

  it('writes French day headings with a capital on the weekday only', () => {
    const html = page(
      'fr',
      cal(...item('VEVENT', 'UID:d', 'DTSTART:20261207T090000Z', 'DTEND:20261207T100000Z', 'SUMMARY:X')),
    );
    expect(html).toContain('>Lundi 7 décembre 2026</h2>');
    expect(GUEST_CSS).not.toContain('capitalize');
  });

  it('strikes through the title of a cancelled event, not the tag saying it is cancelled', () => {
    const html = page(
      'en',
      cal(
        ...item(
          'VEVENT',
          'UID:c',
          'DTSTART:20261202T090000Z',
          'DTEND:20261202T100000Z',
          'STATUS:CANCELLED',
          'SUMMARY:Atelier',
        ),
      ),
    );
    expect(html).toContain('<span class="title">Atelier</span> <span class="tag">cancelled</span>');
    expect(GUEST_CSS).toContain('.cancelled .title{text-decoration:line-through}');
    expect(GUEST_CSS).not.toMatch(/\.cancelled \.what\{text-decoration/);
  });

  it('shows a repeating task at its next due date, and marks overdue tasks', () => {
    const html = page(
      'en',
      cal(
        ...item(
          'VTODO',
          'UID:weekly-report',
          'DTSTART;VALUE=DATE:20260105',
          'DUE;VALUE=DATE:20260105',
          'RRULE:FREQ=WEEKLY',
          'SUMMARY:Rapport hebdomadaire',
        ),
      ),
      cal(...item('VTODO', 'UID:late', 'DUE;VALUE=DATE:20261120', 'SUMMARY:Facture Alexandre')),
    );
    expect(html).toMatch(/Rapport hebdomadaire<\/span> <span class="when">due <time datetime="2026-12-07">/);
    expect(html).toContain('<span class="tag">repeats</span>');
    expect(html).toMatch(
      /<li class="overdue"><span class="title">Facture Alexandre<\/span>.*<span class="tag overdue">overdue<\/span>/,
    );
  });

  it('has an icon', () => {
    expect(page('en')).toContain('<link rel="icon" type="image/svg+xml" href="/g/assets/favicon.svg">');
  });
});
