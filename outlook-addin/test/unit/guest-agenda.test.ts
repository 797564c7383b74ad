// Issue 10 items 1-3 and 6: what the guest agenda shows matches what the calendar says, and its expansion is bounded
// (pure functions over iCalendar text; no server needed).
import { runInNewContext } from 'node:vm';
import { buildAgenda, buildAgendaSliced, type Agenda } from '../../src/middle-tier/guest/agenda';
import { agendaPage } from '../../src/middle-tier/guest/html';
import { buildFeed } from '../../src/middle-tier/guest/ics-feed';

import { PARIS_TZ, calendar as cal, component } from '../../../test/support/items';

function agendaOf(objects: string[], start: string, end: string, timeZone = 'Europe/Paris'): Agenda {
  const feed = buildFeed(objects, 'Équipe technique');
  return buildAgenda(feed.root, { windowStart: new Date(start), windowEnd: new Date(end), timeZone });
}

const summaryAt = (a: Agenda) => a.occurrences.map((o) => `${o.start.toISOString()} ${o.summary}`);

describe('guest agenda: one series per UID (item 1)', () => {
  it('a THISANDFUTURE override of one series changes that series only, not others at the same times', () => {
    const objects = [
      cal(
        ...component(
          'VEVENT',
          'UID:gilles-weekly',
          'DTSTART:20261102T090000Z',
          'DTEND:20261102T100000Z',
          'RRULE:FREQ=WEEKLY;COUNT=4',
          'SUMMARY:Point Gilles',
        ),
        ...component(
          'VEVENT',
          'UID:gilles-weekly',
          'RECURRENCE-ID;RANGE=THISANDFUTURE:20261109T090000Z',
          'DTSTART:20261109T140000Z',
          'DTEND:20261109T150000Z',
          'SUMMARY:Point Gilles (déplacé)',
        ),
      ),
      cal(
        ...component(
          'VEVENT',
          'UID:alexandre-weekly',
          'DTSTART:20261102T090000Z',
          'DTEND:20261102T100000Z',
          'RRULE:FREQ=WEEKLY;COUNT=4',
          'SUMMARY:Revue Alexandre',
        ),
      ),
      cal(
        ...component(
          'VEVENT',
          'UID:david-weekly',
          'DTSTART:20261102T090000Z',
          'DTEND:20261102T100000Z',
          'RRULE:FREQ=WEEKLY;COUNT=4',
          'SUMMARY:Support David',
        ),
        ...component(
          'VEVENT',
          'UID:david-weekly',
          'RECURRENCE-ID:20261116T090000Z',
          'DTSTART:20261116T110000Z',
          'DTEND:20261116T120000Z',
          'SUMMARY:Support David (exceptionnel)',
        ),
      ),
    ];
    const agenda = agendaOf(objects, '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z');
    const of = (prefix: string) => summaryAt(agenda).filter((s) => s.includes(prefix));
    expect(of('Alexandre')).toEqual([
      '2026-11-02T09:00:00.000Z Revue Alexandre',
      '2026-11-09T09:00:00.000Z Revue Alexandre',
      '2026-11-16T09:00:00.000Z Revue Alexandre',
      '2026-11-23T09:00:00.000Z Revue Alexandre',
    ]);
    expect(of('David')).toEqual([
      '2026-11-02T09:00:00.000Z Support David',
      '2026-11-09T09:00:00.000Z Support David',
      '2026-11-16T11:00:00.000Z Support David (exceptionnel)',
      '2026-11-23T09:00:00.000Z Support David',
    ]);
    expect(of('Gilles')[0]).toBe('2026-11-02T09:00:00.000Z Point Gilles');
    expect(of('Gilles').slice(1)).toEqual(expect.arrayContaining(['2026-11-09T14:00:00.000Z Point Gilles (déplacé)']));
    expect(agenda.occurrences).toHaveLength(12);
  });
});

describe('guest agenda: floating times (item 2)', () => {
  it('shows a floating time as written, whatever the display zone and the server zone', () => {
    const objects = [
      cal(...component('VEVENT', 'UID:f', 'DTSTART:20261201T073000', 'DTEND:20261201T083000', 'SUMMARY:Café')),
    ];
    for (const timeZone of ['America/New_York', 'Europe/Paris', 'Asia/Tokyo']) {
      const agenda = agendaOf(objects, '2026-11-25T00:00:00Z', '2026-12-05T00:00:00Z', timeZone);
      const html = agendaPage({
        lang: 'en',
        calendarName: 'Équipe technique',
        agenda,
        timeZone,
        days: 10,
        selfPath: '/g/t',
        icsUrl: 'https://h/g/t.ics',
        webcalUrl: 'webcal://h/g/t.ics',
      });
      expect(html).toMatch(/>07:30<\/time> – <time[^>]*>08:30</);
    }
  });
});

describe('guest agenda: durations (item 3)', () => {
  it('DURATION:PT3H lasts three hours across the autumn change, also in a daily series', () => {
    const objects = [
      cal(
        ...PARIS_TZ,
        ...component(
          'VEVENT',
          'UID:night',
          'DTSTART;TZID=Europe/Paris:20261025T003000',
          'DURATION:PT3H',
          'SUMMARY:Maintenance',
        ),
      ),
      cal(
        ...PARIS_TZ,
        ...component(
          'VEVENT',
          'UID:daily',
          'DTSTART;TZID=Europe/Paris:20261024T003000',
          'DURATION:PT3H',
          'RRULE:FREQ=DAILY;COUNT=3',
          'SUMMARY:Sauvegarde',
        ),
      ),
    ];
    const agenda = agendaOf(objects, '2026-10-20T00:00:00Z', '2026-10-30T00:00:00Z');
    expect(agenda.occurrences).toHaveLength(4);
    for (const o of agenda.occurrences) expect(o.end.getTime() - o.start.getTime()).toBe(3 * 3600 * 1000);
  });

  it('a day in DURATION stays a calendar day (nominal), and DTEND durations stay exact', () => {
    const objects = [
      cal(
        ...PARIS_TZ,
        ...component('VEVENT', 'UID:d1', 'DTSTART;TZID=Europe/Paris:20261024T120000', 'DURATION:P1D', 'SUMMARY:Jour'),
      ),
    ];
    const [o] = agendaOf(objects, '2026-10-20T00:00:00Z', '2026-10-30T00:00:00Z').occurrences;
    expect(o?.end.toISOString()).toBe('2026-10-25T11:00:00.000Z'); // noon CET the next day: 25 hours later
  });
});

describe('guest agenda: bounded expansion (item 6)', () => {
  const secondly = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      cal(
        ...component(
          'VEVENT',
          `UID:spam-${i}`,
          `DTSTART:20200101T0000${String(i % 60).padStart(2, '0')}Z`,
          'DURATION:PT1S',
          'RRULE:FREQ=SECONDLY',
          `SUMMARY:Spam ${i}`,
        ),
      ),
    );

  it('a daily series started twenty years ago still shows its current instances', () => {
    const objects = [
      cal(
        ...component(
          'VEVENT',
          'UID:old',
          'DTSTART:20050103T090000Z',
          'DTEND:20050103T093000Z',
          'RRULE:FREQ=DAILY',
          'SUMMARY:Stand-up',
        ),
      ),
      cal(
        ...component(
          'VEVENT',
          'UID:old-weekdays',
          'DTSTART:20060102T080000Z',
          'DTEND:20060102T081500Z',
          'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR',
          'SUMMARY:Café',
        ),
      ),
    ];
    const agenda = agendaOf(objects, '2026-12-01T00:00:00Z', '2026-12-08T00:00:00Z');
    expect(summaryAt(agenda).filter((s) => s.endsWith('Stand-up'))).toHaveLength(7);
    expect(summaryAt(agenda).filter((s) => s.endsWith('Café'))).toEqual([
      '2026-12-02T08:00:00.000Z Café',
      '2026-12-04T08:00:00.000Z Café',
      '2026-12-07T08:00:00.000Z Café',
    ]);
  });

  it('a series started years ago keeps its exclusions and overrides in the window, even one moved from long before', () => {
    const objects = [
      cal(
        ...PARIS_TZ,
        ...component(
          'VEVENT',
          'UID:old-daily',
          'DTSTART;TZID=Europe/Paris:20100104T093000',
          'DTEND;TZID=Europe/Paris:20100104T094500',
          'RRULE:FREQ=DAILY',
          'EXDATE;TZID=Europe/Paris:20261203T093000',
          'SUMMARY:Stand-up',
        ),
        ...component(
          'VEVENT',
          'UID:old-daily',
          'RECURRENCE-ID;TZID=Europe/Paris:20261204T093000',
          'DTSTART;TZID=Europe/Paris:20261204T110000',
          'DTEND;TZID=Europe/Paris:20261204T111500',
          'SUMMARY:Stand-up (tard)',
        ),
        ...component(
          'VEVENT',
          'UID:old-daily',
          'RECURRENCE-ID;TZID=Europe/Paris:20150601T093000',
          'DTSTART;TZID=Europe/Paris:20261205T180000',
          'DTEND;TZID=Europe/Paris:20261205T181500',
          'SUMMARY:Stand-up de 2015 reporté',
        ),
      ),
    ];
    const agenda = agendaOf(objects, '2026-12-01T00:00:00Z', '2026-12-06T00:00:00Z');
    expect(summaryAt(agenda)).toEqual([
      '2026-12-01T08:30:00.000Z Stand-up',
      '2026-12-02T08:30:00.000Z Stand-up',
      '2026-12-04T10:00:00.000Z Stand-up (tard)',
      '2026-12-05T08:30:00.000Z Stand-up',
      '2026-12-05T17:00:00.000Z Stand-up de 2015 reporté',
    ]);
  });

  it('150 FREQ=SECONDLY series started in 2020 each show their instances in the window, within the budget', () => {
    const agenda = agendaOf(secondly(150), '2026-12-01T00:00:00Z', '2026-12-31T00:00:00Z');
    expect(agenda.truncated).toBe(true);
    const series = new Set(agenda.occurrences.map((o) => o.summary));
    expect(series.size).toBe(150);
    expect(agenda.occurrences[0]?.start.toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('150 FREQ=SECONDLY series do not push the other events of the window off the page', () => {
    const standup = cal(
      ...component(
        'VEVENT',
        'UID:standup',
        'DTSTART:20150105T083000Z',
        'DTEND:20150105T084500Z',
        'RRULE:FREQ=DAILY',
        'SUMMARY:Stand-up',
      ),
    );
    const agenda = agendaOf([...secondly(150), standup], '2026-12-01T00:00:00Z', '2026-12-08T00:00:00Z');
    expect(agenda.occurrences.length).toBeLessThanOrEqual(2000);
    expect(summaryAt(agenda).filter((s) => s.endsWith('Stand-up'))).toHaveLength(7);
  });

  it('the sliced form lets other work run while a pathological agenda expands', async () => {
    const feed = buildFeed(secondly(150), 'x');
    const order: string[] = [];
    const rendering = buildAgendaSliced(feed.root, {
      windowStart: new Date('2026-12-01T00:00:00Z'),
      windowEnd: new Date('2026-12-31T00:00:00Z'),
      timeZone: 'Europe/Paris',
    }).then(() => order.push('agenda'));
    // Scheduled after the expansion began: it can only run first if the expansion gives the event loop back.
    await new Promise<void>((resolve) => setImmediate(resolve));
    order.push('other request');
    await rendering;
    expect(order).toEqual(['other request', 'agenda']);
  });
});

describe('guest agenda and feed: a rule that gives no date never stalls the server (issue 11 review)', () => {
  // A synchronous endless loop in ical.js cannot be cut by Jest's timeout: run under a vm timeout instead.
  const within = <T>(ms: number, fn: () => T): T => runInNewContext('fn()', { fn }, { timeout: ms }) as T;
  const objects = [
    cal(
      ...component(
        'VEVENT',
        'UID:thirty-february',
        'DTSTART:20261201T090000Z',
        'DTEND:20261201T100000Z',
        'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
        'SUMMARY:Revue du 30 février',
      ),
    ),
    cal(
      ...component(
        'VEVENT',
        'UID:thirty-one-april',
        'DTSTART:20261202T090000Z',
        'DTEND:20261202T100000Z',
        'RRULE:FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31',
        'CLASS:PRIVATE',
        'SUMMARY:Secret du 31 avril',
      ),
    ),
    cal(
      ...component('VEVENT', 'UID:plain', 'DTSTART:20261203T090000Z', 'DTEND:20261203T100000Z', 'SUMMARY:Point hebdo'),
    ),
    // A rule ical.js refuses to iterate (BYYEARDAY belongs to yearly rules): shown once too, never dropped.
    cal(
      ...component(
        'VEVENT',
        'UID:yearday-daily',
        'DTSTART:20261204T090000Z',
        'DTEND:20261204T100000Z',
        'RRULE:FREQ=DAILY;BYYEARDAY=10',
        'SUMMARY:Inventaire',
      ),
    ),
  ];

  it('the agenda answers, shows each such series once with a note, and keeps the other events', () => {
    const agenda = within(5000, () => agendaOf(objects, '2026-11-30T00:00:00Z', '2027-03-31T00:00:00Z'));
    expect(summaryAt(agenda)).toEqual([
      '2026-12-01T09:00:00.000Z Revue du 30 février',
      '2026-12-02T09:00:00.000Z Occupé / Busy',
      '2026-12-03T09:00:00.000Z Point hebdo',
      '2026-12-04T09:00:00.000Z Inventaire',
    ]);
    expect(agenda.notExpandable.map((n) => [n.summary, n.start.toISOString(), n.problem])).toEqual([
      ['Revue du 30 février', '2026-12-01T09:00:00.000Z', 'impossible-rule'],
      ['Inventaire', '2026-12-04T09:00:00.000Z', 'unreadable-rule'],
    ]);
    // The private series was already turned into busy blocks by the feed: its one block (its start) is shown.
    const html = agendaPage({
      lang: 'fr',
      calendarName: 'Équipe technique',
      agenda,
      timeZone: 'Europe/Paris',
      days: 120,
      selfPath: '/g/x',
      icsUrl: 'https://bridge.example/g/x.ics',
      webcalUrl: 'webcal://bridge.example/g/x.ics',
    });
    expect(html).toContain('ne donne aucune date');
    expect(html).toContain('Inventaire');
    expect(html).not.toContain('Secret du 31 avril');
  });

  it('the .ics feed answers: the private series becomes one busy block at its start', () => {
    const feed = within(5000, () =>
      buildFeed(objects, 'Équipe technique', {
        linkId: 'link-a',
        uidKey: Buffer.alloc(32, 7),
        hidePrivate: false,
        now: Date.parse('2026-12-01T00:00:00Z'),
        timeZone: 'Europe/Paris',
      }),
    );
    expect(feed.ics).not.toContain('Secret du 31 avril');
    expect(feed.ics.match(/SUMMARY:Occupé \/ Busy/g)).toHaveLength(1);
    expect(feed.ics).toContain('DTSTART:20261202T090000Z');
  });
});
