/** Contract of the people picker (routes/principals.ts; issue 13 item 4). */
import { Type, type Static } from '@sinclair/typebox';
import { errorResponses, Nullable, signedIn, Text, TextSchema } from './common.js';

export const PersonSchema = Type.Object({
  name: Type.String(),
  email: Nullable(Type.String()),
  principalUrl: Type.String({ description: 'Give it (or the email) as "sharee" to POST /api/v1/shares' }),
});

export const PrincipalSearchSchema = Type.Union([
  Type.Object({ supported: Type.Literal(true), people: Type.Array(PersonSchema) }),
  Type.Object({
    supported: Type.Literal(false),
    reason: Type.String({ description: "Ask for an email address instead (in the caller's language)" }),
    reasons: TextSchema,
  }),
]);
export type PrincipalSearchView = Static<typeof PrincipalSearchSchema>;

export const principalSchemas = {
  search: {
    tags: ['sharing'],
    summary:
      "People to share with, found by the DAV server's principal search (principal-property-search) where it " +
      'offers it; { supported: false } where it does not (the pane then asks for an email address). Some servers ' +
      'only list the people their privacy rules let the user see',
    security: signedIn,
    querystring: Type.Object({
      collectionUrl: Text(2048, 'The calendar or address book being shared'),
      q: Type.String({ maxLength: 200, description: 'Part of a name or address' }),
    }),
    response: { 200: PrincipalSearchSchema, ...errorResponses },
  },
};
