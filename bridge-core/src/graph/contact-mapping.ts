/**
 * vCard (3.0 and 4.0) <-> Outlook contact (Graph `contact`, v1.0), rule by rule (the README's rule table).
 *
 * Same principles as the event and task mappings: the store keeps the vCard text the bridge last wrote (a
 * single-value extended property), and reading back, a rule whose Outlook value still equals what that text maps
 * to keeps the original lines untouched; what Outlook has no room for (a fourth email, a third home phone, a
 * second home address, IMPP, custom X- properties...) stays exact on the DAV side and is reported. The photo is not
 * part of the contact's JSON: contact-photo.ts maps it, the contact store sends and reads it.
 */
import type { ContactDowngrade } from '../i18n/graph-items.messages.js';
import { parseComponents, splitOutsideQuotes, type Component, type ContentLine } from '../sync/content-lines.js';
import { photoLine, vcardPhoto, type ContactPhoto, type OutlookPhotoState } from './contact-photo.js';
import { applyEdits, ItemMappingError, type Edit } from './todo-mapping.js';

export interface GraphAddress {
  street?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  countryOrRegion?: string;
}

/** What the bridge writes to a contact. */
export interface GraphContactWrite {
  displayName: string;
  givenName: string;
  surname: string;
  middleName: string;
  title: string;
  generation: string;
  nickName: string;
  emailAddresses: { address: string; name?: string }[];
  mobilePhone: string | null;
  businessPhones: string[];
  homePhones: string[];
  homeAddress: GraphAddress;
  businessAddress: GraphAddress;
  otherAddress: GraphAddress;
  companyName: string;
  department: string;
  jobTitle: string;
  birthday: string | null;
  personalNotes: string;
  categories: string[];
}

export interface GraphContactRead extends Partial<GraphContactWrite> {
  id: string;
  changeKey?: string;
  '@odata.etag'?: string;
  singleValueExtendedProperties?: { id: string; value: string }[];
  '@removed'?: { reason: string };
}

export interface ContactToGraphResult {
  uid: string;
  contact: GraphContactWrite;
  downgrades: ContactDowngrade[];
  /** The inline image Outlook can show (sent apart from the contact's JSON), if the card has one. */
  photo?: ContactPhoto;
  /** Raw lines Outlook has no room for, per property: kept when Outlook's values of that property are written back. */
  leftOver: { EMAIL: string[]; TEL: string[]; ADR: string[] };
}

/** Outlook's slots: 3 emails, 2 business and 2 home phones, 1 mobile, one address of each kind. */
const MAX_EMAILS = 3;
const MAX_PHONES = 2;

const unescape = (v: string) => v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
const escape = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
/** Splits a structured value (N, ADR, ORG) on the `;` that are not escaped. */
const parts = (v: string) => v.split(/(?<!\\);/).map(unescape);

function types(l: ContentLine): string[] {
  return l.params
    .filter(([k]) => k === 'TYPE')
    .flatMap(([, v]) => splitOutsideQuotes(v.replace(/^"|"$/g, ''), ','))
    .map((t) => t.toLowerCase());
}

function vcardOf(text: string): Component {
  const card = parseComponents(text).children.find((c) => c.name === 'VCARD');
  if (!card) throw new ItemMappingError('graph.no-contact');
  return card;
}

const rawLine = (l: ContentLine) =>
  `${l.group ? `${l.group}.` : ''}${l.name}${l.params.map(([k, v]) => `;${k}=${v}`).join('')}:${l.value}`;

function addressOf(l: ContentLine): GraphAddress {
  const [, ext = '', street = '', city = '', state = '', postalCode = '', countryOrRegion = ''] = parts(l.value);
  const out: GraphAddress = {};
  const s = [street, ext].filter(Boolean).join('\n');
  if (s) out.street = s;
  if (city) out.city = city;
  if (state) out.state = state;
  if (postalCode) out.postalCode = postalCode;
  if (countryOrRegion) out.countryOrRegion = countryOrRegion;
  return out;
}

/** BDAY 1990-05-17, 19900517, 1990-05-17T00:00:00Z -> Graph's DateTimeOffset; a date without a year has no slot. */
function birthdayOf(v: string | undefined): string | null {
  const m = v?.match(/^(\d{4})-?(\d\d)-?(\d\d)/);
  return m ? `${m[1]}-${m[2]}-${m[3]}T00:00:00Z` : null;
}

/** vCard -> the contact body, and what Outlook will not show. */
export function vcardToContact(text: string, opts: { category?: string } = {}): ContactToGraphResult {
  const card = vcardOf(text);
  const first = (name: string) => card.props.find((l) => l.name === name);
  const uid = first('UID')?.value ?? '';
  if (!uid) throw new ItemMappingError('graph.no-contact');
  const downgrades: ContactDowngrade[] = [];
  const leftOver: ContactToGraphResult['leftOver'] = { EMAIL: [], TEL: [], ADR: [] };

  const [surname = '', givenName = '', middleName = '', title = '', generation = ''] = first('N')
    ? parts(first('N')!.value)
    : [];
  const emails = card.props.filter((l) => l.name === 'EMAIL');
  const emailAddresses = emails.slice(0, MAX_EMAILS).map((l) => ({ address: l.value }));
  leftOver.EMAIL = emails.slice(MAX_EMAILS).map(rawLine);
  if (leftOver.EMAIL.length) downgrades.push({ code: 'emails-dropped', count: leftOver.EMAIL.length });

  let mobilePhone: string | null = null;
  const businessPhones: string[] = [];
  const homePhones: string[] = [];
  for (const l of card.props.filter((p) => p.name === 'TEL')) {
    const t = types(l);
    const number = l.value.replace(/^tel:/i, '');
    if (t.includes('cell') && mobilePhone === null) mobilePhone = number;
    else if (t.includes('work') && !t.includes('cell') && businessPhones.length < MAX_PHONES)
      businessPhones.push(number);
    else if (!t.includes('work') && !t.includes('cell') && homePhones.length < MAX_PHONES) homePhones.push(number);
    else leftOver.TEL.push(rawLine(l));
  }
  if (leftOver.TEL.length) downgrades.push({ code: 'phones-dropped', count: leftOver.TEL.length });

  const addresses: Record<'home' | 'work' | 'other', GraphAddress | undefined> = {
    home: undefined,
    work: undefined,
    other: undefined,
  };
  for (const l of card.props.filter((p) => p.name === 'ADR')) {
    const t = types(l);
    const kind = t.includes('work') ? 'work' : t.includes('home') ? 'home' : 'other';
    if (addresses[kind] === undefined) addresses[kind] = addressOf(l);
    else leftOver.ADR.push(rawLine(l));
  }
  if (leftOver.ADR.length) downgrades.push({ code: 'addresses-dropped', count: leftOver.ADR.length });
  const photo = vcardPhoto(card);
  if (photo && 'notSent' in photo) downgrades.push({ code: 'photo-kept-aside', reason: photo.notSent });

  const [companyName = '', department = ''] = first('ORG') ? parts(first('ORG')!.value) : [];
  const categories = card.props
    .filter((l) => l.name === 'CATEGORIES')
    .flatMap((l) => l.value.split(/(?<!\\),/).map(unescape))
    .filter(Boolean);
  const text1 = (name: string) => (first(name) ? unescape(first(name)!.value) : '');
  return {
    uid,
    downgrades,
    leftOver,
    ...(photo && 'photo' in photo ? { photo: photo.photo } : {}),
    contact: {
      displayName: text1('FN'),
      givenName,
      surname,
      middleName,
      title,
      generation,
      nickName: text1('NICKNAME'),
      emailAddresses,
      mobilePhone,
      businessPhones,
      homePhones,
      homeAddress: addresses.home ?? {},
      businessAddress: addresses.work ?? {},
      otherAddress: addresses.other ?? {},
      companyName,
      department,
      jobTitle: text1('TITLE'),
      birthday: birthdayOf(first('BDAY')?.value),
      personalNotes: text1('NOTE'),
      categories: opts.category && !categories.includes(opts.category) ? [opts.category, ...categories] : categories,
    },
  };
}

// ---- reading back ---------------------------------------------------------------------------------------------

const same = (a: unknown, b: unknown) => JSON.stringify(norm(a)) === JSON.stringify(norm(b));
/** Graph leaves out empty values or answers them as null / "": all the same here. */
function norm(v: unknown): unknown {
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.map(norm);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const n = norm((v as Record<string, unknown>)[k]);
      if (n !== null) out[k] = n;
    }
    return Object.keys(out).length ? out : null;
  }
  return v;
}

function adrLine(type: string, a: GraphAddress | undefined): string[] {
  if (!a || norm(a) === null) return [];
  const v = ['', '', a.street ?? '', a.city ?? '', a.state ?? '', a.postalCode ?? '', a.countryOrRegion ?? '']
    .map(escape)
    .join(';');
  return [`ADR;TYPE=${type}:${v}`];
}

export interface ContactFromGraphOptions {
  uid: string;
  original?: string | undefined;
  category?: string;
  /** Outlook's photo against the one the bridge sent last (read by the contact store); absent: not changed. */
  photo?: OutlookPhotoState;
}

/** Outlook contact -> vCard: the original text with only the rules Outlook changed rewritten. */
export function contactToVcard(c: GraphContactRead, opts: ContactFromGraphOptions): string {
  let before: ContactToGraphResult | undefined;
  if (opts.original) {
    try {
      before = vcardToContact(opts.original, opts.category ? { category: opts.category } : {});
    } catch {
      before = undefined;
    }
  }
  const b = before?.contact;
  const edits: Edit[] = [];
  const rule = (keys: (keyof GraphContactWrite)[], names: string[], lines: () => string[]) => {
    if (!b || keys.some((k) => !same(b[k], c[k]))) edits.push({ names, lines: lines() });
  };
  const text = (name: string, v: string | undefined | null) => (v ? [`${name}:${escape(v)}`] : []);

  rule(['displayName'], ['FN'], () => [`FN:${escape(c.displayName ?? '')}`]);
  rule(['surname', 'givenName', 'middleName', 'title', 'generation'], ['N'], () => [
    `N:${[c.surname, c.givenName, c.middleName, c.title, c.generation].map((x) => escape(x ?? '')).join(';')}`,
  ]);
  rule(['nickName'], ['NICKNAME'], () => text('NICKNAME', c.nickName));
  rule(['emailAddresses'], ['EMAIL'], () => [
    ...(c.emailAddresses ?? []).map((e, i) => `EMAIL;TYPE=INTERNET${i === 0 ? ',PREF' : ''}:${e.address}`),
    ...(before?.leftOver.EMAIL ?? []),
  ]);
  rule(['mobilePhone', 'businessPhones', 'homePhones'], ['TEL'], () => [
    ...(c.mobilePhone ? [`TEL;TYPE=CELL:${c.mobilePhone}`] : []),
    ...(c.businessPhones ?? []).map((p) => `TEL;TYPE=WORK,VOICE:${p}`),
    ...(c.homePhones ?? []).map((p) => `TEL;TYPE=HOME,VOICE:${p}`),
    ...(before?.leftOver.TEL ?? []),
  ]);
  rule(['homeAddress', 'businessAddress', 'otherAddress'], ['ADR'], () => [
    ...adrLine('HOME', c.homeAddress),
    ...adrLine('WORK', c.businessAddress),
    ...adrLine('OTHER', c.otherAddress),
    ...(before?.leftOver.ADR ?? []),
  ]);
  rule(['companyName', 'department'], ['ORG'], () =>
    c.companyName || c.department
      ? [`ORG:${escape(c.companyName ?? '')}${c.department ? `;${escape(c.department)}` : ''}`]
      : [],
  );
  rule(['jobTitle'], ['TITLE'], () => text('TITLE', c.jobTitle));
  rule(['birthday'], ['BDAY'], () => (c.birthday ? [`BDAY:${c.birthday.slice(0, 10)}`] : []));
  rule(['personalNotes'], ['NOTE'], () => text('NOTE', c.personalNotes));
  const categories = (c.categories ?? []).filter((x) => x !== opts.category);
  if (
    !b ||
    !same(
      b.categories.filter((x) => x !== opts.category),
      categories,
    )
  ) {
    edits.push({
      names: ['CATEGORIES'],
      lines: categories.length ? [`CATEGORIES:${categories.map(escape).join(',')}`] : [],
    });
  }

  if (opts.photo?.changed) {
    // The photo in the card's own version; a card Outlook made is a vCard 3.0 (the base below).
    const version =
      before && opts.original ? vcardOf(opts.original).props.find((l) => l.name === 'VERSION') : undefined;
    const photo = opts.photo.photo;
    edits.push({ names: ['PHOTO'], lines: photo ? [photoLine(photo, version?.value ?? '3.0')] : [] });
  }

  if (before && edits.length === 0) return opts.original!;
  const base =
    before && opts.original
      ? opts.original
      : [
          'BEGIN:VCARD',
          'VERSION:3.0',
          'PRODID:-//DAV Bridge//Outlook contacts//EN',
          `UID:${opts.uid}`,
          'END:VCARD',
        ].join('\r\n');
  return applyEdits(base, 'VCARD', edits);
}
