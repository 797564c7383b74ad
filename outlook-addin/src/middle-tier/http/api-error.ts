/**
 * The one error shape the JSON API returns: a stable `code` the pane and the Thunderbird extension can switch on,
 * and a plain-language message in both languages (the one matching the request first, as `message`), rendered
 * from core's message catalog.
 */
import { DavError } from '@dav-bridge/core';
import type { Lang } from '../i18n.js';
import { inBothLanguages, message, say, type Message, type Text, type Words } from '../words.js';
import { schemaViolation, type SchemaViolation } from './schema-errors.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The sentence as a catalog message, rendered in the request's language (and both, in `messages`). */
    readonly text: Words,
    readonly headers: Record<string, string> = {},
  ) {
    super(say('en', text));
    this.name = 'ApiError';
  }
}

export interface ApiErrorBody {
  error: { code: string; message: string; messages: Text };
}

export function errorBody(err: ApiError, lang: Lang): ApiErrorBody {
  return { error: { code: err.code, message: say(lang, err.text), messages: inBothLanguages(err.text) } };
}

/** HTTP status the bridge answers with when the DAV server failed in a given way. */
function statusForDav(code: string): number {
  // Sharing errors (bridge-core/src/sharing) are DavErrors with codes of their own.
  switch (code) {
    case 'authentication-failed':
      return 401;
    case 'forbidden':
      return 403;
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'precondition-failed':
      return 412;
    case 'rate-limited':
      return 429;
    case 'timeout':
      return 504;
    case 'bad-request':
    case 'unsupported-level':
    case 'unsupported-private-events':
    case 'unknown-sharee':
      return 400;
    case 'not-allowed':
      return 403;
    case 'unknown-invitation':
    case 'not-shared':
    case 'not-published':
      return 404;
    case 'no-sharing-protocol':
    case 'cannot-publish':
    case 'cannot-leave':
    case 'no-invitations':
      return 409;
    default:
      // The DAV server (not the caller) is at fault: a gateway error.
      return 502;
  }
}

/** Converts anything thrown by a route into an ApiError; unknown errors become a generic 500 without details. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof DavError) {
    // The DAV messages name the user's own server and are meant for them; credentials are never part of them.
    // Sharing errors carry a finer `reason` (no-sharing-protocol, unknown-sharee...): that is the stable code.
    const code = (err as { reason?: string }).reason ?? err.code;
    return new ApiError(statusForDav(code), code, err.text);
  }
  const fastifyErr = err as { statusCode?: number; code?: string; validation?: unknown };
  // A request that breaks the route's JSON Schema (contract/): the field and the rule it broke, in both languages.
  if (fastifyErr && Array.isArray(fastifyErr.validation))
    return schemaViolation(fastifyErr.validation as SchemaViolation[]);
  if (fastifyErr && typeof fastifyErr.statusCode === 'number' && fastifyErr.statusCode < 500) {
    if (fastifyErr.statusCode === 415 || fastifyErr.statusCode === 400) {
      return badRequest();
    }
    if (fastifyErr.statusCode === 413) {
      return new ApiError(413, 'too-large', message('server.too-large', {}));
    }
    if (fastifyErr.statusCode === 429) return tooManyRequests(60);
  }
  return new ApiError(500, 'internal-error', message('server.internal-error', {}));
}

export const badRequest = (detail?: Message): ApiError =>
  new ApiError(400, 'invalid-request', detail ?? message('server.invalid-request', {}));

export const notSignedIn = (): ApiError => new ApiError(401, 'not-signed-in', message('server.not-signed-in', {}));

export const tooManyRequests = (retryAfterSeconds: number): ApiError =>
  new ApiError(429, 'too-many-attempts', message('server.too-many-attempts', { seconds: retryAfterSeconds }), {
    'retry-after': String(retryAfterSeconds),
  });
