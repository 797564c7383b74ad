/**
 * vCard PHOTO <-> the photo of an Outlook contact (Graph v1.0 `contact/photo/$value`: the image bytes, 4 MB at
 * most, sent apart from the contact's JSON).
 *
 * - vCard 3: `PHOTO;ENCODING=b;TYPE=JPEG:<base64>`; vCard 4: `PHOTO:data:image/jpeg;base64,<base64>`. Only these
 *   inline images (JPEG, PNG, GIF) are sent; a photo given as a link (`VALUE=uri`, `http...`) is not fetched, a
 *   larger or other image is not sent: the DAV side keeps them (reported).
 * - Photos are compared by a digest of their bytes (not of their base64 text, which servers wrap and pad
 *   differently): the contact store records the digest of what it uploaded, so an unchanged photo is never sent
 *   again and a photo Outlook did not change never comes back to the DAV side.
 */
import type { ContactDowngrade } from '../i18n/graph-items.messages.js';
import type { Component, ContentLine } from '../sync/content-lines.js';

/** Graph's documented limit for a contact photo. */
export const MAX_PHOTO_BYTES = 4 * 1024 * 1024;

/** An image Outlook can show, as Graph carries it in a `$batch` (base64). */
export interface ContactPhoto {
  contentType: string;
  base64: string;
  /** `<bytes>-<hash>` of the decoded image. */
  digest: string;
}

/** How the contact store sees Outlook's photo against the one it uploaded last: changed (to a photo or none), or not. */
export type OutlookPhotoState = { changed: false } | { changed: true; photo: ContactPhoto | null };

const TYPE_TO_MEDIA: Record<string, string> = {
  JPEG: 'image/jpeg',
  JPG: 'image/jpeg',
  PNG: 'image/png',
  GIF: 'image/gif',
};
const MEDIA_TO_TYPE: Record<string, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/gif': 'GIF' };

/** A 53-bit hash (cyrb53) of a binary string: enough to tell two photos apart, synchronous and isomorphic. */
function hash53(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

/** The photo of base64 text (whitespace and missing padding tolerated), or undefined when it is not base64. */
export function photoFromBase64(contentType: string, base64: string): ContactPhoto | undefined {
  const clean = base64.replace(/\s+/g, '');
  const bare = clean.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || bare.length % 4 === 1) return undefined;
  const padded = bare.padEnd(Math.ceil(bare.length / 4) * 4, '=');
  const bytes = atob(padded);
  return { contentType, base64: padded, digest: `${bytes.length}-${hash53(bytes)}` };
}

/** What a vCard's first PHOTO is for Outlook: a photo to send, a reason it is not sent, or nothing. */
export type VcardPhoto =
  { photo: ContactPhoto } | { notSent: Extract<ContactDowngrade, { code: 'photo-kept-aside' }>['reason'] } | undefined;

const param = (l: ContentLine, name: string) =>
  l.params
    .find(([k]) => k === name)?.[1]
    ?.replace(/^"|"$/g, '')
    .toUpperCase();

export function vcardPhoto(card: Component): VcardPhoto {
  const line = card.props.find((l) => l.name === 'PHOTO');
  if (!line) return undefined;
  let media: string | undefined;
  let data: string;
  const uri = /^data:([^;,]*)(;base64)?,(.*)$/is.exec(line.value);
  if (uri) {
    if (!uri[2]) return { notSent: 'format' };
    media = uri[1]!.toLowerCase() || undefined;
    data = uri[3]!;
  } else if (['B', 'BASE64'].includes(param(line, 'ENCODING') ?? '')) {
    const type = param(line, 'TYPE') ?? param(line, 'MEDIATYPE') ?? '';
    media = TYPE_TO_MEDIA[type] ?? (type.startsWith('IMAGE/') ? type.toLowerCase() : undefined);
    data = line.value;
  } else return { notSent: 'link' };
  if (!media || !MEDIA_TO_TYPE[media]) return { notSent: 'format' };
  const photo = photoFromBase64(media, data);
  if (!photo) return { notSent: 'format' };
  if (Number(photo.digest.split('-')[0]) > MAX_PHOTO_BYTES) return { notSent: 'too-large' };
  return { photo };
}

/** The PHOTO line for Outlook's image in the card's vCard version (3: ENCODING=b, 4: a data: URI), unfolded. */
export function photoLine(photo: ContactPhoto, version: string): string {
  return version.startsWith('4')
    ? `PHOTO:data:${photo.contentType};base64,${photo.base64}`
    : `PHOTO;ENCODING=b;TYPE=${MEDIA_TO_TYPE[photo.contentType] ?? 'JPEG'}:${photo.base64}`;
}
