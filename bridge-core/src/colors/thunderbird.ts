import { parseColor } from './parse.js';
import { PRESET_NONE, getPreset } from './presets.js';

/** A calendar color as Thunderbird stores it (calendar property "color"): "#rrggbb", lowercase, no alpha. */
export function toThunderbirdColor(color: string): string {
  return parseColor(color).hex.toLowerCase();
}

/** A preset's color in Thunderbird form; None -> null. */
export function presetToThunderbirdColor(preset: number): string | null {
  return preset === PRESET_NONE ? null : getPreset(preset).hex.toLowerCase();
}

/**
 * Thunderbird's cal.view.formatStringForCSSRule, which names category color prefs: lowercase, then
 * every character outside [a-z0-9] replaced: a space by "_", anything else by "-ux<hex code>-" with
 * the UTF-16 code unit in lowercase hex ("ü" -> "-uxfc-", "-" -> "-ux2d-", an emoji -> two
 * surrogate escapes). Checked against Thunderbird's calendar source (calViewUtils) and its unit test
 * (" " -> "_", "ü" -> "-uxfc-", "a" -> "a").
 */
export function thunderbirdCssName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-zA-Z0-9]/g, (ch) => (ch === ' ' ? '_' : `-ux${ch.charCodeAt(0).toString(16)}-`));
}

/** The pref holding a category's color: "calendar.category.color.<thunderbirdCssName(name)>". */
export function thunderbirdCategoryPrefName(categoryName: string): string {
  return `calendar.category.color.${thunderbirdCssName(categoryName)}`;
}
