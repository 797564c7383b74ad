/**
 * Issue 14: every word the Thunderbird extension shows comes from the message catalog (bridge-core/src/i18n,
 * thunderbird.*, written into `_locales`), in English and French. Fails on any string or template literal of
 * thunderbird-ext/src (TypeScript, and the experiment's JavaScript) that reads like a sentence: an error text in
 * English inside a localized sentence was the gap (contact store, calendars, guest links). Same heuristic as
 * bridge-core's guard (test/support/sentence-literals.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sentencesIn } from '../../test/support/sentence-literals.js';

const SRC = join(__dirname, '..', 'src');

/** Files users never read: each with why. */
const NOT_FOR_USERS: Record<string, string> = {
  // Test only: compiled into the end-to-end build alone (__E2E__), its texts go to the test's log.
  'e2e/control.ts': 'the end-to-end control channel, absent from release builds',
};

/**
 * Literals that are not for users, each: file, the literal's start, why. The experiment runs in Thunderbird's
 * privileged process, where the catalog is not loaded: it names the step that failed, and the background quotes
 * that as the detail of a catalog sentence (errorCalendarCreate, errorCalendarPassword).
 */
const DEVELOPER_ONLY: Array<[file: string, startsWith: string, why: string]> = [
  ['experiments/calendars/implementation.js', 'creating the calendar', 'step name quoted in errorCalendarCreate'],
  ['experiments/calendars/implementation.js', 'storing the password', 'step name quoted in errorCalendarPassword'],
  // events() is called by the end-to-end control channel only (no product code reads events yet): its diagnostics
  // go to the test's failure message.
  ['experiments/calendars/implementation.js', 'reading the events of', 'events() diagnostics, end-to-end test only'],
  ['experiments/calendars/implementation.js', 'loading its events', 'events() diagnostics, end-to-end test only'],
  ['experiments/calendars/implementation.js', 'x did not finish', "events()' bound, end-to-end test only"],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(ts|js|mjs)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('message catalog: no user-facing sentence in thunderbird-ext/src outside the catalog', () => {
  it('finds an English error text put in a store error or an Error', () => {
    const found = sentencesIn(
      'x.ts',
      [
        'throw new sync.ItemError(id, `Thunderbird refused the change: ${String(e)}`);',
        "throw new sync.PreconditionFailedError(id, 'the contact changed in Thunderbird since it was read');",
        "throw new UiError('errorNoBridgeLink', [id]);",
        'const key = `outcome:${pairId}`;',
      ].join('\n'),
    );
    expect(found.map((f) => f.line)).toEqual([1, 2]);
  });

  it('every sentence of the extension lives in the catalog', () => {
    const offenders: string[] = [];
    for (const path of sourceFiles(SRC)) {
      const file = relative(SRC, path).split('\\').join('/');
      if (NOT_FOR_USERS[file]) continue;
      for (const { line, text } of sentencesIn(file, readFileSync(path, 'utf8'))) {
        if (DEVELOPER_ONLY.some(([f, start]) => f === file && text.trim().startsWith(start))) continue;
        offenders.push(`${file}:${line}: ${text.slice(0, 90)}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
