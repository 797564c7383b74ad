#!/usr/bin/env node
// Fails the build when the isomorphic part of bridge-core (everything outside dist/node) imports a
// Node built-in, or touches the DOM: that part must run unchanged in a browser and in Thunderbird.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

const root = process.argv[2] ?? 'dist';
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const importPattern =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
const problems = [];

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const rel = relative(root, path);
    if (statSync(path).isDirectory()) {
      if (rel === 'node') continue; // the Node-only part lives here on purpose
      walk(path);
    } else if (name.endsWith('.js')) {
      const text = readFileSync(path, 'utf8');
      for (const m of text.matchAll(importPattern)) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (spec && builtins.has(spec)) problems.push(`${rel}: imports Node built-in "${spec}"`);
      }
      if (/\b(document|window)\s*\./.test(text)) problems.push(`${rel}: touches the DOM`);
    }
  }
}
walk(root);
if (problems.length) {
  console.error('bridge-core isomorphic check failed:\n  ' + problems.join('\n  '));
  process.exit(1);
}
