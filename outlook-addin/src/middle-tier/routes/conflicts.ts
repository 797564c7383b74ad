/**
 * The losing versions the bridge kept from server-side conflicts (issue 11 item 3): all of the signed-in user's, or
 * one subscription's, newest first, with the kept text so the user can restore it (contract/conflicts.ts).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { conflictSchemas, type ConflictView } from '../contract/conflicts.js';
import { ApiError } from '../http/api-error.js';
import type { AppContext } from '../http/context.js';
import { paneText } from '../http/pane-words.js';
import { requireUser } from '../http/session.js';
import { pickLang } from '../i18n.js';
import type { BridgeStore, ConflictEntry, SubscriptionRecord } from '../store/types.js';
import { putBack, summarize, winnerOf } from '../subscriptions/conflict-restore.js';
import { statusView } from './subscriptions.js';

/** This module's user-facing words, English and French together. */
const messages = {
  subscriptionNotFound: {
    en: 'This subscription does not exist or was already removed.',
    fr: "Cet abonnement n'existe pas ou a déjà été supprimé.",
  },
};

const conflictNotFound = (): ApiError =>
  new ApiError(404, 'conflict-not-found', paneText('pane-api.conflict-not-found', {}));

const viewOf = async (
  store: BridgeStore,
  c: ConflictEntry,
  subs: Map<string, SubscriptionRecord>,
): Promise<ConflictView> => {
  const sub = subs.get(c.subscriptionId);
  return {
    ...baseView(c, subs),
    loser: summarize(c.data),
    winner: (await winnerOf(store, c)) ?? null,
    restorable: sub !== undefined && sub.type === 'collection' && !sub.readOnly,
  };
};

const baseView = (c: ConflictEntry, subs: Map<string, SubscriptionRecord>) => ({
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
    return { conflicts: await Promise.all(kept.map((c) => viewOf(ctx.store, c, subs))) };
  });

  app.get('/api/v1/subscriptions/:id/conflicts', { schema: conflictSchemas.ofSubscription }, async (req) => {
    const { account } = await requireUser(ctx, req);
    const sub = await ctx.store.getSubscription(req.params.id);
    // Someone else's subscription answers exactly like a missing one.
    if (!sub || sub.accountId !== account.id)
      throw new ApiError(404, 'subscription-not-found', messages.subscriptionNotFound);
    const kept = await ctx.store.listConflicts(account.id, sub.id);
    return { conflicts: await Promise.all(kept.map((c) => viewOf(ctx.store, c, new Map([[sub.id, sub]])))) };
  });

  /** The signed-in user's kept version with its subscription; anything else (someone else's) is a 404. */
  const ownConflict = async (accountId: string, raw: string) => {
    const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
    const c = Number.isSafeInteger(id) ? await ctx.store.getOwnConflict(accountId, id) : undefined;
    const sub = c && (await ctx.store.getSubscription(c.subscriptionId));
    if (!c || !sub || sub.accountId !== accountId) throw conflictNotFound();
    return { c, sub };
  };

  app.post('/api/v1/conflicts/:id/restore', { schema: conflictSchemas.restore }, async (req) => {
    const { account } = await requireUser(ctx, req);
    const { c, sub } = await ownConflict(account.id, req.params.id);
    // The write and the sync that brings it into the mirror run as the subscription's one run.
    const run = await ctx.syncs.runAfter(sub, () => putBack(ctx.store, ctx.dav, sub, c));
    await ctx.store.deleteConflict(c.id);
    const lang = pickLang(undefined, req.headers['accept-language']);
    return { restored: true as const, sync: statusView(sub, run, false, lang) };
  });

  app.delete('/api/v1/conflicts/:id', { schema: conflictSchemas.dismiss }, async (req, reply) => {
    const { account } = await requireUser(ctx, req);
    const { c } = await ownConflict(account.id, req.params.id);
    await ctx.store.deleteConflict(c.id);
    return reply.code(204).send(null);
  });
}
