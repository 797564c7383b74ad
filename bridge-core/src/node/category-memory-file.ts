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
import { message } from '../i18n/index.js';
import { UserFacingError } from './localized-error.js';

export function defaultCategoryMemoryPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state');
  return join(base, 'dav-bridge', 'categories.json');
}

/** The --state flag when given, else the default. */
export function categoryMemoryPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || defaultCategoryMemoryPath(env);
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
    throw UserFacingError.of(message('category-memory.unreadable', { path, code: code ?? (err as Error).message }));
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const detail = (err as Error).message;
    throw UserFacingError.of(message('category-memory.invalid-json', { path, reason: detail }));
  }
  try {
    return InMemoryCategoryMemory.fromSnapshot(raw);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    throw UserFacingError.of(message('category-memory.invalid', { path, reason: err.message }));
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
    throw UserFacingError.of(message('category-memory.save-failed', { path, code }));
  }
}
