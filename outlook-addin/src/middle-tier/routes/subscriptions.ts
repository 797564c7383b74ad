/**
 * Subscriptions: shared calendars and address books (accepting the share invitation where the server has one),
 * synced two ways; read-only ICS/webcal feeds from the sites the administrator allowed. Each subscription is kept
 * in sync server-side (SyncService); its status is what /api/v1/sync/status shows.
 */
import { randomUUID } from 'node:crypto';
import { DavError, mayWrite, readCollection, type Collection } from '@dav-bridge/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { subscriptionSchemas, type SyncStatusView } from '../contract/subscriptions.js';
import { ApiError, badRequest } from '../http/api-error.js';
import type { AppContext } from '../http/context.js';
import { requireUser } from '../http/session.js';
import { pickLang, type Lang } from '../i18n.js';
import type { AccountRecord, SubscriptionRecord, SyncRunRecord } from '../store/types.js';
import type { RunProgress } from '../subscriptions/sync-service.js';
import { checkFeedOrigin, feedCapsFor, fetchFeed, normalizeFeedUrl, splitFeed } from '../subscriptions/feed.js';
import { message } from '../words.js';

const subscriptionNotFound = (): ApiError =>
  new ApiError(404, 'subscription-not-found', message('server.subscription-not-found', {}));

const alreadySubscribed = (): ApiError =>
  new ApiError(409, 'already-subscribed', message('server.already-subscribed', {}));

const collectionNotFound = (): ApiError =>
  new ApiError(404, 'collection-not-found', message('server.subscribable-not-found', {}));

const langOf = (req: FastifyRequest): Lang => pickLang(undefined, req.headers['accept-language']);

export type { SyncStatusView };

export function statusView(
  sub: SubscriptionRecord,
  run: SyncRunRecord | undefined,
  running: boolean,
  lang: Lang,
  progress?: RunProgress,
) {
  const v: SyncStatusView = {
    subscriptionId: sub.id,
    name: sub.name,
    type: sub.type,
    lastRun: run ? new Date(run.lastRun).toISOString() : null,
    ok: run ? run.ok : null,
    running,
    server: run ? run.server : null,
    bridge: run ? run.bridge : null,
    conflicts: run?.conflicts ?? 0,
    error: run?.error
      ? { code: run.error.code, message: run.error[lang], messages: { en: run.error.en, fr: run.error.fr } }
      : null,
    notices: (run?.notices ?? []).map((n) => ({ code: n.code, message: n[lang], messages: { en: n.en, fr: n.fr } })),
    progress: progress
      ? {
          phase: progress.phase,
          done: progress.done,
          total: progress.total,
          startedAt: new Date(progress.startedAt).toISOString(),
        }
      : null,
  };
  return v;
}

export function subscriptionRoutes(server: FastifyInstance, ctx: AppContext): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const view = async (sub: SubscriptionRecord, lang: Lang, run?: SyncRunRecord) => ({
    id: sub.id,
    type: sub.type,
    url: sub.url,
    name: sub.name,
    kind: sub.kind,
    readOnly: sub.readOnly,
    createdAt: new Date(sub.createdAt).toISOString(),
    sync: statusView(
      sub,
      run ?? (await ctx.store.getSyncRun(sub.id)),
      ctx.syncs.isRunning(sub.id),
      lang,
      ctx.syncs.progressOf(sub.id),
    ),
  });

  const ownSubscription = async (account: AccountRecord, id: string): Promise<SubscriptionRecord> => {
    const sub = await ctx.store.getSubscription(id);
    // Someone else's subscription answers exactly like a missing one.
    if (!sub || sub.accountId !== account.id) throw subscriptionNotFound();
    return sub;
  };

  const ensureNew = async (account: AccountRecord, url: string): Promise<void> => {
    const same = (a: string, b: string) => a.replace(/\/?$/, '/') === b.replace(/\/?$/, '/');
    if ((await ctx.store.listSubscriptions(account.id)).some((s) => same(s.url, url))) throw alreadySubscribed();
  };

  /** A collection on the user's own server they can read (theirs or shared with them), by URL. */
  const readableCollection = async (account: AccountRecord, raw: string): Promise<Collection> => {
    const server = ctx.dav.server(account.serverId);
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw badRequest(message('server.url-not-an-address', {}));
    }
    if (!server || url.origin !== new URL(server.url).origin) {
      throw new ApiError(400, 'url-not-on-your-server', message('server.url-not-on-your-server', {}));
    }
    let c: Collection | undefined;
    try {
      c = await readCollection(ctx.dav.transportFor(account), url.toString(), {
        myPrincipal: account.principalUrl,
        foreignHome: false,
        fallbackAccess: 'read',
      });
    } catch (err) {
      if (err instanceof DavError && (err.code === 'not-found' || err.code === 'forbidden')) throw collectionNotFound();
      throw err;
    }
    if (!c) throw collectionNotFound();
    return c;
  };

  app.get('/api/v1/subscriptions', { schema: subscriptionSchemas.list }, async (req) => {
    const { account } = await requireUser(ctx, req);
    const lang = langOf(req);
    const subs = await ctx.store.listSubscriptions(account.id);
    return { subscriptions: await Promise.all(subs.map((s) => view(s, lang))) };
  });

  app.post('/api/v1/subscriptions', { schema: subscriptionSchemas.create }, async (req, reply) => {
    const { account } = await requireUser(ctx, req);
    // '' and null mean "not given" (OptionalText in the contract).
    const invitationId = req.body.invitationId || undefined;
    const url = req.body.url || undefined;
    const feedUrl = req.body.feedUrl || undefined;
    const name = req.body.name?.trim();
    if ([invitationId, url, feedUrl].filter((x) => x !== undefined).length !== 1) {
      throw badRequest(message('server.subscribe-exactly-one', {}));
    }
    const lang = langOf(req);
    const base = { id: randomUUID(), accountId: account.id, createdAt: ctx.now() };

    if (feedUrl !== undefined) {
      const u = normalizeFeedUrl(feedUrl);
      checkFeedOrigin(u, ctx.syncs.feedLimits.origins);
      await ensureNew(account, u.toString());
      // Fetched and checked before anything is stored: a malformed feed leaves no subscription behind.
      const first = await fetchFeed(u, ctx.syncs.feedLimits);
      const feed = await splitFeed(first.text ?? '', feedCapsFor(ctx.syncs.feedLimits.maxBytes));
      const sub: SubscriptionRecord = {
        ...base,
        type: 'feed',
        url: u.toString(),
        name: name || feed.name || u.host,
        kind: 'events',
        readOnly: true,
        feedEtag: undefined,
        feedLastModified: undefined,
      };
      await ctx.store.createSubscription(sub);
      const run = await ctx.syncs.runNow(sub, first);
      return reply.code(201).send({ subscription: await view(sub, lang, run) });
    }

    let collectionUrl = url;
    if (invitationId !== undefined) {
      if (!ctx.sharing) throw badRequest();
      const dav = await ctx.dav.accountFor(account);
      const accepted = await ctx.sharing.acceptInvitation(dav, invitationId);
      collectionUrl = accepted.collection ?? accepted.invitation.collection;
    }
    const c = await readableCollection(account, collectionUrl as string);
    await ensureNew(account, c.url);
    const sub: SubscriptionRecord = {
      ...base,
      type: 'collection',
      url: c.url,
      name: name || c.name,
      kind: c.kind,
      // Rights the server would not tell ("unknown") are read-only, like read: no refused write on every run.
      readOnly: !mayWrite(c.access),
      feedEtag: undefined,
      feedLastModified: undefined,
    };
    await ctx.store.createSubscription(sub);
    const run = await ctx.syncs.runNow(sub);
    return reply.code(201).send({ subscription: await view(sub, lang, run) });
  });

  app.delete('/api/v1/subscriptions/:id', { schema: subscriptionSchemas.remove }, async (req, reply) => {
    const { account } = await requireUser(ctx, req);
    const sub = await ownSubscription(account, req.params.id);
    // Graph stops notifying about its Outlook container first: the row naming Graph's subscription goes with it.
    await ctx.webhooks.remove(sub.id, account.id);
    await ctx.store.deleteSubscription(sub.id);
    return reply.code(204).send(null);
  });

  app.post('/api/v1/subscriptions/:id/sync', { schema: subscriptionSchemas.sync }, async (req, reply) => {
    const { account } = await requireUser(ctx, req);
    const sub = await ownSubscription(account, req.params.id);
    const run = ctx.syncs.runNow(sub);
    if (req.query.wait === 'false') {
      // At once: the run goes on (its outcome is recorded); the pane polls the list for progress and outcome.
      run.catch(() => undefined);
      return reply.code(202).send({ subscription: await view(sub, langOf(req)) });
    }
    return reply.code(200).send({ subscription: await view(sub, langOf(req), await run) });
  });

  app.get('/api/v1/sync/status', { schema: subscriptionSchemas.status }, async (req) => {
    const { account } = await requireUser(ctx, req);
    const lang = langOf(req);
    const subs = await ctx.store.listSubscriptions(account.id);
    const out = await Promise.all(
      subs.map(async (s) =>
        statusView(s, await ctx.store.getSyncRun(s.id), ctx.syncs.isRunning(s.id), lang, ctx.syncs.progressOf(s.id)),
      ),
    );
    return { intervalSeconds: ctx.config.syncIntervalSeconds, subscriptions: out };
  });
}
