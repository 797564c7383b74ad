// The shared item builders (test/support/items.ts) write what they are asked for, read back by core's own parser.
import { parseComponents, unfold, type Component } from '../../../bridge-core/src/sync/content-lines';
import { calendar, card, component, event, foldLine, PARIS_TZ, todo, vcard, vevent } from '../../support/items';

const components = (text: string): Component[] => parseComponents(text).children[0]?.children ?? [];
const prop = (c: Component | undefined, name: string): string | undefined => {
  const p = c?.props.find((x) => x.name === name);
  return p && [p.name, ...p.params.map(([k, v]) => `${k}=${v}`)].join(';') + `:${p.value}`;
};

describe('test/support/items.ts', () => {
  it('folds at 75 octets without cutting a UTF-8 character, and unfolds back to the line', () => {
    const line = `SUMMARY:${'Réunion d’équipe 🚀 '.repeat(12)}`;
    const folded = foldLine(line);
    for (const physical of folded.split('\r\n')) expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded).not.toContain('\uFFFD');
    expect(unfold(folded)).toEqual([line]);
  });

  it('writes a series with its override, in its time zone, in one resource', () => {
    const text = event({
      uid: 'equipe-1',
      summary: 'Point hebdo, équipe technique',
      tzid: 'Europe/Paris',
      zones: PARIS_TZ,
      start: '20261207T090000',
      end: '20261207T100000',
      rrule: 'FREQ=WEEKLY;COUNT=4',
      exdates: ['20261221T090000'],
      klass: 'PRIVATE',
      alarm: 'rappel',
      overrides: [{ recurrenceId: '20261214T090000', start: '20261214T140000', end: '20261214T150000' }],
    });
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const [zone, master, moved] = components(text);
    expect(zone?.name).toBe('VTIMEZONE');
    expect(prop(master, 'DTSTART')).toBe('DTSTART;TZID=Europe/Paris:20261207T090000');
    expect(prop(master, 'EXDATE')).toBe('EXDATE;TZID=Europe/Paris:20261221T090000');
    expect(prop(master, 'SUMMARY')).toBe('SUMMARY:Point hebdo\\, équipe technique');
    expect(prop(master, 'CLASS')).toBe('CLASS:PRIVATE');
    expect(master?.children.map((c) => c.name)).toEqual(['VALARM']);
    expect(prop(moved, 'UID')).toBe('UID:equipe-1');
    expect(prop(moved, 'RECURRENCE-ID')).toBe('RECURRENCE-ID;TZID=Europe/Paris:20261214T090000');
    expect(prop(moved, 'DTSTART')).toBe('DTSTART;TZID=Europe/Paris:20261214T140000');
  });

  it('writes all-day events as dates, and a Date start in UTC with an end one hour later', () => {
    const [allDay] = components(event({ uid: 'a', allDay: true, start: '20261224' }));
    expect(prop(allDay, 'DTSTART')).toBe('DTSTART;VALUE=DATE:20261224');
    expect(prop(allDay, 'DURATION')).toBe('DURATION:P1D');
    const [timed] = components(event({ uid: 't', start: new Date('2026-12-01T09:30:00Z') }));
    expect(prop(timed, 'DTSTART')).toBe('DTSTART:20261201T093000Z');
    expect(prop(timed, 'DTEND')).toBe('DTEND:20261201T103000Z');
  });

  it('writes tasks, vCards and bare components', () => {
    const [task] = components(todo({ uid: 'facture', summary: 'Facture', due: '20261220', allDay: true }));
    expect(task?.name).toBe('VTODO');
    expect(prop(task, 'DUE')).toBe('DUE;VALUE=DATE:20261220');
    const contact = parseComponents(card({ uid: 'c1', name: 'François Externe', email: 'f@example.org' })).children[0];
    expect(prop(contact, 'VERSION')).toBe('VERSION:3.0');
    expect(prop(contact, 'N')).toBe('N:François Externe;;;;');
    expect(prop(contact, 'EMAIL')).toBe('EMAIL;TYPE=INTERNET:f@example.org');
    expect(vcard('c2', 'David', ['REV:20261201T000000Z'])).toContain('\r\nREV:20261201T000000Z\r\n');
    expect(vevent('u', 'x')).toBe(event({ uid: 'u', summary: 'x' }));
    expect(calendar(...component('VEVENT', 'UID:raw'))).toContain('BEGIN:VEVENT\r\nDTSTAMP:');
  });
});
