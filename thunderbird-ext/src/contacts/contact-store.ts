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
 * - Thunderbird rewrites what it stores (vCard 4.0): a write's version is that of the text its event about the
 *   write carries (write-echoes.ts), read back only when no event comes.
 * - Pace: one write at a time, a turn of the event loop between two (write-pacer.ts): every call is a task on
 *   Thunderbird's main thread, and calls sent together make it pause (measured by the Thunderbird benchmark).
 * - Reads: only the API's own "contact … could not be found" means gone; any other failure is unreadable.
 */
import { sync } from '@dav-bridge/core';
import type { ContactNode, ContactsApi } from '../thunderbird-api.js';
import { storeErrorText } from './store-errors.js';
import { WriteEchoes } from './write-echoes.js';
import { WritePacer } from './write-pacer.js';

/** The version of a vCard as Thunderbird holds it. */
export function contactVersion(vCard: string): string {
  return sync.fnv1a64(vCard);
}

/**
 * The API's one answer for a contact that does not exist, and only it (Thunderbird 153, ext-addressBook.js:
 * "contact with id=… could not be found."). Any other failure of a read (the book gone, an internal error) says
 * nothing about the contact: it is reported unreadable, never taken for a deletion.
 */
const CONTACT_NOT_FOUND = /^(?:Error: )?contact with id=[\s\S]* could not be found\.?$/i;

function isContactNotFound(e: unknown): boolean {
  return CONTACT_NOT_FOUND.test(String((e as Error)?.message ?? e));
}
const DUPLICATE = /duplicate contact id/i;

function isVCard(text: unknown): text is string {
  return typeof text === 'string' && /^BEGIN:VCARD/i.test(text.trimStart()) && /END:VCARD\s*$/i.test(text);
}

export interface ContactStoreOptions {
  contacts: ContactsApi;
  bookId: string;
  /** Name in reports ("Thunderbird: Équipe technique"). */
  name: string;
  /** How long a write waits for Thunderbird's event about it before reading the contact back. */
  echoTimeoutMs?: number;
}

export class ThunderbirdContactStore implements sync.ItemStore {
  readonly readOnly = false;
  readonly name: string;
  /** The engine may send several writes at once; the pacer lets one through at a time (see write-pacer.ts). */
  readonly concurrency = 4;
  private readonly pacer = new WritePacer();
  private readonly contacts: ContactsApi;
  private readonly bookId: string;
  private readonly echoes: WriteEchoes;

  constructor(options: ContactStoreOptions) {
    this.contacts = options.contacts;
    this.bookId = options.bookId;
    this.name = options.name;
    this.echoes = new WriteEchoes(options.contacts, options.bookId, options.echoTimeoutMs);
  }

  /** The end of the run: stops listening to the book's events. */
  close(): void {
    this.echoes.close();
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
        if (isContactNotFound(e)) continue;
        out.push({ id, unreadable: storeErrorText('storeReadFailed', e) });
      }
    }
    return out;
  }

  create(data: string, _suggestedId?: string): Promise<sync.ItemRef> {
    return this.pacer.run(() => this.createNow(data));
  }

  update(id: string, data: string, ifVersion: string): Promise<{ version: string }> {
    return this.pacer.run(() => this.updateNow(id, data, ifVersion));
  }

  delete(id: string, ifVersion: string): Promise<void> {
    return this.pacer.run(() => this.deleteNow(id, ifVersion));
  }

  private async createNow(data: string): Promise<sync.ItemRef> {
    const uid = sync.extractUid(data);
    let id: string;
    this.echoes.prepare(uid);
    try {
      id = await this.contacts.create(this.bookId, data);
    } catch (e) {
      if (uid !== undefined && DUPLICATE.test(String(e))) throw new sync.PreconditionFailedError(uid, String(e));
      throw new sync.ItemError(uid ?? '', storeErrorText('storeContactRefused', e));
    }
    return { id, version: await this.writtenVersion(id, 'create') };
  }

  private async updateNow(id: string, data: string, ifVersion: string): Promise<{ version: string }> {
    const before = await this.expectVersion(id, ifVersion);
    this.echoes.prepare(id, before);
    try {
      await this.contacts.update(id, data);
    } catch (e) {
      if (isContactNotFound(e)) throw new sync.NotFoundError(id, String(e));
      throw new sync.ItemError(id, storeErrorText('storeChangeRefused', e));
    }
    return { version: await this.writtenVersion(id, 'update') };
  }

  private async deleteNow(id: string, ifVersion: string): Promise<void> {
    await this.expectVersion(id, ifVersion);
    try {
      await this.contacts.delete(id);
    } catch (e) {
      if (isContactNotFound(e)) throw new sync.NotFoundError(id, String(e));
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
      if (isContactNotFound(e)) throw new sync.NotFoundError(id, String(e));
      throw e;
    }
  }

  /** The version our write left: from Thunderbird's event about it, else read back. */
  private async writtenVersion(id: string, write: 'create' | 'update'): Promise<string> {
    const stored = await this.echoes.stored(id, write);
    return contactVersion(stored ?? (await this.read(id)).vCard);
  }

  /** The API's only "If-Match": read, compare, then write (see the header for the window this leaves); the text read. */
  private async expectVersion(id: string, ifVersion: string): Promise<string> {
    const current = await this.read(id);
    if (contactVersion(current.vCard) !== ifVersion) {
      throw new sync.PreconditionFailedError(id, storeErrorText('storeContactChanged'));
    }
    return current.vCard;
  }
}

function unreadable(id: string): sync.UnreadableItem {
  return { id, unreadable: storeErrorText('storeNotVCard') };
}
