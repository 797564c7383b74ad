/** GET /health/live and GET /health/ready for load balancers (contract/health.ts). No sign-in, nothing personal. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { healthSchemas, type ReadyView } from '../contract/health.js';
import type { AppContext } from '../http/context.js';

/** A store that does not answer within this is as good as down for the load balancer. */
const STORE_CHECK_MS = 2_000;

async function storeAnswers(ctx: AppContext): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), STORE_CHECK_MS);
  });
  try {
    // A small real read (the key check row): proves the database is open and reachable.
    const read = ctx.store.getKeyCheck().then(
      () => true,
      () => false,
    );
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(server: FastifyInstance, ctx: AppContext): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/health/live', { schema: healthSchemas.live }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'live' as const };
  });
  app.get('/health/ready', { schema: healthSchemas.ready }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    const shuttingDown = ctx.lifecycle.shuttingDown;
    // While shutting down the answer is 503 whatever the store says: no need to ask it.
    const store = shuttingDown ? 'not-checked' : (await storeAnswers(ctx)) ? 'ok' : 'failed';
    const ready = !shuttingDown && store === 'ok';
    const body: ReadyView = { status: ready ? 'ready' : 'not-ready', checks: { store, shuttingDown } };
    return reply.code(ready ? 200 : 503).send(body);
  });
}
