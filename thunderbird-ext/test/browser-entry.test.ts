/**
 * webextension-polyfill is the extension's one entry to the `browser` API (src/browser.ts), and Jest gets the
 * strict Thunderbird API stand-in in its place.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { browser } from '../src/browser.js';

const src = join(__dirname, '..', 'src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));

describe('the one entry to the browser API', () => {
  it('only src/browser.ts imports webextension-polyfill, and no source uses the global browser/messenger', () => {
    const offenders: string[] = [];
    for (const file of files(src).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(file, 'utf8');
      const name = relative(src, file);
      if (name !== 'browser.ts' && /from ['"]webextension-polyfill['"]/.test(text)) offenders.push(`${name}: import`);
      if (/(?<![.\w])(?:globalThis\.)?(?:browser|messenger)\.\w+\(/.test(text.replace(/^\s*(\*|\/\/).*$/gm, ''))) {
        if (!/import \{[^}]*\bbrowser\b[^}]*\} from '\.\.?\/.*browser\.js'/.test(text) && name !== 'browser.ts') {
          offenders.push(`${name}: global browser`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('is the Thunderbird API stand-in under Jest, strict about what it does not describe', async () => {
    await browser.storage.local.set({ k: { v: 1 } });
    expect(await browser.storage.local.get('k')).toEqual({ k: { v: 1 } });
    expect(() => (browser as unknown as Record<string, unknown>)['bookmarks']).toThrow(
      /not part of the Thunderbird API stand-in/,
    );
  });
});

describe('the built XPI', () => {
  it('has manifest.json at its root, the background and both locales, and no source maps', () => {
    const xpi = join(__dirname, '..', 'artifacts', 'dav-bridge.xpi');
    const names = execFileSync('unzip', ['-Z1', xpi], { encoding: 'utf8' }).trim().split('\n');
    expect(names).toEqual(
      expect.arrayContaining([
        'manifest.json',
        'background.js',
        '_locales/en/messages.json',
        '_locales/fr/messages.json',
      ]),
    );
    expect(names.filter((n) => n.endsWith('.map') || n.endsWith('.d.ts'))).toEqual([]);
  });
});

describe('the release build', () => {
  it('has no end-to-end control channel (only the e2e build, e2e-build/dist/, has it)', () => {
    const background = readFileSync(join(__dirname, '..', 'dist', 'background.js'), 'utf8');
    expect(background).toContain('dav-bridge-insert');
    expect(background).not.toContain('127.0.0.1:33769');
    // The control channel's own error ("unknown op X"), not the CLI's "unknown option" that the catalog brings.
    expect(background).not.toMatch(/unknown op(?!tion)/);
  });
});
