/** Contract of subscriptions and their sync status (routes/subscriptions.ts). */
import { Type, type Static } from '@sinclair/typebox';
import { errorResponses, IdParams, NoContent, Nullable, OptionalText, signedIn, TextSchema } from './common.js';

const Counts = Type.Object({ created: Type.Integer(), updated: Type.Integer(), deleted: Type.Integer() });

export const SyncStatusViewSchema = Type.Object({
  subscriptionId: Type.String(),
  name: Type.String(),
  type: Type.Union([Type.Literal('collection'), Type.Literal('feed')]),
  lastRun: Nullable(Type.String({ format: 'date-time' })),
  ok: Nullable(Type.Boolean()),
  running: Type.Boolean(),
  server: Nullable(Counts),
  bridge: Nullable(Counts),
  conflicts: Type.Integer(),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String(), messages: TextSchema })),
});
export type SyncStatusView = Static<typeof SyncStatusViewSchema>;

export const SubscriptionViewSchema = Type.Object({
  id: Type.String(),
  type: Type.Union([Type.Literal('collection'), Type.Literal('feed')]),
  url: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  readOnly: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  sync: SyncStatusViewSchema,
});
export type SubscriptionView = Static<typeof SubscriptionViewSchema>;

const one = Type.Object({ subscription: SubscriptionViewSchema });

export const subscriptionSchemas = {
  list: {
    tags: ['subscriptions'],
    summary: "The user's subscriptions with their last sync",
    security: signedIn,
    response: { 200: Type.Object({ subscriptions: Type.Array(SubscriptionViewSchema) }), ...errorResponses },
  },
  create: {
    tags: ['subscriptions'],
    summary: 'Subscribe to a shared collection or an ICS/webcal feed (exactly one of invitationId, url, feedUrl)',
    security: signedIn,
    body: Type.Object({
      invitationId: OptionalText(1024),
      url: OptionalText(2048, 'A calendar or address book on your DAV server shared with you'),
      feedUrl: OptionalText(2048, 'An ICS/webcal feed from a site the administrator allowed'),
      name: OptionalText(200),
    }),
    response: { 201: one, ...errorResponses },
  },
  remove: {
    tags: ['subscriptions'],
    summary: 'Remove a subscription',
    security: signedIn,
    params: IdParams,
    response: { 204: NoContent, ...errorResponses },
  },
  sync: {
    tags: ['subscriptions'],
    summary: 'Sync a subscription now',
    security: signedIn,
    params: IdParams,
    response: { 200: one, ...errorResponses },
  },
  status: {
    tags: ['subscriptions'],
    summary: 'Sync status of every subscription',
    security: signedIn,
    response: {
      200: Type.Object({ intervalSeconds: Type.Integer(), subscriptions: Type.Array(SyncStatusViewSchema) }),
      ...errorResponses,
    },
  },
};
