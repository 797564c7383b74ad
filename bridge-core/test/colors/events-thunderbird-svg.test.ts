import {
  eventCategoriesToOutlook,
  eventColorToPreset,
  nearestPreset,
  outlookCategoriesToEvent,
  parseColor,
  presetToEventColor,
  renderSwatchSheetSvg,
  thunderbirdCategoryPrefName,
  thunderbirdCssName,
  toThunderbirdColor,
} from '../../src/colors/index.js';

describe('per-event COLOR', () => {
  it.each([
    ['red', ['DarkRed']],
    ['forestgreen', ['DarkGreen']],
    ['gold', ['Yellow', 'DarkYellow', 'Brown', 'DarkBrown']], // gold sits among all the yellow-ish presets
    ['silver', ['Gray']],
    ['darkorange', ['DarkOrange', 'Orange']],
  ])('%s -> one of %j', (name, presets) => {
    expect(presets).toContain(eventColorToPreset(name).presetName);
  });

  // Formerly a known disagreement: CSS "orange" FFA500 is yellow-orange; ΔE00 with kC = 1 put it
  // nearer the goldenrod preset17 C79930 ("DarkBrown") than Orange F9BA89, on chroma alone (vivid vs
  // pale). With kC = 2 (src/colors/nearest.ts, PRESET_MATCHING) hue and lightness decide: Orange.
  it('orange -> Orange or DarkOrange', () => {
    expect(['Orange', 'DarkOrange']).toContain(eventColorToPreset('orange').presetName);
  });

  it('preset -> a CSS3 name that maps back to the same preset, for all 25; None -> no COLOR', () => {
    for (let n = 0; n < 25; n++) {
      const name = presetToEventColor(n);
      expect(name).toMatch(/^[a-z]+$/);
      expect(parseColor(name as string).form).toBe('name');
    }
    expect(presetToEventColor(-1)).toBeNull();
    // picks a person agrees with
    expect(['firebrick', 'crimson', 'brown']).toContain(presetToEventColor(15));
    expect(['dimgray', 'darkslategray']).toContain(presetToEventColor(14));
    expect(['lightsteelblue', 'cornflowerblue', 'lightskyblue']).toContain(presetToEventColor(7));
    expect(nearestPreset(presetToEventColor(22) as string).presetName).toMatch(/Blue/);
  });
});

describe('CATEGORIES <-> Outlook categories', () => {
  it('adds the calendar category (first), de-duplicated case-insensitively, order kept', () => {
    expect(eventCategoriesToOutlook(['Meeting', ' Travel ', 'meeting', '', 'work'], 'Work')).toEqual([
      'Work',
      'Meeting',
      'Travel',
    ]);
    expect(eventCategoriesToOutlook(['A'], null)).toEqual(['A']);
    expect(eventCategoriesToOutlook([], 'Work')).toEqual(['Work']);
  });

  it('removes the calendar category on the way back so it is never duplicated into the event', () => {
    expect(outlookCategoriesToEvent(['Work', 'Meeting', 'WORK', 'Travel', 'meeting'], 'work')).toEqual([
      'Meeting',
      'Travel',
    ]);
    expect(outlookCategoriesToEvent(['Work (DAV)', 'Work'], 'Work (DAV)')).toEqual(['Work']);
    expect(outlookCategoriesToEvent(['A', 'B'], null)).toEqual(['A', 'B']);
  });

  it("round-trips an event's own categories", () => {
    const event = ['Meeting', 'Travel'];
    expect(outlookCategoriesToEvent(eventCategoriesToOutlook(event, 'Work'), 'Work')).toEqual(event);
  });
});

describe('Thunderbird', () => {
  it('calendar color: #rrggbb lowercase, alpha dropped', () => {
    expect(toThunderbirdColor('#1C4587FF')).toBe('#1c4587');
    expect(toThunderbirdColor('navy')).toBe('#000080');
    expect(() => toThunderbirdColor('nope')).toThrow();
  });

  it('category pref names follow cal.view.formatStringForCSSRule', () => {
    // Thunderbird's own unit test: " " -> "_", "ü" -> "-uxfc-", "a" -> "a"
    expect(thunderbirdCssName(' ')).toBe('_');
    expect(thunderbirdCssName('ü')).toBe('-uxfc-');
    expect(thunderbirdCssName('a')).toBe('a');
    expect(thunderbirdCategoryPrefName('Work (DAV)')).toBe('calendar.category.color.work_-ux28-dav-ux29-');
    expect(thunderbirdCategoryPrefName('Compulsory Event')).toBe('calendar.category.color.compulsory_event');
    expect(thunderbirdCategoryPrefName('a-b_c')).toBe('calendar.category.color.a-ux2d-b-ux5f-c');
  });
});

describe('swatch sheet', () => {
  it('draws each calendar beside its category, escaped', () => {
    const svg = renderSwatchSheetSvg([
      {
        name: 'Work & <Friends>',
        color: '#0082C9FF',
        preset: 22,
        presetName: 'DarkBlue',
        category: 'Work "DAV"',
        reason: 'nearest to #0082C9',
      },
      { name: 'Broken', color: '"/><script>', preset: -1, presetName: 'None', category: 'Broken' },
      { name: 'Plain', color: null, preset: -1, presetName: 'None', category: "O'Neil" },
    ]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('Work &amp; &lt;Friends&gt;');
    expect(svg).toContain('Work &quot;DAV&quot;');
    expect(svg).toContain('O&apos;Neil');
    expect(svg).toContain('fill="#0082C9"');
    expect(svg).toContain('fill="#2858A5"');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('invalid: &quot;/&gt;&lt;script&gt;');
    // well-formed enough: every opened group closed
    expect(svg.match(/<g>/g)?.length).toBe(3);
    expect(svg.match(/<\/g>/g)?.length).toBe(3);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });

  it('renders an empty sheet', () => {
    expect(renderSwatchSheetSvg([])).toContain('No calendars.');
  });
});
