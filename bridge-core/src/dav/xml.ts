/**
 * Namespace-aware XML reading into a small element tree. Property values stay strings: a display name such as
 * "2024.10" must not become a number, and oc:invite must never be mistaken for cs:invite (both tsdav defects).
 */
import { SaxesParser } from 'saxes';
import { MalformedResponseError, malformedResponse } from './errors.js';
import { message } from '../i18n/index.js';
import { NS, qname, type QName } from './namespaces.js';

export interface XmlElement {
  ns: string;
  local: string;
  name: QName;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (CDATA included). */
  text: string;
}

/**
 * Prefixes servers use without declaring them (Cyrus 3.6 writes <CS:notification/> in resourcetype with no
 * xmlns:CS). Strict parsing would make such a server unusable, so they resolve to the namespace every DAV
 * server means by them; any other undeclared prefix gets a private namespace, so nothing is mistaken for DAV.
 */
const CONVENTIONAL_PREFIXES: Record<string, string> = {
  d: NS.DAV,
  c: NS.CALDAV,
  cal: NS.CALDAV,
  card: NS.CARDDAV,
  cs: NS.CS,
  a: NS.APPLE,
  ical: NS.APPLE,
  apple: NS.APPLE,
  oc: NS.OC,
  nc: NS.NC,
};

/**
 * Bounds on what the parser accepts. Nesting costs more than its bytes (each element resolves its namespaces through
 * its ancestors: 280 KB of nested elements took 27 s), so depth is checked as each element opens, and size as each
 * chunk arrives, before it is parsed. DAV answers nest about ten levels; calendars of 10,000 events with their data
 * stay far below the size bound.
 */
export interface XmlLimits {
  maxDepth: number;
  /** In characters (UTF-16 code units) of the document text. */
  maxChars: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 100, maxChars: 256 * 1024 * 1024 };

/** A document beyond XmlLimits: refused before (size) or while (depth) it is parsed. */
export class XmlLimitError extends MalformedResponseError {
  constructor(
    readonly limit: 'depth' | 'size',
    readonly max: number,
    url: string,
    status?: number,
  ) {
    const text = message(limit === 'depth' ? 'dav.xml-too-deep' : 'dav.xml-too-large', { url, max });
    // The detail stays the English limit, as before: a technical excerpt for logs and support.
    const detail = limit === 'depth' ? `XML nested deeper than ${max} levels` : `XML larger than ${max} characters`;
    super('malformed-response', text, { url, detail, ...(status === undefined ? {} : { status }) });
  }
}

export interface XmlStream {
  write(chunk: string): void;
  /** Ends the document; returns its root (without the detached elements). */
  close(): XmlElement;
}

/**
 * An incremental parser. With `onChild`, each child of the root element is handed over as soon as it is
 * complete and then dropped from the tree, so a multistatus of 10,000 responses never exists whole in memory.
 */
export function parseXmlStream(
  url: string,
  status?: number,
  onChild?: (el: XmlElement) => void,
  limits: XmlLimits = DEFAULT_XML_LIMITS,
): XmlStream {
  const parser = new SaxesParser({
    xmlns: true,
    position: false,
    resolvePrefix: (prefix: string) =>
      CONVENTIONAL_PREFIXES[prefix.toLowerCase()] ?? `urn:x-undeclared-prefix:${prefix}`,
  });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: Error | undefined;
  let chars = 0;
  parser.on('error', (err) => {
    failure ??= err;
  });
  parser.on('opentag', (tag) => {
    // Thrown out of parser.write: the rest of the chunk is never parsed.
    if (stack.length >= limits.maxDepth) throw new XmlLimitError('depth', limits.maxDepth, url, status);
    const attrs: Record<string, string> = {};
    for (const [key, attr] of Object.entries(tag.attributes)) {
      attrs[key] = typeof attr === 'string' ? attr : attr.value;
    }
    const el: XmlElement = {
      ns: tag.uri ?? '',
      local: tag.local ?? tag.name,
      name: qname(tag.uri ?? '', tag.local ?? tag.name),
      attrs,
      children: [],
      text: '',
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    const el = stack.pop();
    if (onChild && el && stack.length === 1) {
      stack[0]?.children.pop();
      onChild(el);
    }
  });
  const fail = (): never => {
    if (failure instanceof XmlLimitError) throw failure;
    const reason = failure ? (failure.message.split('\n')[0] ?? 'invalid XML') : 'empty body';
    throw malformedResponse(url, `invalid XML: ${reason}`, status);
  };
  return {
    write(chunk) {
      if (failure) fail();
      chars += chunk.length;
      if (chars > limits.maxChars) failure = new XmlLimitError('size', limits.maxChars, url, status);
      else {
        try {
          parser.write(chunk);
        } catch (err) {
          failure ??= err as Error;
        }
      }
      if (failure) fail();
    },
    close() {
      try {
        parser.close();
      } catch (err) {
        failure ??= err as Error;
      }
      if (failure || !root) fail();
      return root as XmlElement;
    },
  };
}

export function parseXml(text: string, url: string, status?: number, limits?: XmlLimits): XmlElement {
  const stream = parseXmlStream(url, status, undefined, limits);
  stream.write(text);
  return stream.close();
}

export function child(el: XmlElement | undefined, name: QName): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function childrenNamed(el: XmlElement | undefined, name: QName): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** Text of an element, trimmed; undefined when the element is absent. */
export function textOf(el: XmlElement | undefined): string | undefined {
  return el === undefined ? undefined : el.text.trim();
}

/** All DAV:href values directly inside an element. */
export function hrefsIn(el: XmlElement | undefined): string[] {
  return childrenNamed(el, qname('DAV:', 'href'))
    .map((h) => h.text.trim())
    .filter((h) => h.length > 0);
}
