/**
 * A real HTTP proxy in front of a real DAV server that can slow every answer down (a slow network or a loaded
 * server: sync runs then last long enough to be caught in flight) and records every request it forwarded, with
 * when it started and ended, so a test can tell from the DAV side which runs overlapped.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** The request's path, decoded. */
  path: string;
  /** The Depth header, when sent. */
  depth: string | undefined;
  start: number;
  /** undefined while the answer is still on its way. */
  end: number | undefined;
}

export interface DavProxy {
  /** http://127.0.0.1:<port>/ */
  url: string;
  /** Milliseconds added before each answer is sent on; can be changed at any time. */
  delayMs: number;
  readonly requests: ProxiedRequest[];
  close(): Promise<void>;
}

export async function startDavProxy(upstreamRoot: string, delayMs = 0): Promise<DavProxy> {
  const upstream = new URL(upstreamRoot);
  const requests: ProxiedRequest[] = [];
  const state = { delayMs };
  const server: Server = createServer((req, res) => {
    const depth = req.headers['depth'];
    const record: ProxiedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent((req.url ?? '/').split('?')[0]!),
      depth: typeof depth === 'string' ? depth : undefined,
      start: Date.now(),
      end: undefined,
    };
    requests.push(record);
    const out = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          setTimeout(() => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(Buffer.concat(chunks));
            record.end = Date.now();
          }, state.delayMs);
        });
      },
    );
    out.on('error', () => {
      record.end = Date.now();
      res.writeHead(502).end();
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
