/**
 * A real HTTP proxy in front of a real DAV server that damages REPORT answers (multistatus) the way failing
 * servers do: one item answered with a per-item 500 inside the 207, its data left out, its data cut short,
 * its response missing altogether, or the whole answer cut off mid-body. Everything else passes untouched.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ItemFault =
  /** `<response><href/><status>HTTP/1.1 500</status></response>` for that item. */
  | 'status-500'
  /** The item's data comes back in a propstat with status 500 (the etag still 200). */
  | 'data-500'
  /** The item's data loses its last line (END:VCALENDAR / END:VCARD): a truncated body. */
  | 'truncated'
  /** The server leaves the item out of its answer. */
  | 'omitted';

export interface FaultProxy {
  url: string;
  /**
   * Damage the responses whose href contains `hrefPart` until cleared: in the answers that carry item data
   * (multiget, calendar-query, addressbook-query), or in every REPORT answer with scope 'all'.
   */
  itemFault: { hrefPart: string; fault: ItemFault; scope?: 'reads' | 'all' } | undefined;
  /** Cut the next REPORT answers after half of their body (the connection dies mid-listing). */
  cutReports: boolean;
  close(): Promise<void>;
}

export async function startFaultProxy(upstreamRoot: string): Promise<FaultProxy> {
  const upstream = new URL(upstreamRoot);
  const state: { itemFault: FaultProxy['itemFault']; cutReports: boolean } = {
    itemFault: undefined,
    cutReports: false,
  };
  const server: Server = createServer((req, res) => {
    const requestChunks: Buffer[] = [];
    req.on('data', (c: Buffer) => requestChunks.push(c));
    req.on('end', () => {
      const requestBody = Buffer.concat(requestChunks);
      const fault = state.itemFault;
      // Item faults hit the answers that carry data (multiget, query), or every REPORT when scope is 'all'
      // (sync-collection too).
      const readsData = /multiget|calendar-query|addressbook-query/.test(requestBody.toString('utf8'));
      const damaging =
        req.method === 'REPORT' && (state.cutReports || (fault !== undefined && (fault.scope === 'all' || readsData)));
      // Ask for an uncompressed answer when it is to be rewritten (Radicale gzips its answers).
      const headers = { ...req.headers };
      if (damaging) delete headers['accept-encoding'];
      const out = httpRequest(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
        (up: IncomingMessage) => {
          if (!damaging) {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
            return;
          }
          const chunks: Buffer[] = [];
          up.on('data', (c: Buffer) => chunks.push(c));
          up.on('end', () => {
            let body = Buffer.concat(chunks).toString('utf8');
            if (fault) body = damage(body, fault.hrefPart, fault.fault);
            const answerHeaders = { ...up.headers };
            delete answerHeaders['content-length'];
            delete answerHeaders['transfer-encoding'];
            const bytes = Buffer.from(body, 'utf8');
            res.writeHead(up.statusCode ?? 502, { ...answerHeaders, 'content-length': String(bytes.length) });
            if (state.cutReports) {
              res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
              res.socket?.destroy();
              return;
            }
            res.end(bytes);
          });
        },
      );
      out.on('error', () => res.destroy());
      out.end(requestBody);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}/`,
    get itemFault() {
      return state.itemFault;
    },
    set itemFault(v) {
      state.itemFault = v;
    },
    get cutReports() {
      return state.cutReports;
    },
    set cutReports(v) {
      state.cutReports = v;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return proxy;
}

/** Rewrites the `<response>` elements of a multistatus whose href contains `hrefPart`. */
function damage(body: string, hrefPart: string, fault: ItemFault): string {
  // Servers use a prefix (d:, D:) or the default namespace; match either, with the same prefix to close.
  const response = /<([A-Za-z][\w.-]*:)?response\b[^>]*>([\s\S]*?)<\/\1response>/g;
  return body.replace(response, (whole, prefix: string | undefined, inner: string) => {
    const p = prefix ?? '';
    const href = new RegExp(`<${p}href>([^<]*)</${p}href>`).exec(inner)?.[1] ?? '';
    if (!decodeURIComponent(href).includes(hrefPart)) return whole;
    switch (fault) {
      case 'omitted':
        return '';
      case 'status-500':
        return `<${p}response><${p}href>${href}</${p}href><${p}status>HTTP/1.1 500 Internal Server Error</${p}status></${p}response>`;
      case 'data-500':
        return whole.replace(
          /<([A-Za-z][\w.-]*:)?(calendar-data|address-data)\b([^>]*)>[\s\S]*?<\/\1\2>/,
          (_m, dp: string | undefined, local: string) => {
            const q = dp ?? '';
            return `<${q}${local}/></${p}prop><${p}status>HTTP/1.1 500 Internal Server Error</${p}status></${p}propstat><${p}propstat><${p}prop>`;
          },
        );
      case 'truncated':
        return whole.replace(/END:(VCALENDAR|VCARD)(?:\s|&#13;|&#xD;|&#x0D;)*(?=<|\]\]>)/i, '');
    }
  });
}

export interface OneShotFailureProxy {
  url: string;
  /** Answer the next request with the given method with the given status (once). */
  arm(): void;
  /** How many requests were answered with the failure. */
  failures(): number;
  close(): Promise<void>;
}

/** A pass-through proxy that, once armed, fails the next request of one method with one status, bodiless. */
export async function startOneShotFailureProxy(
  upstreamRoot: string,
  method: string,
  status: number,
): Promise<OneShotFailureProxy> {
  const upstream = new URL(upstreamRoot);
  let armed = false;
  let failed = 0;
  const server: Server = createServer((req, res) => {
    if (armed && req.method === method) {
      armed = false;
      failed += 1;
      req.resume();
      res.writeHead(status, { 'Content-Length': '0' }).end();
      return;
    }
    const out = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (up: IncomingMessage) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    arm: () => (armed = true),
    failures: () => failed,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
