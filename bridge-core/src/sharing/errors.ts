/** Sharing errors: DavError subclasses carrying a catalog message, so every caller gets the same `localized(lang)`. */
import { DavError, type DavErrorCode } from '../dav/errors.js';
import { catalog, message, type AccessLevel, type MessageKey, type MessageParams } from '../i18n/index.js';

export type SharingReason =
  | 'no-sharing-protocol'
  | 'unsupported-level'
  | 'unsupported-private-events'
  | 'unknown-sharee'
  | 'not-shared'
  | 'unknown-invitation'
  | 'no-invitations'
  | 'cannot-publish'
  | 'not-published'
  | 'cannot-leave'
  | 'not-allowed'
  | 'refused';

type SharingKey = Extract<MessageKey, `sharing.${string}`>;

export class SharingError extends DavError {
  /** The stable code the API and the shells switch on (finer than the DAV code). */
  readonly reason: SharingReason;
  constructor(
    reason: SharingReason,
    text: ConstructorParameters<typeof DavError>[1],
    options: { url: string; status?: number; detail?: string; cause?: unknown; code?: DavErrorCode },
  ) {
    super(
      options.code ??
        (reason === 'not-allowed'
          ? 'forbidden'
          : reason.startsWith('unknown') || reason.startsWith('not-')
            ? 'not-found'
            : 'bad-request'),
      text,
      options,
    );
    this.reason = reason;
  }
}

/** A sharing refusal: its stable reason, and its sentence as a catalog key with parameters. */
export function sharingError<K extends SharingKey>(
  reason: SharingReason,
  url: string,
  key: K,
  params: MessageParams[K],
  extra: { status?: number; detail?: string; cause?: unknown } = {},
): SharingError {
  return new SharingError(reason, message(key, params), { url, ...extra });
}

/** The rights' names in both languages (read / Lecture ...), from the catalog, for shells that show both. */
export const ACCESS_LABEL: Record<AccessLevel, { en: string; fr: string }> = {
  read: { en: catalog('en').accessLevel.read, fr: catalog('fr').accessLevel.read },
  'read-write': { en: catalog('en').accessLevel['read-write'], fr: catalog('fr').accessLevel['read-write'] },
  admin: { en: catalog('en').accessLevel.admin, fr: catalog('fr').accessLevel.admin },
};
