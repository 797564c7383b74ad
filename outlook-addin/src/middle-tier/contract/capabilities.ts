/**
 * Contract of what this bridge offers the pane (routes/capabilities.ts; issue 13 item 7): the pane shows a feature
 * it lacks disabled, with the reason, never as a dead button. Two-way sync into Outlook's own calendars (Microsoft
 * Graph) is off until the Graph issue switches it on.
 */
import { Type, type Static } from '@sinclair/typebox';
import { errorResponses, Nullable, TextSchema } from './common.js';

const Feature = Type.Object({
  available: Type.Boolean(),
  reason: Nullable(
    Type.String({ description: "Why not, in the caller's language (lang query, then Accept-Language)" }),
  ),
  reasons: Nullable(TextSchema),
});
export type FeatureView = Static<typeof Feature>;

export const CapabilitiesSchema = Type.Object({
  graphSync: Feature,
  outlookFeeds: Feature,
  guestLinks: Feature,
  conflictRestore: Feature,
  syncProgress: Feature,
});
export type CapabilitiesView = Static<typeof CapabilitiesSchema>;

export const capabilitySchemas = {
  get: {
    tags: ['capabilities'],
    summary: 'What this bridge offers the pane (no sign-in needed: nothing personal)',
    querystring: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 8 })) }),
    response: { 200: CapabilitiesSchema, ...errorResponses },
  },
};
