/**
 * The category memory (colors/category.ts: which Outlook category each calendar got, and the user's
 * overrides) as a JSON file, so a calendar keeps its category across runs and renames.
 *
 * One memory per account of a config file: $XDG_STATE_HOME/dav-bridge/categories/<account>-<key>.json, else
 * under ~/.local/state (state, not configuration: the XDG base-directory spec's place for it), where <key>
 * derives from the config file's absolute path and the account name. One global file made the same calendar
 * name on a second server "Équipe technique (DAV)", as if the first server's calendar were one of the
 * user's own categories. `--state FILE` overrides. The old global file (categories.json) is read once per
 * account, when its own memory does not exist yet, so the categories already in use are kept (see
 * migrateLegacyEntries); it is never changed.
 *
 * Saving is atomic (a temporary file in the same folder, then rename), so a crash never leaves half a
 * file. A file that cannot be read as a category memory is an error, never silently reset: it holds the
 * user's overrides, and starting over would lose them and hand out different category names.
 */
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { InMemoryCategoryMemory } from '../colors/category.js';
import { message } from '../i18n/index.js';
import { UserFacingError } from './localized-error.js';

function stateBase(env: NodeJS.ProcessEnv): string {
  return join(env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state'), 'dav-bridge');
}

/** The single file every account shared before memories were per account; read only to migrate. */
export function defaultCategoryMemoryPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateBase(env), 'categories.json');
}

/** The memory of one account of one config file: readable name, and a key that tells config files apart. */
export function accountCategoryMemoryPath(
  configFile: string,
  account: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const key = createHash('sha256')
    .update(`${resolve(configFile)}\n${account}`)
    .digest('hex')
    .slice(0, 12);
  const readable = account.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 40) || 'account';
  return join(stateBase(env), 'categories', `${readable}-${key}.json`);
}

/** The --state flag when given, else the account's own memory. */
export function categoryMemoryPath(
  flag: string | undefined,
  configFile: string,
  account: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return flag || accountCategoryMemoryPath(configFile, account, env);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * What to start from for an account: its own memory when it has one; else, once, the old global file (its
 * entries are filtered by migrateLegacyEntries once the account's calendars are known); else nothing.
 */
export async function loadAccountCategoryMemory(
  path: string,
  legacyPath: string,
): Promise<{ memory: InMemoryCategoryMemory; migratedFrom?: string }> {
  if (path === legacyPath || (await exists(path)) || !(await exists(legacyPath))) {
    return { memory: await loadCategoryMemory(path) };
  }
  return { memory: await loadCategoryMemory(legacyPath), migratedFrom: legacyPath };
}

/**
 * Keeps, from a memory read from the old global file, only the calendars this account has: their categories
 * (and the user's choices) carry over, while another server's calendars no longer take names from this one.
 */
export function migrateLegacyEntries(legacy: InMemoryCategoryMemory, urls: Iterable<string>): InMemoryCategoryMemory {
  const mine = new Set(urls);
  const memory = new InMemoryCategoryMemory();
  for (const [url, entry] of legacy.entries()) if (mine.has(url)) memory.set(url, entry);
  return memory;
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
