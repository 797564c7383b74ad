import { parseColor, type Rgb } from './parse.js';

/**
 * Outlook category colors. Office.js `Office.MailboxEnums.CategoryColor.Preset0..Preset24` and Graph
 * `outlookCategory.color` "preset0".."preset24" use this order; "None" / "none" is no color (-1 here).
 * Microsoft documents only names; the RGB values are the ones Outlook CalDav Synchronizer matches
 * against (its ColorHelper), so a calendar maps to the same preset as it does there.
 */
export interface OutlookPreset {
  /** 0..24 */
  readonly preset: number;
  /** The Office.js documentation name ("DarkRed"). */
  readonly name: string;
  /** What the Outlook colour picker shows, when it differs ("Peach" for Brown, "Maroon" for Cranberry). */
  readonly uiName?: string;
  /** "#RRGGBB" uppercase. */
  readonly hex: string;
  readonly rgb: Rgb;
}

/** The "no color" category preset (Office.js "None", Graph "none"). */
export const PRESET_NONE = -1;
/** The color Outlook shows for None. */
export const PRESET_NONE_HEX = '#FFFFFF';

const TABLE: ReadonlyArray<readonly [string, string, string?]> = [
  ['Red', 'E7A1A2'],
  ['Orange', 'F9BA89'],
  ['Brown', 'F7DD8F', 'Peach'],
  ['Yellow', 'FCFA90'],
  ['Green', '78D168'],
  ['Teal', '9FDCC9'],
  ['Olive', 'C6D2B0'],
  ['Blue', '9DB7E8'],
  ['Purple', 'B5A1E2'],
  ['Cranberry', 'DAAEC2', 'Maroon'],
  ['Steel', 'DAD9DC'],
  ['DarkSteel', '6B7994'],
  ['Gray', 'BFBFBF'],
  ['DarkGray', '6F6F6F'],
  ['Black', '4F4F4F'],
  ['DarkRed', 'C11A25'],
  ['DarkOrange', 'E2620D'],
  ['DarkBrown', 'C79930'],
  ['DarkYellow', 'B9B300'],
  ['DarkGreen', '368F2B'],
  ['DarkTeal', '329B7A'],
  ['DarkOlive', '778B45'],
  ['DarkBlue', '2858A5'],
  ['DarkPurple', '5C3FA3'],
  ['DarkCranberry', '93446B'],
];

export const OUTLOOK_PRESETS: readonly OutlookPreset[] = Object.freeze(
  TABLE.map(([name, digits, uiName], preset) => {
    const c = parseColor(digits);
    const rgb = Object.freeze({ r: c.r, g: c.g, b: c.b });
    return Object.freeze(uiName ? { preset, name, uiName, hex: c.hex, rgb } : { preset, name, hex: c.hex, rgb });
  }),
);

export const PRESET_COUNT = OUTLOOK_PRESETS.length;

/** True for 0..24 (integers). None (-1) is not a color preset. */
export function isPresetNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n < PRESET_COUNT;
}

/** The table row of a preset; throws RangeError for anything but 0..24. */
export function getPreset(preset: number): OutlookPreset {
  const p = isPresetNumber(preset) ? OUTLOOK_PRESETS[preset] : undefined;
  if (!p) throw new RangeError(`Not an Outlook category preset: ${preset} (expected 0..24)`);
  return p;
}

/** "DarkRed"; "None" for -1. */
export function presetName(preset: number): string {
  return preset === PRESET_NONE ? 'None' : getPreset(preset).name;
}

/** Office.js CategoryColor enum value: 7 -> "Preset7", -1 -> "None". */
export function presetToOfficeJs(preset: number): string {
  if (preset === PRESET_NONE) return 'None';
  return `Preset${getPreset(preset).preset}`;
}

/** Graph outlookCategory.color value: 7 -> "preset7", -1 -> "none". */
export function presetToGraph(preset: number): string {
  if (preset === PRESET_NONE) return 'none';
  return `preset${getPreset(preset).preset}`;
}

/**
 * The preset number of an Office.js ("Preset7", "None") or Graph ("preset7", "none") value; case is
 * ignored so either spelling works. Throws RangeError for anything else ("Preset25", "preset07", "7").
 */
export function presetFromString(value: string): number {
  const s = value.trim();
  if (/^none$/i.test(s)) return PRESET_NONE;
  const m = /^preset(0|[1-9][0-9]?)$/i.exec(s);
  const n = m?.[1] !== undefined ? Number(m[1]) : NaN;
  if (!isPresetNumber(n)) {
    throw new RangeError(
      `Not an Outlook category color: ${JSON.stringify(value)} (expected Preset0..Preset24 or None)`,
    );
  }
  return n;
}
/** Alias of presetFromString, named for the Office.js direction. */
export const presetFromOfficeJs = presetFromString;
/** Alias of presetFromString, named for the Graph direction. */
export const presetFromGraph = presetFromString;
