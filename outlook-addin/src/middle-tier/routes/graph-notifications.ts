/**
 * The endpoint Microsoft Graph calls about Outlook changes (issue 15; subscriptions/graph-webhooks.ts makes and
 * renews the subscriptions that point here). Public, no session: Graph authenticates nothing, so a notification is
 * trusted only through its clientState (checked in constant time against the stored hash), and all it can do is
 * ask for a sync that would happen anyway on the next round. Answers fast (Graph wants an answer within 3 seconds,
 * else it retries and may drop the subscription): the sync is queued, never run here. Rate limited per address,
 * body size limited.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { graphNotificationSchemas } from '../contract/graph-notifications.js';
import { badRequest, tooManyRequests } from '../http/api-error.js';
import type { AppContext } from '../http/context.js';
import { RateLimiter, type RateLimitRule } from '../security/rate-limiter.js';
import type { ChangeNotification } from '../subscriptions/graph-webhooks.js';

/** Notifications per address and minute: Graph batches changes, so this is far above what one tenant sends. */
export const NOTIFICATIONS_PER_IP: RateLimitRule = { max: 600, windowMs: 60_000 };
/** A collection of 1,000 notifications without resource data stays under this. */
export const NOTIFICATION_BODY_LIMIT = 256 * 1024;

export interface NotificationIntake {
  accept(entries: ChangeNotification[]): Promise<number>;
}

export function graphNotificationRoutes(server: FastifyInstance, ctx: AppContext, intake: NotificationIntake): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  // In memory: every notification would otherwise write a counter row to the shared database.
  const limiter = new RateLimiter(NOTIFICATIONS_PER_IP, ctx.now, undefined, 'graph-notifications');

  // The path as a literal (the contract test reads the routes' sources); the same as NOTIFICATIONS_PATH.
  app.post(
    '/api/v1/graph/notifications',
    { schema: graphNotificationSchemas.notify, bodyLimit: NOTIFICATION_BODY_LIMIT },
    async (req, reply) => {
      const wait = await limiter.reserve(req.ip);
      if (wait !== undefined) throw tooManyRequests(wait);
      reply.header('cache-control', 'no-store');
      const token = req.query.validationToken;
      if (token !== undefined) {
        // The handshake: Graph checks that this URL answers for the app. The token goes back as it came (decoded),
        // as text/plain, never as markup (nosniff is set for every answer).
        return reply.code(200).type('text/plain; charset=utf-8').send(token);
      }
      // Graph posts JSON: the schema checks JSON bodies only, so any other kind (a form the app also parses) is refused.
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw badRequest();
      const body = req.body as { value?: ChangeNotification[] } | undefined;
      if (!body || !Array.isArray(body.value)) throw badRequest();
      await intake.accept(body.value);
      // The same answer for a good, unknown or forged notification.
      return reply.code(202).send(null);
    },
  );
}
