/**
 * `dav-bridge colors <account> [options]` (declared in command-specs.ts): each calendar and
 * task list of the account with its color, the Outlook category preset it maps to and the category name,
 * with the reason. The categories are remembered in the account's category memory file, so later runs give
 * the same ones, even after a calendar is renamed on the server.
 */
import { writeFile } from 'node:fs/promises';
import {
  categoryFor,
  type CategoryAssignment,
  type InMemoryCategoryMemory,
  type RememberedCategory,
} from '../../../colors/category.js';
import { PRESET_NONE } from '../../../colors/presets.js';
import { renderSwatchSheetSvg, type SwatchRow } from '../../../colors/swatch-svg.js';
import type { Collection } from '../../../dav/collections.js';
import {
  categoryMemoryPath,
  defaultCategoryMemoryPath,
  loadAccountCategoryMemory,
  loadCategoryMemory,
  migrateLegacyEntries,
  saveCategoryMemory,
} from '../../category-memory-file.js';
import { flag, str, parseCommandLine, type CommandLine } from '../command-line.js';
import { commandSpec } from '../command-specs.js';
import type { CliContext } from '../context.js';
import { renderTable } from '../table.js';
import { cliError, say } from '../words.js';

/** One element of `colors --json`. */
export interface ColorsJsonEntry {
  url: string;
  name: string;
  /** The calendar color as the server stores it, null when it has none. */
  color: string | null;
  /** 0..24, null for None (no usable color). */
  preset: number | null;
  /** Office.js name ("DarkBlue"), "None" for null. */
  presetName: string;
  category: string;
}

interface Row {
  collection: Collection;
  assignment: CategoryAssignment;
  entry: RememberedCategory | undefined;
}

/** The reason, in the user's language, from what the memory holds. */
function reasonText(ctx: CliContext, row: Row): string {
  const { assignment: a, entry: e, collection: c } = row;
  if (!e) return a.reason;
  const parts: string[] = [];
  if (e.presetSetByUser) parts.push(say(ctx, 'cli.colors.color-set-by-you', {}));
  else if (e.fromColor !== null && e.deltaE !== null) {
    parts.push(say(ctx, 'cli.colors.nearest', { color: e.fromColor, deltaE: e.deltaE.toFixed(1) }));
  } else if (c.color === undefined || c.color.trim() === '') {
    parts.push(say(ctx, 'cli.colors.no-color', {}));
  } else {
    parts.push(say(ctx, 'cli.colors.not-a-color', { color: c.color }));
  }
  if (e.nameSetByUser) parts.push(say(ctx, 'cli.colors.name-set-by-you', {}));
  else if (e.avoided !== undefined) parts.push(say(ctx, 'cli.colors.name-taken', { name: e.avoided }));
  if (a.renameSuggestion !== undefined) {
    parts.push(say(ctx, 'cli.colors.renamed', { suggestion: a.renameSuggestion }));
  }
  return parts.join('; ');
}

function jsonEntry(row: Row): ColorsJsonEntry {
  const { collection: c, assignment: a } = row;
  return {
    url: c.url,
    name: c.name,
    color: c.color ?? null,
    preset: a.preset === PRESET_NONE ? null : a.preset,
    presetName: a.presetName,
    category: a.name,
  };
}

export async function colorsCommand(
  ctx: CliContext,
  argv: string[],
  line: CommandLine = parseCommandLine(commandSpec('colors'), argv),
): Promise<number> {
  const [name] = line.positionals as [string]; // the parser checked there is one
  const values = { svg: str(line, 'svg'), state: str(line, 'state'), config: str(line, 'config') };

  // Read the memory before touching the network: a corrupt file stops here, with nothing changed. Each
  // account of each config file has its own; an explicit --state file is used as it is.
  const statePath = categoryMemoryPath(values.state, ctx.configFile(values.config), name, ctx.env);
  const loaded = values.state
    ? { memory: await loadCategoryMemory(statePath) }
    : await loadAccountCategoryMemory(statePath, defaultCategoryMemoryPath(ctx.env));
  let memory: InMemoryCategoryMemory = loaded.memory;
  const before = JSON.stringify(memory.toSnapshot());

  const account = await ctx.openAccount(name, values.config);
  const { collections, warnings } = await account.listCollections();
  const calendars = collections.filter((c) => c.kind !== 'contacts');
  // First run since memories are per account: this account's calendars keep the categories the old global
  // file gave them; the other accounts' entries stay out (they made same-named calendars here "(DAV)").
  if (loaded.migratedFrom !== undefined)
    memory = migrateLegacyEntries(
      memory,
      calendars.map((c) => c.url),
    );

  // New calendars get their names in URL order, so which of two same-named calendars gets the plain
  // name does not depend on the order the server lists them in.
  const assignments = new Map<string, CategoryAssignment>();
  for (const c of [...calendars].sort((x, y) => (x.url < y.url ? -1 : x.url > y.url ? 1 : 0))) {
    assignments.set(c.url, categoryFor({ url: c.url, displayName: c.name, color: c.color ?? null }, memory, []));
  }
  const rows: Row[] = calendars.map((c) => ({
    collection: c,
    assignment: assignments.get(c.url) as CategoryAssignment,
    entry: memory.get(c.url),
  }));

  // A migrated memory is saved even unchanged, so the old file is read once for this account.
  if (loaded.migratedFrom !== undefined || JSON.stringify(memory.toSnapshot()) !== before)
    await saveCategoryMemory(statePath, memory);

  if (values.svg !== undefined) {
    const svgRows: SwatchRow[] = rows.map((r) => ({
      name: r.collection.name,
      color: r.collection.color ?? null,
      preset: r.assignment.preset,
      presetName: r.assignment.presetName,
      category: r.assignment.name,
      reason: reasonText(ctx, r),
    }));
    try {
      await writeFile(values.svg, renderSwatchSheetSvg(svgRows), 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw cliError('cli.cannot-write', { path: values.svg, code });
    }
  }

  if (flag(line, 'json')) {
    ctx.out(JSON.stringify(rows.map(jsonEntry), null, 2));
  } else {
    ctx.out(
      renderTable(
        [
          say(ctx, 'cli.column', { column: 'color' }),
          'PRESET',
          say(ctx, 'cli.column', { column: 'category' }),
          say(ctx, 'cli.column', { column: 'calendar' }),
          say(ctx, 'cli.column', { column: 'why' }),
        ],
        rows.map((r) => [
          r.collection.color ?? '-',
          r.assignment.preset === PRESET_NONE
            ? `- ${r.assignment.presetName}`
            : `${r.assignment.preset} ${r.assignment.presetName}`,
          r.assignment.name,
          r.collection.name,
          reasonText(ctx, r),
        ]),
      ),
    );
    if (values.svg !== undefined) ctx.out(say(ctx, 'cli.colors.swatch-written', { path: values.svg }));
  }
  for (const w of warnings) ctx.err(say(ctx, 'cli.warning', { text: w }));
  return 0;
}
