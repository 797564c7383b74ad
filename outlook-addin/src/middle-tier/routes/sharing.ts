/**
 * Sharing with people, invitations and publishing, for the servers that support them, through a SharingProvider
 * (bridge-core's sharing drivers). Subscriptions and sync status: routes/subscriptions.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, badRequest } from '../http/api-error.js';
import type { AppContext } from '../http/context.js';
import { requireSession, type SignedIn } from '../http/session.js';
import { objectBody, requiredString } from '../http/validate.js';
import type { ShareAccess, SharingAccount, SharingProvider } from '../sharing/provider.js';
import { findUserCollection } from './collections.js';

const notAvailable = (): ApiError =>
  new ApiError(501, 'sharing-not-available', {
    en: 'Sharing with people is not available on this bridge yet. Guest links work on every server.',
    fr: "Le partage avec des personnes n'est pas encore disponible sur cette passerelle. Les liens invités fonctionnent sur tous les serveurs.",
  });

function access(v: unknown): ShareAccess {
  if (v === 'read' || v === 'read-write') return v;
  throw badRequest({
    en: '"access" must be "read" or "read-write".',
    fr: '« access » doit valoir « read » ou « read-write ».',
  });
}

export function sharingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const withSharing = async (
    req: FastifyRequest,
  ): Promise<SignedIn & { sharing: SharingProvider; dav: SharingAccount }> => {
    const signedIn = await requireSession(ctx, req);
    if (!ctx.sharing) throw notAvailable();
    return { ...signedIn, sharing: ctx.sharing, dav: await ctx.dav.accountFor(signedIn.account) };
  };

  app.get<{ Querystring: { collectionUrl?: string } }>('/api/v1/shares', async (req) => {
    const { account, sharing, dav } = await withSharing(req);
    const url = req.query.collectionUrl;
    if (!url) throw badRequest();
    const c = await findUserCollection(ctx, account, url);
    return { shares: await sharing.listShares(dav, c.url) };
  });

  app.post('/api/v1/shares', async (req, reply) => {
    const { account, sharing, dav } = await withSharing(req);
    const body = objectBody(req.body);
    const c = await findUserCollection(ctx, account, requiredString(body, 'collectionUrl', 2048));
    const share = await sharing.share(dav, c.url, requiredString(body, 'sharee', 512), access(body['access']));
    return reply.code(200).send({ share: share ?? null });
  });

  app.delete<{ Querystring: { collectionUrl?: string; sharee?: string } }>('/api/v1/shares', async (req, reply) => {
    const { account, sharing, dav } = await withSharing(req);
    const { collectionUrl, sharee } = req.query;
    if (!collectionUrl || !sharee) throw badRequest();
    const c = await findUserCollection(ctx, account, collectionUrl);
    await sharing.revoke(dav, c.url, sharee);
    return reply.code(204).send();
  });

  app.get('/api/v1/invitations', async (req) => {
    const { sharing, dav } = await withSharing(req);
    return { invitations: await sharing.listInvitations(dav) };
  });

  app.post<{ Params: { id: string } }>('/api/v1/invitations/:id', async (req, reply) => {
    const { sharing, dav } = await withSharing(req);
    const body = objectBody(req.body);
    if (typeof body['accept'] !== 'boolean') throw badRequest();
    await sharing.answerInvitation(dav, req.params.id, body['accept']);
    return reply.code(204).send();
  });

  app.post('/api/v1/publish', async (req) => {
    const { account, sharing, dav } = await withSharing(req);
    const body = objectBody(req.body);
    const c = await findUserCollection(ctx, account, requiredString(body, 'collectionUrl', 2048));
    return { published: await sharing.publish(dav, c.url, body['publish'] !== false) };
  });
}
