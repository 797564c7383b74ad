// Writes src/_locales/<lang>/messages.json from bridge-core's message catalog (its `thunderbird` section), so the
// extension's words live in one place. Run after building bridge-core: `npm run locales -w thunderbird-ext`.
// test/locales-catalog.test.ts fails when the files and the catalog differ.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalog } from '../../bridge-core/dist/i18n/index.js';

const here = dirname(fileURLToPath(import.meta.url));
for (const lang of ['en', 'fr']) {
  const messages = Object.fromEntries(
    Object.entries(catalog(lang).thunderbird).map(([name, text]) => [name, { message: text }]),
  );
  const dir = join(here, '..', 'src', '_locales', lang);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'messages.json'), `${JSON.stringify(messages, null, 2)}\n`);
}
