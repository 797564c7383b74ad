// Mapping iCalendar VEVENT <-> Microsoft Graph event (README: "Outlook sync through Microsoft Graph").
import type { GraphEventRead, GraphEventWrite } from '../../src/graph/graph-types.js';
import { graphToIcal, icalToGraph, GraphMappingError } from '../../src/graph/mapping.js';
import { rruleToGraph } from '../../src/graph/recurrence.js';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { calendar as cal, component } from '../../../test/support/items';

const CATEGORY = 'Équipe technique';
const vevent = (...lines: string[]) => cal(...component('VEVENT', ...lines));

/** What Graph gives back for an event the bridge wrote (its write plus the fields Graph adds). */
const asRead = (e: GraphEventWrite, extra: Partial<GraphEventRead> = {}): GraphEventRead => ({
  id: 'AAkALg1',
  changeKey: 'ck',
  ...e,
  ...extra,
});

const gillesMeeting = vevent(
  'UID:equipe-1',
  'SUMMARY:Revue d\\, sprint',
  'DESCRIPTION:Ordre du jour:\\n1. démo\\n2. rétro',
  'LOCATION:Salle Lovelace',
  'DTSTART;TZID=Europe/Paris:20260302T090000',
  'DTEND;TZID=Europe/Paris:20260302T103000',
  'CLASS:PRIVATE',
  'TRANSP:TRANSPARENT',
  'CATEGORIES:Projet,Revue',
  'ORGANIZER;CN=Gilles:mailto:gilles@example.org',
  'ATTENDEE;CN=Alexandre;PARTSTAT=ACCEPTED:mailto:alexandre@example.org',
  'ATTENDEE;CN=David:mailto:david@example.org',
  'SEQUENCE:2',
  'BEGIN:VALARM',
  'ACTION:DISPLAY',
  'DESCRIPTION:Rappel',
  'TRIGGER:-PT15M',
  'END:VALARM',
);

describe('iCalendar -> Graph event', () => {
  test('every mapped field, the calendar category first, and never attendees (no mail)', () => {
    const { uid, event, downgrades } = icalToGraph(gillesMeeting, { category: CATEGORY });
    expect(uid).toBe('equipe-1');
    expect(event).toEqual({
      subject: 'Revue d, sprint',
      body: { contentType: 'text', content: 'Ordre du jour:\n1. démo\n2. rétro' },
      location: { displayName: 'Salle Lovelace' },
      start: { dateTime: '2026-03-02T09:00:00', timeZone: 'Romance Standard Time' },
      end: { dateTime: '2026-03-02T10:30:00', timeZone: 'Romance Standard Time' },
      isAllDay: false,
      recurrence: null,
      sensitivity: 'private',
      showAs: 'free',
      categories: [CATEGORY, 'Projet', 'Revue'],
      isReminderOn: true,
      reminderMinutesBeforeStart: 15,
    });
    expect(event).not.toHaveProperty('attendees');
    expect(event).not.toHaveProperty('organizer');
    expect(downgrades).toEqual([{ code: 'attendees-kept-aside', count: 2 }]);
  });

  test('all-day, UTC, Windows-named and floating times', () => {
    const allDay = icalToGraph(vevent('UID:a', 'DTSTART;VALUE=DATE:20260314', 'SUMMARY:Séminaire')).event;
    expect([allDay.isAllDay, allDay.start, allDay.end]).toEqual([
      true,
      { dateTime: '2026-03-14T00:00:00', timeZone: 'UTC' },
      { dateTime: '2026-03-15T00:00:00', timeZone: 'UTC' },
    ]);
    const utc = icalToGraph(vevent('UID:u', 'DTSTART:20260302T080000Z', 'DURATION:PT45M')).event;
    expect(utc.end).toEqual({ dateTime: '2026-03-02T08:45:00', timeZone: 'UTC' });
    const windows = icalToGraph(vevent('UID:w', 'DTSTART;TZID=W. Europe Standard Time:20260302T090000')).event;
    expect(windows.start.timeZone).toBe('W. Europe Standard Time');
    const floating = icalToGraph(vevent('UID:f', 'DTSTART:20260302T090000'), { floatingZone: 'Romance Standard Time' });
    expect(floating.event.start).toEqual({ dateTime: '2026-03-02T09:00:00', timeZone: 'Romance Standard Time' });
    expect(floating.downgrades).toContainEqual({ code: 'floating-time', zone: 'Romance Standard Time' });
  });

  test('a zone outside the table is converted to UTC exactly and reported; a TZID with neither a VTIMEZONE nor a known name is a clear error', () => {
    const lima = icalToGraph(vevent('UID:l', 'DTSTART;TZID=America/Lima:20260302T090000'));
    expect(lima.event.start).toEqual({ dateTime: '2026-03-02T14:00:00', timeZone: 'UTC' });
    expect(lima.downgrades).toContainEqual({ code: 'zone-converted-to-utc', tzid: 'America/Lima' });
    expect(() => icalToGraph(vevent('UID:c', 'DTSTART;TZID=Mon fuseau perso:20260302T090000'))).toThrow(
      GraphMappingError,
    );
  });
});

describe('RRULE -> patternedRecurrence', () => {
  const start = {
    wall: { y: 2026, mo: 3, d: 2, h: 9, mi: 0, s: 0 },
    allDay: false,
    zone: 'Europe/Paris',
    graphZone: 'Romance Standard Time',
  };
  test.each([
    ['FREQ=DAILY;INTERVAL=2', { type: 'daily', interval: 2 }],
    ['FREQ=WEEKLY', { type: 'weekly', interval: 1, daysOfWeek: ['monday'], firstDayOfWeek: 'monday' }],
    [
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=SU',
      { type: 'weekly', interval: 2, daysOfWeek: ['monday', 'thursday'], firstDayOfWeek: 'sunday' },
    ],
    ['FREQ=MONTHLY;BYMONTHDAY=15', { type: 'absoluteMonthly', interval: 1, dayOfMonth: 15 }],
    ['FREQ=MONTHLY;BYDAY=-1FR', { type: 'relativeMonthly', interval: 1, daysOfWeek: ['friday'], index: 'last' }],
    [
      'FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=2',
      { type: 'relativeMonthly', interval: 1, daysOfWeek: ['monday', 'tuesday'], index: 'second' },
    ],
    ['FREQ=YEARLY', { type: 'absoluteYearly', interval: 1, dayOfMonth: 2, month: 3 }],
    [
      'FREQ=YEARLY;BYMONTH=11;BYDAY=4TH',
      { type: 'relativeYearly', interval: 1, daysOfWeek: ['thursday'], index: 'fourth', month: 11 },
    ],
  ])('%s', (rule, pattern) => {
    const r = rruleToGraph(rule, start);
    expect(r).toEqual({
      recurrence: {
        pattern,
        range: { type: 'noEnd', startDate: '2026-03-02', recurrenceTimeZone: 'Romance Standard Time' },
      },
    });
  });

  test.each([
    'FREQ=HOURLY',
    'FREQ=MONTHLY;BYMONTHDAY=1,15',
    'FREQ=MONTHLY;BYMONTHDAY=-1',
    'FREQ=YEARLY;BYMONTH=1,7',
    'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=5',
    'FREQ=YEARLY;BYWEEKNO=20',
    'FREQ=DAILY;BYHOUR=9,17',
  ])('not expressible: %s', (rule) => expect(rruleToGraph(rule, start)).toHaveProperty('notExpressible'));

  test('COUNT and UNTIL: an UNTIL with a time becomes the last day an occurrence can fall on, in the series zone', () => {
    const range = (rule: string) => (rruleToGraph(rule, start) as { recurrence: { range: unknown } }).recurrence.range;
    expect(range('FREQ=DAILY;COUNT=5')).toMatchObject({ type: 'numbered', numberOfOccurrences: 5 });
    // 07:59:59Z on 30 March is 09:59:59 in Paris (summer time): the 09:00 occurrence of that day is in.
    expect(range('FREQ=DAILY;UNTIL=20260330T075959Z')).toMatchObject({ type: 'endDate', endDate: '2026-03-30' });
    // 06:59:59Z is 08:59:59 in Paris: that day's 09:00 occurrence is out.
    expect(range('FREQ=DAILY;UNTIL=20260330T065959Z')).toMatchObject({ type: 'endDate', endDate: '2026-03-29' });
  });

  test('a rule Graph cannot express is reported and the DAV side keeps it through a round trip', () => {
    const hourly = vevent(
      'UID:h',
      'DTSTART:20260302T090000Z',
      'DTEND:20260302T091500Z',
      'RRULE:FREQ=HOURLY;COUNT=3',
      'SUMMARY:Ping',
    );
    const { event, downgrades } = icalToGraph(hourly);
    expect(event.recurrence).toBeNull();
    expect(downgrades).toContainEqual({ code: 'recurrence-not-expressible', rule: 'FREQ=HOURLY' });
    expect(graphToIcal(asRead(event), { uid: 'h', original: hourly })).toBe(hourly);
  });
});

describe('Graph event -> iCalendar', () => {
  test('round trip: an event Outlook did not change comes back byte for byte (attendees, alarm, class kept)', () => {
    const { event } = icalToGraph(gillesMeeting, { category: CATEGORY });
    // Graph answers with fractional seconds and its own read-only fields.
    const read = asRead(event, {
      start: { ...event.start, dateTime: `${event.start.dateTime}.0000000` },
      end: { ...event.end, dateTime: `${event.end.dateTime}.0000000` },
    });
    expect(graphToIcal(read, { uid: 'equipe-1', original: gillesMeeting, category: CATEGORY })).toBe(gillesMeeting);
  });

  test('an edit in Outlook rewrites only what changed; TZID, attendees and overrides stay', () => {
    const series = cal(
      'BEGIN:VEVENT',
      'UID:weekly-1',
      'DTSTART;TZID=Europe/Paris:20260302T090000',
      'DTEND;TZID=Europe/Paris:20260302T093000',
      'RRULE:FREQ=WEEKLY;BYDAY=MO',
      'SUMMARY:Point hebdo',
      'ATTENDEE:mailto:alexandre@example.org',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:weekly-1',
      'RECURRENCE-ID;TZID=Europe/Paris:20260309T090000',
      'DTSTART;TZID=Europe/Paris:20260309T110000',
      'DTEND;TZID=Europe/Paris:20260309T113000',
      'SUMMARY:Point hebdo (décalé)',
      'END:VEVENT',
    );
    const { event, series: edits } = icalToGraph(series);
    expect(edits.exceptions.map((x) => x.date)).toEqual(['2026-03-09']);
    const edited = asRead(event, {
      subject: 'Point hebdo équipe',
      start: { dateTime: '2026-03-02T10:00:00.0000000', timeZone: 'Romance Standard Time' },
      end: { dateTime: '2026-03-02T10:30:00.0000000', timeZone: 'Romance Standard Time' },
      body: { contentType: 'html', content: '<html><body><p>Salle &amp; visio</p></body></html>' },
    });
    const back = graphToIcal(edited, { uid: 'weekly-1', original: series });
    expect(back).toContain('SUMMARY:Point hebdo équipe');
    expect(back).toContain('DTSTART;TZID=Europe/Paris:20260302T100000');
    expect(back).toContain('DESCRIPTION:Salle & visio');
    expect(back).toContain('RRULE:FREQ=WEEKLY;BYDAY=MO');
    expect(back).toContain('ATTENDEE:mailto:alexandre@example.org');
    expect(back).toContain('RECURRENCE-ID;TZID=Europe/Paris:20260309T090000');
    expect(back).toContain('SUMMARY:Point hebdo (décalé)');
  });

  test('an event created in Outlook maps to iCalendar and back to the same Graph event', () => {
    const cases: GraphEventWrite[] = [
      {
        subject: 'Déjeuner, équipe',
        body: { contentType: 'text', content: 'ligne 1\nligne 2; fin' },
        location: { displayName: 'Cantine' },
        start: { dateTime: '2026-06-02T12:00:00', timeZone: 'Romance Standard Time' },
        end: { dateTime: '2026-06-02T13:00:00', timeZone: 'Romance Standard Time' },
        isAllDay: false,
        recurrence: {
          pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'first' },
          range: {
            type: 'endDate',
            startDate: '2026-06-02',
            endDate: '2026-12-01',
            recurrenceTimeZone: 'Romance Standard Time',
          },
        },
        sensitivity: 'confidential',
        showAs: 'busy',
        categories: [CATEGORY, 'Repas'],
        isReminderOn: true,
        reminderMinutesBeforeStart: 30,
      },
      {
        subject: 'Congés',
        body: { contentType: 'text', content: '' },
        location: { displayName: '' },
        start: { dateTime: '2026-08-03T00:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-08-08T00:00:00', timeZone: 'UTC' },
        isAllDay: true,
        recurrence: {
          pattern: { type: 'absoluteYearly', interval: 1, dayOfMonth: 3, month: 8 },
          range: { type: 'numbered', startDate: '2026-08-03', numberOfOccurrences: 3, recurrenceTimeZone: 'UTC' },
        },
        sensitivity: 'private',
        showAs: 'free',
        categories: [CATEGORY],
        isReminderOn: false,
        reminderMinutesBeforeStart: 0,
      },
    ];
    for (const g of cases) {
      const ical = graphToIcal(asRead(g), { uid: 'from-outlook', category: CATEGORY });
      expect(ical).toContain('UID:from-outlook');
      expect(icalToGraph(ical, { category: CATEGORY }).event).toEqual(g);
    }
  });
});

test('graph words exist in English and French', () => {
  const d = { uid: 'equipe-1', downgrade: { code: 'attendees-kept-aside' as const, count: 2 } };
  expect(en['graph.downgrade'](d)).toContain('attendee');
  expect(fr['graph.downgrade'](d)).toContain('participant');
});
