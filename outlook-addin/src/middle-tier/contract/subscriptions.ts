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
  notices: Type.Array(Type.Object({ code: Type.String(), message: Type.String(), messages: TextSchema }), {
    description:
      "Notes of the last run about Outlook that did not make it fail: what Outlook shows differently (the mapping's " +
      'downgrades), an Outlook edit undone, a category not made. Deduplicated, at most 20 and one saying how many more',
  }),
  progress: Nullable(
    Type.Object(
      {
        phase: Type.String({ description: 'starting, list, fetch, plan, execute, done' }),
        done: Type.Integer({ description: 'Items done in this phase' }),
        total: Type.Integer({ description: 'Items planned in this phase' }),
        startedAt: Type.String({ format: 'date-time' }),
      },
      { description: 'The run in flight (null when none runs): poll the subscriptions list to follow it' },
    ),
  ),
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
    summary:
      'Sync a subscription now (one run per subscription: a run in flight is joined, never doubled). By default ' +
      'the answer comes when the run ended (200, its outcome); with wait=false it comes at once (202, running, ' +
      'with progress): then poll GET /api/v1/subscriptions or /api/v1/sync/status until running is false',
    security: signedIn,
    params: IdParams,
    querystring: Type.Object({ wait: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])) }),
    response: { 200: one, 202: one, ...errorResponses },
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
