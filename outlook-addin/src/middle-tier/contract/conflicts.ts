/** Contract of the conflicts the bridge kept (routes/conflicts.ts). */
import { Type, type Static } from '@sinclair/typebox';
import { errorResponses, IdParams, NoContent, Nullable, signedIn } from './common.js';
import { SyncStatusViewSchema } from './subscriptions.js';

/** The version that won, read from the bridge's mirror: what the pane shows beside the loser. */
export const WinnerViewSchema = Type.Object({
  summary: Nullable(Type.String()),
  start: Nullable(Type.String({ format: 'date-time' })),
  lastModified: Nullable(Type.String({ format: 'date-time' })),
});

export const ConflictViewSchema = Type.Object({
  id: Type.Integer(),
  subscriptionId: Type.String(),
  subscriptionName: Type.String(),
  ident: Type.String({ description: "The item's UID" }),
  side: Type.String({
    description: "Where the kept version came from: 'server' (the DAV collection or feed) or 'bridge'",
  }),
  itemId: Nullable(Type.String()),
  reason: Type.String(),
  at: Type.String({ format: 'date-time' }),
  data: Type.String({ description: 'The losing version, whole (iCalendar or vCard)' }),
  loser: WinnerViewSchema,
  winner: Nullable(WinnerViewSchema),
  restorable: Type.Boolean({ description: 'false for read-only subscriptions and feeds: dismiss only' }),
});
export type ConflictView = Static<typeof ConflictViewSchema>;

const ConflictList = Type.Object({ conflicts: Type.Array(ConflictViewSchema) });

export const conflictSchemas = {
  all: {
    tags: ['conflicts'],
    summary: "The losing versions of server-side conflicts kept for the user's subscriptions, newest first",
    security: signedIn,
    response: { 200: ConflictList, ...errorResponses },
  },
  ofSubscription: {
    tags: ['conflicts'],
    summary: "The losing versions kept for one subscription (someone else's answers 404, like a missing one)",
    security: signedIn,
    params: IdParams,
    response: { 200: ConflictList, ...errorResponses },
  },
  restore: {
    tags: ['conflicts'],
    summary:
      'Put the kept losing version back as the current version on the DAV server (If-Match on the version last ' +
      "synced; 409 conflict-changed when it changed again, the conflict kept), then sync; someone else's is 404",
    security: signedIn,
    params: IdParams,
    response: { 200: Type.Object({ restored: Type.Literal(true), sync: SyncStatusViewSchema }), ...errorResponses },
  },
  dismiss: {
    tags: ['conflicts'],
    summary: "Forget a kept losing version (someone else's answers 404, like a missing one)",
    security: signedIn,
    params: IdParams,
    response: { 204: NoContent, ...errorResponses },
  },
};
