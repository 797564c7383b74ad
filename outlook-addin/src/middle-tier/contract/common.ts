/**
 * Shared pieces of the HTTP contract. Everything under contract/ is plain JSON Schema built with TypeBox: Fastify
 * validates requests with it, @fastify/swagger turns it into the served OpenAPI document, and the task pane takes
 * its types from it (type-only imports: no schema code reaches the pane bundle). No Node built-ins here.
 */
import { Type, type TSchema } from '@sinclair/typebox';

export const TextSchema = Type.Object({ en: Type.String(), fr: Type.String() });

/** The one error shape of the API (http/api-error.ts): a stable code and the message in both languages. */
export const ApiErrorBodySchema = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'Stable code to switch on (invalid-request, not-signed-in, ...)' }),
    message: Type.String({ description: "In the caller's language (lang query, then Accept-Language)" }),
    messages: TextSchema,
  }),
});

/** Error answers every API route may give. */
export const errorResponses = { '4xx': ApiErrorBodySchema, '5xx': ApiErrorBodySchema } as const;

export const NoContent = Type.Null({ description: 'No content' });

/** Text of 1..max characters. */
export const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });

/**
 * An optional text field: absent, null or '' all mean "not given" (what clients already send; routes read it with
 * `|| undefined`).
 */
export const OptionalText = (maxLength: number, description?: string) =>
  Type.Optional(Type.Union([Type.String({ maxLength, ...(description ? { description } : {}) }), Type.Null()]));

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 1024 }) });

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** Routes that need a signed-in caller: the session cookie (with CSRF header) or a device bearer token. */
export const signedIn: Array<Record<string, string[]>> = [{ sessionCookie: [] }, { deviceToken: [] }];
