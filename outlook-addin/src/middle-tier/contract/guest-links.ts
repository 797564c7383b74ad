/** Contract of the owner's side of guest links (routes/guest-links.ts). */
import { Type, type Static } from '@sinclair/typebox';
import { errorResponses, IdParams, NoContent, Nullable, OptionalText, signedIn, Text } from './common.js';

export const GuestLinkViewSchema = Type.Object({
  id: Type.String(),
  collectionUrl: Type.String(),
  collectionName: Type.String(),
  kind: Type.String(),
  url: Nullable(Type.String({ description: 'null when the stored token cannot be read (revoke the link)' })),
  icsUrl: Nullable(Type.String()),
  webcalUrl: Nullable(Type.String()),
  unreadable: Type.Boolean(),
  hasPassword: Type.Boolean(),
  locked: Type.Boolean(),
  lockedAt: Nullable(Type.String({ format: 'date-time' })),
  wrongPasswords: Type.Integer(),
  hidePrivateEvents: Type.Boolean(),
  expiresAt: Nullable(Type.String({ format: 'date-time' })),
  expired: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  openCount: Type.Integer({ description: 'Page views and feed fetches (counts only: no guest address is kept)' }),
  lastOpenedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type GuestLinkView = Static<typeof GuestLinkViewSchema>;

const one = Type.Object({ guestLink: GuestLinkViewSchema });

export const guestLinkSchemas = {
  list: {
    tags: ['guest links'],
    summary: "The user's guest links and the administrator's policy for new ones",
    security: signedIn,
    response: {
      200: Type.Object({
        guestLinks: Type.Array(GuestLinkViewSchema),
        policy: Type.Object({
          minPasswordLength: Type.Integer(),
          requirePassword: Type.Boolean(),
          maxExpiryDays: Nullable(Type.Integer()),
        }),
      }),
      ...errorResponses,
    },
  },
  create: {
    tags: ['guest links'],
    summary: 'Create a guest link to a calendar or task list',
    security: signedIn,
    body: Type.Object({
      collectionUrl: Text(2048),
      password: OptionalText(200),
      expiresAt: OptionalText(64, 'ISO 8601 date; left out: no expiry, or the longest the policy allows'),
      hidePrivateEvents: Type.Optional(Type.Boolean()),
    }),
    response: { 201: one, ...errorResponses },
  },
  unlock: {
    tags: ['guest links'],
    summary: 'Unlock a link locked after too many wrong passwords',
    security: signedIn,
    params: IdParams,
    response: { 200: one, ...errorResponses },
  },
  revoke: {
    tags: ['guest links'],
    summary: 'Withdraw a guest link',
    security: signedIn,
    params: IdParams,
    response: { 204: NoContent, ...errorResponses },
  },
};
