// The project's demanding events into Outlook and back, through the Graph event store and the Graph fake (an
// in-process fake of Microsoft Graph v1.0 written from its documented contract; no Microsoft service is reachable
// here). Back with the text the bridge keeps: the same text. Back from Outlook's fields alone (as if that text
// were lost): the same meaning in every field the rule table maps, or the downgrade the table announces, reported.
import { GraphClient } from '../../src/graph/graph-client.js';
import { ensureGraphCalendar, GraphEventStore } from '../../src/graph/graph-store.js';
import type { GraphEventRead } from '../../src/graph/graph-types.js';
import { graphToIcal, icalToGraph } from '../../src/graph/mapping.js';
import type { Message } from '../../src/i18n/index.js';
import { GraphFake } from '../../../test/support/graph-fake/graph-fake.js';
import { centralEuropeanZone, event, PARIS_TZ } from '../../../test/support/items';

const TOKEN = 'gilles';
const CATEGORY = 'Équipe technique';
const NOW = Date.parse('2026-12-01T08:00:00Z');
let fake: GraphFake;
afterEach(() => fake?.stop());

/** A custom zone Graph knows nothing of by name, with no known zone's rules (Nepal's +05:45, all year). */
const KATHMANDU_OFFICE = [
  'BEGIN:VTIMEZONE',
  'TZID:Bureau de Katmandou',
  'BEGIN:STANDARD',
  'DTSTART:19860101T000000',
  'TZOFFSETFROM:+0545',
  'TZOFFSETTO:+0545',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const DEMANDING: [name: string, text: string, announced: string[]][] = [
  [
    'a weekly series with a moved occurrence and a cancelled one',
    event({
      uid: 'serie-equipe',
      summary: 'Point hebdo',
      tzid: 'Europe/Paris',
      zones: PARIS_TZ,
      start: '20261203T090000',
      end: '20261203T100000',
      rrule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=8',
      exdates: ['20261217T090000'],
      overrides: [
        {
          recurrenceId: '20261210T090000',
          start: '20261210T140000',
          end: '20261210T150000',
          summary: 'Point hebdo (après-midi)',
        },
      ],
    }),
    [],
  ],
  [
    'a custom VTIMEZONE with Central European rules (matched to a known zone by its rules)',
    event({
      uid: 'fuseau-perso',
      summary: 'Atelier à Bruxelles',
      tzid: 'Bruxelles (bureau)',
      zones: centralEuropeanZone('Bruxelles (bureau)'),
      start: '20260701T093000',
      end: '20260701T110000',
    }),
    [],
  ],
  [
    'a custom VTIMEZONE no known zone has (converted exactly to UTC)',
    event({
      uid: 'fuseau-inconnu',
      summary: 'Appel avec Katmandou',
      tzid: 'Bureau de Katmandou',
      zones: KATHMANDU_OFFICE,
      start: '20261205T090000',
      end: '20261205T093000',
    }),
    ['zone-converted-to-utc'],
  ],
  [
    'an all-day event over three days',
    event({ uid: 'seminaire', summary: 'Séminaire', allDay: true, start: '20261207', end: '20261210' }),
    [],
  ],
  [
    'two alarms (Outlook keeps one)',
    event({
      uid: 'alarmes',
      summary: 'Revue de code',
      start: '20261208T130000Z',
      end: '20261208T140000Z',
      alarm: 'Dans 15 minutes',
      extra: ['BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:La veille', 'TRIGGER:-P1D', 'END:VALARM'],
    }),
    ['reminder-dropped'],
  ],
  [
    'a private event',
    event({
      uid: 'prive',
      summary: 'Rendez-vous médical',
      klass: 'PRIVATE',
      start: '20261209T150000Z',
      end: '20261209T160000Z',
    }),
    [],
  ],
  [
    'a meeting with attendees (never sent: Graph would mail them)',
    event({
      uid: 'reunion-invites',
      summary: 'Réunion équipe technique',
      tzid: 'Europe/Paris',
      zones: PARIS_TZ,
      start: '20261211T100000',
      end: '20261211T110000',
      extra: [
        'ORGANIZER;CN=Gilles:mailto:gilles@example.org',
        'ATTENDEE;CN=Alexandre;PARTSTAT=ACCEPTED:mailto:alexandre@example.org',
        'ATTENDEE;CN=David;PARTSTAT=NEEDS-ACTION:mailto:david@example.org',
        'ATTENDEE;CN=François;PARTSTAT=NEEDS-ACTION:mailto:francois@invite.example',
      ],
    }),
    ['attendees-kept-aside'],
  ],
];

describe('demanding events DAV -> Graph -> DAV through the Graph fake', () => {
  test.each(DEMANDING)(
    'Graph fake: %s comes back with the same text, and from Outlook fields alone with the same meaning or the announced downgrade',
    async (_name, text, announced) => {
      fake = new GraphFake();
      await fake.start();
      const client = new GraphClient({ baseUrl: fake.url, getToken: async () => TOKEN, sleep: async () => undefined });
      const calendarId = await ensureGraphCalendar(client, CATEGORY, '#1E88E5');
      const reports: Message[] = [];
      const store = new GraphEventStore({
        client,
        calendarId,
        category: CATEGORY,
        now: () => NOW,
        onReport: (m) => reports.push(m),
      });
      const created = await store.create(text);

      // With the text the bridge keeps beside the event: the very same text.
      const [back] = await store.getMany([created.id]);
      expect(back).toMatchObject({ id: created.id, data: text });

      // From Outlook's fields alone.
      const ev = (await client.ok(
        'GET',
        `/me/events/${encodeURIComponent(created.id)}?$select=id,changeKey,type,subject,body,location,start,end,isAllDay,recurrence,sensitivity,showAs,categories,isReminderOn,reminderMinutesBeforeStart,cancelledOccurrences`,
      )) as GraphEventRead;
      const exceptions = ev.recurrence
        ? (
            (await client.ok(
              'GET',
              `/me/events/${encodeURIComponent(created.id)}/instances?startDateTime=2026-01-01T00:00:00Z&endDateTime=2028-01-01T00:00:00Z`,
            )) as { value: GraphEventRead[] }
          ).value
        : undefined;
      const fromOutlook = graphToIcal(ev, {
        uid: 'from-outlook',
        category: CATEGORY,
        ...(exceptions ? { exceptions, span: { from: '2026-01-01', to: '2027-12-31' } } : {}),
      });
      const meaning = (ical: string) => {
        const { event: e, series } = icalToGraph(ical, { category: CATEGORY });
        return { ...e, series };
      };
      expect(meaning(fromOutlook)).toEqual(meaning(text));

      // What the table announces for this item is reported, and nothing else; Graph mailed nobody.
      const codes = reports.map((m) => (m.params as { downgrade: { code: string } }).downgrade.code);
      expect([...new Set(codes)].sort()).toEqual([...announced].sort());
      expect(fake.mails).toEqual([]);
    },
  );

  test('a custom VTIMEZONE with Central European rules goes to Outlook in a Windows zone of those rules, at the same wall time', () => {
    const text = DEMANDING[1]![1];
    const { event: e } = icalToGraph(text);
    expect(e.start.dateTime).toBe('2026-07-01T09:30:00');
    expect(['W. Europe Standard Time', 'Romance Standard Time', 'Central Europe Standard Time']).toContain(
      e.start.timeZone,
    );
    const kathmandu = icalToGraph(DEMANDING[2]![1]).event;
    expect(kathmandu.start).toEqual({ dateTime: '2026-12-05T03:15:00', timeZone: 'UTC' });
  });
});
