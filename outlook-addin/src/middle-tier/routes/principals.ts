/**
 * The people picker (issue 13 item 4): core's principal search on the user's DAV server, for one of the user's
 * collections. Where the server offers no principal search the answer says so, with words for the pane.
 */
import { searchPrincipals } from '@dav-bridge/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { principalSchemas, type PrincipalSearchView } from '../contract/principals.js';
import type { AppContext } from '../http/context.js';
import { paneText } from '../http/pane-words.js';
import { requireUser } from '../http/session.js';
import { pickLang } from '../i18n.js';
import { findUserCollection } from './collections.js';

export function principalRoutes(server: FastifyInstance, ctx: AppContext): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/v1/principals', { schema: principalSchemas.search }, async (req): Promise<PrincipalSearchView> => {
    const { account } = await requireUser(ctx, req);
    // Only for a collection of the user's (the search runs with their credentials on their server).
    await findUserCollection(ctx, account, req.query.collectionUrl);
    const dav = await ctx.dav.accountFor(account);
    const found = await searchPrincipals(dav.transport, dav.discovery.principal, req.query.q);
    if (found.supported)
      return { supported: true, people: found.people.map((p) => ({ ...p, email: p.email ?? null })) };
    const why = paneText('pane-api.principal-search-unsupported', {
      server: ctx.dav.server(account.serverId)?.label ?? '',
    });
    return { supported: false, reason: why[pickLang(undefined, req.headers['accept-language'])], reasons: why };
  });
}
