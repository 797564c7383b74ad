import { deltaE2000, rgbToLab, type Lab } from './ciede2000.js';
import { CSS_COLOR_NAMES } from './css-names.js';
import { hueLinearizedLab } from './hue-linear.js';
import { parseColor, rgbToHex, type ParsedColor, type Rgb } from './parse.js';
import { OUTLOOK_PRESETS } from './presets.js';

export interface NearestPreset {
  /** 0..24 */
  readonly preset: number;
  /** Office.js name of the preset ("DarkBlue"). */
  readonly presetName: string;
  /** CIEDE2000 distance (hue-linearized Lab, PRESET_MATCHING.kL / kC) from the input to the preset's color. */
  readonly deltaE: number;
  /** The input, normalised to "#RRGGBB". */
  readonly from: string;
}

export interface RankedPreset extends NearestPreset {
  /** False for a gray preset when the input is clearly colored (see PRESET_MATCHING). */
  readonly eligible: boolean;
}

/**
 * How a color is matched to a preset: CIEDE2000, with three documented adjustments, each checked in
 * test/colors/nearest.test.ts against the picks a person makes. Plain ΔE00 on CIELAB (what Outlook
 * CalDav Synchronizer does) gives results people find wrong for the saturated colors servers use,
 * because the 25 presets are pale/dark pairs far from those colors:
 * - hue-linearized CIELAB (hue-linear.ts): CIELAB bends saturated blues towards purple, so #0000FF,
 *   navy and mediumblue came out DarkPurple; both the input and the presets are compared by their
 *   hue-linearized Lab (a preset is still at distance 0 from itself).
 * - kL = 1.5 and kC = 2: CIEDE2000's own parametric factors (the CIE allows them for applications;
 *   textiles use kL = 2). At such distances ΔE00 lets a lightness or a chroma match (pale preset vs
 *   vivid calendar) outweigh the hue: Nextcloud's #0082C9 came out DarkSteel, pure red #FF0000
 *   DarkOrange, Apple orange DarkBrown, CSS orange #FFA500 the goldenrod DarkBrown. The category
 *   should name the color family, so hue counts most. kL 2 went too far (Apple brown #A2845E became
 *   Orange); kC 2 with kL 1 made neutral #808080 the bluish DarkSteel.
 * - a clearly colored input (chroma C*ab >= 20) is never given a gray preset (Steel, DarkSteel, Gray,
 *   DarkGray, Black): "my blue calendar became gray" is the complaint. Greys and muted colors are
 *   matched against all 25.
 * Ties go to the lowest preset number. Once a calendar has a preset it is remembered (category.ts), so
 * a later change here never reshuffles existing categories.
 */
export const PRESET_MATCHING = Object.freeze({
  kL: 1.5,
  kC: 2,
  chromaticThreshold: 20,
  neutralPresets: Object.freeze([10, 11, 12, 13, 14]) as readonly number[],
});

const PRESET_LABS: readonly Lab[] = OUTLOOK_PRESETS.map((p) => hueLinearizedLab(p.rgb));

function toColor(color: string | Rgb): ParsedColor | Rgb {
  return typeof color === 'string' ? parseColor(color) : color;
}

/**
 * Every preset with its distance to a color, the one nearestPreset picks first: eligible presets
 * before excluded ones, then by ΔE, equal distances in preset order (lowest number first).
 * Alpha is ignored: Outlook categories are opaque. None is never proposed. Throws ColorParseError.
 */
export function rankPresets(color: string | Rgb): RankedPreset[] {
  const c = toColor(color);
  const lab = hueLinearizedLab(c);
  const from = rgbToHex(c);
  // hue linearization keeps C*ab, so this is the plain CIELAB chroma
  const chromatic = Math.hypot(lab.a, lab.b) >= PRESET_MATCHING.chromaticThreshold;
  const ranked = OUTLOOK_PRESETS.map((p, i) => ({
    preset: p.preset,
    presetName: p.name,
    deltaE: deltaE2000(lab, PRESET_LABS[i] as Lab, PRESET_MATCHING.kL, PRESET_MATCHING.kC),
    from,
    eligible: !(chromatic && PRESET_MATCHING.neutralPresets.includes(p.preset)),
  }));
  return ranked.sort((x, y) => Number(y.eligible) - Number(x.eligible) || x.deltaE - y.deltaE || x.preset - y.preset);
}

/** The preset nearest to a color (see PRESET_MATCHING); ties go to the lowest preset number. Throws ColorParseError. */
export function nearestPreset(color: string | Rgb): NearestPreset {
  const best = rankPresets(color)[0];
  if (best === undefined) throw new Error('no presets');
  return { preset: best.preset, presetName: best.presetName, deltaE: best.deltaE, from: best.from };
}

export interface NearestCssName {
  readonly name: string;
  readonly hex: string;
  readonly deltaE: number;
}

const CSS_ENTRIES: ReadonlyArray<readonly [string, Lab, string]> = Object.keys(CSS_COLOR_NAMES)
  .sort()
  .map((name) => {
    const c = parseColor(name);
    return [name, rgbToLab(c), c.hex] as const;
  });

/** The CSS3 color name nearest to a color by CIEDE2000 (ties: alphabetical, so "aqua" over "cyan", "gray" over "grey"). */
export function nearestCssColorName(color: string | Rgb): NearestCssName {
  const lab = rgbToLab(toColor(color));
  let best: NearestCssName | null = null;
  for (const [name, l, hex] of CSS_ENTRIES) {
    const de = deltaE2000(lab, l);
    if (best === null || de < best.deltaE) best = { name, hex, deltaE: de };
  }
  if (best === null) throw new Error('no CSS color names');
  return best;
}
