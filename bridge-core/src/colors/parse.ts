import { CSS_COLOR_NAMES } from './css-names.js';
import { message, render, type ColorProblem, type Message } from '../i18n/index.js';

/** An sRGB color, each channel an integer 0..255. */
export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** A parsed color: sRGB, alpha 0..255 (255 when the input had none), and what it was written as. */
export interface ParsedColor extends Rgb {
  readonly alpha: number;
  /** "hex" for #RGB / #RRGGBB / #RRGGBBAA (with or without '#'), "name" for a CSS color name. */
  readonly form: 'hex' | 'name';
  /** The CSS name in lowercase, when form is "name". */
  readonly cssName?: string;
  /** "#RRGGBB", uppercase: the canonical form used in memory, reasons and the swatch sheet. */
  readonly hex: string;
}

/**
 * Thrown for a value that is not a color we understand. Carries the offending input and its catalog message
 * (`text`: what is wrong, as a code); `messageEn` / `messageFr` are that message rendered, and `message` holds
 * both ("English / Français") for callers that print it without knowing the user's language.
 */
export class ColorParseError extends Error {
  readonly input: string;
  readonly text: Message;
  readonly messageEn: string;
  readonly messageFr: string;
  constructor(input: string, problem?: ColorProblem, digits?: number) {
    const text = message('colors.invalid-color', { input: JSON.stringify(input), problem, digits });
    const en = render('en', text);
    const fr = render('fr', text);
    super(`${en} / ${fr}`);
    this.name = 'ColorParseError';
    this.input = input;
    this.text = text;
    this.messageEn = en;
    this.messageFr = fr;
  }
}

const HEX_WITH_HASH = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
// Thunderbird and Microsoft Graph (hexColor) sometimes omit the '#'. Only 6 or 8 digits are accepted
// bare: a bare 3-letter word such as "bad" or "fee" would otherwise silently become a color.
const HEX_BARE = /^([0-9a-f]{6}|[0-9a-f]{8})$/i;

function byte(hex: string, at: number): number {
  return parseInt(hex.slice(at, at + 2), 16);
}

/** Formats 0..255 as two uppercase hex digits, zero-padded (the OCS bug was writing "0" for 0). */
export function hexByte(n: number): string {
  const v = Math.max(0, Math.min(255, Math.round(n)));
  return v.toString(16).toUpperCase().padStart(2, '0');
}

/** "#RRGGBB", uppercase, zero-padded. */
export function rgbToHex(rgb: Rgb): string {
  return `#${hexByte(rgb.r)}${hexByte(rgb.g)}${hexByte(rgb.b)}`;
}

function fromDigits(digits: string, form: 'hex' | 'name', cssName?: string): ParsedColor {
  let full = digits;
  if (full.length === 3) full = full.replace(/./g, (c) => c + c);
  const r = byte(full, 0);
  const g = byte(full, 2);
  const b = byte(full, 4);
  const alpha = full.length === 8 ? byte(full, 6) : 255;
  const hex = rgbToHex({ r, g, b });
  return cssName === undefined ? { r, g, b, alpha, form, hex } : { r, g, b, alpha, form, hex, cssName };
}

/**
 * Parses every color form met in the field: "#RGB", "#RRGGBB", "#RRGGBBAA" (Apple calendar-color,
 * alpha last), a CSS3 color name (RFC 7986 COLOR, any case), Thunderbird/Graph hex with or without
 * '#', any case; surrounding whitespace is ignored. Functional notations (rgb(), hsl()) and "#RGBA"
 * are not met in DAV data and are rejected. Throws ColorParseError.
 */
export function parseColor(input: string): ParsedColor {
  if (typeof input !== 'string') {
    throw new ColorParseError(String(input), 'not-a-string');
  }
  const s = input.trim();
  if (s === '') throw new ColorParseError(input, 'empty');
  const hashed = HEX_WITH_HASH.exec(s);
  if (hashed?.[1] !== undefined) return fromDigits(hashed[1], 'hex');
  const bare = HEX_BARE.exec(s);
  if (bare?.[1] !== undefined) return fromDigits(bare[1], 'hex');
  const lower = s.toLowerCase();
  if (Object.prototype.hasOwnProperty.call(CSS_COLOR_NAMES, lower)) {
    const digits = CSS_COLOR_NAMES[lower];
    if (digits !== undefined) return fromDigits(digits, 'name', lower);
  }
  if (s.startsWith('#')) {
    const digits = s.length - 1;
    if (/[^0-9a-f]/i.test(s.slice(1))) {
      throw new ColorParseError(input, 'non-hex-digit');
    }
    throw new ColorParseError(input, 'hex-digit-count', digits);
  }
  if (/^[a-z]+\(/i.test(s)) {
    throw new ColorParseError(input, 'functional-notation');
  }
  throw new ColorParseError(input, 'unknown-name');
}

/** Like parseColor but returns null instead of throwing (for values read from servers). */
export function tryParseColor(input: string | null | undefined): ParsedColor | null {
  if (input === null || input === undefined) return null;
  try {
    return parseColor(input);
  } catch (e) {
    if (e instanceof ColorParseError) return null;
    throw e;
  }
}

/** "#RRGGBBAA" (Apple calendar-color form), uppercase, zero-padded; alpha defaults to opaque. */
export function toCalendarColorValue(rgb: Rgb, alpha = 255): string {
  return rgbToHex(rgb) + hexByte(alpha);
}
