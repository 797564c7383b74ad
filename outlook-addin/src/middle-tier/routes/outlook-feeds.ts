/**
 * Private "Add to Outlook" feeds (issue 13 item 1): per user and calendar or task list, a revocable ICS feed with
 * full detail, read with the user's stored DAV credentials through the guest feeds' reading and caching path
 * (same DAV timeout, same cache time, one DAV query for concurrent fetches). Served at /feeds/<token>.ics, where
 * the token is 256 random bits stored hashed. Unknown and revoked tokens answer the same 404; a DAV server that
 * fails answers 502 (504 on a timeout) with a plain-language body, never an empty calendar: Outlook would delete
 * every event it shows.
 */
import { TimeoutError } from '@dav-bridge/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { outlookFeedSchemas } from '../contract/outlook-feeds.js';
import { newOutlookFeed, OUTLOOK_FEED_PREFIX, outlookFeedSource, outlookFeedView } from '../guest/outlook-feeds.js';
import { ApiError } from '../http/api-error.js';
import type { AppContext } from '../http/context.js';
import { paneText } from '../http/pane-words.js';
import { requireUser } from '../http/session.js';
import { clientKey } from '../security/client-key.js';
import { RateLimiter } from '../security/rate-limiter.js';
import { digest, TOKEN_PATTERN } from '../security/tokens.js';
import { inBothLanguages, message } from '../words.js';
import { findUserCollection } from './collections.js';

const feedNotFound = (): ApiError =>
  new ApiError(404, 'outlook-feed-not-found', paneText('pane-api.outlook-feed-not-found', {}));

/** Both languages in one plain-text body: a calendar app shows it as it is, whatever its language. */
const bilingual = (t: { en: string; fr: string }) => `${t.en}\n${t.fr}\n`;

export function outlookFeedRoutes(server: FastifyInstance, ctx: AppContext): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const misses = new RateLimiter(ctx.config.limits.guestMissesPerIp, ctx.now, ctx.store.rateLimits, 'feed-miss');
  const base = () => ctx.config.publicBaseUrl;

  app.get('/api/v1/outlook-feeds', { schema: outlookFeedSchemas.list }, async (req) => {
    const { account } = await requireUser(ctx, req);
    const feeds = await ctx.store.listOutlookFeeds(account.id);
    return { outlookFeeds: feeds.map((f) => outlookFeedView(f, ctx.box, base())) };
  });

  app.post('/api/v1/outlook-feeds', { schema: outlookFeedSchemas.create }, async (req, reply) => {
    const { account } = await requireUser(ctx, req);
    const collection = await findUserCollection(ctx, account, req.body.collectionUrl);
    if (collection.kind === 'contacts')
      throw new ApiError(400, 'not-a-calendar', paneText('pane-api.outlook-feed-not-a-calendar', {}));
    // One live feed per user and collection: asking again gives it back (the pane may not remember it).
    const live = (await ctx.store.listOutlookFeeds(account.id)).find((f) => f.collectionUrl === collection.url);
    if (live) return reply.code(200).send({ outlookFeed: outlookFeedView(live, ctx.box, base()) });
    const feed = newOutlookFeed(ctx.box, {
      accountId: account.id,
      collectionUrl: collection.url,
      collectionName: collection.name,
      kind: collection.kind,
      now: ctx.now(),
    });
    await ctx.store.createOutlookFeed(feed);
    return reply.code(201).send({ outlookFeed: outlookFeedView(feed, ctx.box, base()) });
  });

  app.delete('/api/v1/outlook-feeds/:id', { schema: outlookFeedSchemas.revoke }, async (req, reply) => {
    const { account } = await requireUser(ctx, req);
    const feed = await ctx.store.getOutlookFeed(req.params.id);
    // Someone else's feed answers exactly like a missing one: ids are not an oracle.
    if (!feed || feed.accountId !== account.id || feed.revokedAt !== undefined) throw feedNotFound();
    await ctx.store.revokeOutlookFeed(feed.id, ctx.now());
    ctx.guestFeeds.forget(outlookFeedSource(feed).cacheKey);
    return reply.code(204).send(null);
  });

  const plain = (reply: FastifyReply, status: number, text: { en: string; fr: string }) =>
    reply.code(status).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(bilingual(text));

  app.get<{ Params: { file: string } }>(
    `${OUTLOOK_FEED_PREFIX}:file`,
    { schema: { hide: true } },
    async (req, reply) => {
      const client = clientKey(req.ip);
      const wait = await misses.blockedFor(client);
      if (wait !== undefined) {
        reply.header('retry-after', String(wait));
        return plain(reply, 429, inBothLanguages(message('server.too-many-attempts', { seconds: wait })));
      }
      const file = req.params.file;
      const token = file.endsWith('.ics') ? file.slice(0, -4) : file;
      const feed = TOKEN_PATTERN.test(token) ? await ctx.store.getOutlookFeedByTokenHash(digest(token)) : undefined;
      // Unknown and revoked: the same answer (only unknown tokens count as guesses, like guest links).
      if (!feed) await misses.hit(client);
      if (!feed || feed.revokedAt !== undefined)
        return plain(reply, 404, paneText('pane-api.outlook-feed-not-found', {}));
      let built;
      try {
        built = await ctx.guestFeeds.feedOf(outlookFeedSource(feed));
      } catch (err) {
        req.log.warn({ feed: feed.id, err: (err as Error).message }, 'outlook feed unavailable');
        reply.header('retry-after', '300');
        return plain(
          reply,
          err instanceof TimeoutError ? 504 : 502,
          paneText('pane-api.outlook-feed-unavailable', { name: feed.collectionName }),
        );
      }
      await ctx.store.countOutlookFeedFetch(feed.id, ctx.now());
      // Private: the user's own data, never kept by a shared cache.
      reply.header('etag', built.etag).header('cache-control', 'private, no-cache');
      if (req.headers['if-none-match'] === built.etag) return reply.code(304).send();
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="calendar.ics"')
        .send(built.ics);
    },
  );
}
