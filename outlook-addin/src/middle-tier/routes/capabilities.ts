/** What the bridge offers the pane, each feature with its reason when it is off (contract/capabilities.ts). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { capabilitySchemas, type FeatureView } from '../contract/capabilities.js';
import type { AppContext } from '../http/context.js';
import { pickLang, type Lang } from '../i18n.js';
import { inBothLanguages, type Text } from '../words.js';
import { graphUnavailableWhy } from './outlook-sync.js';

const on: FeatureView = { available: true, reason: null, reasons: null };
const off = (why: Text, lang: Lang): FeatureView => ({ available: false, reason: why[lang], reasons: why });

export function capabilityRoutes(server: FastifyInstance, ctx: AppContext): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/v1/capabilities', { schema: capabilitySchemas.get }, async (req, reply) => {
    const lang = pickLang(req.query.lang, req.headers['accept-language']);
    reply.header('cache-control', 'no-cache').header('vary', 'accept-language');
    // On when the bridge has its Microsoft 365 settings (issue 15); else why not.
    const graphOff = graphUnavailableWhy(ctx.graph);
    return {
      graphSync: graphOff ? off(inBothLanguages(graphOff), lang) : on,
      outlookFeeds: on,
      guestLinks: on,
      conflictRestore: on,
      syncProgress: on,
    };
  });
}
