// Unit tests of the guest feed and agenda (pure functions over iCalendar text; no server needed).
import { buildAgenda } from '../../src/middle-tier/guest/agenda';
import { agendaPage, escapeHtml } from '../../src/middle-tier/guest/html';
import { buildFeed } from '../../src/middle-tier/guest/ics-feed';

import { PARIS_TZ, calendar as cal } from '../../../test/support/items';

describe('guest feed', () => {
  it('keeps public events, reduces private and confidential ones to busy, drops alarms and attendees', () => {
    const feed = buildFeed(
      [
        cal(
          'BEGIN:VEVENT',
          'UID:a',
          'DTSTAMP:20261101T000000Z',
          'DTSTART:20261201T090000Z',
          'DTEND:20261201T100000Z',
          'SUMMARY:Public',
          'ATTENDEE:mailto:x@example.org',
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          'TRIGGER:-PT5M',
          'DESCRIPTION:remind',
          'END:VALARM',
          'END:VEVENT',
        ),
        cal(
          'BEGIN:VEVENT',
          'UID:b',
          'DTSTAMP:20261101T000000Z',
          'DTSTART:20261201T110000Z',
          'DTEND:20261201T120000Z',
          'SUMMARY:Secret',
          'LOCATION:Hidden place',
          'DESCRIPTION:notes',
          'CLASS:PRIVATE',
          'END:VEVENT',
        ),
        cal(
          'BEGIN:VEVENT',
          'UID:c',
          'DTSTAMP:20261101T000000Z',
          'DTSTART:20261201T130000Z',
          'DTEND:20261201T140000Z',
          'SUMMARY:Conf',
          'CLASS:CONFIDENTIAL',
          'END:VEVENT',
        ),
        'not an icalendar object',
      ],
      'Team',
    );
    expect(feed.skipped).toBe(1);
    expect(feed.ics).toContain('SUMMARY:Public');
    expect(feed.ics).not.toMatch(/Secret|Hidden place|notes|Conf\r|remind|ATTENDEE/);
    expect(feed.ics.match(/SUMMARY:Occupé \/ Busy/g)?.length).toBe(2);
    expect(feed.ics).toContain('X-WR-CALNAME:Team');
  });

  it('expands recurrences in their time zone, with moved exceptions, within the window', () => {
    const feed = buildFeed(
      [
        cal(
          ...PARIS_TZ,
          'BEGIN:VEVENT',
          'UID:weekly',
          'DTSTAMP:20261101T000000Z',
          'DTSTART;TZID=Europe/Paris:20261019T100000',
          'DTEND;TZID=Europe/Paris:20261019T110000',
          'RRULE:FREQ=WEEKLY;COUNT=4',
          'SUMMARY:Weekly',
          'END:VEVENT',
          'BEGIN:VEVENT',
          'UID:weekly',
          'DTSTAMP:20261101T000000Z',
          'RECURRENCE-ID;TZID=Europe/Paris:20261102T100000',
          'DTSTART;TZID=Europe/Paris:20261102T150000',
          'DTEND;TZID=Europe/Paris:20261102T160000',
          'SUMMARY:Weekly (moved)',
          'END:VEVENT',
        ),
      ],
      'Team',
    );
    const agenda = buildAgenda(feed.root, {
      windowStart: new Date('2026-10-01T00:00:00Z'),
      windowEnd: new Date('2026-12-31T00:00:00Z'),
      timeZone: 'Europe/Paris',
    });
    const starts = agenda.occurrences.map((o) => `${o.start.toISOString()} ${o.summary}`);
    expect(starts).toEqual([
      '2026-10-19T08:00:00.000Z Weekly', // CEST (+2)
      '2026-10-26T09:00:00.000Z Weekly', // CET (+1) after the switch
      '2026-11-02T14:00:00.000Z Weekly (moved)',
      '2026-11-09T09:00:00.000Z Weekly',
    ]);
  });

  it('bounds an unbounded rule', () => {
    const feed = buildFeed(
      [
        cal(
          'BEGIN:VEVENT',
          'UID:m',
          'DTSTAMP:20261101T000000Z',
          'DTSTART:20200101T000000Z',
          'DTEND:20200101T000100Z',
          'RRULE:FREQ=MINUTELY',
          'SUMMARY:Spam',
          'END:VEVENT',
        ),
      ],
      'x',
    );
    const agenda = buildAgenda(feed.root, {
      windowStart: new Date('2026-11-01T00:00:00Z'),
      windowEnd: new Date('2026-12-01T00:00:00Z'),
      timeZone: 'Europe/Paris',
    });
    expect(agenda.truncated).toBe(true);
    expect(agenda.occurrences.length).toBeLessThanOrEqual(2000);
  });

  it('keeps all-day events on their calendar date', () => {
    const feed = buildFeed(
      [
        cal(
          'BEGIN:VEVENT',
          'UID:d',
          'DTSTAMP:20261101T000000Z',
          'DTSTART;VALUE=DATE:20261224',
          'DTEND;VALUE=DATE:20261225',
          'SUMMARY:Réveillon',
          'END:VEVENT',
        ),
      ],
      'x',
    );
    const agenda = buildAgenda(feed.root, {
      windowStart: new Date('2026-12-01T00:00:00Z'),
      windowEnd: new Date('2026-12-31T00:00:00Z'),
      timeZone: 'Europe/Paris',
    });
    expect(agenda.occurrences[0]?.allDayDate).toBe('2026-12-24');
  });
});

describe('guest HTML', () => {
  it('escapes text and attributes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('renders hostile names and summaries inert, in French', () => {
    const feed = buildFeed(
      [
        cal(
          'BEGIN:VEVENT',
          'UID:x',
          'DTSTAMP:20261101T000000Z',
          'DTSTART:20261201T090000Z',
          'DTEND:20261201T100000Z',
          'SUMMARY:<script>alert(1)</script>',
          'LOCATION:"><img src=x onerror=alert(2)>',
          'END:VEVENT',
        ),
      ],
      '<b>x</b>',
    );
    const html = agendaPage({
      lang: 'fr',
      calendarName: '<iframe src=javascript:alert(3)>',
      agenda: buildAgenda(feed.root, {
        windowStart: new Date('2026-11-30T00:00:00Z'),
        windowEnd: new Date('2026-12-31T00:00:00Z'),
        timeZone: 'Europe/Paris',
      }),
      timeZone: 'Europe/Paris',
      days: 30,
      selfPath: '/g/abc',
      icsUrl: 'https://h/g/abc.ics',
      webcalUrl: 'webcal://h/g/abc.ics',
    });
    expect(html).not.toMatch(/<(script|img|iframe)/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Mardi 1 décembre 2026');
    expect(html).toContain('10:00'); // 09:00Z shown in Paris time
  });
});
