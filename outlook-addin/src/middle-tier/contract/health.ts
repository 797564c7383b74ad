/**
 * Contract of the load balancer's probes (routes/health.ts): liveness (the process answers) and readiness (this
 * instance should get traffic). Codes only, no sentences: a proxy or an orchestrator reads them, not a person.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ApiErrorBodySchema } from './common.js';

export const LiveSchema = Type.Object({ status: Type.Literal('live') });

const Check = Type.Union([Type.Literal('ok'), Type.Literal('failed')]);

export const ReadySchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not-ready')]),
  checks: Type.Object({
    store: Type.Union([Check, Type.Literal('not-checked')], {
      description: 'The database answered a read within 2 s (its migrations ran before the server listened)',
    }),
    shuttingDown: Type.Boolean({ description: 'SIGTERM received: finishing the work in flight, taking no more' }),
  }),
});
export type ReadyView = Static<typeof ReadySchema>;

export const healthSchemas = {
  live: {
    tags: ['health'],
    summary: 'Liveness: the process is up and answers (200)',
    response: { 200: LiveSchema, '5xx': ApiErrorBodySchema },
  },
  ready: {
    tags: ['health'],
    summary: 'Readiness: 200 when this instance should get traffic; 503 while shutting down or its store fails',
    response: { 200: ReadySchema, 503: ReadySchema },
  },
};
