/**
 * Cookie plugin stand-in for Jest: @fastify/cookie loads its parser (the ESM-only `cookie` package) with a dynamic
 * import, which Jest's CommonJS runtime refuses on Node 20. Tests that build the bridge's app in their own process
 * (to hand it msal-node's client replaced by the OAuth stand-in) use this in its place, with the same decorators
 * (req.cookies, reply.setCookie, reply.clearCookie); the real plugin runs in every other bridge test:
 *   jest.mock('@fastify/cookie', () => jest.requireActual('../../../test/support/cookie-plugin-standin'));
 */
import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';

type Options = Record<string, unknown>;

const attributes = (o: Options = {}) =>
  [
    o['path'] ? `Path=${String(o['path'])}` : '',
    o['maxAge'] !== undefined ? `Max-Age=${String(o['maxAge'])}` : '',
    o['httpOnly'] ? 'HttpOnly' : '',
    o['secure'] ? 'Secure' : '',
    o['sameSite'] ? `SameSite=${String(o['sameSite']).replace(/^./, (c) => c.toUpperCase())}` : '',
    o['partitioned'] ? 'Partitioned' : '',
  ].filter(Boolean);

function addSetCookie(reply: FastifyReply, line: string): void {
  const had = reply.getHeader('set-cookie');
  reply.header('set-cookie', [...(Array.isArray(had) ? had : had ? [String(had)] : []), line]);
}

export default fp(async (app) => {
  app.decorateRequest('cookies', null as never);
  app.addHook('onRequest', async (req) => {
    (req as { cookies: Record<string, string> }).cookies = Object.fromEntries(
      String(req.headers.cookie ?? '')
        .split(';')
        .map((p) => p.trim().split('='))
        .filter((kv) => kv[0])
        .map(([k, ...v]) => [k!, decodeURIComponent(v.join('='))]),
    );
  });
  app.decorateReply('setCookie', function (this: FastifyReply, name: string, value: string, o: Options) {
    addSetCookie(this, [`${name}=${encodeURIComponent(value)}`, ...attributes(o)].join('; '));
    return this;
  } as never);
  app.decorateReply('clearCookie', function (this: FastifyReply, name: string, o: Options) {
    addSetCookie(this, [`${name}=`, ...attributes({ ...o, maxAge: 0 })].join('; '));
    return this;
  } as never);
});
