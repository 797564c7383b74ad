/**
 * Sharing with people, invitations and publishing, for the servers that support them, through a SharingProvider
 * (bridge-core's sharing drivers). Subscriptions and sync status: routes/subscriptions.ts.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sharingSchemas } from '../contract/sharing.js';
import type { RightsView } from '../contract/sharing.js';
import { ApiError } from '../http/api-error.js';
import type { AppContext } from '../http/context.js';
import { paneText } from '../http/pane-words.js';
import { requireUser } from '../http/session.js';
import { pickLang, type Lang } from '../i18n.js';
import type { AccountRecord } from '../store/types.js';
import type { SharingAccount, SharingCapabilities, SharingProvider } from '../sharing/provider.js';
import { findUserCollection } from './collections.js';

const notAvailable = (): ApiError =>
  new ApiError(501, 'sharing-not-available', {
    en: 'Sharing with people is not available on this bridge yet. Guest links work on every server.',
    fr: "Le partage avec des personnes n'est pas encore disponible sur cette passerelle. Les liens invités fonctionnent sur tous les serveurs.",
  });

type Right = RightsView['rights'][number]['right'];
const RIGHTS: Right[] = ['read', 'read-write', 'admin', 'private-events'];

const canGrant = (caps: SharingCapabilities, right: Right): boolean =>
  caps.driver !== 'none' && (right === 'private-events' ? caps.privateEvents : caps.levels.includes(right));

/** Every right the pane offers, with the words of why not for those this server cannot grant. */
function rightsView(caps: SharingCapabilities, lang: Lang): RightsView {
  return {
    driver: caps.driver,
    server: caps.server,
    canManage: caps.canManage,
    rights: RIGHTS.map((right) => {
      if (canGrant(caps, right)) return { right, available: true, reason: null, reasons: null };
      const why = paneText('pane-api.right-unavailable-why', {
        server: caps.server,
        right,
        sharing: caps.driver !== 'none',
      });
      return { right, available: false, reason: why[lang], reasons: why };
    }),
  };
}

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
    const caps = await sharing.capabilities(dav, c.url);
    const lang = pickLang(undefined, req.headers['accept-language']);
    // A server without sharing has no shares to list: the rights say why, instead of an error.
    const shares = caps.driver === 'none' ? [] : await sharing.listShares(dav, c.url);
    return { shares, rights: rightsView(caps, lang) };
  });

  app.post('/api/v1/shares', { schema: sharingSchemas.share }, async (req, reply) => {
    const { account, sharing, dav } = await withSharing(req);
    const c = await findUserCollection(ctx, account, req.body.collectionUrl);
    const { access, privateEvents } = req.body;
    const caps = await sharing.capabilities(dav, c.url);
    // Servers without any sharing keep their own error (no-sharing-protocol, from the driver); a right this
    // server's protocol cannot express is refused before anything is sent, never granted as a lesser one.
    if (caps.driver !== 'none') {
      const asked: Right[] = [access, ...(privateEvents === true ? (['private-events'] as const) : [])];
      const missing =
        asked.find((r) => !canGrant(caps, r)) ??
        (privateEvents === false && !caps.privateEvents ? 'private-events' : undefined);
      if (missing)
        throw new ApiError(
          400,
          'right-not-supported',
          paneText('pane-api.right-not-supported', { server: caps.server, right: missing }),
        );
    }
    const share = await sharing.share(dav, c.url, req.body.sharee, access, privateEvents);
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
