import { nearestPreset } from './nearest.js';
import { ColorParseError, parseColor } from './parse.js';
import { PRESET_NONE, isPresetNumber, presetName } from './presets.js';
import { message, render, type CategoryColorProblem, type CategoryReason, type Message } from '../i18n/index.js';

/** What we know of a CalDAV calendar: its URL (the identity), DAV:displayname and calendar-color. */
export interface CalendarRef {
  readonly url: string;
  readonly displayName?: string | null;
  readonly color?: string | null;
}

/** A category override a user asked for that cannot be applied (a RangeError, as before, with its message). */
export class CategoryOverrideError extends RangeError {
  readonly text: Message;
  constructor(text: Message) {
    super(render('en', text));
    this.name = 'CategoryOverrideError';
    this.text = text;
  }
}

/** The Outlook category a calendar's events carry. */
export interface CategoryAssignment {
  readonly name: string;
  /** 0..24, or -1 (None) when the calendar has no usable color. */
  readonly preset: number;
  /** Office.js name of the preset ("DarkBlue", "None"). */
  readonly presetName: string;
  /** Why, in English (logs, --json): "nearest to #0E61B9 by CIEDE2000 (ΔE 12.3)", "set by you", ... */
  readonly reason: string;
  /** The same as a catalog message, for shells that show it in their user's language. */
  readonly why: Message;
  /**
   * Present when the calendar's display name no longer gives the remembered category name (it was
   * renamed on the server): the name categoryFor would use with `{ followRename: true }`.
   */
  readonly renameSuggestion?: string;
}

/** What is remembered per calendar URL. JSON-serializable. */
export interface RememberedCategory {
  name: string;
  preset: number;
  nameSetByUser: boolean;
  presetSetByUser: boolean;
  /** "#RRGGBB" the automatic preset was computed from; null when the calendar had no usable color. */
  fromColor: string | null;
  /** ΔE00 from fromColor to the preset, for the reason text. */
  deltaE: number | null;
  /** The base name (from the display name) the category name was derived from. */
  fromBaseName: string;
  /** Set when the base name belonged to one of the user's own categories, so a "(DAV)" name was used. */
  avoided?: string;
}

/**
 * Where categoryFor remembers its choices, keyed by calendar URL (exact string). `entries` is
 * optional; when given, names already given to other calendars are not handed out twice even before
 * they exist in Outlook.
 */
export interface CategoryMemory {
  get(url: string): RememberedCategory | undefined;
  set(url: string, entry: RememberedCategory): void;
  entries?(): Iterable<readonly [string, RememberedCategory]>;
}

/** The persisted form of a CategoryMemory (JSON.stringify it as is). */
export interface CategoryMemorySnapshot {
  version: 1;
  calendars: Record<string, RememberedCategory>;
}

function checkEntry(url: string, e: unknown): RememberedCategory {
  const bad = (why: string): never => {
    throw new TypeError(`Invalid category memory entry for ${JSON.stringify(url)}: ${why}`);
  };
  if (typeof e !== 'object' || e === null) return bad('not an object');
  const o = e as Record<string, unknown>;
  if (typeof o.name !== 'string' || o.name.trim() === '') bad('name');
  if (typeof o.preset !== 'number' || !(o.preset === PRESET_NONE || isPresetNumber(o.preset))) bad('preset');
  if (typeof o.nameSetByUser !== 'boolean' || typeof o.presetSetByUser !== 'boolean') bad('flags');
  if (!(o.fromColor === null || typeof o.fromColor === 'string')) bad('fromColor');
  if (!(o.deltaE === null || typeof o.deltaE === 'number')) bad('deltaE');
  if (typeof o.fromBaseName !== 'string') bad('fromBaseName');
  if (!(o.avoided === undefined || typeof o.avoided === 'string')) bad('avoided');
  const entry: RememberedCategory = {
    name: o.name as string,
    preset: o.preset as number,
    nameSetByUser: o.nameSetByUser as boolean,
    presetSetByUser: o.presetSetByUser as boolean,
    fromColor: o.fromColor as string | null,
    deltaE: o.deltaE as number | null,
    fromBaseName: o.fromBaseName as string,
  };
  if (typeof o.avoided === 'string') entry.avoided = o.avoided;
  return entry;
}

/** A CategoryMemory in a Map; Node persists it with toSnapshot() / fromSnapshot(). */
export class InMemoryCategoryMemory implements CategoryMemory {
  private readonly map = new Map<string, RememberedCategory>();

  get(url: string): RememberedCategory | undefined {
    const e = this.map.get(url);
    return e ? { ...e } : undefined;
  }
  set(url: string, entry: RememberedCategory): void {
    this.map.set(url, { ...entry });
  }
  entries(): Iterable<readonly [string, RememberedCategory]> {
    return [...this.map.entries()].map(([u, e]) => [u, { ...e }] as const);
  }
  /** A plain, JSON-serializable copy, keys sorted so the file diffs cleanly. */
  toSnapshot(): CategoryMemorySnapshot {
    const calendars: Record<string, RememberedCategory> = {};
    for (const url of [...this.map.keys()].sort()) {
      const e = this.map.get(url);
      if (e) calendars[url] = { ...e };
    }
    return { version: 1, calendars };
  }
  /** Rebuilds a memory from toSnapshot() output (after JSON.parse); throws TypeError on a malformed one. */
  static fromSnapshot(snapshot: unknown): InMemoryCategoryMemory {
    const m = new InMemoryCategoryMemory();
    if (typeof snapshot !== 'object' || snapshot === null)
      throw new TypeError('Invalid category memory: not an object');
    const s = snapshot as { version?: unknown; calendars?: unknown };
    if (s.version !== 1)
      throw new TypeError(`Invalid category memory: unsupported version ${JSON.stringify(s.version)}`);
    if (typeof s.calendars !== 'object' || s.calendars === null)
      throw new TypeError('Invalid category memory: no calendars');
    for (const [url, e] of Object.entries(s.calendars as Record<string, unknown>)) m.set(url, checkEntry(url, e));
    return m;
  }
}

/** Outlook compares category names without regard to case. */
export function sameCategoryName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}
function foldName(s: string): string {
  return s.normalize('NFC').trim().toLowerCase();
}

/** Fallback category name when a calendar has neither a display name nor a readable URL segment. */
export const FALLBACK_CATEGORY_NAME = 'Calendar';

/**
 * The category name a calendar's display name gives: control characters and runs of whitespace
 * become one space, then trimmed. Without a display name, the last segment of the URL path when it
 * reads like a name ("work", not a UUID); otherwise "Calendar".
 */
export function categoryBaseName(calendar: CalendarRef): string {
  const clean = (s: string): string =>
    s
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const dn = clean(calendar.displayName ?? '');
  if (dn !== '') return dn;
  const path = calendar.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
  const last =
    path
      .split('/')
      .filter((p) => p !== '')
      .pop() ?? '';
  let seg = '';
  try {
    seg = clean(decodeURIComponent(last));
  } catch {
    seg = '';
  }
  if (seg !== '' && /\p{L}/u.test(seg) && !/^[0-9a-f-]{16,}$/i.test(seg)) return seg;
  return FALLBACK_CATEGORY_NAME;
}

interface Taken {
  has(name: string): boolean;
}
function takenNames(url: string, memory: CategoryMemory, userCategories: readonly string[]): Taken {
  const set = new Set(userCategories.map(foldName));
  if (memory.entries) {
    for (const [u, e] of memory.entries()) if (u !== url) set.add(foldName(e.name));
  }
  return { has: (n) => set.has(foldName(n)) };
}

/** `base`, or "base (DAV)", "base (DAV 2)", ... : the first one not taken. */
function uniqueName(base: string, taken: Taken): string {
  if (!taken.has(base)) return base;
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? `${base} (DAV)` : `${base} (DAV ${i})`;
    if (!taken.has(candidate)) return candidate;
  }
}

interface AutoColor {
  preset: number;
  fromColor: string | null;
  deltaE: number | null;
  /** Only when the color could not be used. */
  problem?: CategoryColorProblem;
}
function autoColor(color: string | null | undefined): AutoColor {
  if (color === null || color === undefined || color.trim() === '') {
    return { preset: PRESET_NONE, fromColor: null, deltaE: null, problem: { kind: 'no-color' } };
  }
  try {
    const c = parseColor(color);
    const n = nearestPreset(c);
    return { preset: n.preset, fromColor: c.hex, deltaE: n.deltaE };
  } catch (e) {
    if (!(e instanceof ColorParseError)) throw e;
    return {
      preset: PRESET_NONE,
      fromColor: null,
      deltaE: null,
      problem: { kind: 'not-a-color', value: JSON.stringify(color) },
    };
  }
}

function colorReason(e: RememberedCategory, problem?: CategoryColorProblem): CategoryReason['color'] {
  if (e.presetSetByUser) return { kind: 'set-by-user' };
  if (e.fromColor !== null && e.deltaE !== null) {
    return { kind: 'nearest', color: e.fromColor, deltaE: e.deltaE.toFixed(1) };
  }
  return problem ?? { kind: 'no-usable-color' };
}

function describe(
  e: RememberedCategory,
  problem?: CategoryColorProblem,
  renameSuggestion?: string,
): CategoryAssignment {
  const naming: CategoryReason['naming'] = e.nameSetByUser
    ? { kind: 'set-by-user' }
    : e.avoided !== undefined
      ? { kind: 'avoided', name: e.name, avoided: e.avoided }
      : undefined;
  const why = message('colors.category-reason', { color: colorReason(e, problem), naming });
  const out = { name: e.name, preset: e.preset, presetName: presetName(e.preset), reason: render('en', why), why };
  return renameSuggestion === undefined ? out : { ...out, renameSuggestion };
}

export interface CategoryForOptions {
  /**
   * Follow a server-side rename: give the calendar a category named after its current display name.
   * Off by default (see categoryFor). Ignored when the user set the name.
   */
  followRename?: boolean;
}

/**
 * The Outlook category for a calendar, remembered by calendar URL so it is stable across runs.
 *
 * - Name: the display name (see categoryBaseName). A name already used by one of the user's own
 *   categories (compared case-insensitively, as Outlook does) or given to another calendar is never
 *   taken over: "<name> (DAV)", then "<name> (DAV 2)", ...
 * - Color: the preset nearest to the calendar color by CIEDE2000; None when the calendar has no
 *   (valid) color: a bad server value must not stop a sync.
 * - Once remembered, the name stays when the calendar is renamed on the server: events in Outlook
 *   already carry that category, rules and searches use it, and a silent rename would break them. The
 *   assignment then carries `renameSuggestion`, and `{ followRename: true }` applies it. The preset
 *   stays as long as the calendar color is the same; when the color changes on the server the preset
 *   is chosen again (the user changed what the calendar looks like).
 * - A user override (setCategoryOverride) wins and is kept on every later run.
 */
export function categoryFor(
  calendar: CalendarRef,
  memory: CategoryMemory,
  userCategories: readonly string[],
  options: CategoryForOptions = {},
): CategoryAssignment {
  const url = calendar.url;
  const base = categoryBaseName(calendar);
  const auto = autoColor(calendar.color);
  const prev = memory.get(url);

  if (prev === undefined) {
    const name = uniqueName(base, takenNames(url, memory, userCategories));
    const entry: RememberedCategory = {
      name,
      preset: auto.preset,
      nameSetByUser: false,
      presetSetByUser: false,
      fromColor: auto.fromColor,
      deltaE: auto.deltaE,
      fromBaseName: base,
    };
    if (name !== base) entry.avoided = base;
    memory.set(url, entry);
    return describe(entry, auto.problem);
  }

  const next: RememberedCategory = { ...prev };
  let changed = false;
  if (!prev.presetSetByUser && auto.fromColor !== prev.fromColor) {
    next.preset = auto.preset;
    next.fromColor = auto.fromColor;
    next.deltaE = auto.deltaE;
    changed = true;
  }
  let renameSuggestion: string | undefined;
  if (!prev.nameSetByUser && base !== prev.fromBaseName) {
    const taken = takenNames(
      url,
      memory,
      userCategories.filter((c) => !sameCategoryName(c, prev.name)),
    );
    const renamed = uniqueName(base, taken);
    if (options.followRename) {
      next.name = renamed;
      next.fromBaseName = base;
      if (renamed !== base) next.avoided = base;
      else delete next.avoided;
      changed = true;
    } else {
      renameSuggestion = renamed;
    }
  }
  if (changed) memory.set(url, next);
  return describe(next, auto.problem, renameSuggestion);
}

export interface CategoryOverride {
  /** The category name to use; the user's choice, so it may be one of their existing categories. */
  name?: string;
  /** 0..24, or -1 for None. */
  preset?: number;
}

/**
 * Records the user's choice of name and/or preset for a calendar; later categoryFor calls keep it.
 * Returns the resulting assignment. Throws RangeError for an empty name or a preset outside -1..24.
 */
export function setCategoryOverride(
  calendar: CalendarRef,
  memory: CategoryMemory,
  override: CategoryOverride,
  userCategories: readonly string[] = [],
): CategoryAssignment {
  if (override.name !== undefined && override.name.trim() === '')
    throw new CategoryOverrideError(message('colors.empty-category-name', {}));
  if (override.preset !== undefined && !(override.preset === PRESET_NONE || isPresetNumber(override.preset))) {
    throw new CategoryOverrideError(message('colors.invalid-category-preset', { preset: override.preset }));
  }
  categoryFor(calendar, memory, userCategories);
  const e = memory.get(calendar.url);
  if (e === undefined) throw new Error('CategoryMemory.get returned nothing right after set');
  if (override.name !== undefined) {
    e.name = override.name.trim();
    e.nameSetByUser = true;
    delete e.avoided;
  }
  if (override.preset !== undefined) {
    e.preset = override.preset;
    e.presetSetByUser = true;
  }
  memory.set(calendar.url, e);
  return categoryFor(calendar, memory, userCategories);
}

/**
 * Forgets the user's choice (name, preset or both, default both): the name goes back to the one the
 * display name gives (never one of the user's own categories), the preset to the nearest one.
 */
export function clearCategoryOverride(
  calendar: CalendarRef,
  memory: CategoryMemory,
  userCategories: readonly string[] = [],
  which: { name?: boolean; preset?: boolean } = { name: true, preset: true },
): CategoryAssignment {
  const e = memory.get(calendar.url);
  if (e === undefined) return categoryFor(calendar, memory, userCategories);
  if (which.name && e.nameSetByUser) {
    const base = categoryBaseName(calendar);
    const name = uniqueName(base, takenNames(calendar.url, memory, userCategories));
    e.name = name;
    e.nameSetByUser = false;
    e.fromBaseName = base;
    if (name !== base) e.avoided = base;
    else delete e.avoided;
  }
  if (which.preset && e.presetSetByUser) {
    const auto = autoColor(calendar.color);
    e.presetSetByUser = false;
    e.preset = auto.preset;
    e.fromColor = auto.fromColor;
    e.deltaE = auto.deltaE;
  }
  memory.set(calendar.url, e);
  return categoryFor(calendar, memory, userCategories);
}
