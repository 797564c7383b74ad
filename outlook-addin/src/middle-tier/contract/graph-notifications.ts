/**
 * Contract of the endpoint Microsoft Graph calls (routes/graph-notifications.ts; issue 15): the validation handshake
 * (POST ?validationToken=..., answered with the token as text/plain) and change notification collections (JSON).
 * Public: Graph has no session; what a notification may do is decided by its clientState.
 */
import { Type } from '@sinclair/typebox';
import { errorResponses } from './common.js';

/** Only what the bridge reads of an entry; the rest of Graph's fields (resource, tenantId...) is dropped. */
const ChangeNotificationSchema = Type.Object({
  subscriptionId: Type.String({ minLength: 1, maxLength: 200 }),
  clientState: Type.Optional(Type.String({ maxLength: 200 })),
  changeType: Type.Optional(Type.String({ maxLength: 100 })),
});

export const ChangeNotificationCollectionSchema = Type.Object({
  value: Type.Array(ChangeNotificationSchema, { maxItems: 1000 }),
});

export const graphNotificationSchemas = {
  notify: {
    tags: ['outlook sync'],
    summary:
      "Microsoft Graph's change notifications (webhook): with validationToken, the subscription's validation " +
      '(the token back as text/plain); else a collection of notifications, 202 whatever they hold (a matching ' +
      'clientState queues a sync of that subscription)',
    security: [],
    querystring: Type.Object({ validationToken: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })) }),
    // Validated only when JSON (the handshake is an empty text/plain POST).
    body: { content: { 'application/json': { schema: ChangeNotificationCollectionSchema } } },
    response: {
      200: Type.String({ description: 'The validation token, as text/plain' }),
      202: Type.Null({ description: 'Accepted' }),
      ...errorResponses,
    },
  },
};
