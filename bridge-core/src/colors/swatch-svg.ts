import { tryParseColor } from './parse.js';
import { PRESET_NONE, PRESET_NONE_HEX, isPresetNumber, getPreset } from './presets.js';
import { escapeXml } from '../dav/xml-write.js';
import { catalog, type Lang } from '../i18n/index.js';

/** One line of the swatch sheet: a calendar and the category it got. */
export interface SwatchRow {
  /** Calendar display name. */
  readonly name: string;
  /** The calendar color as the server gave it (any form; shown as "invalid" when unparseable). */
  readonly color: string | null;
  /** 0..24, or -1 for None. */
  readonly preset: number;
  readonly presetName: string;
  /** Outlook category name. */
  readonly category: string;
  /** Optional explanation (CategoryAssignment.reason), written under the category. */
  readonly reason?: string;
}

const WIDTH = 760;
const ROW = 56;
const TOP = 64;
const SW = 36;

function swatch(x: number, y: number, fill: string | null, label: string): string {
  if (fill === null) {
    // no usable color: white box crossed out, so it is not mistaken for a white calendar
    return (
      `<rect x="${x}" y="${y}" width="${SW}" height="${SW}" rx="4" fill="#FFFFFF" stroke="#888888"/>` +
      `<line x1="${x}" y1="${y + SW}" x2="${x + SW}" y2="${y}" stroke="#CC0000" stroke-width="2"/>` +
      `<title>${escapeXml(label)}</title>`
    );
  }
  return `<rect x="${x}" y="${y}" width="${SW}" height="${SW}" rx="4" fill="${fill}" stroke="#555555"><title>${escapeXml(label)}</title></rect>`;
}

/**
 * An SVG swatch sheet a person can look at: each calendar's color beside the color of the Outlook
 * category it maps to, with the names written. Every text is XML-escaped and colors are written only
 * in normalised "#RRGGBB" form, so nothing from a server reaches the markup unescaped.
 */
export function renderSwatchSheetSvg(rows: readonly SwatchRow[], lang: Lang = 'en'): string {
  const words = catalog(lang).swatchSheet;
  const height = TOP + Math.max(rows.length, 1) * ROW + 16;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Segoe UI, Helvetica, Arial, sans-serif" font-size="13">`,
    `<title>${escapeXml(words.title)}</title>`,
    `<rect width="100%" height="100%" fill="#FFFFFF"/>`,
    `<text x="16" y="28" font-size="16" font-weight="bold">${escapeXml(words.heading)}</text>`,
    `<text x="16" y="50" fill="#555555">${escapeXml(words.calendarColumn)}</text>`,
    `<text x="400" y="50" fill="#555555">${escapeXml(words.categoryColumn)}</text>`,
  );
  if (rows.length === 0) {
    out.push(`<text x="16" y="${TOP + 24}" fill="#555555">${escapeXml(words.noCalendars)}</text>`);
  }
  rows.forEach((row, i) => {
    const y = TOP + i * ROW;
    const parsed = row.color === null ? null : tryParseColor(row.color);
    const calLabel =
      row.color === null || row.color.trim() === ''
        ? words.noColor
        : parsed
          ? parsed.hex + (parsed.alpha !== 255 ? ` (alpha ${parsed.alpha})` : '')
          : words.invalidColor(row.color);
    const presetFill =
      row.preset === PRESET_NONE ? PRESET_NONE_HEX : isPresetNumber(row.preset) ? getPreset(row.preset).hex : null;
    const presetLabel =
      row.preset === PRESET_NONE
        ? words.presetNone(row.presetName)
        : isPresetNumber(row.preset)
          ? `${row.presetName} · preset${row.preset} · ${getPreset(row.preset).hex}`
          : words.unknownPreset(row.preset);
    if (i % 2 === 1) out.push(`<rect x="0" y="${y - 6}" width="${WIDTH}" height="${ROW}" fill="#F4F4F4"/>`);
    out.push(
      `<g>`,
      swatch(16, y, parsed ? parsed.hex : null, calLabel),
      `<text x="64" y="${y + 15}" font-weight="bold">${escapeXml(row.name)}</text>`,
      `<text x="64" y="${y + 32}" fill="#555555">${escapeXml(calLabel)}</text>`,
      `<text x="340" y="${y + 24}" font-size="18" fill="#555555">→</text>`,
      swatch(400, y, presetFill, presetLabel),
      `<text x="448" y="${y + 15}" font-weight="bold">${escapeXml(row.category)}</text>`,
      `<text x="448" y="${y + 32}" fill="#555555">${escapeXml(presetLabel)}</text>`,
    );
    if (row.reason !== undefined && row.reason !== '') {
      out.push(`<title>${escapeXml(row.reason)}</title>`);
    }
    out.push(`</g>`);
  });
  out.push(`</svg>`);
  return out.join('\n') + '\n';
}
