/** Small request helpers shared by the drivers (candidates to move into src/dav). */
import type { RequestPurpose } from '../dav/errors.js';
import { okProps, resolveHref, type MultistatusResponse } from '../dav/multistatus.js';
import { type QName } from '../dav/namespaces.js';
import { propfind } from '../dav/propfind.js';
import type { DavResponse, Transport } from '../dav/transport.js';
import type { XmlElement } from '../dav/xml.js';

export async function postXml(
  transport: Transport,
  url: string,
  body: string,
  contentType: string,
  what: RequestPurpose,
  method = 'POST',
  accept?: number[],
): Promise<DavResponse> {
  return transport.request({
    method,
    url,
    headers: { 'Content-Type': contentType },
    body,
    what,
    ...(accept ? { accept } : {}),
  });
}

/** PROPFIND Depth 0 of one resource, returning its successful properties (empty map if none). */
export async function readProps(
  transport: Transport,
  url: string,
  props: QName[],
  what?: RequestPurpose,
): Promise<{ props: Map<QName, XmlElement>; href: string; base: string }> {
  const ms = await propfind(transport, url, props, '0', what);
  const r: MultistatusResponse | undefined = ms.responses[0];
  return { props: r ? okProps(r) : new Map(), href: r?.href ?? ms.url, base: ms.url };
}

export function absolute(href: string, base: string): string {
  return resolveHref(href, base);
}

/** The collection URL always ends with "/" so relative hrefs resolve inside it. */
export function asCollectionUrl(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export { lastSegment } from '../dav/multistatus.js';

/** Parent collection URL ("/a/b/c/" -> "/a/b/"). */
export function parentUrl(url: string): string {
  return new URL('..', asCollectionUrl(url)).toString();
}

export function toWebcal(url: string): string {
  return url.replace(/^https?:/i, 'webcal:');
}

export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
