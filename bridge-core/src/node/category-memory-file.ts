/**
 * The category memory (colors/category.ts: which Outlook category each calendar got, and the user's
 * overrides) as a JSON file, so a calendar keeps its category across runs and renames.
 *
 * Default: $XDG_STATE_HOME/dav-bridge/categories.json, else ~/.local/state/dav-bridge/categories.json
 * (state, not configuration: the XDG base-directory spec's place for it). `--state FILE` overrides.
 *
 * Saving is atomic (a temporary file in the same folder, then rename), so a crash never leaves half a
 * file. A file that cannot be read as a category memory is an error, never silently reset: it holds the
 * user's overrides, and starting over would lose them and hand out different category names.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { InMemoryCategoryMemory } from '../colors/category.js';
import { UserFacingError } from './localized-error.js';

export function defaultCategoryMemoryPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state');
  return join(base, 'dav-bridge', 'categories.json');
}

/** The --state flag when given, else the default. */
export function categoryMemoryPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || defaultCategoryMemoryPath(env);
}

function corrupt(path: string, en: string, fr: string): UserFacingError {
  return new UserFacingError(
    `Category memory ${path} is unreadable: ${en}. It holds the categories already given to your calendars ` +
      `and your own choices, so it was left as it is: repair it, or move it away to start over.`,
    `La mémoire des catégories ${path} est illisible : ${fr}. Elle contient les catégories déjà données à vos ` +
      `agendas et vos propres choix, elle n'a donc pas été modifiée : réparez-la, ou déplacez-la pour repartir de zéro.`,
  );
}

/**
 * Reads the memory; a missing file gives an empty memory (first run). Throws UserFacingError (bilingual)
 * for a file that exists but is not a valid memory, or cannot be read.
 */
export async function loadCategoryMemory(path: string): Promise<InMemoryCategoryMemory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return new InMemoryCategoryMemory();
    throw new UserFacingError(
      `Cannot read the category memory ${path} (${code ?? (err as Error).message})`,
      `Impossible de lire la mémoire des catégories ${path} (${code ?? (err as Error).message})`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const detail = (err as Error).message;
    throw corrupt(path, `not valid JSON (${detail})`, `ce n'est pas du JSON valide (${detail})`);
  }
  try {
    return InMemoryCategoryMemory.fromSnapshot(raw);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    throw corrupt(path, err.message, err.message);
  }
}

/** Writes the memory atomically (temporary file + rename), creating the folder when needed. */
export async function saveCategoryMemory(path: string, memory: InMemoryCategoryMemory): Promise<void> {
  const text = `${JSON.stringify(memory.toSnapshot(), null, 2)}\n`;
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, text, { encoding: 'utf8', flush: true });
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UserFacingError(
      `Cannot save the category memory ${path} (${code})`,
      `Impossible d'enregistrer la mémoire des catégories ${path} (${code})`,
    );
  }
}
