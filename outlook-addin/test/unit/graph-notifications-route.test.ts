// The endpoint Microsoft Graph calls (routes/graph-notifications.ts; issue 15): the validation handshake echoes the
// token as text/plain; a collection is handed to the intake and answered 202 whatever it holds; a malformed body is
// refused; too many calls from one address get 429.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { errorBody, toApiError } from '../../src/middle-tier/http/api-error';
import type { AppContext } from '../../src/middle-tier/http/context';
import { graphNotificationRoutes, NOTIFICATIONS_PER_IP } from '../../src/middle-tier/routes/graph-notifications';
import type { ChangeNotification } from '../../src/middle-tier/subscriptions/graph-webhooks';

async function appWith(seen: ChangeNotification[][]) {
  // The app's validation options and error shape (app.ts).
  const app = Fastify({
    ajv: { customOptions: { coerceTypes: false, removeAdditional: true, useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setErrorHandler((err, _req, reply) => {
    const apiErr = toApiError(err);
    return reply.code(apiErr.status).headers(apiErr.headers).send(errorBody(apiErr, 'en'));
  });
  graphNotificationRoutes(app, { now: Date.now } as AppContext, {
    accept: async (entries) => {
      seen.push(entries);
      return 0;
    },
  });
  // Over a socket: Fastify's inject needs an ESM-only module that Jest's CommonJS runtime cannot load here.
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const inject = async (o: { method: string; url: string; headers?: Record<string, string>; payload?: unknown }) => {
    const json = typeof o.payload === 'object';
    const r = await fetch(`http://127.0.0.1:${port}${o.url}`, {
      method: o.method,
      headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...o.headers },
      body: json ? JSON.stringify(o.payload) : (o.payload as string),
    });
    return {
      statusCode: r.status,
      headers: { 'content-type': r.headers.get('content-type') ?? '' },
      body: await r.text(),
    };
  };
  return { inject, close: () => app.close() };
}

const PATH = '/api/v1/graph/notifications';

describe('POST /api/v1/graph/notifications', () => {
  it('answers the validation handshake with the token, as text/plain, without calling the intake', async () => {
    const seen: ChangeNotification[][] = [];
    const app = await appWith(seen);
    const token = 'Validation: Testing client application reachability for subscription Request-Id: 1';
    const res = await app.inject({
      method: 'POST',
      url: `${PATH}?validationToken=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      payload: '',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toBe(token);
    expect(seen).toEqual([]);
    await app.close();
  });

  it('hands a collection to the intake and answers 202; a malformed one is refused', async () => {
    const seen: ChangeNotification[][] = [];
    const app = await appWith(seen);
    const value = [{ subscriptionId: 's1', clientState: 'c', changeType: 'updated', resource: 'Users/u/Events/e' }];
    const res = await app.inject({ method: 'POST', url: PATH, payload: { value } });
    expect(res.statusCode).toBe(202);
    expect(seen).toMatchObject([[{ subscriptionId: 's1', clientState: 'c', changeType: 'updated' }]]);
    const bad = await app.inject({ method: 'POST', url: PATH, payload: { value: [{ clientState: 'c' }] } });
    expect(bad.statusCode).toBe(400);
    expect(seen).toHaveLength(1);
    await app.close();
  });

  it('limits the body size and the calls per address', async () => {
    const seen: ChangeNotification[][] = [];
    const app = await appWith(seen);
    const huge = { value: [{ subscriptionId: 's1', clientState: 'x'.repeat(150), resource: 'r'.repeat(300_000) }] };
    expect((await app.inject({ method: 'POST', url: PATH, payload: huge })).statusCode).toBe(413);
    let last = 0;
    for (let i = 0; i <= NOTIFICATIONS_PER_IP.max; i++)
      last = (await app.inject({ method: 'POST', url: PATH, payload: { value: [] } })).statusCode;
    expect(last).toBe(429);
    await app.close();
  });
});
