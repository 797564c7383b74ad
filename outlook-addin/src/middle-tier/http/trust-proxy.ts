/**
 * What the bridge believes of a reverse proxy's X-Forwarded-* headers (the `trustProxy` setting). Off by default:
 * the socket's peer is the client and the scheme is the bridge's own (HTTPS), so no client can pick the address
 * rate limits count it as, nor the scheme or host it appears to have used. When on, Fastify's req.ip, req.protocol
 * and req.host come from the headers the named proxies set.
 */
import type { FastifyInstance } from 'fastify';

/** false, true (every hop), a hop count, or the proxies' addresses / CIDRs (a comma-separated string or a list). */
export type TrustProxySetting = boolean | number | string | string[];

/** Fastify's own option for a setting (a hop count as a function: see below). */
export type FastifyTrustProxy = boolean | string | string[] | ((address: string, hop: number) => boolean);

/** The setting from DAV_BRIDGE_TRUST_PROXY: "true"/"false", a hop count ("1"), or addresses ("10.0.0.0/8,127.0.0.1"). */
export function parseTrustProxyEnv(text: string): TrustProxySetting {
  const t = text.trim();
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  if (/^\d+$/.test(t)) return Number(t);
  return t
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function isTrustProxySetting(value: unknown): value is TrustProxySetting {
  return (
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isInteger(value) && value >= 0) ||
    typeof value === 'string' ||
    (Array.isArray(value) && value.every((x) => typeof x === 'string'))
  );
}

export function fastifyTrustProxy(setting: TrustProxySetting): FastifyTrustProxy {
  // Fastify 5 turns a bare number into "trust nobody" (a hop count cannot tell a proxy from a client that connects
  // directly). Where the administrator asks for one all the same (the bridge reachable only through its proxies,
  // whose addresses change), it means what proxy-addr always meant: the `hops` nearest addresses are proxies.
  if (typeof setting === 'number') {
    const hops = setting;
    return hops === 0 ? false : (_address: string, hop: number) => hop < hops;
  }
  return setting;
}

/**
 * A client that reached the proxy over plain HTTP (X-Forwarded-Proto: http from a trusted proxy) is sent to the
 * bridge's public HTTPS address instead of being served: the session cookie is Secure (and __Host-), so a browser
 * on http:// would drop it, and a password must not travel in clear again. 308 keeps the method and body. The
 * target is the configured public address, never a header's host (no open redirect).
 */
export function redirectPlainHttp(app: FastifyInstance, setting: TrustProxySetting, publicBaseUrl: string): void {
  if (setting === false || setting === 0) return;
  app.addHook('onRequest', async (req, reply) => {
    // req.protocol is the header's only when the peer is a trusted proxy; else this server's own (HTTPS).
    if (req.headers['x-forwarded-proto'] === undefined || req.protocol !== 'http') return;
    return reply.code(308).header('location', `${publicBaseUrl}${req.url}`).header('cache-control', 'no-store').send();
  });
}
