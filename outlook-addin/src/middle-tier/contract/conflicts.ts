/** Contract of the conflicts the bridge kept (routes/conflicts.ts). */
import { Type, type Static } from '@sinclair/typebox';
import { errorResponses, IdParams, Nullable, signedIn } from './common.js';

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
};
