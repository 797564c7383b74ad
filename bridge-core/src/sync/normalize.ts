/**
 * Change detection by meaning: two versions of an item are "the same" when their normalized text is the
 * same. Servers rewrite what they store (Radicale regenerates PRODID and VTIMEZONE, reorders properties,
 * bumps ETags without a content change), so neither bytes nor ETags are trusted.
 *
 * Normalization, on text lines (never through a full parser, see content-lines.ts):
 * - line endings unified, folded lines joined, empty lines dropped;
 * - PRODID, DTSTAMP, LAST-MODIFIED, CREATED, REV dropped, VTIMEZONE blocks dropped (the TZID references
 *   stay, so a time-zone change of an event still counts);
 * - property and parameter names upper-cased, parameters sorted, repeated/comma-separated parameter values
 *   merged and sorted, safe quotes removed, enumerated parameter values (TYPE, PARTSTAT, ROLE...) upper-cased,
 *   the default VALUE=DATE-TIME dropped on date-time properties;
 * - multi-valued EXDATE/RDATE and text lists (CATEGORIES, RESOURCES, NICKNAME) split into one line per value,
 *   RRULE parts sorted;
 * - vCards: version-free (see vcardAsVersionFree);
 * - within each component, lines sorted, and sub-components (overrides, alarms) sorted.
 * The hash is FNV-1a 64 of the UTF-8 bytes of that text (pure JS, isomorphic).
 */
import { type Component, type ContentLine, parseComponents, splitOutsideQuotes } from './content-lines.js';

const DROPPED_PROPS = new Set(['PRODID', 'DTSTAMP', 'LAST-MODIFIED', 'CREATED', 'REV']);
const DROPPED_COMPONENTS = new Set(['VTIMEZONE']);
const CASE_INSENSITIVE_PARAMS = new Set([
  'TYPE',
  'PARTSTAT',
  'ROLE',
  'CUTYPE',
  'RSVP',
  'VALUE',
  'ENCODING',
  'RELATED',
  'FBTYPE',
  'RANGE',
  'RELTYPE',
  'SCHEDULE-AGENT',
  'SCHEDULE-FORCE-SEND',
  'DISPLAY',
  'FEATURE',
]);
const DATE_TIME_PROPS = new Set(['DTSTART', 'DTEND', 'DUE', 'RECURRENCE-ID', 'EXDATE', 'RDATE', 'COMPLETED']);
const SPLIT_VALUE_PROPS = new Set(['EXDATE', 'RDATE']);
/**
 * Text lists where one line with commas means the same as several lines (RFC 5545 3.8.1.2, RFC 6350 6.7.1):
 * Cyrus splits "CATEGORIES:Équipe,Réunion" into two lines. Escaped commas (\,) stay inside a value.
 */
const SPLIT_TEXT_LIST_PROPS = new Set(['CATEGORIES', 'RESOURCES', 'NICKNAME']);

function splitTextList(value: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && i + 1 < value.length) {
      current += ch + value[++i];
    } else if (ch === ',') {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out.map((v) => v.trim()).filter((v) => v.length > 0);
}

function unquote(v: string): string {
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    const inner = v.slice(1, -1);
    if (!/[:;,]/.test(inner)) return inner;
  }
  return v;
}

function normalizeParams(line: ContentLine): string {
  const merged = new Map<string, string[]>();
  for (const [name, raw] of line.params) {
    const values = splitOutsideQuotes(raw, ',').map((v) => {
      const u = unquote(v);
      return CASE_INSENSITIVE_PARAMS.has(name) ? u.toUpperCase() : u;
    });
    const list = merged.get(name) ?? [];
    list.push(...values);
    merged.set(name, list);
  }
  if (DATE_TIME_PROPS.has(line.name)) {
    const value = merged.get('VALUE');
    if (value && value.length === 1 && value[0] === 'DATE-TIME') merged.delete('VALUE');
  }
  return [...merged.keys()]
    .sort()
    .map((k) => `;${k}=${(merged.get(k) ?? []).sort().join(',')}`)
    .join('');
}

function normalizeLines(line: ContentLine): string[] {
  const head = (line.group ? line.group.toUpperCase() + '.' : '') + line.name + normalizeParams(line);
  if (SPLIT_TEXT_LIST_PROPS.has(line.name)) {
    return splitTextList(line.value).map((v) => `${head}:${v}`);
  }
  if (SPLIT_VALUE_PROPS.has(line.name)) {
    return line.value.split(',').map((v) => `${head}:${v.trim()}`);
  }
  if (line.name === 'RRULE' || line.name === 'EXRULE') {
    const parts = line.value
      .split(';')
      .filter((p) => p.length > 0)
      .map((p) => p.toUpperCase())
      .sort();
    return [`${head}:${parts.join(';')}`];
  }
  return [`${head}:${line.value}`];
}

const INLINE_BINARY_MEDIA: Record<string, string> = {
  PHOTO: 'image',
  LOGO: 'image',
  SOUND: 'audio',
  KEY: 'application',
};

/**
 * vCard 3 and vCard 4 spellings of the same thing, reduced to one form, because servers convert between them
 * (Cyrus hands a vCard 4 out as vCard 3 unless asked, Thunderbird stores vCard 4): the version line, inline
 * binary (PHOTO;ENCODING=b;TYPE=PNG:... vs PHOTO:data:image/png;base64,...), Apple's X-ADDRESSBOOKSERVER-KIND
 * and -MEMBER for KIND and MEMBER.
 */
function vcardAsVersionFree(line: ContentLine): ContentLine | undefined {
  if (line.name === 'VERSION') return undefined;
  if (line.name === 'X-ADDRESSBOOKSERVER-KIND') return { ...line, name: 'KIND', value: line.value.toLowerCase() };
  if (line.name === 'KIND') return { ...line, value: line.value.toLowerCase() };
  if (line.name === 'X-ADDRESSBOOKSERVER-MEMBER') return { ...line, name: 'MEMBER' };
  const media = INLINE_BINARY_MEDIA[line.name];
  const encoding = line.params.find(([k]) => k === 'ENCODING')?.[1];
  if (media && encoding && /^b(ase64)?$/i.test(encoding)) {
    const type = line.params
      .find(([k]) => k === 'TYPE')?.[1]
      ?.replace(/"/g, '')
      .toLowerCase();
    const mime = type ? (type.includes('/') ? type : `${media}/${type}`) : 'application/octet-stream';
    return {
      ...line,
      params: line.params.filter(([k]) => k !== 'ENCODING' && k !== 'TYPE'),
      value: `data:${mime};base64,${line.value.replace(/\s+/g, '')}`,
    };
  }
  return line;
}

function normalizeComponent(c: Component): string {
  const lines: string[] = [];
  const props =
    c.name === 'VCARD' ? c.props.map(vcardAsVersionFree).filter((p): p is ContentLine => p !== undefined) : c.props;
  for (const p of props) {
    if (!DROPPED_PROPS.has(p.name)) lines.push(...normalizeLines(p));
  }
  lines.sort();
  const children = c.children
    .filter((cc) => !DROPPED_COMPONENTS.has(cc.name))
    .map(normalizeComponent)
    .sort();
  const body = [...lines, ...children].join('\n');
  return c.name ? `BEGIN:${c.name}\n${body}${body ? '\n' : ''}END:${c.name}` : body;
}

/** The normalized text of an item (see the module comment). */
export function normalizeItem(text: string): string {
  return normalizeComponent(parseComponents(text));
}

/** FNV-1a 64 of the UTF-8 bytes of `s`, as 16 hex digits. Pure JS: works in Node, browsers, Thunderbird. */
export function fnv1a64(s: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  const step = (byte: number): void => {
    lo = (lo ^ byte) >>> 0;
    // (hi:lo) * 0x100000001b3 mod 2^64 = (hi:lo) * 0x1b3 + ((hi:lo) << 40)
    const l = lo * 0x1b3; // < 2^41, exact
    const carry = Math.floor(l / 4294967296);
    hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
    lo = l >>> 0;
  };
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (cp < 0x80) step(cp);
    else if (cp < 0x800) {
      step(0xc0 | (cp >> 6));
      step(0x80 | (cp & 63));
    } else if (cp < 0x10000) {
      step(0xe0 | (cp >> 12));
      step(0x80 | ((cp >> 6) & 63));
      step(0x80 | (cp & 63));
    } else {
      step(0xf0 | (cp >> 18));
      step(0x80 | ((cp >> 12) & 63));
      step(0x80 | ((cp >> 6) & 63));
      step(0x80 | (cp & 63));
    }
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** Hash of the item's meaning: equal for versions that differ only by what normalization ignores. */
export function contentHash(text: string): string {
  return fnv1a64(normalizeItem(text));
}
