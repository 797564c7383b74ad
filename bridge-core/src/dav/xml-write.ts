/** Writing the XML bodies of DAV requests. Every text value is escaped; prefixes come from PREFIXES. */
import { PREFIXES, splitQName, type QName } from './namespaces.js';

/** Escapes text for XML content and attribute values; drops characters XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

export interface XmlNode {
  name: QName;
  attrs?: Record<string, string>;
  children?: (XmlNode | string)[];
}

/** Shorthand: el('{DAV:}prop', child1, 'text', ...). */
export function el(name: QName, ...children: (XmlNode | string | undefined | false)[]): XmlNode {
  return { name, children: children.filter((c): c is XmlNode | string => c !== undefined && c !== false) };
}

export function elWithAttrs(name: QName, attrs: Record<string, string>, ...children: (XmlNode | string)[]): XmlNode {
  return { name, attrs, children };
}

/** Serializes a document, declaring on the root element every namespace the tree uses. */
export function toXml(root: XmlNode): string {
  const prefixOf = new Map<string, string>(Object.entries(PREFIXES).map(([p, ns]) => [ns, p]));
  const used = new Map<string, string>();
  let extra = 0;
  const prefixFor = (ns: string): string => {
    let p = used.get(ns);
    if (p === undefined) {
      p = prefixOf.get(ns) ?? `x${extra++}`;
      used.set(ns, p);
    }
    return p;
  };
  const write = (node: XmlNode): string => {
    const { ns, local } = splitQName(node.name);
    const tag = `${prefixFor(ns)}:${local}`;
    const attrs = Object.entries(node.attrs ?? {})
      .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
      .join('');
    const inner = (node.children ?? []).map((c) => (typeof c === 'string' ? escapeXml(c) : write(c))).join('');
    return inner ? `<${tag}${attrs}>${inner}</${tag}>` : `<${tag}${attrs}/>`;
  };
  const body = write(root);
  const decls = [...used].map(([ns, p]) => ` xmlns:${p}="${escapeXml(ns)}"`).join('');
  const firstSpaceOrEnd = body.search(/[\s/>]/);
  return `<?xml version="1.0" encoding="utf-8"?>\n${body.slice(0, firstSpaceOrEnd)}${decls}${body.slice(firstSpaceOrEnd)}`;
}
