// vCard PHOTO <-> the photo of an Outlook contact (contact-photo.ts and the PHOTO rule of contact-mapping.ts): which
// photos are sent, how they compare, and how a photo Outlook changed comes back in the card's own vCard version.
import { contactToVcard, vcardToContact, type GraphContactRead } from '../../src/graph/contact-mapping.js';
import { MAX_PHOTO_BYTES, photoFromBase64 } from '../../src/graph/contact-photo.js';
import { card } from '../../../test/support/items';

/** A few bytes starting like a JPEG (FF D8 FF) or a PNG (89 50 4E 47). */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01]).toString(
  'base64',
);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]).toString('base64');

const chloe = (version: '3.0' | '4.0', photo?: string) =>
  card({
    uid: 'contact-chloe',
    name: 'Chloé Roux',
    version,
    email: 'chloe@example.org',
    extra: photo ? [photo] : [],
  });
const asRead = (text: string): GraphContactRead => ({ id: 'AAkALgContact9', ...vcardToContact(text).contact });

describe('vCard PHOTO -> the photo Outlook is sent', () => {
  test('vCard 3 (ENCODING=b, TYPE=JPEG) and vCard 4 (data: URI) give the same photo, digest of the bytes', () => {
    const v3 = vcardToContact(chloe('3.0', `PHOTO;ENCODING=b;TYPE=JPEG:${JPEG}`));
    const v4 = vcardToContact(chloe('4.0', `PHOTO:data:image/jpeg;base64,${JPEG}`));
    expect(v3.photo).toEqual({ contentType: 'image/jpeg', base64: JPEG, digest: expect.stringMatching(/^13-/) });
    expect(v4.photo).toEqual(v3.photo);
    expect([v3.downgrades, v4.downgrades]).toEqual([[], []]);
    // The photo is not a property of the contact's JSON (Graph takes it apart).
    expect(Object.keys(v3.contact)).not.toContain('photo');
  });

  test('base64 wrapped or without padding is the same photo (the digest is of the bytes)', () => {
    const bare = JPEG.replace(/=+$/, '');
    const wrapped = `${bare.slice(0, 8)}\n ${bare.slice(8)}`;
    expect(photoFromBase64('image/jpeg', wrapped)?.digest).toBe(photoFromBase64('image/jpeg', JPEG)?.digest);
    expect(photoFromBase64('image/png', PNG)?.digest).not.toBe(photoFromBase64('image/jpeg', JPEG)?.digest);
    expect(photoFromBase64('image/jpeg', 'not base64!')).toBeUndefined();
  });

  test.each([
    ['a link (vCard 3 VALUE=uri)', '3.0', 'PHOTO;VALUE=uri:https://example.org/chloe.jpg', 'link'],
    ['a link (vCard 4)', '4.0', 'PHOTO:https://example.org/chloe.jpg', 'link'],
    ['an image type Outlook does not show', '3.0', `PHOTO;ENCODING=b;TYPE=TIFF:${JPEG}`, 'format'],
    ['a data: URI that is not base64', '4.0', 'PHOTO:data:image/jpeg,abc', 'format'],
    [
      'an image over 4 MB',
      '3.0',
      `PHOTO;ENCODING=b;TYPE=JPEG:${Buffer.alloc(MAX_PHOTO_BYTES + 3, 0xff).toString('base64')}`,
      'too-large',
    ],
  ] as const)('%s is not sent, reported, and kept on the DAV side', (_, version, line, reason) => {
    const { photo, downgrades } = vcardToContact(chloe(version, line));
    expect(photo).toBeUndefined();
    expect(downgrades).toEqual([{ code: 'photo-kept-aside', reason }]);
  });
});

describe('the photo of an Outlook contact -> vCard PHOTO', () => {
  test.each(['3.0', '4.0'] as const)('vCard %s: a photo Outlook did not change leaves the card byte for byte', (v) => {
    const text = chloe(v, v === '3.0' ? `PHOTO;ENCODING=b;TYPE=JPEG:${JPEG}` : `PHOTO:data:image/jpeg;base64,${JPEG}`);
    expect(contactToVcard(asRead(text), { uid: 'contact-chloe', original: text, photo: { changed: false } })).toBe(
      text,
    );
  });

  test.each([
    ['3.0', `PHOTO;ENCODING=b;TYPE=PNG:${PNG}`],
    ['4.0', `PHOTO:data:image/png;base64,${PNG}`],
  ] as const)('vCard %s: a photo changed in Outlook replaces the PHOTO line in the same version', (v, line) => {
    const text = chloe(v, v === '3.0' ? `PHOTO;ENCODING=b;TYPE=JPEG:${JPEG}` : `PHOTO:data:image/jpeg;base64,${JPEG}`);
    const photo = photoFromBase64('image/png', PNG)!;
    const back = contactToVcard(asRead(text), {
      uid: 'contact-chloe',
      original: text,
      photo: { changed: true, photo },
    });
    expect(back).toContain(line);
    expect(back).not.toContain(JPEG);
    expect(back).toContain('EMAIL;TYPE=INTERNET:chloe@example.org'); // the rest untouched
    expect(vcardToContact(back).photo?.digest).toBe(photo.digest);
  });

  test('a photo removed in Outlook removes the PHOTO line; one added to a contact made in Outlook is a vCard 3 PHOTO', () => {
    const text = chloe('3.0', `PHOTO;ENCODING=b;TYPE=JPEG:${JPEG}`);
    const removed = contactToVcard(asRead(text), {
      uid: 'contact-chloe',
      original: text,
      photo: { changed: true, photo: null },
    });
    expect(removed).not.toContain('PHOTO');
    expect(removed).toContain('FN:Chloé Roux');
    const made = contactToVcard(
      { id: 'AAkALgContact3', displayName: 'David Petit' },
      { uid: 'AAkALgContact3', photo: { changed: true, photo: photoFromBase64('image/jpeg', JPEG)! } },
    );
    expect(made).toContain(`PHOTO;ENCODING=b;TYPE=JPEG:`);
    expect(vcardToContact(made).photo?.base64).toBe(JPEG);
  });
});
