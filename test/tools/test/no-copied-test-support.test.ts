// Issue 11 item 6: one test support. Items are built by test/support/items.ts, the bridge is started by
// test/support/bridge.ts, the DAV servers by test/harness/servers.sh; this fails when a test tree grows its own
// copy again: a function that writes BEGIN:VEVENT / VTODO / VCARD / VCALENDAR, a Radicale (or other DAV server)
// started outside the harness, a bridge started outside the launcher.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const repo = resolve(__dirname, '..', '..', '..');
const TEST_TREES = [
  'bridge-core/test',
  'outlook-addin/test',
  'thunderbird-ext/test',
  'test/integration',
  'test/bench',
  'test/e2e',
  'test/harness',
  'test/tools',
];

/** Files allowed to write raw items in their own functions, each for a reason. */
const ITEM_BUILDER_ALLOWED: Record<string, string> = {
  // Its subject is the exact content lines: which ones normalisation ignores (order, folding, PRODID, REV...).
  'bridge-core/test/sync/normalize.test.ts': 'raw content lines are what it tests',
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'fixtures') continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|mts|cts|mjs|cjs|js)$/.test(entry.name)) out.push(p);
  }
  return out;
}

const ITEM_START = /BEGIN:(VEVENT|VTODO|VJOURNAL|VCARD|VCALENDAR)|BEGIN:$/;

/** The name of a function that builds items: declared, or assigned to a name (a callback passed inline is data). */
function namedFunction(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) return n.name?.getText() ?? '(anonymous)';
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) {
      const p = n.parent;
      if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) {
        return p.name.getText();
      }
    }
  }
  return undefined;
}

/** Functions of this source that write the first line of an item (`BEGIN:VEVENT`, or `BEGIN:${kind}`). */
export function itemBuilders(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    const literal =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
        ? node.text
        : ts.isTemplateHead(node) || ts.isTemplateMiddle(node)
          ? node.text
          : undefined;
    if (literal !== undefined && ITEM_START.test(literal)) {
      const name = namedFunction(node);
      if (name) found.add(name);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...found];
}

/** Files allowed to start the bridge themselves, each for a reason. */
const LAUNCHER_ALLOWED: Record<string, string> = {
  'test/bench/pane-bench.mjs':
    "measures the product's own `npm start` in demo mode (bridge and demo Radicale) as a user starts it",
  'outlook-addin/test/graph/outlook-sync-routes.test.ts':
    "replaces msal-node's client with the OAuth stand-in, which only an app built in the test's own process takes",
};

/** Lines that start a DAV server or the bridge themselves. */
const OWN_LAUNCHERS: Array<{ what: string; pattern: RegExp; allowedUnder: string }> = [
  { what: 'a Radicale started outside the harness', pattern: /-m['",\s]+radicale\b/, allowedUnder: 'test/harness/' },
  {
    what: 'a DAV server daemon started outside the harness',
    pattern: /['"/](sogod|cyrmaster|master -D)['"\s]/,
    allowedUnder: 'test/harness/',
  },
  {
    what: 'a bridge started outside test/support/bridge.ts',
    pattern: /\b(createApp|runBridge)\(|middle-tier['"/, ]+(serve|start)\.js|['"](serve|start)\.js['"]/,
    allowedUnder: 'test/support/',
  },
];

export function ownLaunchers(relPath: string, text: string): string[] {
  return OWN_LAUNCHERS.filter((l) => !relPath.startsWith(l.allowedUnder) && l.pattern.test(text)).map((l) => l.what);
}

describe('one test support (issue 11 item 6)', () => {
  const files = TEST_TREES.flatMap((t) => sourceFiles(join(repo, t))).map((f) => relative(repo, f));

  it('finds a copy when there is one (the checks themselves)', () => {
    const copy = `export function simpleEvent(uid: string) {\n  return ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', \`UID:\${uid}\`].join('\\r\\n');\n}`;
    expect(itemBuilders('x.ts', copy)).toEqual(['simpleEvent']);
    expect(itemBuilders('x.ts', 'const item = (kind, ...l) => [`BEGIN:${kind}`, ...l, `END:${kind}`];')).toEqual([
      'item',
    ]);
    // Data written inline in a test is not a builder.
    expect(itemBuilders('x.ts', "test('t', () => { const noUid = 'BEGIN:VCALENDAR\\r\\nEND:VCALENDAR'; });")).toEqual(
      [],
    );
    expect(ownLaunchers('test/bench/x.mjs', "spawn('/usr/bin/python3', ['-m', 'radicale', '--config', c])")).toEqual([
      'a Radicale started outside the harness',
    ]);
    expect(ownLaunchers('test/e2e/x.ts', "spawn(process.execPath, [join(dist, 'middle-tier', 'serve.js')])")).toEqual([
      'a bridge started outside test/support/bridge.ts',
    ]);
  });

  it('no test tree builds items in its own functions: they come from test/support/items.ts', () => {
    expect(files.length).toBeGreaterThan(50);
    const copies = files
      .filter((f) => !ITEM_BUILDER_ALLOWED[f])
      .flatMap((f) => itemBuilders(f, readFileSync(join(repo, f), 'utf8')).map((name) => `${f}: ${name}()`));
    expect(copies).toEqual([]);
  });

  it('no test tree starts a DAV server or the bridge on its own: the harness and test/support/bridge.ts do', () => {
    const self = relative(repo, __filename);
    const launchers = files
      .filter((f) => f !== self && !LAUNCHER_ALLOWED[f])
      .flatMap((f) => ownLaunchers(f, readFileSync(join(repo, f), 'utf8')).map((what) => `${f}: ${what}`));
    expect(launchers).toEqual([]);
  });
});
