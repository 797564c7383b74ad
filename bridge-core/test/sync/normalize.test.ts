import fc from 'fast-check';
import { contentHash, fnv1a64, normalizeItem } from '../../src/sync/normalize.js';
import { copyWithNewUid, extractUid, foldLine, itemTimestamps, unfold } from '../../src/sync/content-lines.js';
import { identify } from '../../src/sync/item-identity.js';

const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n';

const TZ_A = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:STANDARD',
  'DTSTART:19701025T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:19700329T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];
const TZ_B = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'X-LIC-LOCATION:Europe/Paris',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function series(
  o: {
    tz?: string[];
    prodid?: string;
    stamp?: string;
    swap?: boolean;
    summary?: string;
    exdates?: string[];
    overrideStart?: string;
    trigger?: string;
    partstat?: string;
    tzid?: string;
    rrule?: string;
  } = {},
): string[] {
  const exdates = o.exdates ?? ['EXDATE;TZID=Europe/Paris:20261130T090000,20261207T090000'];
  const master = [
    'BEGIN:VEVENT',
    'UID:series-1@example.org',
    `DTSTAMP:${o.stamp ?? '20261101T000000Z'}`,
    `LAST-MODIFIED:${o.stamp ?? '20261101T000000Z'}`,
    `DTSTART;TZID=${o.tzid ?? 'Europe/Paris'}:20261102T090000`,
    `DTEND;TZID=${o.tzid ?? 'Europe/Paris'}:20261102T100000`,
    `RRULE:${o.rrule ?? 'FREQ=WEEKLY;BYDAY=MO;COUNT=10'}`,
    ...exdates,
    `SUMMARY:${o.summary ?? 'Réunion d’équipe — café ☕ 🎉 with a long enough title to be folded somewhere'}`,
    `ATTENDEE;CN="Zoë Martin";PARTSTAT=${o.partstat ?? 'ACCEPTED'};ROLE=REQ-PARTICIPANT:mailto:zoe@example.org`,
    'ORGANIZER;CN=Boss:mailto:boss@example.org',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'DESCRIPTION:Reminder',
    `TRIGGER:${o.trigger ?? '-PT15M'}`,
    'END:VALARM',
    'END:VEVENT',
  ];
  const override = [
    'BEGIN:VEVENT',
    'UID:series-1@example.org',
    'RECURRENCE-ID;TZID=Europe/Paris:20261116T090000',
    'DTSTAMP:20261101T000000Z',
    `DTSTART;TZID=Europe/Paris:${o.overrideStart ?? '20261116T140000'}`,
    'DTEND;TZID=Europe/Paris:20261116T150000',
    'SUMMARY:Moved',
    'END:VEVENT',
  ];
  const allDay = [
    'BEGIN:VEVENT',
    'UID:series-1@example.org',
    'RECURRENCE-ID;TZID=Europe/Paris:20261123T090000',
    'DTSTART;VALUE=DATE:20261123',
    'DTEND;VALUE=DATE:20261124',
    'SUMMARY:All day',
    'END:VEVENT',
  ];
  const events = o.swap ? [...allDay, ...override, ...master] : [...master, ...override, ...allDay];
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${o.prodid ?? '-//DAV Bridge//EN'}`,
    ...(o.tz ?? TZ_A),
    ...events,
    'END:VCALENDAR',
  ];
}

describe('normalize: same meaning, same hash', () => {
  const base = contentHash(crlf(series()));

  test('server rewrite: PRODID, DTSTAMP, LAST-MODIFIED, regenerated VTIMEZONE, reordered components, LF, other folding', () => {
    const rewritten = series({
      tz: TZ_B,
      prodid: '-//Radicale//NONSGML Radicale Server//EN',
      stamp: '20261122T120000Z',
      swap: true,
    });
    const text = rewritten.map(foldLine).join('\n'); // folded at 75 octets, LF endings
    expect(text).toContain('\n '); // really folded
    expect(contentHash(text)).toBe(base);
  });

  test('folding in the middle of a multi-byte character sequence (JS string level) and tab continuation', () => {
    const lines = series().map((l) =>
      l.startsWith('SUMMARY') ? l.slice(0, 20) + '\r\n\t' + l.slice(20, 33) + '\r\n ' + l.slice(33) : l,
    );
    expect(contentHash(lines.join('\r\n'))).toBe(base);
  });

  test('property order, parameter order/quoting/case, EXDATE split, RRULE part order', () => {
    const lines = series({
      exdates: ['EXDATE;TZID=Europe/Paris:20261207T090000', 'EXDATE;TZID=Europe/Paris:20261130T090000'],
      rrule: 'COUNT=10;BYDAY=MO;FREQ=WEEKLY',
    }).map((l) =>
      l.startsWith('ATTENDEE')
        ? 'ATTENDEE;ROLE=req-participant;PARTSTAT=accepted;CN=Zoë Martin:mailto:zoe@example.org'
        : l,
    );
    const i = lines.indexOf('ORGANIZER;CN=Boss:mailto:boss@example.org');
    lines.splice(i, 1);
    lines.splice(lines.indexOf('BEGIN:VALARM'), 0, 'ORGANIZER;CN="Boss":mailto:boss@example.org');
    expect(contentHash(crlf(lines))).toBe(base);
  });

  test('DTSTART;VALUE=DATE-TIME is the default', () => {
    const lines = series().map((l) =>
      l.replace(
        'DTSTART;TZID=Europe/Paris:20261102T090000',
        'DTSTART;VALUE=DATE-TIME;TZID=Europe/Paris:20261102T090000',
      ),
    );
    expect(contentHash(crlf(lines))).toBe(base);
  });
});

describe('normalize: a real change changes the hash', () => {
  const base = contentHash(crlf(series()));
  test.each([
    ['summary', { summary: 'Other' }],
    ['an EXDATE added', { exdates: ['EXDATE;TZID=Europe/Paris:20261130T090000,20261207T090000,20261214T090000'] }],
    ['the override moved', { overrideStart: '20261116T160000' }],
    ['the alarm trigger', { trigger: '-PT30M' }],
    ['an attendee PARTSTAT', { partstat: 'DECLINED' }],
    ['the time zone reference', { tzid: 'Europe/London' }],
    ['the rule', { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=10' }],
  ])('%s', (_name, change) => {
    expect(contentHash(crlf(series(change)))).not.toBe(base);
  });
  test('an all-day date', () => {
    const lines = series().map((l) => l.replace('DTSTART;VALUE=DATE:20261123', 'DTSTART;VALUE=DATE:20261125'));
    expect(contentHash(crlf(lines))).not.toBe(base);
  });
});

const PHOTO =
  'PHOTO;ENCODING=b;TYPE=JPEG:' +
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/'.repeat(
    3,
  );
function card3(
  o: { rev?: string; prodid?: string; n?: string; type?: string; group?: string; photo?: string } = {},
): string[] {
  return [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `PRODID:${o.prodid ?? '-//Apple//EN'}`,
    'UID:card-1',
    'FN:Jean Dupont-Éluard',
    `N:${o.n ?? 'Dupont\\;Éluard;Jean;;;'}`,
    `${o.group ?? 'item1'}.EMAIL;${o.type ?? 'TYPE=INTERNET,WORK'}:jean@example.fr`,
    `${o.group ?? 'item1'}.X-ABLabel:Bureau`,
    'TEL;TYPE=CELL:+33 6 12 34 56 78',
    o.photo ?? PHOTO,
    `REV:${o.rev ?? '2026-11-01T10:00:00Z'}`,
    'END:VCARD',
  ];
}

describe('normalize vCards (3.0 and 4.0)', () => {
  const base = contentHash(crlf(card3()));
  test('REV, PRODID, PHOTO folding, TYPE parameter form do not matter', () => {
    const text = card3({ rev: '20261122T000000Z', prodid: '-//Nextcloud//EN', type: 'TYPE=work;TYPE=internet' })
      .map(foldLine)
      .join('\r\n');
    expect(text.split('\r\n').length).toBeGreaterThan(14);
    expect(contentHash(text)).toBe(base);
  });
  test('an escaped semicolon is meaning: removing the escape changes the hash', () => {
    expect(contentHash(crlf(card3({ n: 'Dupont;Éluard;Jean;;;' })))).not.toBe(base);
  });
  test('group and photo are meaning', () => {
    expect(contentHash(crlf(card3({ group: 'item2' })))).not.toBe(base);
    expect(contentHash(crlf(card3({ photo: PHOTO.slice(0, -4) + 'AAAA' })))).not.toBe(base);
  });
  test('vCard 4', () => {
    const v4 = (rev: string, tel: string) =>
      crlf([
        'BEGIN:VCARD',
        'VERSION:4.0',
        'UID:urn:uuid:4fbe8971',
        'FN:Åsa',
        `TEL;VALUE=uri;TYPE="voice,home":${tel}`,
        `REV:${rev}`,
        'END:VCARD',
      ]);
    expect(contentHash(v4('20261101T000000Z', 'tel:+46-1'))).toBe(contentHash(v4('20261122T000000Z', 'tel:+46-1')));
    expect(contentHash(v4('20261101T000000Z', 'tel:+46-1'))).not.toBe(contentHash(v4('20261101T000000Z', 'tel:+46-2')));
    expect(extractUid(v4('x', 'y'))).toBe('urn:uuid:4fbe8971');
  });
  test('normalized text keeps the escaped semicolon verbatim', () => {
    expect(normalizeItem(crlf(card3()))).toContain('N:Dupont\\;Éluard;Jean;;;');
  });
});

describe('hash and lines', () => {
  const ref = (s: string): string => {
    let h = 0xcbf29ce484222325n;
    for (const b of new TextEncoder().encode(s)) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
    return h.toString(16).padStart(16, '0');
  };
  test('fnv1a64 matches a BigInt reference on any text (incl. astral and lone surrogates excluded)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => fnv1a64(s) === ref(s)),
      { numRuns: 300 },
    );
  });
  test('foldLine folds at 75 octets without splitting characters, unfold restores', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        const line = 'SUMMARY:' + s.replace(/[\r\n]/g, '');
        const folded = foldLine(line);
        for (const phys of folded.split('\r\n')) expect(new TextEncoder().encode(phys).length).toBeLessThanOrEqual(75);
        expect(unfold(folded)).toEqual([line]);
      }),
      { numRuns: 200 },
    );
  });
  test('UID from the item component, not from VALARM or VTIMEZONE', () => {
    const text = crlf([
      'BEGIN:VCALENDAR',
      'BEGIN:VTODO',
      'BEGIN:VALARM',
      'UID:alarm-uid',
      'END:VALARM',
      'UID:todo-1',
      'END:VTODO',
      'END:VCALENDAR',
    ]);
    expect(extractUid(text)).toBe('todo-1');
    expect(
      identify(crlf(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'SUMMARY:x', 'END:VEVENT', 'END:VCALENDAR'])).ident,
    ).toMatch(/^nouid:/);
  });
  test('timestamps: LAST-MODIFIED/REV, SEQUENCE, DTSTAMP (max over components)', () => {
    expect(itemTimestamps(crlf(series({ stamp: '20261105T000000Z' })))).toEqual({
      modified: '20261105000000',
      sequence: -1,
      dtstamp: '20261105000000',
    });
    expect(itemTimestamps(crlf(card3())).modified).toBe('20261101100000');
  });
  test('keep-both copy: new UID everywhere in the series, title suffixed, escapes untouched', () => {
    const copy = copyWithNewUid(crlf(series()), 'series-1@example.org', 'series-1@example.org-conflict-1', ' (copy)');
    expect(copy.match(/UID:series-1@example.org-conflict-1/g)).toHaveLength(3);
    expect(copy).toContain('SUMMARY:Moved (copy)');
    const cardCopy = copyWithNewUid(crlf(card3()), 'card-1', 'card-2', ' (copy)');
    expect(cardCopy).toContain('N:Dupont\\;Éluard;Jean;;;');
    expect(unfold(cardCopy)).toContain('FN:Jean Dupont-Éluard (copy)');
    expect(extractUid(cardCopy)).toBe('card-2');
  });
});

describe('text lists (Cyrus splits CATEGORIES into one line per value)', () => {
  const ev = (cats: string) =>
    `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261201T100000Z\r\n${cats}END:VEVENT\r\nEND:VCALENDAR\r\n`;
  it('one line with commas means the same as several lines', () => {
    expect(contentHash(ev('CATEGORIES:Équipe,Réunion\r\n'))).toBe(
      contentHash(ev('CATEGORIES:Réunion\r\nCATEGORIES:Équipe\r\n')),
    );
  });
  it('an escaped comma stays inside one value', () => {
    expect(contentHash(ev('CATEGORIES:R\\,D\r\n'))).not.toBe(contentHash(ev('CATEGORIES:R\r\nCATEGORIES:D\r\n')));
  });
  it('a real change of categories still counts', () => {
    expect(contentHash(ev('CATEGORIES:Équipe,Réunion\r\n'))).not.toBe(contentHash(ev('CATEGORIES:Équipe\r\n')));
  });
});

describe('vCard 3 and 4 spellings of the same card (servers convert between them)', () => {
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  const v3 = `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u\r\nFN:A\r\nX-ADDRESSBOOKSERVER-KIND:group\r\nX-ADDRESSBOOKSERVER-MEMBER:urn:uuid:b\r\nPHOTO;ENCODING=b;TYPE=PNG:${png.slice(0, 40)}\r\n ${png.slice(40)}\r\nEND:VCARD\r\n`;
  const v4 = `BEGIN:VCARD\r\nVERSION:4.0\r\nUID:u\r\nFN:A\r\nKIND:group\r\nMEMBER:urn:uuid:b\r\nPHOTO:data:image/png;base64,${png}\r\nEND:VCARD\r\n`;
  it('hash the same', () => {
    expect(contentHash(v3)).toBe(contentHash(v4));
  });
  it('a photo reduced to nothing (Cyrus 4 -> 3 conversion loss) is a change', () => {
    expect(contentHash(v4.replace(/PHOTO:.*\r\n/, 'PHOTO:data:image/png\r\n'))).not.toBe(contentHash(v4));
  });
});
