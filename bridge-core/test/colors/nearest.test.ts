import { OUTLOOK_PRESETS, nearestPreset, rankPresets } from '../../src/colors/index.js';

// Preset numbers, named so the expectations read as a person's picks.
const P = Object.fromEntries(OUTLOOK_PRESETS.map((p) => [p.name, p.preset])) as Record<string, number>;
const pick = (...names: string[]): number[] =>
  names.map((n) => {
    const v = P[n];
    if (v === undefined) throw new Error(`no preset ${n}`);
    return v;
  });

/**
 * Default colors of the servers and clients people use, with the preset(s) a person picks by eye
 * from Outlook's color menu. Where two presets are equally defensible both are listed; a preset
 * outside the list is a wrong mapping.
 */
const HUMAN: Array<[string, string, number[]]> = [
  // Nextcloud: the personal calendar gets the theming color, #0082c9 (older) / #00679e (newer).
  ['Nextcloud default #0082c9', '#0082c9', pick('DarkBlue', 'Blue')],
  ['Nextcloud default (NC 28+) #00679e', '#00679e', pick('DarkBlue')],
  // SOGo: SOGoAppointmentFolder's defaultColor for calendars without one.
  ['SOGo default #AAAAAA', '#AAAAAA', pick('Gray')],
  // Thunderbird: calendars without a color are drawn #A8C2E1 (calendar-properties, convertCalendar).
  ['Thunderbird default #A8C2E1', '#A8C2E1', pick('Blue')],
  // Radicale's web UI picks a random color; what the probes stored (MKCALENDAR) and an Apple-subscribed feed:
  ['Radicale probe #FF0000FF', '#FF0000FF', pick('DarkRed')],
  ['Apple subscribed #1C4587FF', '#1C4587FF', pick('DarkBlue')],
  // Apple Calendar defaults.
  ['Apple blue #1BADF8', '#1BADF8', pick('Blue')],
  ['Apple green #63DA38', '#63DA38', pick('Green')],
  ['Apple red #FF2968', '#FF2968', pick('DarkRed', 'Red')],
  ['Apple purple #CC73E1', '#CC73E1', pick('Purple')],
  // FFCC00 is golden: Outlook's "Yellow" is a pale lemon, "Peach" (Brown) a pale gold and preset17
  // ("DarkBrown") is goldenrod C79930 despite its name; a person picking by swatch takes any of these.
  ['Apple yellow #FFCC00', '#FFCC00', pick('Yellow', 'Brown', 'DarkBrown')],
  ['Apple orange #FF9500', '#FF9500', pick('Orange', 'DarkOrange')],
  ['Apple brown #A2845E', '#A2845E', pick('DarkBrown')],
  // Nextcloud's generated palette (GenColors(6) of nextcloud-vue / Calendar's uidToColor: 182,70,157 ->
  // 221,203,85 -> 0,130,201 -> back, 6 steps each, components truncated like parseInt).
  ['NC palette #B6469D', '#B6469D', pick('DarkCranberry', 'Cranberry')],
  ['NC palette #BC5C91', '#BC5C91', pick('DarkCranberry', 'Cranberry')],
  ['NC palette #C37285', '#C37285', pick('Cranberry', 'Red', 'DarkCranberry')],
  ['NC palette #C98879', '#C98879', pick('Red', 'Orange')],
  ['NC palette #D09E6D', '#D09E6D', pick('Orange', 'DarkBrown', 'Brown')],
  ['NC palette #D6B461', '#D6B461', pick('DarkBrown', 'Brown')],
  ['NC palette #DDCB55', '#DDCB55', pick('Yellow', 'DarkYellow', 'Brown')],
  ['NC palette #B8BE68', '#B8BE68', pick('DarkYellow', 'Olive', 'Yellow')],
  ['NC palette #93B27B', '#93B27B', pick('Olive', 'DarkOlive', 'Green')],
  ['NC palette #6EA68F', '#6EA68F', pick('DarkTeal', 'Teal')],
  ['NC palette #499AA2', '#499AA2', pick('DarkTeal', 'Teal')],
  ['NC palette #248EB5', '#248EB5', pick('Blue', 'DarkBlue', 'DarkTeal')],
  ['NC palette #1E78C1', '#1E78C1', pick('DarkBlue', 'Blue')],
  ['NC palette #3C6EBA', '#3C6EBA', pick('DarkBlue')],
  ['NC palette #5B64B3', '#5B64B3', pick('DarkBlue', 'DarkPurple')],
  ['NC palette #795AAB', '#795AAB', pick('DarkPurple')],
  ['NC palette #9750A4', '#9750A4', pick('DarkPurple', 'DarkCranberry')],
  // Plain colors a person names without hesitation.
  ['pure red', '#FF0000', pick('DarkRed')],
  ['pure green', '#008000', pick('DarkGreen')],
  ['white', '#FFFFFF', pick('Steel')],
  ['black', '#000000', pick('Black')],
  ['slate grey', '#708090', pick('DarkSteel', 'DarkGray')],
];

describe('nearest preset: the picks a person makes', () => {
  it.each(HUMAN)('%s', (_label, color, acceptable) => {
    const m = nearestPreset(color);
    if (!acceptable.includes(m.preset)) {
      const top = rankPresets(color)
        .slice(0, 3)
        .map((r) => `${r.presetName} ${r.deltaE.toFixed(1)}`);
      throw new Error(
        `${color} -> ${m.presetName}; expected one of ${acceptable.map((n) => OUTLOOK_PRESETS[n]?.name).join(', ')} (top: ${top.join(', ')})`,
      );
    }
  });

  it('never gives a clearly colored calendar a gray category', () => {
    for (const c of ['#0082C9', '#248EB5', '#1BADF8', '#FF0000', '#63DA38', '#CC73E1']) {
      expect(['Steel', 'DarkSteel', 'Gray', 'DarkGray', 'Black']).not.toContain(nearestPreset(c).presetName);
    }
  });
});

// Formerly a known disagreement: CIELAB bends saturated blues towards purple (the hue non-linearity
// reported by Hung & Berns, 1995): #0000FF and navy sit at CIELAB hue ~306°, that of DarkPurple 5C3FA3,
// so plain ΔE00 picked DarkPurple where every person says DarkBlue. Fixed by matching on
// hue-linearized CIELAB (src/colors/hue-linear.ts).
describe('nearest preset: pure blues (CIELAB blue-purple shift corrected)', () => {
  it.each([['#0000FF'], ['navy'], ['mediumblue'], ['#000099'], ['darkblue'], ['#0000CC']])(
    '%s -> DarkBlue',
    (color) => {
      expect(nearestPreset(color).presetName).toBe('DarkBlue');
    },
  );

  it('still gives clearly violet colors a purple preset', () => {
    expect(['DarkPurple']).toContain(nearestPreset('#5C3FA3').presetName);
    expect(['DarkPurple', 'Purple']).toContain(nearestPreset('blueviolet').presetName);
    expect(['DarkPurple', 'Purple']).toContain(nearestPreset('rebeccapurple').presetName);
    expect(['DarkPurple', 'DarkCranberry']).toContain(nearestPreset('purple').presetName);
  });
});

describe('nearest preset: determinism', () => {
  it('gives the same answer for every spelling of a color and ignores alpha', () => {
    const spellings = ['#0082c9', '#0082C9', '0082C9', '#0082C9FF', '#0082C900', ' #0082c9 '];
    const results = spellings.map((s) => nearestPreset(s));
    for (const r of results) expect(r).toEqual(results[0]);
    expect(nearestPreset('navy')).toEqual(nearestPreset('#000080'));
  });

  it('is a pure function (same answer on every call)', () => {
    const first = Array.from({ length: 64 }, (_, i) =>
      nearestPreset({ r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 }),
    );
    const again = Array.from({ length: 64 }, (_, i) =>
      nearestPreset({ r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 }),
    );
    expect(again).toEqual(first);
  });

  it('ranks ties by lowest preset number', () => {
    const ranked = rankPresets('#808080');
    for (let i = 1; i < ranked.length; i++) {
      const a = ranked[i - 1]!;
      const b = ranked[i]!;
      if (a.eligible === b.eligible && a.deltaE === b.deltaE) expect(a.preset).toBeLessThan(b.preset);
    }
    expect(ranked).toHaveLength(25);
  });

  it('reports the normalised input and a distance', () => {
    const m = nearestPreset('#0e61b9');
    expect(m.from).toBe('#0E61B9');
    expect(m.deltaE).toBeGreaterThan(0);
  });
});
