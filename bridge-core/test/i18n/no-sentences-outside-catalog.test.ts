/**
 * Issue 11 item 2: no user-facing sentence in bridge-core outside the message catalog (src/i18n). Walks every
 * source file with the TypeScript compiler (so comments are never taken for text) and fails on any string or
 * template literal that reads like an English or French sentence (test/support/sentence-literals.ts, shared with
 * the Thunderbird extension's guard).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sentencesIn } from '../../../test/support/sentence-literals.js';

const SRC = join(__dirname, '..', '..', 'src');

/**
 * Files whose words have not moved into src/i18n yet (a path ending in "/" covers a folder). Empty since every
 * core module speaks through the catalog; kept so that a large move can land in steps, each one listed here.
 */
const NOT_MIGRATED_YET: string[] = [];

/**
 * Strings that are not for users: technical details quoted as such (the same in both languages, like the
 * server's own words), programming errors, developer documentation. Each entry: file, the literal's start, why.
 */
const DEVELOPER_ONLY: Array<[file: string, startsWith: string, why: string]> = [
  ['dav/multistatus.ts', 'a response has no href', 'technical detail inside the localized malformed-response'],
  ['dav/multistatus.ts', 'expected a DAV multistatus, got', 'technical detail inside malformed-response'],
  ['dav/items.ts', 'no data in the answer', 'technical reason of a read failure, shown in parentheses'],
  ['dav/items.ts', 'not in the answer', 'technical reason of a read failure, shown in parentheses'],
  // The snapshot reader's findings, quoted as is inside the catalog's category-memory.invalid sentence.
  ['colors/category.ts', 'Invalid category memory', 'technical finding inside category-memory.invalid'],
  ['colors/category.ts', 'not an object', 'technical finding inside category-memory.invalid'],
  ['colors/category.ts', 'CategoryMemory.get returned nothing', 'programming error (assertion)'],
  ['colors/nearest.ts', 'no CSS color names', 'programming error (empty built-in table)'],
  // API contract of preset helpers (Office.js values and numbers from code, not typed by users).
  ['colors/presets.ts', 'Not an Outlook category preset', 'API contract error (RangeError)'],
  ['colors/presets.ts', 'Not an Outlook category color', 'API contract error (RangeError)'],
  // Each quirk record's `behaviour` and `handledIn` document the code for its readers; users never see them.
  ['use-cases/server-quirks.ts', '', 'developer documentation of server quirks'],
  ['sync/content-lines.ts', 'not an iCalendar object or vCard', 'technical reason of a read failure'],
  ['sync/content-lines.ts', 'truncated item', 'technical reason of a read failure'],
  ['sync/executor.ts', 'an item already exists at', 'internal signal, reported as sync.create-collision'],
  ['sync/memory-store.ts', 'injected read failure', "the in-memory test store's fault injection"],
  ['dav/sync-collection.ts', 'sync-collection ', 'technical detail inside malformed-response'],
  ['dav/xml.ts', 'XML nested deeper than', 'detail field (English excerpt for logs); the message is localized'],
  ['dav/xml.ts', 'XML larger than', 'detail field (English excerpt for logs); the message is localized'],
  ['node/cli/command-specs.ts', 'no declaration for the command', 'programming error (a command without a spec)'],
  // The folder store's technical reasons, quoted inside the catalog's sync.item-unreadable / sync.write-failed.
  ['node/sync/vdir-store.ts', 'invalid item name', 'technical reason of a write failure'],
  ['node/sync/vdir-store.ts', 'changed while being read', 'technical reason of a read failure'],
  // A template's placeholder reads as "x": `${id} changed on disk`.
  ['node/sync/vdir-store.ts', 'x changed on disk', 'technical reason of a write failure'],
  ['node/sync/vdir-store.ts', 'x vanished right after its update', 'technical reason of a write failure'],
  ['node/sync/status-schema.ts', 'sync_status and sync_token', "a migration's name (developer documentation)"],
  ['node/sync-endpoint.ts', 'markRevoked without facts', 'programming error (assertion)'],
  ['graph/zones.ts', '', 'Windows time-zone names: identifiers Graph takes, not words'],
  ['graph/mapping.ts', 'bad Graph dateTime', 'technical detail of a malformed Graph answer'],
  ['graph/graph-store.ts', 'singleValueExtendedProperties(', 'OData query text sent to Graph'],
  ['graph/graph-store.ts', 'an event with UID', 'internal signal: the engine fetches the existing event and compares'],
  ['graph/graph-collection.ts', 'delta answer without', 'technical detail of a malformed Graph answer'],
  [
    'graph/owned-container-store.ts',
    'an item with UID',
    'internal signal: the engine fetches the existing item and compares',
  ],
  ['graph/todo-mapping.ts', 'no DUE or DTSTART', 'detail inside the catalog downgrade task-recurrence-not-expressible'],
  ['graph/todo-mapping.ts', 'PRODID:', 'an iCalendar PRODID value, not words'],
  ['graph/contact-store.ts', 'singleValueExtendedProperties(', 'OData query text sent to Graph'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('message catalog: no user-facing sentence in bridge-core outside src/i18n', () => {
  it('the heuristics tell sentences from code', () => {
    const found = sentencesIn(
      'x.ts',
      [
        '// a comment with many words in it is not a literal',
        "const a = 'The server refused the request';",
        "const b = `Le serveur n'a pas répondu en ${1} s`;",
        "const c = 'http://example.org/some path here';",
        "const d = 'SELECT token FROM sync_token WHERE pair = ?';",
        "const e = 'text/calendar; charset=utf-8';",
        'const f = `<text x="16" font-family="Segoe UI, Helvetica, Arial">Calendar colors and categories</text>`;',
        'const g = `<rect width="100%" height="100%" fill="#FFFFFF"/>`;',
        "import x from './some module name.js';",
      ].join('\n'),
    );
    expect(found.map((f) => f.line)).toEqual([2, 3, 7]);
  });

  it('every sentence lives in the catalog (except the files listed as not migrated yet)', () => {
    const offenders: string[] = [];
    for (const path of sourceFiles(SRC)) {
      const file = relative(SRC, path).split('\\').join('/');
      if (file.startsWith('i18n/')) continue;
      if (NOT_MIGRATED_YET.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p))) continue;
      for (const { line, text } of sentencesIn(file, readFileSync(path, 'utf8'))) {
        if (DEVELOPER_ONLY.some(([f, start]) => f === file && text.trim().startsWith(start))) continue;
        offenders.push(`${file}:${line}: ${text.slice(0, 90)}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
