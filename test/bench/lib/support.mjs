// The benchmarks are plain Node (.mjs) and the test support is TypeScript (test/support/*.ts, shared with the Jest
// tests): rather than a second copy of the item builders or of the bridge launcher, this transpiles test/support to
// JavaScript once per run (TypeScript's transpileModule: no type check, a few hundred milliseconds) into a temporary
// folder, and imports it from there.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { onCleanup } from './cleanup.mjs';

const supportDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'support');
let outDir;

function transpileAll() {
  outDir = mkdtempSync(join(tmpdir(), 'dav-bridge-test-support-'));
  onCleanup(() => rmSync(outDir, { recursive: true, force: true }));
  // The output is ESM (the files import each other as ./x.js).
  writeFileSync(join(outDir, 'package.json'), '{"type":"module"}\n');
  // Subfolders too (graph-fake/ for the Graph benchmark), into the same layout.
  for (const name of readdirSync(supportDir, { recursive: true }).map(String)) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    mkdirSync(dirname(join(outDir, name)), { recursive: true });
    const source = readFileSync(join(supportDir, name), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
      fileName: name,
    });
    // The support files locate the repository from __dirname (they run as CommonJS under Jest): give them theirs.
    const prelude = `const __dirname = ${JSON.stringify(dirname(join(supportDir, name)))};\n`;
    writeFileSync(join(outDir, name.replace(/\.ts$/, '.js')), prelude + outputText);
  }
}

/** test/support/<name>.ts as a module, e.g. `await supportModule('items')`. */
export async function supportModule(name) {
  if (!outDir) transpileAll();
  return import(pathToFileURL(join(outDir, `${name}.js`)).href);
}
