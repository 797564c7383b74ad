/**
 * The sync engine's item store over an Outlook contact folder the bridge creates and owns (Graph v1.0 `contact`).
 *
 * - Ids are immutable ids (`Prefer: IdType="ImmutableId"`, set by GraphClient); versions are change keys;
 *   writes carry `If-Match`.
 * - The vCard UID lives in a single-value extended property (the same named property as the events' UID:
 *   filterable), the vCard text the bridge last wrote in a second one: contact-mapping.ts reads it back so what
 *   Outlook has no room for stays exact on the DAV side. The folder's UID index is read once per run and
 *   checked before each create: a run that crashed between the create and the status commit finds its contact.
 * - Listing: the folder's contacts delta (`/me/contactFolders/{id}/contacts/delta`) with the 410 fallback.
 * - The photo (contact-photo.ts) travels apart from the contact's JSON, in the same `$batch`es: after a create or
 *   an update whose card has a new inline photo, PATCH `/photo/$value` with the image, read it back (Exchange may
 *   serve other bytes than it was given, e.g. resized), then keep the digests of what was sent and of what Outlook
 *   serves in a third extended property (the answer of that PATCH is the contact's final version, so the next run
 *   does not read the bridge's own write back). An update first reads that digest (one GET in the batch): an
 *   unchanged photo is not sent again. Reading a contact also reads its photo (`GET /photo/$value`, 404 = none)
 *   and compares it with the digest: only a photo Outlook changed, added or removed comes back to the DAV side.
 *   Graph v1.0 has no way to remove a contact's photo: one removed on the DAV side stays in Outlook (reported),
 *   its digest marked "removed" so it never comes back.
 */
import { message } from '../i18n/index.js';
import type { ItemRef, ReadResult } from '../sync/store.js';
import { errorOf, type GraphClient, type GraphResponse } from './graph-client.js';
import { UID_PROPERTY } from './graph-store.js';
import { contactToVcard, vcardToContact, type ContactToGraphResult, type GraphContactRead } from './contact-mapping.js';
import { photoFromBase64, type ContactPhoto, type OutlookPhotoState } from './contact-photo.js';
import { findOrCreateContainer, writeAnswer } from './graph-collection.js';
import { OwnedContainerStore, type OwnedContainerOptions } from './owned-container-store.js';

/** The vCard text the bridge last wrote for the contact. */
export const VCARD_PROPERTY = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name DavBridgeVCard';
export { UID_PROPERTY as CONTACT_UID_PROPERTY };
/**
 * The photo the bridge last sent to the contact: "<digest sent> <digest Outlook serves>" (one digest when they are
 * the same), prefixed "removed:" once the photo was removed on the DAV side.
 */
export const PHOTO_PROPERTY = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name DavBridgePhoto';
const REMOVED = 'removed:';

export interface GraphContactStoreOptions extends OwnedContainerOptions {
  folderId: string;
  /** The subscribed address book's Outlook category, put first on every contact and taken off reading back. */
  category?: string;
}

export class GraphContactStore extends OwnedContainerStore<GraphContactRead> {
  protected readonly collection: string;
  protected readonly readQuery = `$expand=${encodeURIComponent(
    `singleValueExtendedProperties($filter=id eq '${UID_PROPERTY}' or id eq '${VCARD_PROPERTY}' or id eq '${PHOTO_PROPERTY}')`,
  )}`;
  /** Updates whose card no longer has the photo the bridge sent: its property value, marked removed by the PATCH. */
  private readonly photoRemoved = new Map<string, string>();

  constructor(private readonly opts: GraphContactStoreOptions) {
    super(opts);
    this.collection = `/me/contactFolders/${encodeURIComponent(opts.folderId)}/contacts`;
  }

  protected override versionOf(c: GraphContactRead): string {
    return c.changeKey ?? c['@odata.etag'] ?? '';
  }

  protected itemUrl(id: string): string {
    return `/me/contacts/${encodeURIComponent(id)}`;
  }

  private ext(c: GraphContactRead, name: string): string | undefined {
    return c.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === name.toLowerCase())?.value;
  }

  protected uidOf(c: GraphContactRead): string | undefined {
    return this.ext(c, UID_PROPERTY);
  }

  /** The card of a contact whose photo was not read: its photo taken as unchanged. */
  protected toText(c: GraphContactRead, photo?: OutlookPhotoState): string {
    return contactToVcard(c, {
      uid: this.uidOf(c) ?? c.id,
      original: this.ext(c, VCARD_PROPERTY),
      ...(this.opts.category !== undefined ? { category: this.opts.category } : {}),
      ...(photo ? { photo } : {}),
    });
  }

  private photoUrl(id: string): string {
    return `${this.itemUrl(id)}/photo/$value`;
  }

  /** The photo the bridge sent last (digests of the bytes sent and of those Outlook serves), and if since removed. */
  private sentPhoto(c: GraphContactRead): { value: string; digest: string; served: string; removed: boolean } {
    const raw = this.ext(c, PHOTO_PROPERTY) ?? '';
    const removed = raw.startsWith(REMOVED);
    const value = removed ? raw.slice(REMOVED.length) : raw;
    const [digest = '', served = digest] = value.split(' ');
    return { value, digest, served, removed };
  }

  /** Outlook's photo against the bridge's: unchanged (its own, even one removed on the DAV side), or changed. */
  private photoState(c: GraphContactRead, outlook: ContactPhoto | null): OutlookPhotoState {
    const sent = this.sentPhoto(c);
    if (outlook) return outlook.digest === sent.served ? { changed: false } : { changed: true, photo: outlook };
    return sent.digest && !sent.removed ? { changed: true, photo: null } : { changed: false };
  }

  /** Each contact with its photo, two requests of the same `$batch`es. */
  override async getMany(ids: string[]): Promise<ReadResult[]> {
    const answers = await this.client.batch(
      ids.flatMap((id) => [
        { method: 'GET' as const, url: `${this.itemUrl(id)}?${this.readQuery}` },
        { method: 'GET' as const, url: this.photoUrl(id) },
      ]),
    );
    const out: ReadResult[] = [];
    ids.forEach((id, i) => {
      const [res, photoRes] = [answers[2 * i]!, answers[2 * i + 1]!];
      if (res.status === 404) return; // Graph knows it is gone: a deletion.
      const failed = res.status !== 200 ? res : photoRes.status !== 200 && photoRes.status !== 404 ? photoRes : null;
      if (failed) {
        out.push({ id, unreadable: `HTTP ${failed.status} ${errorOf(failed).code}` });
        return;
      }
      const c = res.body as GraphContactRead;
      let outlook: ContactPhoto | null = null;
      if (photoRes.status === 200) {
        outlook = answeredPhoto(photoRes) ?? null;
        if (!outlook) {
          out.push({ id, unreadable: `HTTP ${photoRes.status} PhotoNotBase64` });
          return;
        }
      }
      try {
        out.push({ id, version: this.versionOf(c), data: this.toText(c, this.photoState(c, outlook)) });
      } catch (err) {
        out.push({ id, unreadable: String(err) });
      }
    });
    return out;
  }

  override async create(data: string): Promise<ItemRef> {
    const ref = await super.create(data);
    const mapped = this.mappedOrUndefined(data);
    if (!mapped?.photo) return ref;
    return { id: ref.id, version: (await this.sendPhoto(ref.id, mapped.uid, mapped.photo)) ?? ref.version };
  }

  override async update(id: string, data: string, ifVersion: string): Promise<{ version: string }> {
    const mapped = this.mappedOrUndefined(data);
    if (!mapped) return super.update(id, data, ifVersion); // bad input: the base reports it
    const before = await this.client.queued({
      method: 'GET',
      url: `${this.itemUrl(id)}?$select=id&$expand=${encodeURIComponent(
        `singleValueExtendedProperties($filter=id eq '${PHOTO_PROPERTY}')`,
      )}`,
    });
    const sent = before.status === 200 ? this.sentPhoto(before.body as GraphContactRead) : undefined;
    if (!mapped.photo && sent?.digest && !sent.removed) this.photoRemoved.set(id, sent.value);
    let result: { version: string };
    try {
      result = await super.update(id, data, ifVersion);
    } finally {
      this.photoRemoved.delete(id);
    }
    if (!mapped.photo || (sent?.digest === mapped.photo.digest && !sent.removed)) return result;
    return { version: (await this.sendPhoto(id, mapped.uid, mapped.photo)) ?? result.version };
  }

  /**
   * Sends the photo, reads back what Outlook serves, then writes both digests; the contact's version after that, or
   * undefined when Graph refused the photo (reported; the DAV side keeps it, and no digest is written, so it is not
   * taken as removed in Outlook).
   */
  private async sendPhoto(id: string, uid: string, photo: ContactPhoto): Promise<string | undefined> {
    const put = await this.client.queued({
      method: 'PATCH',
      url: this.photoUrl(id),
      headers: { 'Content-Type': photo.contentType },
      body: photo.base64,
    });
    if (put.status >= 300) {
      this.opts.onReport?.(
        message('graph.contact-downgrade', { uid, downgrade: { code: 'photo-kept-aside', reason: 'refused' } }),
      );
      return undefined;
    }
    const back = await this.client.queued({ method: 'GET', url: this.photoUrl(id) });
    const served = back.status === 200 ? answeredPhoto(back, photo.contentType)?.digest : undefined;
    const value = served && served !== photo.digest ? `${photo.digest} ${served}` : photo.digest;
    const res = await this.client.queued({
      method: 'PATCH',
      url: this.itemUrl(id),
      body: { singleValueExtendedProperties: [{ id: PHOTO_PROPERTY, value }] },
    });
    return this.versionOf(writeAnswer(id, res) as GraphContactRead);
  }

  private mappedOrUndefined(text: string): ContactToGraphResult | undefined {
    try {
      return vcardToContact(text, this.opts.category !== undefined ? { category: this.opts.category } : {});
    } catch {
      return undefined;
    }
  }

  private map(text: string) {
    const mapped = vcardToContact(text, this.opts.category !== undefined ? { category: this.opts.category } : {});
    return {
      uid: mapped.uid,
      body: {
        ...mapped.contact,
        singleValueExtendedProperties: [
          { id: UID_PROPERTY, value: mapped.uid },
          { id: VCARD_PROPERTY, value: text },
        ],
      },
      downgrades: mapped.downgrades.map((downgrade) =>
        message('graph.contact-downgrade', {
          uid: mapped.uid,
          downgrade,
          ...(mapped.contact.displayName ? { title: mapped.contact.displayName } : {}),
        }),
      ),
    };
  }

  protected createBody(_id: string, text: string) {
    return this.map(text);
  }

  protected updateRequests(id: string, text: string) {
    const { uid, body, downgrades } = this.map(text);
    const removed = this.photoRemoved.get(id);
    if (removed === undefined) return { body, downgrades };
    return {
      body: {
        ...body,
        singleValueExtendedProperties: [
          ...body.singleValueExtendedProperties,
          { id: PHOTO_PROPERTY, value: `${REMOVED}${removed}` },
        ],
      },
      downgrades: [
        ...downgrades,
        message('graph.contact-downgrade', { uid, downgrade: { code: 'photo-not-removed' } }),
      ],
    };
  }
}

/** The photo a `GET .../photo/$value` answered in a `$batch` (base64, its type in the header); undefined if none. */
function answeredPhoto(res: GraphResponse, defaultType = 'image/jpeg'): ContactPhoto | undefined {
  if (typeof res.body !== 'string') return undefined;
  const type = (res.headers['content-type'] ?? defaultType).split(';')[0]!.trim().toLowerCase();
  return photoFromBase64(type, res.body);
}

/** The bridge's own contact folder for a subscribed address book: found by name, else created. */
export async function ensureContactFolder(client: GraphClient, name: string): Promise<string> {
  return findOrCreateContainer<{ id: string; displayName: string }>(
    client,
    '/me/contactFolders?$top=100',
    (c) => c.displayName === name,
    async () => ((await client.ok('POST', '/me/contactFolders', { displayName: name })) as { id: string }).id,
  );
}
