// A counting reverse proxy (node:http) in front of Radicale: both tools go through it, so they pay the same
// overhead, and every request is counted under the current phase. Bodies are streamed, never buffered.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export async function startCountingProxy(targetPort, targetHost = '127.0.0.1') {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let phase = 'setup';
  /** @type {Map<string, { total: number, methods: Record<string, number>, status: Record<string, number> }>} */
  const counts = new Map();
  const bucket = (p) => {
    let b = counts.get(p);
    if (!b) counts.set(p, (b = { total: 0, methods: {}, status: {}, inflightMs: 0, active: 0, since: 0, bytesOut: 0 }));
    return b;
  };

  const server = http.createServer((req, res) => {
    const b = bucket(phase);
    b.total++;
    // time with at least one request of this phase in flight (request start to response end)
    if (b.active++ === 0) b.since = performance.now();
    let ended = false;
    const done = () => {
      if (ended) return;
      ended = true;
      if (--b.active === 0) b.inflightMs += performance.now() - b.since;
    };
    res.on('finish', done);
    res.on('close', done);
    const key = req.method === 'REPORT' || req.method === 'PROPFIND' ? `${req.method}` : req.method;
    b.methods[key] = (b.methods[key] ?? 0) + 1;
    const headers = { ...req.headers };
    delete headers.connection;
    delete headers['keep-alive'];
    const up = http.request(
      { host: targetHost, port: targetPort, method: req.method, path: req.url, headers, agent },
      (ures) => {
        b.status[ures.statusCode] = (b.status[ures.statusCode] ?? 0) + 1;
        const h = { ...ures.headers };
        delete h.connection;
        delete h['keep-alive'];
        res.writeHead(ures.statusCode ?? 502, h);
        ures.on('data', (d) => (b.bytesOut += d.length));
        ures.pipe(res);
      },
    );
    up.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bench proxy: ${e.message}`);
    });
    req.pipe(up);
  });
  server.keepAliveTimeout = 30000;
  server.headersTimeout = 0;
  server.requestTimeout = 0;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    /** Count the following requests under `name` (and return its bucket, reset). */
    setPhase(name) {
      phase = name;
      counts.delete(name);
      return bucket(name);
    },
    get(name) {
      return counts.get(name) ?? { total: 0, methods: {}, status: {}, inflightMs: 0, bytesOut: 0 };
    },
    async close() {
      server.closeAllConnections?.();
      await new Promise((r) => server.close(r));
      agent.destroy();
    },
  };
}

/** "PROPFIND 1, REPORT 12" */
export function describeMethods(b) {
  return Object.entries(b.methods)
    .map(([m, n]) => `${m} ${n}`)
    .join(', ');
}
