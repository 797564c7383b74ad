import { toCalendarColorValue } from './parse.js';
import { PRESET_NONE, getPreset } from './presets.js';

/**
 * The calendar-color value for a calendar created from an Outlook category: "#RRGGBBFF", uppercase,
 * always 8 hex digits (each component zero-padded: Outlook CalDav Synchronizer wrote 0 as "0" and
 * produced 7-digit values for presets such as DarkYellow B9B300). None gives null: leave the calendar
 * without a color rather than invent white.
 */
export function presetToCalendarColor(preset: number): string | null {
  if (preset === PRESET_NONE) return null;
  return toCalendarColorValue(getPreset(preset).rgb, 255);
}
