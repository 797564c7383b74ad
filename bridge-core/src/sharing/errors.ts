/** Sharing errors: DavError subclasses, so every caller gets the same bilingual `localized(lang)`. */
import { DavError, type DavErrorCode, type LocalizedText } from '../dav/errors.js';

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

export class SharingError extends DavError {
  readonly reason: SharingReason;
  constructor(
    reason: SharingReason,
    text: LocalizedText,
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

export function sharingError(
  reason: SharingReason,
  url: string,
  en: string,
  fr: string,
  extra: { status?: number; detail?: string; cause?: unknown } = {},
): SharingError {
  return new SharingError(reason, { en, fr }, { url, ...extra });
}

export const ACCESS_LABEL: Record<'read' | 'read-write' | 'admin', { en: string; fr: string }> = {
  read: { en: 'read', fr: 'Lecture' },
  'read-write': { en: 'read-write', fr: 'Ecriture' },
  admin: { en: 'admin (may manage sharing)', fr: 'Gestion (peut gérer le partage)' },
};
