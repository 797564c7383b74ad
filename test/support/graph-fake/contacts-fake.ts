/**
 * Graph fake, Outlook contacts part: contact folders and contacts of Graph v1.0 (`contactFolder`, `contact`),
 * written from Microsoft's documented contract, strict like the rest of the fake: unknown or read-only
 * properties are rejected (`RequestBodyRead`); `$filter` on a single-value extended property; `$expand` of
 * single-value extended properties; ids immutable only with `Prefer: IdType="ImmutableId"`; `If-Match` on the
 * change key (412); delta per folder with `@removed` entries and tokens expired on demand (410
 * `syncStateNotFound`).
 *
 * Endpoints: /me/contactFolders (GET, POST), /me/contactFolders/{id} (GET, DELETE),
 * /me/contactFolders/{id}/contacts (GET, POST), /me/contactFolders/{id}/contacts/delta, /me/contacts/{id} and
 * /me/contactFolders/{fid}/contacts/{id} (GET, PATCH, DELETE), and the contact's photo .../photo/$value (GET, PUT,
 * PATCH: the image bytes, JPEG, PNG or GIF, 4 MB at most as documented; setting it changes the contact's change key
 * and puts it in the delta, as any change of the item does).
 *
 * Approximations (not stated in Microsoft's docs): more than 3 emailAddresses are refused (Outlook has three
 * email slots; the service's exact answer is not documented), as are more than 2 businessPhones or homePhones.
 * Photos travel inside `$batch` only (base64 bodies and answers, as JSON batching carries binary content; the fake's
 * direct requests are JSON); the error codes for a photo over 4 MB (413 `RequestEntityTooLarge`) or bytes that are
 * not the image their content type names (400 `ErrorInvalidImage`) are plausible ones, not documented.
 */
import { randomBytes } from 'node:crypto';
import type { Contact, ContactFolder, PhysicalAddress } from '@microsoft/microsoft-graph-types';
import { GraphError, objectBody, ok, unknownProperty, type Req, type Res } from './graph-fake.js';
import { deltaPage, skipPage } from './paging.js';
import { graphNames } from './rules.js';

type Json = Record<string, unknown>;

const WRITABLE_CONTACT = graphNames<keyof Contact>(
  'assistantName',
  'birthday',
  'businessAddress',
  'businessHomePage',
  'businessPhones',
  'categories',
  'children',
  'companyName',
  'department',
  'displayName',
  'emailAddresses',
  'fileAs',
  'generation',
  'givenName',
  'homeAddress',
  'homePhones',
  'imAddresses',
  'initials',
  'jobTitle',
  'manager',
  'middleName',
  'mobilePhone',
  'nickName',
  'officeLocation',
  'otherAddress',
  'parentFolderId',
  'personalNotes',
  'profession',
  'spouseName',
  'surname',
  'title',
  'yomiCompanyName',
  'yomiGivenName',
  'yomiSurname',
  'singleValueExtendedProperties',
  'multiValueExtendedProperties',
  'extensions',
);
const ADDRESS = graphNames<keyof PhysicalAddress>('street', 'city', 'state', 'postalCode', 'countryOrRegion');

interface StoredContact {
  id: string;
  folderId: string;
  changeKey: string;
  seq: number;
  /** What clients wrote (validated), in Microsoft's contact type. */
  body: Contact;
  extended: Map<string, string>;
  photo?: StoredPhoto;
}

export interface StoredPhoto {
  contentType: string;
  bytes: Buffer;
}

/** Graph's documented limit for a photo. */
const MAX_PHOTO_BYTES = 4 * 1024 * 1024;
/** The first bytes of each image type Graph takes for a contact photo. */
const IMAGE_MAGIC: Record<string, number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
  'image/gif': [0x47, 0x49, 0x46, 0x38],
};

/** A contact as the fake answers it: Microsoft's type and the OData annotations. */
type AnsweredContact = Contact & { '@odata.etag': string };
type Folder = Required<Pick<ContactFolder, 'id' | 'displayName'>>;

interface ContactsBox {
  folders: Map<string, Folder>;
  contacts: Map<string, StoredContact>;
  tombstones: { id: string; folderId: string; seq: number }[];
  seq: number;
  oldestValidSeq: number;
}

export class ContactsFake {
  private readonly boxes = new WeakMap<object, ContactsBox>();
  private readonly all = new Set<ContactsBox>();
  /**
   * What Outlook keeps of a photo it is given. Exchange may serve other bytes than it took (it resizes photos to
   * its own sizes): a test sets this to see the bridge cope; by default the photo is kept as given.
   */
  keepPhoto: (given: StoredPhoto) => StoredPhoto = (given) => given;

  constructor(
    private readonly baseUrl: () => string,
    private readonly pageSize: number,
    /** The user changed an item (the helpers below): Graph's change notifications (subscriptions-fake.ts). */
    private readonly onUserChange: (mailbox: object, folderId: string, id: string, change: string) => void = () => {},
  ) {}

  /** Whether the mailbox has this container (a subscription's resource must name one). */
  hasFolder(mailbox: object, id: string): boolean {
    return this.box(mailbox).folders.has(id);
  }

  expire(): void {
    for (const b of this.all) b.oldestValidSeq = b.seq + 1;
  }

  /** The contacts of a folder as Graph stores them, extended properties included (for assertions). */
  contactsOf(mailbox: object, folderId: string): AnsweredContact[] {
    return [...this.box(mailbox).contacts.values()]
      .filter((c) => c.folderId === folderId)
      .map((c) => this.render(c, true, true));
  }

  /** Edits a contact as the user would in Outlook (bumps the change key). */
  userEdit(mailbox: object, id: string, patch: Contact): void {
    const box = this.box(mailbox);
    const c = box.contacts.get(id);
    if (!c) throw new Error(`no contact ${id}`);
    Object.assign(c.body, patch);
    this.bump(box, c);
    this.onUserChange(mailbox, c.folderId, c.id, 'updated');
  }

  /** The contact's photo as Graph keeps it (for assertions), or undefined. */
  photoOf(mailbox: object, id: string): StoredPhoto | undefined {
    return this.box(mailbox).contacts.get(id)?.photo;
  }

  /** Sets or removes a contact's photo as the user would in Outlook (bumps the change key). */
  userSetPhoto(mailbox: object, id: string, photo: StoredPhoto | null): void {
    const box = this.box(mailbox);
    const c = box.contacts.get(id);
    if (!c) throw new Error(`no contact ${id}`);
    if (photo) c.photo = photo;
    else delete c.photo;
    this.bump(box, c);
  }

  userDelete(mailbox: object, id: string): void {
    const box = this.box(mailbox);
    const c = box.contacts.get(id);
    if (!c) throw new Error(`no contact ${id}`);
    box.contacts.delete(id);
    box.tombstones.push({ id, folderId: c.folderId, seq: ++box.seq });
    this.onUserChange(mailbox, c.folderId, id, 'deleted');
  }

  route(mailbox: object, path: string, req: Req): Res | undefined {
    if (!path.startsWith('/me/contactFolders') && !path.startsWith('/me/contacts/')) return undefined;
    const box = this.box(mailbox);
    const immutable = /IdType="ImmutableId"/i.test(req.headers['prefer'] ?? '');
    let m: RegExpMatchArray | null;
    if (path === '/me/contactFolders') {
      if (req.method === 'GET') return ok({ value: [...box.folders.values()].map(renderFolder) });
      if (req.method === 'POST') return this.createFolder(box, req.body);
    }
    if ((m = path.match(/^\/me\/contactFolders\/([^/]+)$/))) {
      const f = folderOr404(box, m[1]!);
      if (req.method === 'GET') return ok(renderFolder(f));
      if (req.method === 'DELETE') {
        box.folders.delete(f.id);
        for (const c of [...box.contacts.values()]) if (c.folderId === f.id) box.contacts.delete(c.id);
        return { status: 204, headers: {} };
      }
    }
    if ((m = path.match(/^\/me\/contactFolders\/([^/]+)\/contacts\/delta$/)) && req.method === 'GET') {
      return this.delta(box, folderOr404(box, m[1]!), req, immutable);
    }
    if ((m = path.match(/^\/me\/contactFolders\/([^/]+)\/contacts$/))) {
      const f = folderOr404(box, m[1]!);
      if (req.method === 'GET') return this.list(box, f, req, immutable);
      if (req.method === 'POST') return this.create(box, f, req.body, immutable);
    }
    if ((m = path.match(/^\/me(?:\/contactFolders\/[^/]+)?\/contacts\/([^/]+)\/photo\/\$value$/))) {
      const c = box.contacts.get(decodeURIComponent(m[1]!).replace(/^AAMkMutable/, ''));
      if (!c) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      if (req.method === 'GET') {
        if (!c.photo) throw new GraphError(404, 'ErrorItemNotFound', "The photo wasn't found.");
        return {
          status: 200,
          headers: { 'Content-Type': c.photo.contentType },
          body: c.photo.bytes.toString('base64'),
        };
      }
      if (req.method === 'PUT' || req.method === 'PATCH') {
        c.photo = this.keepPhoto(photoOfRequest(req));
        this.bump(box, c);
        return { status: 200, headers: {} };
      }
      throw new GraphError(405, 'ErrorInvalidRequest', 'The method is not allowed on a photo.');
    }
    if ((m = path.match(/^\/me(?:\/contactFolders\/[^/]+)?\/contacts\/([^/]+)$/))) {
      const c = box.contacts.get(decodeURIComponent(m[1]!).replace(/^AAMkMutable/, ''));
      if (!c) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      if (req.method === 'GET') return ok(this.render(c, immutable, expandsExtended(req.query)));
      const ifMatch = req.headers['if-match'];
      if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== c.changeKey && ifMatch !== `W/"${c.changeKey}"`) {
        throw new GraphError(
          412,
          'ErrorIrresolvableConflict',
          'The change key passed in the request does not match the current change key for the item.',
        );
      }
      if (req.method === 'PATCH') {
        const b = objectBody(req.body, 'contact');
        validateContact(b);
        apply(c, b);
        this.bump(box, c);
        return ok(this.render(c, immutable, true));
      }
      if (req.method === 'DELETE') {
        box.contacts.delete(c.id);
        box.tombstones.push({ id: c.id, folderId: c.folderId, seq: ++box.seq });
        return { status: 204, headers: {} };
      }
    }
    throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${path}'.`);
  }

  // ------------------------------------------------------------------------------------------------------------

  private box(mailbox: object): ContactsBox {
    let b = this.boxes.get(mailbox);
    if (!b) {
      b = { folders: new Map(), contacts: new Map(), tombstones: [], seq: 0, oldestValidSeq: 0 };
      this.boxes.set(mailbox, b);
      this.all.add(b);
    }
    return b;
  }

  private bump(box: ContactsBox, c: StoredContact): void {
    c.changeKey = randomBytes(12).toString('base64');
    c.seq = ++box.seq;
  }

  private createFolder(box: ContactsBox, body: unknown): Res {
    const b = objectBody(body, 'contactFolder');
    for (const k of Object.keys(b))
      if (k !== 'displayName' && k !== 'parentFolderId') throw unknownProperty(k, 'contactFolder');
    if (typeof b['displayName'] !== 'string' || !b['displayName']) {
      throw new GraphError(400, 'ErrorInvalidParameter', 'A contact folder needs a displayName.');
    }
    if ([...box.folders.values()].some((f) => f.displayName === b['displayName'])) {
      throw new GraphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
    }
    const f: Folder = { id: `AAMkContactFolder${randomBytes(9).toString('base64url')}`, displayName: b['displayName'] };
    box.folders.set(f.id, f);
    return { status: 201, headers: {}, body: renderFolder(f) };
  }

  private create(box: ContactsBox, f: Folder, body: unknown, immutable: boolean): Res {
    const b = objectBody(body, 'contact');
    validateContact(b);
    const c: StoredContact = {
      id: `AAkALgContact${randomBytes(9).toString('base64url')}`,
      folderId: f.id,
      changeKey: '',
      seq: 0,
      body: {},
      extended: new Map(),
    };
    apply(c, b);
    this.bump(box, c);
    box.contacts.set(c.id, c);
    return { status: 201, headers: {}, body: this.render(c, immutable, true) };
  }

  private list(box: ContactsBox, f: Folder, req: Req, immutable: boolean): Res {
    let contacts = [...box.contacts.values()].filter((c) => c.folderId === f.id);
    const filter = req.query.get('$filter');
    if (filter) {
      const m = filter.match(
        /^singleValueExtendedProperties\/Any\(ep:\s*ep\/id eq '((?:[^']|'')*)' and ep\/value eq '((?:[^']|'')*)'\)$/,
      );
      if (!m)
        throw new GraphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
      const [id, value] = [m[1]!.replace(/''/g, "'").toLowerCase(), m[2]!.replace(/''/g, "'")];
      contacts = contacts.filter((c) => c.extended.get(id) === value);
    }
    const render = (c: StoredContact) => this.render(c, immutable, expandsExtended(req.query));
    return ok(
      skipPage(req.query, this.pageSize, contacts, render, `${this.baseUrl()}/me/contactFolders/${f.id}/contacts`),
    );
  }

  private delta(box: ContactsBox, f: Folder, req: Req, immutable: boolean): Res {
    return ok(
      deltaPage(
        req.query,
        box,
        this.pageSize,
        `${this.baseUrl()}/me/contactFolders/${f.id}/contacts/delta`,
        [...box.contacts.values()].filter((c) => c.folderId === f.id),
        (c) => this.render(c, immutable, false),
        box.tombstones.filter((t) => t.folderId === f.id),
      ),
    );
  }

  private render(c: StoredContact, immutable: boolean, withExtended: boolean): AnsweredContact {
    const out: AnsweredContact = {
      '@odata.etag': `W/"${c.changeKey}"`,
      id: immutable ? c.id : `AAMkMutable${c.id}`,
      changeKey: c.changeKey,
      parentFolderId: c.folderId,
      displayName: '',
      emailAddresses: [],
      businessPhones: [],
      homePhones: [],
      mobilePhone: null,
      categories: [],
      homeAddress: {},
      businessAddress: {},
      otherAddress: {},
      birthday: null,
      ...c.body,
    };
    if (withExtended && c.extended.size > 0) {
      out.singleValueExtendedProperties = [...c.extended].map(([id, value]) => ({ id, value }));
    }
    return out;
  }
}

function renderFolder(f: Folder): ContactFolder {
  return { id: f.id, displayName: f.displayName, parentFolderId: 'AAMkContactsRoot' };
}

function folderOr404(box: ContactsBox, id: string): Folder {
  const f = box.folders.get(decodeURIComponent(id));
  if (!f) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  return f;
}

/** The image of a photo PUT/PATCH (base64 in a `$batch`), checked like Graph: its type, its bytes, its size. */
function photoOfRequest(req: Req): StoredPhoto {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const magic = IMAGE_MAGIC[contentType];
  if (!magic) {
    throw new GraphError(
      400,
      'ErrorInvalidImage',
      `A photo must be image/jpeg, image/png or image/gif, not '${contentType}'.`,
    );
  }
  if (typeof req.body !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(req.body)) {
    throw new GraphError(400, 'RequestBodyRead', 'The photo must be the image bytes (base64 in a batch).');
  }
  const bytes = Buffer.from(req.body, 'base64');
  if (bytes.length > MAX_PHOTO_BYTES) {
    throw new GraphError(413, 'RequestEntityTooLarge', 'The photo is larger than the 4 MB limit.');
  }
  if (!magic.every((b, i) => bytes[i] === b)) {
    throw new GraphError(400, 'ErrorInvalidImage', `The bytes are not an ${contentType} image.`);
  }
  return { contentType, bytes };
}

function expandsExtended(q: URLSearchParams): boolean {
  return (q.get('$expand') ?? '').startsWith('singleValueExtendedProperties');
}

function apply(c: StoredContact, b: Json): void {
  for (const [k, v] of Object.entries(b)) {
    if (k === 'singleValueExtendedProperties') {
      for (const p of v as { id: string; value: string }[]) c.extended.set(p.id.toLowerCase(), p.value);
    } else (c.body as Json)[k] = v; // validated against the writable names of Contact
  }
}

function validateContact(b: Json): void {
  for (const k of Object.keys(b)) if (!WRITABLE_CONTACT.has(k)) throw unknownProperty(k, 'contact');
  const emails = b['emailAddresses'];
  if (emails !== undefined) {
    if (!Array.isArray(emails) || emails.some((e: Json) => typeof e?.['address'] !== 'string')) {
      throw new GraphError(400, 'RequestBodyRead', 'emailAddresses entries need an address.');
    }
    if (emails.length > 3)
      throw new GraphError(400, 'ErrorInvalidArgument', 'A contact holds at most 3 email addresses.');
  }
  for (const k of ['businessPhones', 'homePhones']) {
    const v = b[k];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      throw new GraphError(400, 'RequestBodyRead', `${k} must be a collection of strings.`);
    }
    if (v.length > 2) throw new GraphError(400, 'ErrorInvalidArgument', `A contact holds at most 2 ${k}.`);
  }
  for (const k of ['homeAddress', 'businessAddress', 'otherAddress']) {
    const a = b[k] as Json | undefined;
    if (a === undefined || a === null) continue;
    for (const p of Object.keys(a)) if (!ADDRESS.has(p)) throw unknownProperty(p, 'physicalAddress');
  }
  const bday = b['birthday'];
  if (
    bday !== undefined &&
    bday !== null &&
    !(typeof bday === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(bday))
  ) {
    throw new GraphError(400, 'RequestBodyRead', `Cannot convert the literal '${String(bday)}' to Edm.DateTimeOffset.`);
  }
  if (
    b['categories'] !== undefined &&
    !(Array.isArray(b['categories']) && b['categories'].every((c) => typeof c === 'string'))
  ) {
    throw new GraphError(400, 'RequestBodyRead', 'categories must be a collection of strings.');
  }
  const ext = b['singleValueExtendedProperties'];
  if (
    ext !== undefined &&
    (!Array.isArray(ext) || ext.some((p: Json) => typeof p?.['id'] !== 'string' || typeof p['value'] !== 'string'))
  ) {
    throw new GraphError(400, 'RequestBodyRead', 'singleValueExtendedProperties entries need an id and a value.');
  }
}
