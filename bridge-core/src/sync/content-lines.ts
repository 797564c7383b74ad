/**
 * Line-level reading and editing of iCalendar (RFC 5545) and vCard (RFC 6350 / 2426) text.
 *
 * The sync engine works on text lines on purpose: re-serializing through a full parser changes meaning in
 * corner cases (ical.js 2.2.1 turns an escaped `\;` in a vCard text value into `\\;`), and the engine must
 * write back exactly what it read. Only the few edits the engine needs (a new UID and a suffixed title for
 * a keep-both copy) are done here, on the affected lines only.
 */

export interface ContentLine {
  /** vCard group ("item1" in "item1.EMAIL"), as written; undefined when absent. */
  group: string | undefined;
  /** Property name, upper-cased. */
  name: string;
  /** Parameters in order of appearance: [upper-cased name, raw value (quotes kept)]. */
  params: [string, string][];
  value: string;
}

export interface Component {
  /** Upper-cased component name (VCALENDAR, VEVENT, VCARD...). Empty for the synthetic root. */
  name: string;
  props: ContentLine[];
  children: Component[];
}

/** Splits text into logical lines: CRLF/CR/LF accepted, folded lines joined, empty lines dropped. */
export function unfold(text: string): string[] {
  const physical = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of physical) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && out.length > 0) {
      out[out.length - 1] += line.slice(1);
    } else if (line.length > 0) {
      out.push(line);
    }
  }
  return out;
}

/** Index of the first `ch` outside double quotes, or -1. */
function indexOutsideQuotes(s: string, ch: string, from = 0): number {
  let quoted = false;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) return i;
  }
  return -1;
}

/** Splits on `sep` outside double quotes. */
export function splitOutsideQuotes(s: string, sep: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (;;) {
    const i = indexOutsideQuotes(s, sep, start);
    if (i < 0) break;
    parts.push(s.slice(start, i));
    start = i + 1;
  }
  parts.push(s.slice(start));
  return parts;
}

export function parseLine(line: string): ContentLine {
  const colon = indexOutsideQuotes(line, ':');
  const head = colon < 0 ? line : line.slice(0, colon);
  const value = colon < 0 ? '' : line.slice(colon + 1);
  const [nameWithGroup = '', ...rawParams] = splitOutsideQuotes(head, ';');
  const dot = nameWithGroup.lastIndexOf('.');
  const group = dot > 0 ? nameWithGroup.slice(0, dot) : undefined;
  const name = (dot > 0 ? nameWithGroup.slice(dot + 1) : nameWithGroup).toUpperCase();
  const params: [string, string][] = rawParams.map((p) => {
    const eq = p.indexOf('=');
    // vCard 2.1 style bare parameters ("TEL;WORK:") are read as TYPE values.
    return eq < 0 ? ['TYPE', p] : [p.slice(0, eq).toUpperCase(), p.slice(eq + 1)];
  });
  return { group, name, params, value };
}

/** Parses logical lines into a component tree under a synthetic root (tolerates unbalanced BEGIN/END). */
export function parseComponents(text: string): Component {
  const root: Component = { name: '', props: [], children: [] };
  const stack: Component[] = [root];
  for (const line of unfold(text)) {
    const parsed = parseLine(line);
    const top = stack[stack.length - 1] ?? root;
    if (parsed.name === 'BEGIN' && parsed.group === undefined) {
      const child: Component = { name: parsed.value.trim().toUpperCase(), props: [], children: [] };
      top.children.push(child);
      stack.push(child);
    } else if (parsed.name === 'END' && parsed.group === undefined) {
      const name = parsed.value.trim().toUpperCase();
      // Pop up to the matching BEGIN; ignore a stray END.
      for (let i = stack.length - 1; i > 0; i--) {
        if (stack[i]?.name === name) {
          stack.length = i;
          break;
        }
      }
    } else {
      top.props.push(parsed);
    }
  }
  return root;
}

export type ItemKind = 'vcard' | 'icalendar' | 'unknown';

/** The components that carry an item's identity: VEVENT/VTODO/VJOURNAL... under VCALENDAR, or VCARDs. */
export function identityComponents(root: Component): Component[] {
  const out: Component[] = [];
  for (const c of root.children) {
    if (c.name === 'VCARD') out.push(c);
    else if (c.name === 'VCALENDAR') {
      for (const cc of c.children) if (cc.name !== 'VTIMEZONE') out.push(cc);
    }
  }
  return out;
}

export function itemKind(text: string): ItemKind {
  const first = unfold(text.slice(0, 200))[0]?.toUpperCase() ?? '';
  if (first.startsWith('BEGIN:VCARD')) return 'vcard';
  if (first.startsWith('BEGIN:VCALENDAR')) return 'icalendar';
  return 'unknown';
}

/**
 * Why an item's text is not a whole iCalendar object or vCard (undefined when it is one): a truncated answer,
 * an HTML page, an empty body. Such text must never be synced as an item, nor replace a good one.
 */
export function incompleteReason(text: string): string | undefined {
  const kind = itemKind(text.trimStart());
  if (kind === 'unknown') return text.trim() === '' ? 'empty item' : 'not an iCalendar object or vCard';
  const lines = unfold(text).filter((l) => l.trim() !== '');
  const last = lines[lines.length - 1]?.trim().toUpperCase() ?? '';
  const expected = kind === 'vcard' ? 'END:VCARD' : 'END:VCALENDAR';
  return last === expected ? undefined : `truncated item (no ${expected} at its end)`;
}

function propValue(c: Component, name: string): string | undefined {
  return c.props.find((p) => p.name === name)?.value;
}

/** The item's UID (first identity component that has one), trimmed; undefined when there is none. */
export function extractUid(text: string): string | undefined {
  for (const c of identityComponents(parseComponents(text))) {
    const uid = propValue(c, 'UID')?.trim();
    if (uid) return uid;
  }
  return undefined;
}

/** A date-time or timestamp reduced to its digits (YYYYMMDDhhmmss), comparable as strings. */
function digits(v: string | undefined): string {
  if (!v) return '';
  return v
    .replace(/[^0-9]/g, '')
    .slice(0, 14)
    .padEnd(14, '0');
}

export interface ItemTimestamps {
  /** LAST-MODIFIED (iCalendar) or REV (vCard), as 14 digits; '' when absent. Max over components. */
  modified: string;
  /** SEQUENCE, max over components; -1 when absent. */
  sequence: number;
  /** DTSTAMP, max over components; '' when absent. */
  dtstamp: string;
}

export function itemTimestamps(text: string): ItemTimestamps {
  let modified = '';
  let sequence = -1;
  let dtstamp = '';
  for (const c of identityComponents(parseComponents(text))) {
    const m = digits(propValue(c, 'LAST-MODIFIED') ?? propValue(c, 'REV'));
    if (m > modified) modified = m;
    const s = Number.parseInt(propValue(c, 'SEQUENCE') ?? '', 10);
    if (Number.isFinite(s) && s > sequence) sequence = s;
    const d = digits(propValue(c, 'DTSTAMP'));
    if (d > dtstamp) dtstamp = d;
  }
  return { modified, sequence, dtstamp };
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Folds one logical line to at most 75 octets per physical line, never splitting a character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0) ?? 0);
    if (octets + n > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // continuation lines start with a space
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/**
 * A copy of the item under a new UID, its title (SUMMARY; FN for vCards) suffixed: used by the keep-both
 * conflict policy. Only the UID and title lines are rewritten; every other line is kept as read.
 */
export function copyWithNewUid(text: string, oldUid: string | undefined, newUid: string, titleSuffix: string): string {
  const out: string[] = [];
  const stack: string[] = [];
  let sawUid = false;
  for (const line of unfold(text)) {
    const p = parseLine(line);
    if (p.name === 'BEGIN' && p.group === undefined) {
      stack.push(p.value.trim().toUpperCase());
      out.push(line);
      continue;
    }
    const depthName = stack[stack.length - 1];
    const isItemLevel =
      depthName === 'VCARD' || (stack.length === 2 && stack[0] === 'VCALENDAR' && depthName !== 'VTIMEZONE');
    if (p.name === 'END' && p.group === undefined) {
      if (
        isItemLevel &&
        !sawUid &&
        (depthName === 'VCARD' || depthName === 'VEVENT' || depthName === 'VTODO' || depthName === 'VJOURNAL')
      ) {
        out.push(`UID:${newUid}`); // the item had no UID: give the copy one
      }
      if (isItemLevel) sawUid = false;
      stack.pop();
      out.push(line);
      continue;
    }
    if (isItemLevel && p.name === 'UID' && (oldUid === undefined || p.value.trim() === oldUid)) {
      const colon = line.length - p.value.length;
      out.push(line.slice(0, colon) + newUid);
      sawUid = true;
    } else if (isItemLevel && (p.name === 'SUMMARY' || (p.name === 'FN' && depthName === 'VCARD'))) {
      out.push(line + titleSuffix);
    } else {
      out.push(line);
    }
  }
  return out.map(foldLine).join('\r\n') + '\r\n';
}
