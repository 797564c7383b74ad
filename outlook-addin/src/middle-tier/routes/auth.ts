/** Sign-in, session and logout. The DAV password is checked against the DAV server, then sealed and stored. */
import { AuthenticationError } from '@dav-bridge/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { authSchemas } from '../contract/auth.js';
import { ApiError, tooManyRequests } from '../http/api-error.js';
import type { AppContext } from '../http/context.js';
import { clearSessionCookie, requireSession, startSession } from '../http/session.js';
import { clientKey } from '../security/client-key.js';
import { RateLimiter } from '../security/rate-limiter.js';
import { checkSignInRequest } from '../security/sign-in-guard.js';
import { randomId } from '../security/tokens.js';
import { message } from '../words.js';
import { suggestServer } from '../dav/suggest-server.js';

/** A suggestion is a convenience before sign-in: the pane must not wait long for it. */
const SUGGEST_TIMEOUT_MS = 3_000;

export function authRoutes(server: FastifyInstance, ctx: AppContext): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const failures = new RateLimiter(ctx.config.limits.signInPerIp, ctx.now, ctx.store.rateLimits, 'sign-in');

  const lookups = new RateLimiter(ctx.config.limits.serverLookupPerIp, ctx.now, ctx.store.rateLimits, 'server-lookup');

  app.get('/api/v1/servers', { schema: authSchemas.servers }, async (req) => {
    const servers = ctx.config.davServers.map((s) => ({ id: s.id, label: s.label }));
    const email = req.query.email?.trim();
    // Each lookup makes the bridge send requests, so a client gets a budget like sign-in's; past it the list still
    // comes (the pane must work) but no lookup is made.
    if (!email || (await lookups.reserve(clientKey(req.ip))) !== undefined) return { servers };
    const suggested = await suggestServer(email, ctx.config.davServers, {
      resolver: ctx.dnsResolver,
      timeoutMs: SUGGEST_TIMEOUT_MS,
    });
    return suggested === undefined ? { servers } : { servers, suggested };
  });

  /** Login CSRF and rate limit come before the body is even validated: a refused request learns nothing more. */
  const beforeSignIn = async (req: Parameters<typeof checkSignInRequest>[0]) => {
    checkSignInRequest(req, ctx.config);
    const wait = await failures.blockedFor(clientKey(req.ip));
    if (wait !== undefined) throw tooManyRequests(wait);
  };

  app.post('/api/v1/session', { schema: authSchemas.signIn, preValidation: beforeSignIn }, async (req, reply) => {
    const client = clientKey(req.ip);
    const { username, password } = req.body;
    const serverId =
      (req.body.server || undefined) ?? (ctx.config.davServers.length === 1 ? ctx.config.davServers[0]?.id : undefined);
    const server = serverId === undefined ? undefined : ctx.dav.server(serverId);
    if (!server) {
      throw new ApiError(400, 'server-not-allowed', message('server.server-not-allowed', {}));
    }
    let principalUrl: string;
    try {
      const account = await ctx.dav.connect(server, username, password);
      principalUrl = account.discovery.principal.url;
    } catch (err) {
      if (err instanceof AuthenticationError) {
        await failures.hit(client);
        throw new ApiError(401, 'authentication-failed', message('server.authentication-failed', {}));
      }
      throw err;
    }
    // Keep the id of a returning user, so their guest links stay theirs; the seal is bound to that id.
    const existing = await ctx.store.findAccount(server.id, username);
    const id = existing?.id ?? randomId();
    const account = await ctx.store.upsertAccount({
      id,
      serverId: server.id,
      username,
      sealedPassword: ctx.box.seal(password, id),
      principalUrl,
      updatedAt: ctx.now(),
    });
    const session = await startSession(ctx, reply, account);
    return {
      user: { username: account.username, server: { id: server.id, label: server.label } },
      csrfToken: session.csrfToken,
      expiresAt: new Date(session.expiresAt).toISOString(),
    };
  });

  app.get('/api/v1/session', { schema: authSchemas.session }, async (req) => {
    const { session, account } = await requireSession(ctx, req);
    const server = ctx.dav.server(account.serverId);
    return {
      user: { username: account.username, server: { id: account.serverId, label: server?.label ?? account.serverId } },
      csrfToken: session.csrfToken,
      expiresAt: new Date(session.expiresAt).toISOString(),
    };
  });

  app.delete('/api/v1/session', { schema: authSchemas.signOut }, async (req, reply) => {
    const { session } = await requireSession(ctx, req);
    await ctx.store.deleteSession(session.idHash);
    clearSessionCookie(reply);
    return reply.code(204).send(null);
  });
}
