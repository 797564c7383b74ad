/** The extension's manifest as Thunderbird reads it: MV3, an id to install by, every message in both languages. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const src = join(__dirname, '..', 'src');
const manifest = JSON.parse(readFileSync(join(src, 'manifest.json'), 'utf8'));
const locales = readdirSync(join(src, '_locales'));
const messages = (lang: string) => JSON.parse(readFileSync(join(src, '_locales', lang, 'messages.json'), 'utf8'));

describe('Thunderbird manifest', () => {
  it('is MV3 with a gecko id and a Thunderbird 128+ minimum', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.browser_specific_settings.gecko.id).toMatch(/@/);
    expect(Number(manifest.browser_specific_settings.gecko.strict_min_version.split('.')[0])).toBeGreaterThanOrEqual(
      128,
    );
  });

  it('ships English and French, and every __MSG_ key exists in both', () => {
    expect(locales.sort()).toEqual(['en', 'fr']);
    expect(locales).toContain(manifest.default_locale);
    const keys = [...JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(0);
    for (const lang of locales) for (const key of keys) expect(messages(lang)[key]?.message).toBeTruthy();
  });

  it('declares the calendar experiment at the XPI root, with a strict_max_version (experiments need one)', () => {
    expect(manifest.browser_specific_settings.gecko.strict_max_version).toMatch(/^\d+\.\*$/);
    const api = manifest.experiment_apis.davBridgeCalendars;
    for (const file of [api.schema, api.parent.script]) {
      expect(file).toMatch(/^experiments\//);
      expect(readdirSync(join(src, file, '..'))).toContain(file.split('/').pop());
    }
  });
});
