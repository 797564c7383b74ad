/**
 * The losing versions the bridge kept from server-side conflicts (issue 11 item 3): all of the signed-in user's, or
 * one subscription's, newest first, with the kept text so the user can restore it. Plain Fastify routes for now
 * (the JSON-schema contract of issue 11 item 5 will declare them).
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/api-error.js';
import type { AppContext } from '../http/context.js';
import { requireSession } from '../http/session.js';
import type { ConflictEntry, SubscriptionRecord } from '../store/types.js';

/** This module's user-facing words, English and French together. */
const messages = {
  subscriptionNotFound: {
    en: 'This subscription does not exist or was already removed.',
    fr: "Cet abonnement n'existe pas ou a déjà été supprimé.",
  },
};

export interface ConflictView {
  id: number;
  subscriptionId: string;
  subscriptionName: string;
  ident: string;
  /** Where the kept version came from: 'server' (the DAV collection or feed) or 'bridge' (the mirror). */
  side: ConflictEntry['side'];
  itemId: string | null;
  reason: string;
  at: string;
  data: string;
}

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

export function conflictRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/conflicts', async (req) => {
    const { account } = await requireSession(ctx, req);
    const subs = new Map((await ctx.store.listSubscriptions(account.id)).map((s) => [s.id, s]));
    const kept = await ctx.store.listConflicts(account.id);
    return { conflicts: kept.map((c) => viewOf(c, subs)) };
  });

  app.get<{ Params: { id: string } }>('/api/v1/subscriptions/:id/conflicts', async (req) => {
    const { account } = await requireSession(ctx, req);
    const sub = await ctx.store.getSubscription(req.params.id);
    // Someone else's subscription answers exactly like a missing one.
    if (!sub || sub.accountId !== account.id)
      throw new ApiError(404, 'subscription-not-found', messages.subscriptionNotFound);
    const kept = await ctx.store.listConflicts(account.id, sub.id);
    return { conflicts: kept.map((c) => viewOf(c, new Map([[sub.id, sub]]))) };
  });
}
