import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Collection } from '../../src/dav/collections.js';
import type { DavAccount } from '../../src/dav/account.js';
import { colorsCommand, type ColorsJsonEntry } from '../../src/node/cli/commands/colors.js';
import type { CliContext } from '../../src/node/cli/context.js';
import { UserFacingError } from '../../src/node/localized-error.js';

function collection(
  url: string,
  name: string,
  color: string | undefined,
  kind: Collection['kind'] = 'events',
): Collection {
  return {
    url,
    kind,
    name,
    description: undefined,
    color,
    order: undefined,
    owner: undefined,
    sharedWithMe: false,
    sharedByMe: false,
    access: 'admin',
    privileges: [],
    components: kind === 'contacts' ? [] : ['VEVENT'],
    syncToken: undefined,
    ctag: undefined,
    supportsSyncCollection: true,
    homeUrl: 'https://dav.example.com/cal/alice/',
  };
}

function fakeContext(collections: () => Collection[], lang: 'en' | 'fr' = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: {},
    lang,
    configFile: () => '/dev/null',
    config: () => Promise.resolve({ accounts: {} }),
    openAccount: (name) => {
      if (name !== 'alice')
        return Promise.reject(new UserFacingError(`Unknown account "${name}"`, `Compte inconnu « ${name} »`));
      return Promise.resolve({
        listCollections: () => Promise.resolve({ collections: collections(), warnings: [] }),
      } as unknown as DavAccount);
    },
  };
  return { ctx, out, err };
}

const H = 'https://dav.example.com/cal/alice/';

describe('dav-bridge colors (command, fake server)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dav-bridge-colors-'));
  let server: Collection[] = [];
  beforeEach(() => {
    server = [
      collection(`${H}work/`, 'Work', '#0082C9FF'),
      collection(`${H}blue/`, 'Blue <&> "q"', '#0000FF'),
      collection(`${H}tasks/`, 'Tâches', '#FFA500FF', 'tasks'),
      collection(`${H}plain/`, 'Plain', undefined),
      collection(`${H}bad/`, 'Bad', 'rgb(1,2,3)'),
      collection(`${H}contacts/`, 'Contacts', undefined, 'contacts'),
    ];
  });

  it('--json: calendars and task lists (not address books), preset null for None', async () => {
    const state = join(dir, 'json.json');
    const { ctx, out } = fakeContext(() => server);
    expect(await colorsCommand(ctx, ['alice', '--json', '--state', state])).toBe(0);
    const rows = JSON.parse(out.join('\n')) as ColorsJsonEntry[];
    expect(rows.map((r) => r.url)).toEqual([`${H}work/`, `${H}blue/`, `${H}tasks/`, `${H}plain/`, `${H}bad/`]);
    expect(rows[0]).toEqual({
      url: `${H}work/`,
      name: 'Work',
      color: '#0082C9FF',
      preset: 22,
      presetName: 'DarkBlue',
      category: 'Work',
    });
    expect(rows[1]).toMatchObject({ preset: 22, presetName: 'DarkBlue', category: 'Blue <&> "q"' });
    expect(rows[2]).toMatchObject({ preset: 1, presetName: 'Orange', category: 'Tâches' });
    expect(rows[3]).toEqual({
      url: `${H}plain/`,
      name: 'Plain',
      color: null,
      preset: null,
      presetName: 'None',
      category: 'Plain',
    });
    expect(rows[4]).toMatchObject({ color: 'rgb(1,2,3)', preset: null, presetName: 'None' });
    for (const r of rows)
      expect(Object.keys(r).sort()).toEqual(['category', 'color', 'name', 'preset', 'presetName', 'url']);
  });

  it('remembers the categories: same ones on the next run, even after a rename on the server', async () => {
    const state = join(dir, 'rename.json');
    const first = fakeContext(() => server);
    await colorsCommand(first.ctx, ['alice', '--json', '--state', state]);
    const saved = readFileSync(state, 'utf8');
    server[0] = collection(`${H}work/`, 'Office', '#0082C9FF');
    const second = fakeContext(() => server);
    await colorsCommand(second.ctx, ['alice', '--json', '--state', state]);
    expect(JSON.parse(second.out.join('\n'))).toEqual(
      (JSON.parse(first.out.join('\n')) as ColorsJsonEntry[]).map((r) =>
        r.name === 'Work' ? { ...r, name: 'Office' } : r,
      ),
    );
    expect(readFileSync(state, 'utf8')).toBe(saved); // nothing new to remember
    // the table says why the name was kept
    const table = fakeContext(() => server);
    await colorsCommand(table.ctx, ['alice', '--state', state]);
    expect(table.out.join('\n')).toMatch(/renamed on the server, category kept \(new name would be "Office"\)/);
  });

  it('two calendars with the same name get two categories, whatever order the server lists them in', async () => {
    const a = collection(`${H}a/`, 'Team', '#63DA38');
    const b = collection(`${H}b/`, 'Team', '#FF0000');
    const one = fakeContext(() => [b, a]);
    await colorsCommand(one.ctx, ['alice', '--json', '--state', join(dir, 'dup1.json')]);
    const two = fakeContext(() => [a, b]);
    await colorsCommand(two.ctx, ['alice', '--json', '--state', join(dir, 'dup2.json')]);
    const byUrl = (out: string[]) =>
      Object.fromEntries((JSON.parse(out.join('\n')) as ColorsJsonEntry[]).map((r) => [r.url, r.category]));
    expect(byUrl(one.out)).toEqual({ [`${H}a/`]: 'Team', [`${H}b/`]: 'Team (DAV)' });
    expect(byUrl(two.out)).toEqual(byUrl(one.out));
  });

  it('prints a table with the reasons, in French when asked', async () => {
    const { ctx, out } = fakeContext(() => server, 'fr');
    await colorsCommand(ctx, ['alice', '--state', join(dir, 'fr.json')]);
    const text = out.join('\n');
    expect(text).toMatch(/COULEUR\s+PRESET\s+CATÉGORIE\s+AGENDA\s+POURQUOI/);
    expect(text).toMatch(/#0082C9FF\s+22 DarkBlue\s+Work\s+Work\s+la plus proche de #0082C9 \(ΔE00 \d+\.\d\)/);
    expect(text).toMatch(/-\s+- None\s+Plain\s+Plain\s+l'agenda n'a pas de couleur/);
    expect(text).toMatch(/« rgb\(1,2,3\) » n'est pas une couleur/);
  });

  it('--svg writes the swatch sheet with every name escaped', async () => {
    const svgFile = join(dir, 'sheet.svg');
    const { ctx, out } = fakeContext(() => server);
    await colorsCommand(ctx, ['alice', '--svg', svgFile, '--state', join(dir, 'svg.json')]);
    const svg = readFileSync(svgFile, 'utf8');
    expect(svg).toContain('Blue &lt;&amp;&gt; &quot;q&quot;');
    expect(svg).toContain('Tâches');
    expect(svg).toContain('fill="#2858A5"');
    expect(svg).not.toContain('Contacts');
    expect(out.join('\n')).toContain(`Swatch sheet written to ${svgFile}`);
  });

  it('stops on a corrupt memory file before contacting the server, leaving it untouched', async () => {
    const state = join(dir, 'corrupt.json');
    writeFileSync(state, '{ oops');
    let listed = false;
    const { ctx } = fakeContext(() => {
      listed = true;
      return server;
    });
    await expect(colorsCommand(ctx, ['alice', '--state', state])).rejects.toThrow(/unreadable/);
    expect(listed).toBe(false);
    expect(readFileSync(state, 'utf8')).toBe('{ oops');
  });

  it('usage errors', async () => {
    const { ctx } = fakeContext(() => server);
    await expect(colorsCommand(ctx, [])).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^usage: dav-bridge colors <account>/),
    });
    await expect(colorsCommand(ctx, ['a', 'b'])).rejects.toMatchObject({ exitCode: 2 });
    await expect(colorsCommand(ctx, ['alice', '--svg', ''])).rejects.toMatchObject({ exitCode: 2 });
    await expect(colorsCommand(ctx, ['alice', '--frob'])).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('unknown option --frob'),
    });
  });
});
