/**
 * Contract of sharing with people, invitations and publishing (routes/sharing.ts). Shares, invitations and
 * published links are bridge-core's sharing model, passed through as they are: described as open objects here.
 */
import { Type, type Static } from '@sinclair/typebox';
import { errorResponses, IdParams, NoContent, Nullable, signedIn, Text, TextSchema } from './common.js';

/** One right the pane offers, and whether this server's sharing driver can grant it (else why, in words). */
export const RightViewSchema = Type.Object({
  right: Type.Union([
    Type.Literal('read'),
    Type.Literal('read-write'),
    Type.Literal('admin'),
    Type.Literal('private-events'),
  ]),
  available: Type.Boolean(),
  reason: Nullable(Type.String({ description: "Why not, in the caller's language" })),
  reasons: Nullable(TextSchema),
});
export const RightsViewSchema = Type.Object({
  driver: Type.String({ description: 'The sharing protocol used (none: the server has none)' }),
  server: Type.String(),
  canManage: Type.Boolean({ description: 'The user may change who has access here' }),
  rights: Type.Array(RightViewSchema),
});
export type RightsView = Static<typeof RightsViewSchema>;

const CoreObject = (description: string) => Type.Object({}, { additionalProperties: true, description });
const CollectionUrl = Text(2048);

export const sharingSchemas = {
  list: {
    tags: ['sharing'],
    summary: 'Who a collection is shared with',
    security: signedIn,
    querystring: Type.Object({ collectionUrl: CollectionUrl }),
    response: {
      200: Type.Object({ shares: Type.Array(CoreObject('bridge-core Share')), rights: RightsViewSchema }),
      ...errorResponses,
    },
  },
  share: {
    tags: ['sharing'],
    summary:
      'Share a collection with a person; a right the server cannot express is refused (400 right-not-supported), ' +
      'never downgraded',
    security: signedIn,
    body: Type.Object({
      collectionUrl: CollectionUrl,
      sharee: Text(512, 'E-mail address or principal of the person'),
      access: Type.Union([Type.Literal('read'), Type.Literal('read-write'), Type.Literal('admin')]),
      privateEvents: Type.Optional(
        Type.Boolean({ description: 'Whether the person sees private events in full; left out: the server default' }),
      ),
    }),
    response: { 200: Type.Object({ share: Nullable(CoreObject('bridge-core Share')) }), ...errorResponses },
  },
  revoke: {
    tags: ['sharing'],
    summary: 'Stop sharing a collection with a person',
    security: signedIn,
    querystring: Type.Object({ collectionUrl: CollectionUrl, sharee: Text(512) }),
    response: { 204: NoContent, ...errorResponses },
  },
  invitations: {
    tags: ['sharing'],
    summary: 'Share invitations waiting for an answer',
    security: signedIn,
    response: {
      200: Type.Object({ invitations: Type.Array(CoreObject('bridge-core Invitation')) }),
      ...errorResponses,
    },
  },
  answer: {
    tags: ['sharing'],
    summary: 'Accept or decline an invitation',
    security: signedIn,
    params: IdParams,
    body: Type.Object({ accept: Type.Boolean() }),
    response: { 204: NoContent, ...errorResponses },
  },
  publish: {
    tags: ['sharing'],
    summary: 'Publish (or stop publishing) a collection where the server supports it',
    security: signedIn,
    body: Type.Object({ collectionUrl: CollectionUrl, publish: Type.Optional(Type.Boolean()) }),
    response: {
      200: Type.Object({ published: Nullable(CoreObject('bridge-core PublishedLinks')) }),
      ...errorResponses,
    },
  },
};
