/**
 * Sharing with people, invitations and publishing, for the servers that support them, through a SharingProvider
 * (bridge-core's sharing drivers). Subscriptions and sync status: routes/subscriptions.ts.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sharingSchemas } from '../contract/sharing.js';
import { ApiError } from '../http/api-error.js';
import type { AppContext } from '../http/context.js';
import { requireUser } from '../http/session.js';
import type { AccountRecord } from '../store/types.js';
import type { SharingAccount, SharingProvider } from '../sharing/provider.js';
import { findUserCollection } from './collections.js';
import { message } from '../words.js';

const notAvailable = (): ApiError =>
  new ApiError(501, 'sharing-not-available', message('server.sharing-not-available', {}));

export function sharingRoutes(server: FastifyInstance, ctx: AppContext): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const withSharing = async (
    req: FastifyRequest,
  ): Promise<{ account: AccountRecord; sharing: SharingProvider; dav: SharingAccount }> => {
    const signedIn = await requireUser(ctx, req);
    if (!ctx.sharing) throw notAvailable();
    return { ...signedIn, sharing: ctx.sharing, dav: await ctx.dav.accountFor(signedIn.account) };
  };

  app.get('/api/v1/shares', { schema: sharingSchemas.list }, async (req) => {
    const { account, sharing, dav } = await withSharing(req);
    const c = await findUserCollection(ctx, account, req.query.collectionUrl);
    return { shares: await sharing.listShares(dav, c.url) };
  });

  app.post('/api/v1/shares', { schema: sharingSchemas.share }, async (req, reply) => {
    const { account, sharing, dav } = await withSharing(req);
    const c = await findUserCollection(ctx, account, req.body.collectionUrl);
    const share = await sharing.share(dav, c.url, req.body.sharee, req.body.access);
    return reply.code(200).send({ share: share ?? null });
  });

  app.delete('/api/v1/shares', { schema: sharingSchemas.revoke }, async (req, reply) => {
    const { account, sharing, dav } = await withSharing(req);
    const { collectionUrl, sharee } = req.query;
    const c = await findUserCollection(ctx, account, collectionUrl);
    await sharing.revoke(dav, c.url, sharee);
    return reply.code(204).send(null);
  });

  app.get('/api/v1/invitations', { schema: sharingSchemas.invitations }, async (req) => {
    const { sharing, dav } = await withSharing(req);
    return { invitations: await sharing.listInvitations(dav) };
  });

  app.post('/api/v1/invitations/:id', { schema: sharingSchemas.answer }, async (req, reply) => {
    const { sharing, dav } = await withSharing(req);
    await sharing.answerInvitation(dav, req.params.id, req.body.accept);
    return reply.code(204).send(null);
  });

  app.post('/api/v1/publish', { schema: sharingSchemas.publish }, async (req) => {
    const { account, sharing, dav } = await withSharing(req);
    const c = await findUserCollection(ctx, account, req.body.collectionUrl);
    return { published: await sharing.publish(dav, c.url, req.body.publish !== false) };
  });
}
