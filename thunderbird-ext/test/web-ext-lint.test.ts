/**
 * Issue 14, build and checks: Mozilla's own linter (web-ext lint, addons-linter) finds no error in the built
 * extension. It lints against Firefox's schemas, so Thunderbird-only permissions and manifest keys come out as
 * warnings: those expected are listed here, and any other warning fails the test.
 * Needs the build (`npm run build`, which `npm test` runs first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const extDir = join(__dirname, '..');
const dist = join(extDir, 'dist');
const webExt = join(extDir, '..', 'node_modules', '.bin', 'web-ext');

/** Permissions and manifest keys Thunderbird has and Firefox does not (Thunderbird's MV3 documentation). */
const THUNDERBIRD_ONLY_PERMISSIONS = ['addressBooks', 'compose', 'accountsRead', 'messagesRead'];
const THUNDERBIRD_ONLY_KEYS = ['compose_action', 'experiment_apis'];

interface LintMessage {
  code: string;
  message: string;
}

/**
 * Firefox's add-on store asks for `data_collection_permissions` (Firefox 140+); Thunderbird 128 ESR does not know
 * the key, and its add-on store does not ask for it: declaring it would warn on every Thunderbird below 140.
 */
const FIREFOX_STORE_ONLY = ['MISSING_DATA_COLLECTION_PERMISSIONS'];

/**
 * The one error Firefox's linter gives that Thunderbird does not: in Firefox only privileged (Mozilla-signed)
 * extensions may declare `experiment_apis`; Thunderbird accepts experiments in any add-on (its add-on store reviews
 * them), and the issue asks for one (the calendar experiment, src/experiments/). Nothing else may be an error.
 */
function expectedError(e: LintMessage): boolean {
  return e.code === 'MANIFEST_FIELD_PRIVILEGED' && e.message.includes('/experiment_apis');
}

function expectedWarning(w: LintMessage): boolean {
  if (FIREFOX_STORE_ONLY.includes(w.code)) return true;
  if (w.code === 'MANIFEST_PERMISSIONS') {
    return THUNDERBIRD_ONLY_PERMISSIONS.some((p) => w.message.includes(`"${p}"`));
  }
  return THUNDERBIRD_ONLY_KEYS.some((k) => w.message.includes(`"${k}"`) || w.message.includes(`/${k}`));
}

describe('web-ext lint of the built extension', () => {
  it('reports no error but the Firefox-only one on experiments, and only the Thunderbird-only warnings listed here', () => {
    if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`no build in ${dist}: run npm run build first`);
    let out: string;
    try {
      out = execFileSync(webExt, ['lint', '--source-dir', dist, '--output', 'json', '--no-config-discovery'], {
        encoding: 'utf8',
        timeout: 110_000,
      });
    } catch (e) {
      // web-ext lint exits 1 when it found errors; its JSON report is still on stdout.
      out = (e as { stdout?: string }).stdout ?? '';
    }
    const report = JSON.parse(out) as { errors: LintMessage[]; warnings: LintMessage[] };
    expect(report.errors.filter((e) => !expectedError(e))).toEqual([]);
    expect(report.warnings.filter((w) => !expectedWarning(w))).toEqual([]);
  }, 120_000);
});
