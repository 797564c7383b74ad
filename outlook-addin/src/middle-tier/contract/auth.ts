/** Contract of sign-in, session and the list of DAV servers. */
import { Type, type Static } from '@sinclair/typebox';
import { errorResponses, NoContent, OptionalText, Text } from './common.js';

const ServerView = Type.Object({ id: Type.String(), label: Type.String() });

export const SessionViewSchema = Type.Object({
  user: Type.Object({ username: Type.String(), server: ServerView }),
  csrfToken: Type.String({ description: 'Send it back in X-CSRF-Token on every state-changing request' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type SessionView = Static<typeof SessionViewSchema>;

export const SignInBodySchema = Type.Object({
  username: Text(256),
  password: Text(1024, 'The DAV password (an app password); checked against the DAV server, stored sealed'),
  server: OptionalText(64, 'Id from GET /api/v1/servers; may be left out when the bridge has one server'),
});

export const authSchemas = {
  servers: {
    tags: ['session'],
    summary: 'DAV servers the bridge may sign in to, and the one the mailbox address leads to',
    querystring: Type.Object({
      email: Type.Optional(
        Type.String({
          maxLength: 320,
          description:
            "The mailbox's address: RFC 6764 discovery on its domain (DNS SRV/TXT, well-known URIs; ~3 s at most, " +
            'rate-limited per client) may name one of the allowed servers in `suggested`',
        }),
      ),
    }),
    response: {
      200: Type.Object({
        servers: Type.Array(ServerView),
        suggested: Type.Optional(
          Type.String({ description: 'Id of the allowed server the address leads to; absent when none or not asked' }),
        ),
      }),
      ...errorResponses,
    },
  },
  signIn: {
    tags: ['session'],
    summary: 'Sign in (JSON only); sets the session cookie',
    body: SignInBodySchema,
    response: { 200: SessionViewSchema, ...errorResponses },
  },
  session: {
    tags: ['session'],
    summary: 'The current session (session cookie only)',
    security: [{ sessionCookie: [] }],
    response: { 200: SessionViewSchema, ...errorResponses },
  },
  signOut: {
    tags: ['session'],
    summary: 'Sign out',
    security: [{ sessionCookie: [] }],
    response: { 204: NoContent, ...errorResponses },
  },
};
