/**
 * A Thunderbird address book as a sync store (bridge-core's ItemStore contract, see sync/store.ts), over the
 * `addressBooks.contacts` API: one item per contact, its vCard as data.
 *
 * What the API gives and what it cannot guarantee:
 * - Ids: a contact's id is its vCard UID in Thunderbird, so a UID maps to one id for good.
 * - Versions: contacts carry no ETag or change counter, so the version is a hash of the vCard text Thunderbird
 *   holds. Any change to the text (an edit in Thunderbird, a photo) changes it; an edit that leaves the text
 *   identical is not a change anyway.
 * - Conditional writes: the API has no "update if unchanged". update/delete read the contact, compare its
 *   version, then write: an edit the user makes in the few milliseconds between the read and the write is
 *   overwritten (it is not lost without trace only if it reaches the server first). The window is one
 *   round-trip inside Thunderbird's process, not a network exchange.
 * - Creates never overwrite: Thunderbird refuses a second contact with the same UID ("Duplicate contact id"),
 *   which is turned into the contract's PreconditionFailedError with that contact's id.
 * - Reads: the whole book comes in one `list()` with every vCard, so changesSince always answers the complete
 *   listing WITH the data (the engine then asks nothing more). A contact whose text is no vCard comes back as
 *   unreadable, never as absent.
 * - Thunderbird rewrites what it stores (vCard 4.0): a write's version is read back after the write.
 */
import { sync } from '@dav-bridge/core';
import type { ContactNode, ContactsApi } from '../thunderbird-api.js';
import { storeErrorText } from './store-errors.js';

/** The version of a vCard as Thunderbird holds it. */
export function contactVersion(vCard: string): string {
  return sync.fnv1a64(vCard);
}

const NOT_FOUND = /could not be found|not found/i;
const DUPLICATE = /duplicate contact id/i;

function isVCard(text: unknown): text is string {
  return typeof text === 'string' && /^BEGIN:VCARD/i.test(text.trimStart()) && /END:VCARD\s*$/i.test(text);
}

export interface ContactStoreOptions {
  contacts: ContactsApi;
  bookId: string;
  /** Name in reports ("Thunderbird: Équipe technique"). */
  name: string;
}

export class ThunderbirdContactStore implements sync.ItemStore {
  readonly readOnly = false;
  readonly name: string;
  /** Thunderbird's database is local: a few writes at once keep the main thread responsive. */
  readonly concurrency = 4;
  private readonly contacts: ContactsApi;
  private readonly bookId: string;

  constructor(options: ContactStoreOptions) {
    this.contacts = options.contacts;
    this.bookId = options.bookId;
    this.name = options.name;
  }

  async list(): Promise<sync.ItemRef[]> {
    return (await this.contacts.list(this.bookId)).map((c) => ({ id: c.id, version: this.versionOf(c) }));
  }

  /** One read of the whole book, data included: the engine fetches nothing more. */
  async changesSince(_token: string | null): Promise<sync.ChangeSet> {
    const nodes = await this.contacts.list(this.bookId);
    return {
      changed: nodes.map((c) => ({
        id: c.id,
        version: this.versionOf(c),
        ...(isVCard(c.vCard) ? { data: c.vCard } : {}),
      })),
      deleted: [],
      token: 'full',
      full: true,
    };
  }

  async getMany(ids: string[]): Promise<sync.ReadResult[]> {
    const out: sync.ReadResult[] = [];
    for (const id of ids) {
      try {
        const c = await this.contacts.get(id);
        if (c.parentId !== this.bookId) continue; // moved to another book: gone from this one
        out.push(isVCard(c.vCard) ? { id, version: contactVersion(c.vCard), data: c.vCard } : unreadable(id));
      } catch (e) {
        if (NOT_FOUND.test(String(e))) continue;
        out.push({ id, unreadable: storeErrorText('storeReadFailed', e) });
      }
    }
    return out;
  }

  async create(data: string, _suggestedId?: string): Promise<sync.ItemRef> {
    const uid = sync.extractUid(data);
    let id: string;
    try {
      id = await this.contacts.create(this.bookId, data);
    } catch (e) {
      if (uid !== undefined && DUPLICATE.test(String(e))) throw new sync.PreconditionFailedError(uid, String(e));
      throw new sync.ItemError(uid ?? '', storeErrorText('storeContactRefused', e));
    }
    return { id, version: await this.currentVersion(id) };
  }

  async update(id: string, data: string, ifVersion: string): Promise<{ version: string }> {
    await this.expectVersion(id, ifVersion);
    try {
      await this.contacts.update(id, data);
    } catch (e) {
      if (NOT_FOUND.test(String(e))) throw new sync.NotFoundError(id, String(e));
      throw new sync.ItemError(id, storeErrorText('storeChangeRefused', e));
    }
    return { version: await this.currentVersion(id) };
  }

  async delete(id: string, ifVersion: string): Promise<void> {
    await this.expectVersion(id, ifVersion);
    try {
      await this.contacts.delete(id);
    } catch (e) {
      if (NOT_FOUND.test(String(e))) throw new sync.NotFoundError(id, String(e));
      throw new sync.ItemError(id, storeErrorText('storeDeletionRefused', e));
    }
  }

  private versionOf(c: ContactNode): string {
    // Not a vCard: an empty version makes the engine read it, and getMany reports it unreadable.
    return isVCard(c.vCard) ? contactVersion(c.vCard) : '';
  }

  private async read(id: string): Promise<ContactNode> {
    try {
      const c = await this.contacts.get(id);
      if (c.parentId !== this.bookId) throw new sync.NotFoundError(id, storeErrorText('storeContactLeftBook'));
      return c;
    } catch (e) {
      if (e instanceof sync.StoreError) throw e;
      if (NOT_FOUND.test(String(e))) throw new sync.NotFoundError(id, String(e));
      throw e;
    }
  }

  private async currentVersion(id: string): Promise<string> {
    return contactVersion((await this.read(id)).vCard);
  }

  /** The API's only "If-Match": read, compare, then write (see the header for the window this leaves). */
  private async expectVersion(id: string, ifVersion: string): Promise<void> {
    const current = await this.read(id);
    if (contactVersion(current.vCard) !== ifVersion) {
      throw new sync.PreconditionFailedError(id, storeErrorText('storeContactChanged'));
    }
  }
}

function unreadable(id: string): sync.UnreadableItem {
  return { id, unreadable: storeErrorText('storeNotVCard') };
}
