/**
 * Typed DAV errors. Every error carries a stable code, the URL it concerns, the HTTP status when there was one,
 * and its sentence as a message-catalog key with parameters: the people reading them are end users, not DAV
 * experts, and read them in their own language (src/i18n renders them).
 */
import { message, render, type Lang, type Message, type Operation } from '../i18n/index.js';

export type DavErrorCode =
  | 'authentication-failed'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'precondition-failed'
  | 'rate-limited'
  | 'insufficient-storage'
  | 'server-error'
  | 'not-dav-server'
  | 'network-unreachable'
  | 'timeout'
  | 'malformed-response'
  | 'bad-request';

/** What a request does, for "you may not do X": a catalog operation. */
export type RequestPurpose = Operation;

export class DavError extends Error {
  readonly code: DavErrorCode;
  readonly url: string;
  readonly status: number | undefined;
  /** The sentence as a catalog key and parameters; the shells render it in the user's language. */
  readonly text: Message;
  /** A short excerpt of what the server said (title of an HTML page, DAV error element...), when useful. */
  readonly detail: string | undefined;

  constructor(
    code: DavErrorCode,
    text: Message,
    options: { url: string; status?: number; detail?: string; cause?: unknown },
  ) {
    super(render('en', text), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.url = options.url;
    this.status = options.status;
    this.detail = options.detail;
    this.text = text;
  }

  get messageFr(): string {
    return this.localized('fr');
  }

  /** The message in the user's language. */
  localized(lang: Lang): string {
    return render(lang, this.text);
  }
}

export class AuthenticationError extends DavError {}
export class ForbiddenError extends DavError {
  /** Privileges the server said were missing (DAV:need-privileges), e.g. ["write-content"]. */
  missingPrivileges: string[] = [];
}
export class NotFoundError extends DavError {}
export class ConflictError extends DavError {}
export class PreconditionFailedError extends DavError {}
export class RateLimitedError extends DavError {}
export class InsufficientStorageError extends DavError {}
export class ServerError extends DavError {}
export class NotDavServerError extends DavError {}
export class NetworkError extends DavError {}
export class TimeoutError extends DavError {}
export class MalformedResponseError extends DavError {}
export class BadRequestError extends DavError {}

const STATUS_KEYS: Record<number, { code: DavErrorCode; make: typeof DavError }> = {
  401: { code: 'authentication-failed', make: AuthenticationError },
  404: { code: 'not-found', make: NotFoundError },
  410: { code: 'not-found', make: NotFoundError },
  409: { code: 'conflict', make: ConflictError },
  412: { code: 'precondition-failed', make: PreconditionFailedError },
  429: { code: 'rate-limited', make: RateLimitedError },
  507: { code: 'insufficient-storage', make: InsufficientStorageError },
};

/** Builds the typed error for an HTTP status the caller did not expect. */
export function errorForStatus(
  status: number,
  url: string,
  detail?: string,
  purpose: RequestPurpose = 'request',
): DavError {
  const opts = { url, status, ...(detail ? { detail } : {}) };
  const ctx = { status, url, detail };
  if (status === 403) {
    return new ForbiddenError('forbidden', message('dav.forbidden', { ...ctx, operation: purpose }), opts);
  }
  const known = STATUS_KEYS[status];
  if (known) return new known.make(known.code, message(`dav.${known.code}` as 'dav.not-found', ctx), opts);
  if (status >= 500) return new ServerError('server-error', message('dav.server-error', ctx), opts);
  return new BadRequestError('bad-request', message('dav.bad-request', ctx), opts);
}

export function notDavServer(url: string, detail?: string): NotDavServerError {
  return new NotDavServerError('not-dav-server', message('dav.not-dav-server', { url, detail }), {
    url,
    ...(detail ? { detail } : {}),
  });
}

export function malformedResponse(url: string, detail: string, status?: number): MalformedResponseError {
  return new MalformedResponseError('malformed-response', message('dav.malformed-response', { url, detail }), {
    url,
    detail,
    ...(status === undefined ? {} : { status }),
  });
}
