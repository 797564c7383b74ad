/** PROPFIND and PROPPATCH: the two requests discovery and collection management are made of. */
import { MalformedResponseError, errorForStatus, type RequestPurpose } from './errors.js';
import { message } from '../i18n/index.js';
import {
  failedProps,
  parseMultistatus,
  sameResource,
  streamMultistatus,
  type Multistatus,
  type MultistatusResponse,
} from './multistatus.js';
import { NS, qname, type QName } from './namespaces.js';
import type { Transport } from './transport.js';
import { el, toXml, type XmlNode } from './xml-write.js';

const D = (local: string) => qname(NS.DAV, local);

export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';

export async function propfind(
  transport: Transport,
  url: string,
  props: QName[],
  depth: '0' | '1',
  what?: RequestPurpose,
): Promise<Multistatus & { url: string }> {
  const body = toXml(el(D('propfind'), el(D('prop'), ...props.map((p) => el(p)))));
  const res = await transport.request({
    method: 'PROPFIND',
    url,
    depth,
    headers: { 'Content-Type': XML_CONTENT_TYPE },
    body,
    ...(what ? { what } : {}),
  });
  if (res.status !== 207) {
    throw new MalformedResponseError(
      'malformed-response',
      message('dav.propfind-not-multistatus', { url: res.url, status: res.status }),
      { url: res.url, status: res.status },
    );
  }
  return { ...parseMultistatus(res.text, res.url, res.status), url: res.url };
}

/** Sets (and removes) properties; fails with a clear error if the server refused any of them. */
export async function proppatch(
  transport: Transport,
  url: string,
  set: XmlNode[],
  remove: QName[] = [],
): Promise<void> {
  const body = toXml(
    el(
      D('propertyupdate'),
      set.length > 0 && el(D('set'), el(D('prop'), ...set)),
      remove.length > 0 && el(D('remove'), el(D('prop'), ...remove.map((r) => el(r)))),
    ),
  );
  const res = await transport.request({
    method: 'PROPPATCH',
    url,
    headers: { 'Content-Type': XML_CONTENT_TYPE },
    body,
    what: 'change-properties',
  });
  if (res.status !== 207) return; // 200/204: accepted as a whole
  const ms = parseMultistatus(res.text, res.url, res.status);
  const response = ms.responses.find((r) => sameResource(r.href, res.url)) ?? ms.responses[0];
  const failed = response ? failedProps(response) : [];
  const worst = failed.find((f) => f.status !== 424) ?? failed[0];
  if (worst) {
    const names = failed.map((f) => f.name.replace(/^\{[^}]*\}/, '')).join(', ');
    throw errorForStatus(worst.status, url, `refused: ${names}`, 'property-change');
  }
}

/** A REPORT with an XML body (calendar-query, multiget, sync-collection...). */
export function report(
  transport: Transport,
  url: string,
  body: string,
  depth: '0' | '1',
  what: RequestPurpose,
  accept?: number[],
  onChunk?: (chunk: string) => void,
) {
  return transport.request({
    method: 'REPORT',
    url,
    depth,
    headers: { 'Content-Type': XML_CONTENT_TYPE },
    body,
    what,
    ...(accept ? { accept } : {}),
    ...(onChunk ? { onChunk } : {}),
  });
}

/**
 * A REPORT whose multistatus is parsed while it arrives: each response goes to `onResponse` and is then
 * forgotten. Statuses in `accept` that are not 2xx come back with their text for the caller to judge.
 */
export async function reportStreaming(
  transport: Transport,
  url: string,
  body: string,
  depth: '0' | '1',
  what: RequestPurpose,
  onResponse: (r: MultistatusResponse) => void,
  accept?: number[],
): Promise<{ status: number; text: string; syncToken: string | undefined }> {
  const stream = streamMultistatus(url, 207, onResponse);
  const res = await report(transport, url, body, depth, what, accept, (chunk) => stream.write(chunk));
  if (res.status < 200 || res.status >= 300) return { status: res.status, text: res.text, syncToken: undefined };
  return { status: res.status, text: '', ...stream.close() };
}
