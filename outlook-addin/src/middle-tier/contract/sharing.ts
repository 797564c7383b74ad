/**
 * Contract of sharing with people, invitations and publishing (routes/sharing.ts). Shares, invitations and
 * published links are bridge-core's sharing model, passed through as they are: described as open objects here.
 */
import { Type } from '@sinclair/typebox';
import { errorResponses, IdParams, NoContent, Nullable, signedIn, Text } from './common.js';

const CoreObject = (description: string) => Type.Object({}, { additionalProperties: true, description });
const CollectionUrl = Text(2048);

export const sharingSchemas = {
  list: {
    tags: ['sharing'],
    summary: 'Who a collection is shared with',
    security: signedIn,
    querystring: Type.Object({ collectionUrl: CollectionUrl }),
    response: { 200: Type.Object({ shares: Type.Array(CoreObject('bridge-core Share')) }), ...errorResponses },
  },
  share: {
    tags: ['sharing'],
    summary: 'Share a collection with a person',
    security: signedIn,
    body: Type.Object({
      collectionUrl: CollectionUrl,
      sharee: Text(512, 'E-mail address or principal of the person'),
      access: Type.Union([Type.Literal('read'), Type.Literal('read-write')]),
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
