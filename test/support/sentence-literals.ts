/**
 * The one heuristic of the "no sentence outside the message catalog" guards (bridge-core's and the Thunderbird
 * extension's): walks a source file with the TypeScript compiler (so comments are never taken for text) and finds
 * the string or template literals that read like an English or French sentence.
 */
import ts from 'typescript';

/** Looks like words for people: three words in a row, or a sentence of two words ending in punctuation. */
export function looksLikeSentence(text: string): boolean {
  // Words inside markup count (an SVG's <text>), the tags and their attributes do not.
  const t = text.replace(/<[^>]*>?/g, ' ').trim();
  if (/^(https?:|webcal:|mailto:|data:|urn:|<|\{|\/)/i.test(t)) return false; // URLs, URNs, XML, JSON, paths
  if (/^(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|ALTER|DROP|BEGIN|WITH)\b/.test(t)) return false; // SQL
  if (/^[\w.-]+(:[\w.-]+)?$/.test(t)) return false; // identifiers, XML names, codes
  return /\p{L}{2,}[’']?\p{L}*[ ,;:]+\p{L}{2,}[ ,;:’']+\p{L}{2,}/u.test(t);
}

/** The text of a literal; a template's placeholders count as one word. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('x');
  return undefined;
}

/** Module specifiers and `declare module` names are not text. */
function isModuleName(node: ts.Node): boolean {
  const p = node.parent;
  return !!p && (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isModuleDeclaration(p));
}

/** The sentence-like literals of one TypeScript or JavaScript source, with their line. */
export function sentencesIn(file: string, code: string): Array<{ line: number; text: string }> {
  const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const found: Array<{ line: number; text: string }> = [];
  const visit = (node: ts.Node): void => {
    const text = literalText(node);
    if (text !== undefined && !isModuleName(node) && looksLikeSentence(text)) {
      found.push({ line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
      return; // a template's parts are not reported twice
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
