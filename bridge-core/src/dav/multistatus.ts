/** Reading RFC 4918 multistatus bodies (PROPFIND, REPORT, PROPPATCH answers). */
import { malformedResponse } from './errors.js';
import { NS, qname, type QName } from './namespaces.js';
import { child, childrenNamed, parseXmlStream, textOf, type XmlElement, type XmlLimits } from './xml.js';

export interface PropStat {
  status: number;
  props: Map<QName, XmlElement>;
}

export interface MultistatusResponse {
  /** Absolute URL of the resource. */
  href: string;
  /** Status of a response without propstat (e.g. 404 in a multiget or sync-collection). */
  status: number | undefined;
  propstats: PropStat[];
  error: XmlElement | undefined;
}

export interface Multistatus {
  responses: MultistatusResponse[];
  syncToken: string | undefined;
}

const D = (local: string) => qname(NS.DAV, local);

/** "HTTP/1.1 404 Not Found" -> 404. */
export function parseStatusLine(line: string | undefined): number | undefined {
  const m = /HTTP\/\d(?:\.\d)?\s+(\d{3})/i.exec(line ?? '');
  return m ? Number(m[1]) : undefined;
}

export function resolveHref(href: string, base: string): string {
  try {
    return new URL(href, base).toString();
  } catch {
    return href;
  }
}

/** Compares two resource URLs the way servers mean them: percent-encoding and a trailing slash do not matter. */
export function sameResource(a: string, b: string): boolean {
  const norm = (u: string) => {
    let path: string;
    try {
      const parsed = new URL(u);
      path = parsed.origin + parsed.pathname;
    } catch {
      path = u;
    }
    try {
      path = decodeURIComponent(path);
    } catch {
      /* keep as is */
    }
    return path.replace(/\/+$/, '');
  };
  return norm(a) === norm(b);
}

function responseFrom(r: XmlElement, url: string, httpStatus?: number): MultistatusResponse {
  const hrefText = textOf(child(r, D('href')));
  if (!hrefText) throw malformedResponse(url, 'a response has no href', httpStatus);
  const propstats: PropStat[] = childrenNamed(r, D('propstat')).map((ps) => {
    const props = new Map<QName, XmlElement>();
    for (const p of child(ps, D('prop'))?.children ?? []) props.set(p.name, p);
    return { status: parseStatusLine(textOf(child(ps, D('status')))) ?? 200, props };
  });
  return {
    href: resolveHref(hrefText, url),
    status: parseStatusLine(textOf(child(r, D('status')))),
    propstats,
    error: child(r, D('error')),
  };
}

export interface MultistatusStream {
  write(chunk: string): void;
  /** Ends the document and checks it was a multistatus; returns its sync-token, if any. */
  close(): { syncToken: string | undefined };
}

/** Reads a multistatus as it arrives, handing over each response as soon as it is complete. */
export function streamMultistatus(
  url: string,
  httpStatus: number | undefined,
  onResponse: (r: MultistatusResponse) => void,
  limits?: XmlLimits,
): MultistatusStream {
  let syncToken: string | undefined;
  const xml = parseXmlStream(
    url,
    httpStatus,
    (el) => {
      if (el.name === D('response')) onResponse(responseFrom(el, url, httpStatus));
      else if (el.name === D('sync-token')) syncToken = textOf(el);
    },
    limits,
  );
  return {
    write: (chunk) => xml.write(chunk),
    close() {
      const root = xml.close();
      if (root.name !== D('multistatus')) {
        throw malformedResponse(url, `expected a DAV multistatus, got <${root.local}>`, httpStatus);
      }
      return { syncToken };
    },
  };
}

export function parseMultistatus(text: string, url: string, httpStatus?: number, limits?: XmlLimits): Multistatus {
  const responses: MultistatusResponse[] = [];
  const stream = streamMultistatus(url, httpStatus, (r) => responses.push(r), limits);
  stream.write(text);
  return { responses, ...stream.close() };
}

/** The properties a response returned successfully. */
export function okProps(response: MultistatusResponse): Map<QName, XmlElement> {
  const out = new Map<QName, XmlElement>();
  for (const ps of response.propstats) {
    if (ps.status >= 200 && ps.status < 300) for (const [k, v] of ps.props) out.set(k, v);
  }
  return out;
}

/** Properties that came back with a failure status (e.g. a refused PROPPATCH), with their status. */
export function failedProps(response: MultistatusResponse): { name: QName; status: number }[] {
  const out: { name: QName; status: number }[] = [];
  for (const ps of response.propstats) {
    if (ps.status >= 300) for (const name of ps.props.keys()) out.push({ name, status: ps.status });
  }
  return out;
}

/** Last non-empty path segment, decoded. */
export function lastSegment(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const parts = path.split('/').filter(Boolean);
  const last = parts[parts.length - 1] ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
