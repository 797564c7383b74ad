import {
  CSS_COLOR_NAMES,
  ColorParseError,
  OUTLOOK_PRESETS,
  PRESET_NONE,
  nearestPreset,
  parseColor,
  presetFromGraph,
  presetFromOfficeJs,
  presetFromString,
  presetName,
  presetToCalendarColor,
  presetToGraph,
  presetToOfficeJs,
  tryParseColor,
} from '../../src/colors/index.js';

describe('parseColor', () => {
  it.each([
    ['#0082c9', 0x00, 0x82, 0xc9, 255],
    ['#0082C9', 0x00, 0x82, 0xc9, 255],
    ['  #0082C9\n', 0x00, 0x82, 0xc9, 255],
    ['0082c9', 0x00, 0x82, 0xc9, 255], // Thunderbird / Graph without '#'
    ['#1C4587FF', 0x1c, 0x45, 0x87, 255], // Apple calendar-color, alpha last
    ['#FF000080', 0xff, 0x00, 0x00, 0x80],
    ['ff000080', 0xff, 0x00, 0x00, 0x80],
    ['#abc', 0xaa, 0xbb, 0xcc, 255],
    ['#F0A', 0xff, 0x00, 0xaa, 255],
    ['red', 0xff, 0, 0, 255],
    ['CornflowerBlue', 0x64, 0x95, 0xed, 255],
    [' rebeccapurple ', 0x66, 0x33, 0x99, 255],
  ])('%j', (input, r, g, b, alpha) => {
    const c = parseColor(input);
    expect([c.r, c.g, c.b, c.alpha]).toEqual([r, g, b, alpha]);
  });

  it('normalises to uppercase #RRGGBB and records the form', () => {
    expect(parseColor('#0e61b9ff').hex).toBe('#0E61B9');
    expect(parseColor('navy')).toMatchObject({ form: 'name', cssName: 'navy', hex: '#000080' });
    expect(parseColor('#000080').form).toBe('hex');
  });

  it('knows all 147 CSS3 names plus rebeccapurple, each parseable', () => {
    const names = Object.keys(CSS_COLOR_NAMES);
    expect(names).toHaveLength(148);
    for (const n of [
      'aliceblue',
      'lightgoldenrodyellow',
      'mediumspringgreen',
      'yellowgreen',
      'grey',
      'darkslategrey',
    ]) {
      expect(names).toContain(n);
    }
    for (const n of names) expect(parseColor(n.toUpperCase()).cssName).toBe(n);
    // spot-check values against the CSS specification
    expect(parseColor('gray').hex).toBe('#808080');
    expect(parseColor('darkgray').hex).toBe('#A9A9A9'); // lighter than gray, as the spec has it
    expect(parseColor('lightseagreen').hex).toBe('#20B2AA');
    expect(parseColor('peachpuff').hex).toBe('#FFDAB9');
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['#12', /2 hex digits/],
    ['#1234', /4 hex digits/],
    ['#12345', /5 hex digits/],
    ['#1234567', /7 hex digits/],
    ['#123456789', /9 hex digits/],
    ['#GGGGGG', /non-hexadecimal/],
    ['#', /0 hex digits/],
    ['rgb(1,2,3)', /functional notation/],
    ['hsl(120, 50%, 50%)', /functional notation/],
    ['notacolor', /unknown color name/],
    ['transparent', /unknown color name/],
    ['bad', /unknown color name/], // a bare 3-digit hex word is not taken as a color
    ['12345', /unknown color name/],
    ['# 0082C9', /non-hexadecimal/],
    ['light blue', /unknown color name/],
  ])('rejects %j clearly', (input, detail) => {
    let err: unknown;
    try {
      parseColor(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ColorParseError);
    const e = err as ColorParseError;
    expect(e.input).toBe(input);
    expect(e.messageEn).toContain(
      `Invalid color ${JSON.stringify(input)}: expected #RRGGBB, #RRGGBBAA, #RGB or a CSS color name`,
    );
    expect(e.messageFr).toContain(`Couleur invalide ${JSON.stringify(input)}`);
    expect(e.message).toBe(`${e.messageEn} / ${e.messageFr}`);
    expect(e.messageEn).toMatch(detail);
  });

  it('tryParseColor returns null instead of throwing', () => {
    expect(tryParseColor('nope')).toBeNull();
    expect(tryParseColor(null)).toBeNull();
    expect(tryParseColor(undefined)).toBeNull();
    expect(tryParseColor('teal')?.hex).toBe('#008080');
  });
});

// The table of field-notes section 3, written out independently of src/colors/presets.ts.
const FIELD_NOTES: Array<[number, string, string]> = [
  [0, 'Red', 'E7A1A2'],
  [1, 'Orange', 'F9BA89'],
  [2, 'Brown', 'F7DD8F'],
  [3, 'Yellow', 'FCFA90'],
  [4, 'Green', '78D168'],
  [5, 'Teal', '9FDCC9'],
  [6, 'Olive', 'C6D2B0'],
  [7, 'Blue', '9DB7E8'],
  [8, 'Purple', 'B5A1E2'],
  [9, 'Cranberry', 'DAAEC2'],
  [10, 'Steel', 'DAD9DC'],
  [11, 'DarkSteel', '6B7994'],
  [12, 'Gray', 'BFBFBF'],
  [13, 'DarkGray', '6F6F6F'],
  [14, 'Black', '4F4F4F'],
  [15, 'DarkRed', 'C11A25'],
  [16, 'DarkOrange', 'E2620D'],
  [17, 'DarkBrown', 'C79930'],
  [18, 'DarkYellow', 'B9B300'],
  [19, 'DarkGreen', '368F2B'],
  [20, 'DarkTeal', '329B7A'],
  [21, 'DarkOlive', '778B45'],
  [22, 'DarkBlue', '2858A5'],
  [23, 'DarkPurple', '5C3FA3'],
  [24, 'DarkCranberry', '93446B'],
];

describe('Outlook presets', () => {
  it('match the field-notes table', () => {
    expect(OUTLOOK_PRESETS).toHaveLength(25);
    for (const [n, name, hex] of FIELD_NOTES) {
      expect(OUTLOOK_PRESETS[n]).toMatchObject({ preset: n, name, hex: `#${hex}` });
    }
    expect(OUTLOOK_PRESETS[2]?.uiName).toBe('Peach');
    expect(OUTLOOK_PRESETS[9]?.uiName).toBe('Maroon');
  });

  it('convert to and from Office.js and Graph names', () => {
    for (let n = 0; n < 25; n++) {
      expect(presetToOfficeJs(n)).toBe(`Preset${n}`);
      expect(presetToGraph(n)).toBe(`preset${n}`);
      expect(presetFromOfficeJs(`Preset${n}`)).toBe(n);
      expect(presetFromGraph(`preset${n}`)).toBe(n);
    }
    expect(presetToOfficeJs(PRESET_NONE)).toBe('None');
    expect(presetToGraph(PRESET_NONE)).toBe('none');
    expect(presetFromString('None')).toBe(PRESET_NONE);
    expect(presetFromString('none')).toBe(PRESET_NONE);
    expect(presetName(PRESET_NONE)).toBe('None');
    expect(presetName(22)).toBe('DarkBlue');
    for (const bad of ['Preset25', 'preset-1', 'preset07', '7', 'Preset', 'Red', '']) {
      expect(() => presetFromString(bad)).toThrow(RangeError);
    }
    expect(() => presetToOfficeJs(25)).toThrow(RangeError);
    expect(() => presetToGraph(1.5)).toThrow(RangeError);
  });

  it('every preset maps to itself, at distance 0', () => {
    for (const [n, , hex] of FIELD_NOTES) {
      const m = nearestPreset(`#${hex}`);
      expect(m.preset).toBe(n);
      expect(m.deltaE).toBe(0);
    }
  });

  it('reverse: a preset gives an uppercase, zero-padded #RRGGBBFF; None gives null', () => {
    for (const [n, , hex] of FIELD_NOTES) {
      const value = presetToCalendarColor(n);
      expect(value).toMatch(/^#[0-9A-F]{8}$/);
      expect(value).toBe(`#${hex}FF`);
    }
    // components with a leading zero (the OCS bug wrote "#B9B30FF"-style 7-digit values)
    expect(presetToCalendarColor(18)).toBe('#B9B300FF');
    expect(presetToCalendarColor(PRESET_NONE)).toBeNull();
    expect(() => presetToCalendarColor(99)).toThrow(RangeError);
  });

  it('a calendar created from a category round-trips to the same preset, for all 25', () => {
    for (let n = 0; n < 25; n++) {
      const calendarColor = presetToCalendarColor(n);
      expect(calendarColor).not.toBeNull();
      expect(nearestPreset(calendarColor as string).preset).toBe(n);
    }
  });
});
