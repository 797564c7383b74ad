// Issue 11 item 7: no unused dependency in the workspaces (bridge-core once listed ical.js without importing it),
// and the load-test tool stays a development dependency of the repository root (it was a runtime dependency of
// the add-in). depcheck is not installed here: a dependency counts as used when a file of its workspace names it
// in an import, a require or a configuration (a "@types/x" package when x is used or a tsconfig lists its types).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '..', '..', '..');
const WORKSPACES = ['bridge-core', 'outlook-addin', 'thunderbird-ext'];

/** Listed before their first import lands (each with its reason); remove an entry once the package is imported. */
const NOT_YET_IMPORTED: Record<string, Record<string, string>> = {
  'outlook-addin': {
    '@microsoft/microsoft-graph-client': 'Graph requests (batching, Retry-After) of the Microsoft Graph issue',
  },
};

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const readJson = (file: string): PackageJson => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;

function workspaceText(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (['node_modules', 'dist', 'fixtures'].includes(entry.name) || entry.name.startsWith('.')) continue;
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(ts|mts|cts|mjs|cjs|js|json|html)$/.test(entry.name) && !/^package(-lock)?\.json$/.test(entry.name)) {
        parts.push(readFileSync(p, 'utf8'));
      }
    }
  };
  walk(dir);
  return parts.join('\n');
}

/** Names `name` as a module: 'name', "name", 'name/sub', or in a tsconfig's "types" (office-js for @types/office-js). */
export function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`['"\`]${escaped}(/[^'"\`]*)?['"\`]`).test(text);
}

export function unusedDependencies(pkg: PackageJson, text: string): string[] {
  const all = { ...(pkg.dependencies ?? {}), ...(pkg.devDependencies ?? {}) };
  return Object.keys(all).filter((name) => {
    if (mentions(text, name)) return false;
    const typed = /^@types\/(.+)$/.exec(name)?.[1];
    if (typed) {
      // @types/scope__name is the types of @scope/name
      const target = typed.includes('__') ? `@${typed.replace('__', '/')}` : typed;
      return !(mentions(text, target) || target in all);
    }
    return true;
  });
}

describe('workspace dependencies (issue 11 item 7)', () => {
  it('finds an unused dependency when there is one (the check itself)', () => {
    const pkg = { dependencies: { 'ical.js': '^2', saxes: '^6' }, devDependencies: { '@types/saxes': '^1' } };
    expect(unusedDependencies(pkg, "import { SaxesParser } from 'saxes';")).toEqual(['ical.js']);
    expect(unusedDependencies(pkg, "import ICAL from 'ical.js/dist/ical.js'; import 'saxes';")).toEqual([]);
  });

  it.each(WORKSPACES)('%s imports every dependency it lists', (ws) => {
    const pkg = readJson(join(repo, ws, 'package.json'));
    const allowed = NOT_YET_IMPORTED[ws] ?? {};
    const unused = unusedDependencies(pkg, workspaceText(join(repo, ws))).filter((name) => !(name in allowed));
    expect(unused).toEqual([]);
  });

  it.each(WORKSPACES)('%s lists as "not yet imported" only packages it really does not import yet', (ws) => {
    const text = workspaceText(join(repo, ws));
    const stale = Object.keys(NOT_YET_IMPORTED[ws] ?? {}).filter((name) => mentions(text, name));
    expect(stale).toEqual([]);
  });

  it('the load-test tool (autocannon) is a development dependency of the root only', () => {
    expect(readJson(join(repo, 'package.json')).devDependencies).toHaveProperty('autocannon');
    for (const ws of WORKSPACES) {
      const pkg = readJson(join(repo, ws, 'package.json'));
      expect({ ws, ...pkg.dependencies, ...pkg.devDependencies }).not.toHaveProperty('autocannon');
    }
  });
});
