/**
 * Issue 11 item 2 for the bridge server: its words live in the message catalog (bridge-core/src/i18n, server.* and
 * guest-page.*), rendered with core's render(lang, msg); no `{ en: '...', fr: '...' }` pair of words is left in
 * the middle tier's sources. Walks each file with the TypeScript compiler (comments are never taken for code).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const MIDDLE_TIER = join(__dirname, '..', '..', 'src', 'middle-tier');

/** Moving into core with the feed use case (another piece of work): its words move with it. */
const MOVING_ELSEWHERE = ['subscriptions/feed.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Words: a string or template literal, or a choice between words (`kind === 'x' ? '...' : '...'`). */
function isWords(node: ts.Expression | undefined): boolean {
  if (!node) return false;
  if (ts.isParenthesizedExpression(node)) return isWords(node.expression);
  if (ts.isConditionalExpression(node)) return isWords(node.whenTrue) || isWords(node.whenFalse);
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
}

function propertyName(p: ts.ObjectLiteralElementLike): string | undefined {
  if (!ts.isPropertyAssignment(p)) return undefined;
  return ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined;
}

/** Object literals with both an `en` and an `fr` property, one of them given as words (a string or template). */
export function wordPairsIn(file: string, code: string): number[] {
  const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const byName = new Map(node.properties.map((p) => [propertyName(p), p] as const));
      const en = byName.get('en');
      const fr = byName.get('fr');
      if (en && fr && ts.isPropertyAssignment(en) && ts.isPropertyAssignment(fr)) {
        if (isWords(en.initializer) || isWords(fr.initializer))
          lines.push(sf.getLineAndCharacterOfPosition(node.getStart()).line + 1);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return lines;
}

describe('bridge server: no en/fr word pairs outside the message catalog', () => {
  it('the finder tells word pairs from code', () => {
    const code = [
      "const a = { en: 'Nothing here.', fr: \"Il n'y a rien ici.\" };",
      'const b = { en: `${n} items`, fr: `${n} éléments` };',
      "const c = { en: render('en', m), fr: render('fr', m) };",
      '// { en: "a comment", fr: "un commentaire" }',
      "const d = { code: 'x', en: 'English only' };",
      "const e = { en: k ? 'a calendar' : 'a book', fr: k ? 'un agenda' : 'un carnet' };",
    ].join('\n');
    expect(wordPairsIn('x.ts', code)).toEqual([1, 2, 6]);
  });

  it('every middle-tier source renders its words from the catalog', () => {
    const offenders: string[] = [];
    for (const path of sourceFiles(MIDDLE_TIER)) {
      const file = relative(MIDDLE_TIER, path).split('\\').join('/');
      if (MOVING_ELSEWHERE.includes(file)) continue;
      for (const line of wordPairsIn(file, readFileSync(path, 'utf8'))) offenders.push(`${file}:${line}`);
    }
    expect(offenders).toEqual([]);
  });
});
