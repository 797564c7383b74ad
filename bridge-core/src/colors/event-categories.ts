import { nearestCssColorName, nearestPreset, type NearestPreset } from './nearest.js';
import { PRESET_NONE, getPreset } from './presets.js';

/**
 * Per-event color, RFC 7986 COLOR (a CSS3 color name) -> the nearest Outlook preset (CIEDE2000).
 * Lenient on input: any form parseColor accepts (some clients write hex). Throws ColorParseError.
 */
export function eventColorToPreset(color: string): NearestPreset {
  return nearestPreset(color);
}

/** An Outlook preset -> the nearest CSS3 color name for RFC 7986 COLOR; None -> null (no COLOR). */
export function presetToEventColor(preset: number): string | null {
  if (preset === PRESET_NONE) return null;
  return nearestCssColorName(getPreset(preset).rgb).name;
}

function fold(s: string): string {
  return s.normalize('NFC').trim().toLowerCase();
}

/** Trims, drops empty names and case-insensitive duplicates (the first spelling wins); order kept. */
export function normalizeCategoryList(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (name === '') continue;
    const key = fold(name);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/**
 * iCalendar CATEGORIES of an event -> the Outlook categories of its appointment: the calendar's own
 * category first (Outlook colors an appointment with its first category, so the calendar color shows),
 * then the event's categories in order; de-duplicated case-insensitively, as Outlook compares.
 * `calendarCategory` null/empty adds nothing.
 */
export function eventCategoriesToOutlook(
  eventCategories: readonly string[],
  calendarCategory: string | null | undefined,
): string[] {
  const own = calendarCategory?.trim() ?? '';
  return normalizeCategoryList(own === '' ? eventCategories : [own, ...eventCategories]);
}

/**
 * Outlook categories of an appointment -> iCalendar CATEGORIES: the calendar's own category is
 * removed (case-insensitively) so it never leaks into the event on the server; order kept,
 * de-duplicated.
 */
export function outlookCategoriesToEvent(
  outlookCategories: readonly string[],
  calendarCategory: string | null | undefined,
): string[] {
  const own = fold(calendarCategory ?? '');
  return normalizeCategoryList(outlookCategories).filter((c) => own === '' || fold(c) !== own);
}
