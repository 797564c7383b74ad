/**
 * The one error shape the JSON API returns: a stable `code` the pane and the Thunderbird extension can switch on,
 * and a plain-language message in both languages (the one matching the request first, as `message`).
 */
import { DavError } from '@dav-bridge/core';
import type { Lang, Text } from '../i18n.js';
import { schemaViolation, type SchemaViolation } from './schema-errors.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Text,
    readonly headers: Record<string, string> = {},
  ) {
    super(text.en);
    this.name = 'ApiError';
  }
}

export interface ApiErrorBody {
  error: { code: string; message: string; messages: Text };
}

export function errorBody(err: ApiError, lang: Lang): ApiErrorBody {
  return { error: { code: err.code, message: err.text[lang], messages: err.text } };
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
    return new ApiError(statusForDav(code), code, { en: err.message, fr: err.messageFr });
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
      return new ApiError(413, 'too-large', {
        en: 'The request is too large.',
        fr: 'La requête est trop volumineuse.',
      });
    }
    if (fastifyErr.statusCode === 429) return tooManyRequests(60);
  }
  return new ApiError(500, 'internal-error', {
    en: 'Something went wrong in the bridge. Try again; if it persists, tell your administrator.',
    fr: 'Une erreur est survenue dans la passerelle. Réessayez ; si cela persiste, prévenez votre administrateur.',
  });
}

export const badRequest = (detail?: Text): ApiError =>
  new ApiError(
    400,
    'invalid-request',
    detail ?? {
      en: 'The request is missing information or is malformed.',
      fr: 'La requête est incomplète ou mal formée.',
    },
  );

export const notSignedIn = (): ApiError =>
  new ApiError(401, 'not-signed-in', {
    en: 'You are not signed in (or your session has expired). Please sign in again.',
    fr: "Vous n'êtes pas connecté (ou votre session a expiré). Veuillez vous reconnecter.",
  });

export const tooManyRequests = (retryAfterSeconds: number): ApiError =>
  new ApiError(
    429,
    'too-many-attempts',
    {
      en: `Too many attempts. Wait ${retryAfterSeconds} seconds before trying again.`,
      fr: `Trop de tentatives. Attendez ${retryAfterSeconds} secondes avant de réessayer.`,
    },
    { 'retry-after': String(retryAfterSeconds) },
  );
