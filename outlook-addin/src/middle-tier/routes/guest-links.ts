/** The owner's side of guest links: create, list, revoke (JSON API, signed in). */
import type { FastifyInstance } from 'fastify';
import { ApiError, badRequest } from '../http/api-error.js';
import type { AppContext } from '../http/context.js';
import { requireSession } from '../http/session.js';
import { objectBody, optionalString, requiredString } from '../http/validate.js';
import { newGuestLink, viewOf } from '../guest/links.js';
import { findUserCollection } from './collections.js';

const MIN_PASSWORD = 6;

const linkNotFound = (): ApiError =>
  new ApiError(404, 'guest-link-not-found', {
    en: 'This guest link does not exist or was already withdrawn.',
    fr: "Ce lien invité n'existe pas ou a déjà été retiré.",
  });

export function guestLinkRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/guest-links', async (req) => {
    const { account } = await requireSession(ctx, req);
    const links = await ctx.store.listGuestLinks(account.id);
    return { guestLinks: links.map((l) => viewOf(l, ctx.box, ctx.config, ctx.now())) };
  });

  app.post('/api/v1/guest-links', async (req, reply) => {
    const { account } = await requireSession(ctx, req);
    const body = objectBody(req.body);
    const collectionUrl = requiredString(body, 'collectionUrl', 2048);
    const password = optionalString(body, 'password', 200);
    const expiresRaw = optionalString(body, 'expiresAt', 64);
    const hidePrivateEvents = body['hidePrivateEvents'];
    if (hidePrivateEvents !== undefined && typeof hidePrivateEvents !== 'boolean') {
      throw badRequest({
        en: '"hidePrivateEvents" must be true or false.',
        fr: '« hidePrivateEvents » doit valoir true ou false.',
      });
    }
    if (password !== undefined && [...password].length < MIN_PASSWORD) {
      throw new ApiError(400, 'password-too-short', {
        en: `The password must have at least ${MIN_PASSWORD} characters.`,
        fr: `Le mot de passe doit comporter au moins ${MIN_PASSWORD} caractères.`,
      });
    }
    let expiresAt: number | undefined;
    if (expiresRaw !== undefined) {
      expiresAt = Date.parse(expiresRaw);
      if (!Number.isFinite(expiresAt)) {
        throw badRequest({
          en: 'The expiry date is not a valid date.',
          fr: "La date d'expiration n'est pas une date valide.",
        });
      }
      if (expiresAt <= ctx.now()) {
        throw new ApiError(400, 'expiry-in-past', {
          en: 'The expiry date must be in the future.',
          fr: "La date d'expiration doit être dans le futur.",
        });
      }
    }
    const collection = await findUserCollection(ctx, account, collectionUrl);
    if (collection.kind === 'contacts') {
      throw new ApiError(400, 'not-a-calendar', {
        en: 'Guest links can be made for calendars and task lists only.',
        fr: 'Les liens invités ne concernent que les agendas et les listes de tâches.',
      });
    }
    const link = await newGuestLink(ctx.box, {
      accountId: account.id,
      collectionUrl: collection.url,
      collectionName: collection.name,
      kind: collection.kind,
      password,
      expiresAt,
      now: ctx.now(),
      hidePrivateEvents: hidePrivateEvents === true,
    });
    await ctx.store.createGuestLink(link);
    return reply.code(201).send({ guestLink: viewOf(link, ctx.box, ctx.config, ctx.now()) });
  });

  app.delete<{ Params: { id: string } }>('/api/v1/guest-links/:id', async (req, reply) => {
    const { account } = await requireSession(ctx, req);
    const link = await ctx.store.getGuestLink(req.params.id);
    // Someone else's link answers exactly like a missing one: ids are not an oracle.
    if (!link || link.accountId !== account.id || link.revokedAt !== undefined) throw linkNotFound();
    await ctx.store.revokeGuestLink(link.id, ctx.now());
    ctx.guestFeeds.forget(link.id);
    return reply.code(204).send();
  });
}
