/**
 * The owner's side of guest links: create, list, unlock, revoke (JSON API, signed in). New links follow the
 * administrator's policy (config.guestLinks): passwords of 10+ characters that are not common, a password when
 * required, an expiry no further than the maximum.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { guestLinkSchemas } from '../contract/guest-links.js';
import { ApiError, badRequest } from '../http/api-error.js';
import type { AppContext } from '../http/context.js';
import { requireUser } from '../http/session.js';
import { newGuestLink, viewOf } from '../guest/links.js';
import { guestPasswordProblem, MIN_GUEST_PASSWORD_LENGTH } from '../security/password-policy.js';
import { findUserCollection } from './collections.js';

const DAY_MS = 24 * 3600 * 1000;

/** The policy's messages (en/fr pairs in one place). */
const POLICY_TEXT = {
  passwordRequired: {
    en: 'Your administrator requires a password on every guest link.',
    fr: 'Votre administrateur exige un mot de passe pour chaque lien invité.',
  },
  expiryTooFar: (days: number, latest: string) => ({
    en: `Your administrator allows guest links for ${days} days at most: choose an expiry on or before ${latest}.`,
    fr: `Votre administrateur autorise les liens invités pour ${days} jours au plus : choisissez une expiration au plus tard le ${latest}.`,
  }),
};

const linkNotFound = (): ApiError =>
  new ApiError(404, 'guest-link-not-found', {
    en: 'This guest link does not exist or was already withdrawn.',
    fr: "Ce lien invité n'existe pas ou a déjà été retiré.",
  });

export function guestLinkRoutes(server: FastifyInstance, ctx: AppContext): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/v1/guest-links', { schema: guestLinkSchemas.list }, async (req) => {
    const { account } = await requireUser(ctx, req);
    const links = await ctx.store.listGuestLinks(account.id);
    const opens = await ctx.store.guestLinkOpens(account.id);
    const policy = ctx.config.guestLinks;
    return {
      guestLinks: links.map((l) => viewOf(l, ctx.box, ctx.config, ctx.now(), opens.get(l.id))),
      // What the pane needs to ask for a valid link the first time.
      policy: {
        minPasswordLength: MIN_GUEST_PASSWORD_LENGTH,
        requirePassword: policy.requirePassword,
        maxExpiryDays: policy.maxExpiryDays,
      },
    };
  });

  app.post('/api/v1/guest-links', { schema: guestLinkSchemas.create }, async (req, reply) => {
    const { account } = await requireUser(ctx, req);
    const { collectionUrl, hidePrivateEvents } = req.body;
    // '' and null mean "not given", as the pane has always sent them.
    const password = req.body.password || undefined;
    const expiresRaw = req.body.expiresAt || undefined;
    const policy = ctx.config.guestLinks;
    if (password === undefined && policy.requirePassword)
      throw new ApiError(400, 'password-required', POLICY_TEXT.passwordRequired);
    const problem = password === undefined ? undefined : guestPasswordProblem(password);
    if (problem) throw new ApiError(400, problem.code, problem.text);
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
    if (policy.maxExpiryDays !== null) {
      const latest = ctx.now() + policy.maxExpiryDays * DAY_MS;
      // No expiry asked: the longest allowed, shown in the answer.
      expiresAt ??= latest;
      if (expiresAt > latest) {
        const day = new Date(latest).toISOString().slice(0, 10);
        throw new ApiError(400, 'expiry-too-far', POLICY_TEXT.expiryTooFar(policy.maxExpiryDays, day));
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

  app.post('/api/v1/guest-links/:id/unlock', { schema: guestLinkSchemas.unlock }, async (req) => {
    const { account } = await requireUser(ctx, req);
    const link = await ctx.store.getGuestLink(req.params.id);
    if (!link || link.accountId !== account.id || link.revokedAt !== undefined) throw linkNotFound();
    await ctx.store.unlockGuestLink(link.id);
    const unlocked = await ctx.store.getGuestLink(link.id);
    if (!unlocked) throw linkNotFound();
    const opens = (await ctx.store.guestLinkOpens(account.id)).get(link.id);
    return { guestLink: viewOf(unlocked, ctx.box, ctx.config, ctx.now(), opens) };
  });

  app.delete('/api/v1/guest-links/:id', { schema: guestLinkSchemas.revoke }, async (req, reply) => {
    const { account } = await requireUser(ctx, req);
    const link = await ctx.store.getGuestLink(req.params.id);
    // Someone else's link answers exactly like a missing one: ids are not an oracle.
    if (!link || link.accountId !== account.id || link.revokedAt !== undefined) throw linkNotFound();
    await ctx.store.revokeGuestLink(link.id, ctx.now());
    ctx.guestFeeds.forget(link.id);
    return reply.code(204).send(null);
  });
}
