/**
 * The losing versions the bridge kept from server-side conflicts (issue 11 item 3): all of the signed-in user's, or
 * one subscription's, newest first, with the kept text so the user can restore it (contract/conflicts.ts).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { conflictSchemas, type ConflictView } from '../contract/conflicts.js';
import { ApiError } from '../http/api-error.js';
import type { AppContext } from '../http/context.js';
import { requireUser } from '../http/session.js';
import type { ConflictEntry, SubscriptionRecord } from '../store/types.js';
import { message } from '../words.js';

/** This module's user-facing words (core's message catalog). */
const messages = {
  subscriptionNotFound: message('server.subscription-not-found', {}),
};

const viewOf = (c: ConflictEntry, subs: Map<string, SubscriptionRecord>): ConflictView => ({
  id: c.id,
  subscriptionId: c.subscriptionId,
  subscriptionName: subs.get(c.subscriptionId)?.name ?? '',
  ident: c.ident,
  side: c.side,
  itemId: c.itemId ?? null,
  reason: c.reason,
  at: new Date(c.at).toISOString(),
  data: c.data,
});

export function conflictRoutes(server: FastifyInstance, ctx: AppContext): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/v1/conflicts', { schema: conflictSchemas.all }, async (req) => {
    const { account } = await requireUser(ctx, req);
    const subs = new Map((await ctx.store.listSubscriptions(account.id)).map((s) => [s.id, s]));
    const kept = await ctx.store.listConflicts(account.id);
    return { conflicts: kept.map((c) => viewOf(c, subs)) };
  });

  app.get('/api/v1/subscriptions/:id/conflicts', { schema: conflictSchemas.ofSubscription }, async (req) => {
    const { account } = await requireUser(ctx, req);
    const sub = await ctx.store.getSubscription(req.params.id);
    // Someone else's subscription answers exactly like a missing one.
    if (!sub || sub.accountId !== account.id)
      throw new ApiError(404, 'subscription-not-found', messages.subscriptionNotFound);
    const kept = await ctx.store.listConflicts(account.id, sub.id);
    return { conflicts: kept.map((c) => viewOf(c, new Map([[sub.id, sub]]))) };
  });
}
