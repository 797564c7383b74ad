/**
 * Issue 11 item 2: the extension's words come from bridge-core's message catalog. Its `_locales` files must say
 * exactly what the catalog says, in both languages (no message missing, none extra, none reworded).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog, type Lang } from '../../bridge-core/src/i18n/index.js';

const localesDir = join(__dirname, '..', 'src', '_locales');

describe('Thunderbird _locales match the message catalog', () => {
  for (const lang of ['en', 'fr'] as Lang[]) {
    it(`${lang}/messages.json is the catalog's thunderbird section`, () => {
      const file = JSON.parse(readFileSync(join(localesDir, lang, 'messages.json'), 'utf8'));
      const expected = Object.fromEntries(
        Object.entries(catalog(lang).thunderbird).map(([name, text]) => [name, { message: text }]),
      );
      expect(file).toEqual(expected);
    });
  }
});
