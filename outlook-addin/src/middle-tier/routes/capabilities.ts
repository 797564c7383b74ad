/** What the bridge offers the pane, each feature with its reason when it is off (contract/capabilities.ts). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { capabilitySchemas, type FeatureView } from '../contract/capabilities.js';
import type { AppContext } from '../http/context.js';
import { paneText } from '../http/pane-words.js';
import { pickLang, type Lang, type Text } from '../i18n.js';

const on: FeatureView = { available: true, reason: null, reasons: null };
const off = (why: Text, lang: Lang): FeatureView => ({ available: false, reason: why[lang], reasons: why });

export function capabilityRoutes(server: FastifyInstance, _ctx: AppContext): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/v1/capabilities', { schema: capabilitySchemas.get }, async (req, reply) => {
    const lang = pickLang(req.query.lang, req.headers['accept-language']);
    reply.header('cache-control', 'no-cache').header('vary', 'accept-language');
    return {
      // Switched on by the Microsoft Graph issue (nested app authentication, Outlook's own calendars).
      graphSync: off(paneText('pane-api.graph-sync-unavailable', {}), lang),
      outlookFeeds: on,
      guestLinks: on,
      conflictRestore: on,
      syncProgress: on,
    };
  });
}
