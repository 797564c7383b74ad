import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { InMemoryCategoryMemory, categoryFor, setCategoryOverride } from '../../src/colors/index.js';
import {
  categoryMemoryPath,
  defaultCategoryMemoryPath,
  loadCategoryMemory,
  saveCategoryMemory,
} from '../../src/node/category-memory-file.js';
import { UserFacingError } from '../../src/node/localized-error.js';

const work = { url: 'https://dav.example.com/calendars/alice/work/', displayName: 'Work', color: '#0082C9FF' };

describe('category memory file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dav-bridge-catmem-'));

  it('the old global file lived in $XDG_STATE_HOME/dav-bridge, else ~/.local/state/dav-bridge; --state wins', () => {
    expect(defaultCategoryMemoryPath({ XDG_STATE_HOME: '/x/state' })).toBe('/x/state/dav-bridge/categories.json');
    expect(defaultCategoryMemoryPath({})).toBe(join(homedir(), '.local', 'state', 'dav-bridge', 'categories.json'));
    expect(defaultCategoryMemoryPath({ XDG_STATE_HOME: '' })).toBe(
      join(homedir(), '.local', 'state', 'dav-bridge', 'categories.json'),
    );
    expect(categoryMemoryPath('/tmp/c.json', '/etc/c.json', 'gilles', { XDG_STATE_HOME: '/x' })).toBe('/tmp/c.json');
    expect(categoryMemoryPath(undefined, '/etc/c.json', 'gilles', { XDG_STATE_HOME: '/x' })).toMatch(
      /^\/x\/dav-bridge\/categories\/gilles-[0-9a-f]{12}\.json$/,
    );
  });

  it('a missing file is an empty memory (first run)', async () => {
    const m = await loadCategoryMemory(join(dir, 'absent', 'categories.json'));
    expect([...m.entries()]).toEqual([]);
  });

  it('saves (creating the folder) and loads back, overrides included; no temporary file left', async () => {
    const path = join(dir, 'deep', 'er', 'categories.json');
    const m = new InMemoryCategoryMemory();
    const first = categoryFor(work, m, []);
    setCategoryOverride(work, m, { preset: 4, name: 'Boulot' });
    await saveCategoryMemory(path, m);
    expect(readdirSync(join(dir, 'deep', 'er'))).toEqual(['categories.json']);
    const loaded = await loadCategoryMemory(path);
    expect(loaded.toSnapshot()).toEqual(m.toSnapshot());
    const again = categoryFor({ ...work, displayName: 'Renamed', color: '#FF0000' }, loaded, []);
    expect(again).toMatchObject({ name: 'Boulot', preset: 4 });
    expect(first.name).toBe('Work');
    // readable JSON, keys sorted
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('replaces the file atomically (a second save overwrites it)', async () => {
    const path = join(dir, 'twice.json');
    const m = new InMemoryCategoryMemory();
    categoryFor(work, m, []);
    await saveCategoryMemory(path, m);
    categoryFor({ url: 'https://h/other/', displayName: 'Other', color: 'green' }, m, []);
    await saveCategoryMemory(path, m);
    expect(Object.keys((await loadCategoryMemory(path)).toSnapshot().calendars)).toHaveLength(2);
    expect(readdirSync(dir).filter((f) => f.startsWith('twice.json'))).toEqual(['twice.json']);
  });

  it.each([
    ['not JSON', '{"version": 1, "calendars": {', /not valid JSON/, /pas du JSON valide/],
    ['empty', '', /not valid JSON/, /pas du JSON valide/],
    ['wrong version', '{"version": 7, "calendars": {}}', /unsupported version 7/, /unsupported version 7/],
    [
      'bad entry',
      '{"version": 1, "calendars": {"https://h/a/": {"name": ""}}}',
      /https:\/\/h\/a\//,
      /https:\/\/h\/a\//,
    ],
  ])('a corrupt file (%s) is a clear bilingual error, and is left untouched', async (_label, text, en, fr) => {
    const path = join(dir, `corrupt-${_label.replace(/\W/g, '')}.json`);
    writeFileSync(path, text);
    const err = await loadCategoryMemory(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserFacingError);
    const e = err as UserFacingError;
    expect(e.message).toContain(path);
    expect(e.message).toMatch(en);
    expect(e.message).toMatch(/left as it is/);
    expect(e.messageFr).toMatch(fr);
    expect(e.messageFr).toMatch(/n'a donc pas été modifiée/);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('an unreadable path is an error, not an empty memory', async () => {
    const path = join(dir, 'a-folder');
    mkdirSync(path);
    await expect(loadCategoryMemory(path)).rejects.toThrow(/Cannot read the category memory .*EISDIR/);
  });

  it('a save that cannot be done is a clear error', async () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'x');
    await expect(saveCategoryMemory(join(blocker, 'categories.json'), new InMemoryCategoryMemory())).rejects.toThrow(
      /Cannot save the category memory/,
    );
  });
});
