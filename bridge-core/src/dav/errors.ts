/**
 * Typed DAV errors. Every error carries the URL it concerns, the HTTP status when there was one, and a
 * plain-language message in English and French, because the people reading them are end users, not DAV experts.
 */
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

export interface LocalizedText {
  en: string;
  fr: string;
}

export class DavError extends Error {
  readonly code: DavErrorCode;
  readonly url: string;
  readonly status: number | undefined;
  readonly messageFr: string;
  /** A short excerpt of what the server said (title of an HTML page, DAV error element...), when useful. */
  readonly detail: string | undefined;

  constructor(
    code: DavErrorCode,
    text: LocalizedText,
    options: { url: string; status?: number; detail?: string; cause?: unknown },
  ) {
    super(text.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.url = options.url;
    this.status = options.status;
    this.detail = options.detail;
    this.messageFr = text.fr;
  }

  /** The message in the user's language. */
  localized(lang: 'en' | 'fr'): string {
    return lang === 'fr' ? this.messageFr : this.message;
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

function withDetail(text: string, detail: string | undefined): string {
  return detail ? `${text} (${detail})` : text;
}

/** Builds the typed error for an HTTP status the caller did not expect. */
export function errorForStatus(
  status: number,
  url: string,
  detail?: string,
  what = 'this request',
  whatFr = 'cette requête',
): DavError {
  const opts = { url, status, ...(detail ? { detail } : {}) };
  const en = (s: string) => withDetail(`${s} [HTTP ${status}, ${url}]`, detail);
  const fr = (s: string) => withDetail(`${s} [HTTP ${status}, ${url}]`, detail);
  switch (status) {
    case 401:
      return new AuthenticationError(
        'authentication-failed',
        {
          en: en('The server rejected the user name or password. Check them, or create a new app password'),
          fr: fr(
            "Le serveur a refusé l'identifiant ou le mot de passe. Vérifiez-les ou créez un nouveau mot de passe d'application",
          ),
        },
        opts,
      );
    case 403:
      return new ForbiddenError(
        'forbidden',
        {
          en: en(`You do not have the right to do ${what} on this resource`),
          fr: fr(`Vous n'avez pas le droit d'effectuer ${whatFr} sur cette ressource`),
        },
        opts,
      );
    case 404:
    case 410:
      return new NotFoundError(
        'not-found',
        { en: en('Nothing exists at this address (anymore)'), fr: fr("Rien n'existe (plus) à cette adresse") },
        opts,
      );
    case 409:
      return new ConflictError(
        'conflict',
        {
          en: en('The server refused because of a conflict (the parent collection may not exist)'),
          fr: fr("Le serveur a refusé à cause d'un conflit (la collection parente n'existe peut-être pas)"),
        },
        opts,
      );
    case 412:
      return new PreconditionFailedError(
        'precondition-failed',
        {
          en: en('The item changed on the server since it was last read; nothing was overwritten'),
          fr: fr("L'élément a changé sur le serveur depuis sa dernière lecture ; rien n'a été écrasé"),
        },
        opts,
      );
    case 429:
      return new RateLimitedError(
        'rate-limited',
        {
          en: en('The server asks to slow down (too many requests); try again later'),
          fr: fr('Le serveur demande de ralentir (trop de requêtes) ; réessayez plus tard'),
        },
        opts,
      );
    case 507:
      return new InsufficientStorageError(
        'insufficient-storage',
        {
          en: en('The server has no room left (quota exceeded)'),
          fr: fr("Le serveur n'a plus de place (quota dépassé)"),
        },
        opts,
      );
    default:
      if (status >= 500) {
        return new ServerError(
          'server-error',
          {
            en: en('The server failed to answer this request; try again later'),
            fr: fr("Le serveur n'a pas pu répondre à cette requête ; réessayez plus tard"),
          },
          opts,
        );
      }
      return new BadRequestError(
        'bad-request',
        { en: en('The server refused the request'), fr: fr('Le serveur a refusé la requête') },
        opts,
      );
  }
}

export function notDavServer(url: string, detail?: string): NotDavServerError {
  return new NotDavServerError(
    'not-dav-server',
    {
      en: withDetail(`No CalDAV/CardDAV service answers at ${url}`, detail),
      fr: withDetail(`Aucun service CalDAV/CardDAV ne répond à ${url}`, detail),
    },
    { url, ...(detail ? { detail } : {}) },
  );
}

export function malformedResponse(url: string, detail: string, status?: number): MalformedResponseError {
  return new MalformedResponseError(
    'malformed-response',
    {
      en: `The server sent a response that cannot be read (${detail}) [${url}]`,
      fr: `Le serveur a envoyé une réponse illisible (${detail}) [${url}]`,
    },
    { url, detail, ...(status === undefined ? {} : { status }) },
  );
}
