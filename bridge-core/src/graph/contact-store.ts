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
 * - The photo is not sent (reported): Graph takes it with a separate PUT of the image bytes.
 */
import { message } from '../i18n/index.js';
import type { GraphClient } from './graph-client.js';
import { UID_PROPERTY } from './graph-store.js';
import { contactToVcard, vcardToContact, type GraphContactRead } from './contact-mapping.js';
import { findOrCreateContainer } from './graph-collection.js';
import { OwnedContainerStore, type OwnedContainerOptions } from './owned-container-store.js';

/** The vCard text the bridge last wrote for the contact. */
export const VCARD_PROPERTY = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name DavBridgeVCard';
export { UID_PROPERTY as CONTACT_UID_PROPERTY };

export interface GraphContactStoreOptions extends OwnedContainerOptions {
  folderId: string;
  /** The subscribed address book's Outlook category, put first on every contact and taken off reading back. */
  category?: string;
}

export class GraphContactStore extends OwnedContainerStore<GraphContactRead> {
  protected readonly collection: string;
  protected readonly readQuery = `$expand=${encodeURIComponent(
    `singleValueExtendedProperties($filter=id eq '${UID_PROPERTY}' or id eq '${VCARD_PROPERTY}')`,
  )}`;

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

  protected toText(c: GraphContactRead): string {
    return contactToVcard(c, {
      uid: this.uidOf(c) ?? c.id,
      original: this.ext(c, VCARD_PROPERTY),
      ...(this.opts.category !== undefined ? { category: this.opts.category } : {}),
    });
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
        message('graph.contact-downgrade', { uid: mapped.uid, downgrade }),
      ),
    };
  }

  protected createBody(_id: string, text: string) {
    return this.map(text);
  }

  protected updateRequests(_id: string, text: string) {
    const { body, downgrades } = this.map(text);
    return { body, downgrades };
  }
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
