// vCard 3.0 / 4.0 <-> Outlook contact (Graph contact), rule by rule: the README's contacts rows.
import { contactToVcard, vcardToContact, type GraphContactRead } from '../../src/graph/contact-mapping.js';
import { card } from '../../../test/support/items';

const alexandre = (version: '3.0' | '4.0', extra: string[] = []) =>
  card({
    uid: 'contact-alexandre',
    name: 'Alexandre Dupont-Moreau',
    version,
    n: 'Dupont-Moreau;Alexandre;Jean;Dr;Jr.',
    extra: [
      'EMAIL;TYPE=work:alexandre@example.org',
      'EMAIL;TYPE=home:alex@example.net',
      version === '4.0' ? 'TEL;VALUE=uri;TYPE=cell:tel:+33-6-12-34-56-78' : 'TEL;TYPE=CELL:+33 6 12 34 56 78',
      'TEL;TYPE=WORK,VOICE:+33 1 23 45 67 89',
      'TEL;TYPE=HOME:+33 4 11 22 33 44',
      'ADR;TYPE=WORK:;Bât. B;12 rue de la Paix;Paris;Île-de-France;75002;France',
      'ADR;TYPE=HOME:;;3 chemin des Vignes;Lyon;;69005;France',
      'ORG:Équipe technique;Infrastructure',
      'TITLE:Ingénieur',
      'NICKNAME:Alex',
      'BDAY:1985-04-12',
      'NOTE:Préfère le téléphone\\, le matin',
      'CATEGORIES:Collègues,Projet',
      ...extra,
    ],
  });

const asRead = (c: ReturnType<typeof vcardToContact>['contact']): GraphContactRead => ({
  id: 'AAkALgContact1',
  changeKey: 'k1',
  ...c,
});

describe('vCard -> Outlook contact', () => {
  test.each(['3.0', '4.0'] as const)(
    'vCard %s: names, emails, phones, addresses, organisation, birthday, notes',
    (version) => {
      const { uid, contact, downgrades } = vcardToContact(alexandre(version), { category: 'Équipe technique' });
      expect(uid).toBe('contact-alexandre');
      expect(contact).toMatchObject({
        displayName: 'Alexandre Dupont-Moreau',
        surname: 'Dupont-Moreau',
        givenName: 'Alexandre',
        middleName: 'Jean',
        title: 'Dr',
        generation: 'Jr.',
        nickName: 'Alex',
        emailAddresses: [{ address: 'alexandre@example.org' }, { address: 'alex@example.net' }],
        mobilePhone: version === '4.0' ? '+33-6-12-34-56-78' : '+33 6 12 34 56 78',
        businessPhones: ['+33 1 23 45 67 89'],
        homePhones: ['+33 4 11 22 33 44'],
        businessAddress: {
          street: '12 rue de la Paix\nBât. B',
          city: 'Paris',
          state: 'Île-de-France',
          postalCode: '75002',
          countryOrRegion: 'France',
        },
        homeAddress: { street: '3 chemin des Vignes', city: 'Lyon', postalCode: '69005', countryOrRegion: 'France' },
        companyName: 'Équipe technique',
        department: 'Infrastructure',
        jobTitle: 'Ingénieur',
        birthday: '1985-04-12T00:00:00Z',
        personalNotes: 'Préfère le téléphone, le matin',
        categories: ['Équipe technique', 'Collègues', 'Projet'],
      });
      expect(downgrades).toEqual([]);
    },
  );

  test('what Outlook has no room for is reported: a 4th email, a 3rd home phone, a 2nd home address, a linked photo', () => {
    const { contact, downgrades } = vcardToContact(
      alexandre('3.0', [
        'EMAIL:a3@example.org',
        'EMAIL:a4@example.org',
        'TEL;TYPE=HOME:+33 4 00 00 00 02',
        'TEL;TYPE=HOME:+33 4 00 00 00 03',
        'ADR;TYPE=HOME:;;1 place Bellecour;Lyon;;69002;France',
        'PHOTO;VALUE=uri:https://example.org/alexandre.jpg',
      ]),
    );
    expect(contact.emailAddresses).toHaveLength(3);
    expect(contact.homePhones).toHaveLength(2);
    expect(downgrades).toEqual([
      { code: 'emails-dropped', count: 1 },
      { code: 'phones-dropped', count: 1 },
      { code: 'addresses-dropped', count: 1 },
      { code: 'photo-kept-aside', reason: 'link' },
    ]);
  });

  test('text that holds no vCard is refused with the catalog key', () => {
    expect(() => vcardToContact('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n')).toThrow('graph.no-contact');
  });
});

describe('Outlook contact -> vCard', () => {
  test.each(['3.0', '4.0'] as const)('vCard %s Outlook did not change comes back byte for byte', (version) => {
    const text = alexandre(version, [
      'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ==',
      'X-SOCIALPROFILE:https://example.org/alex',
    ]);
    const { contact } = vcardToContact(text, { category: 'Équipe technique' });
    expect(
      contactToVcard(asRead(contact), { uid: 'contact-alexandre', original: text, category: 'Équipe technique' }),
    ).toBe(text);
  });

  test('edits made in Outlook replace their own lines; what Outlook could not hold stays', () => {
    const text = alexandre('3.0', [
      'EMAIL:a3@example.org',
      'EMAIL:a4@example.org',
      'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ',
    ]);
    const { contact } = vcardToContact(text);
    const back = contactToVcard(
      {
        ...asRead(contact),
        jobTitle: 'Responsable technique',
        emailAddresses: [{ address: 'alexandre.dupont@example.org' }, ...contact.emailAddresses.slice(1)],
        mobilePhone: '+33 7 00 00 00 01',
        homeAddress: { street: '8 quai Saint-Vincent', city: 'Lyon', postalCode: '69001', countryOrRegion: 'France' },
      },
      { uid: 'contact-alexandre', original: text },
    );
    expect(back).toContain('TITLE:Responsable technique');
    expect(back).toContain('EMAIL;TYPE=INTERNET,PREF:alexandre.dupont@example.org');
    expect(back).toContain('EMAIL:a4@example.org'); // the 4th, which Outlook never had
    expect(back).not.toContain('alexandre@example.org\r\n');
    expect(back).toContain('TEL;TYPE=CELL:+33 7 00 00 00 01');
    expect(back).toContain('ADR;TYPE=HOME:;;8 quai Saint-Vincent;Lyon;;69001;France');
    expect(back).toContain('PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ');
    expect(back).toContain('N:Dupont-Moreau;Alexandre;Jean;Dr;Jr.');
    expect(back).toContain('ORG:Équipe technique;Infrastructure');
    expect(vcardToContact(back).uid).toBe('contact-alexandre');
  });

  test('a contact made in Outlook (no text kept) becomes a complete vCard 3.0 with its UID', () => {
    const back = contactToVcard(
      {
        id: 'AAkALgContact2',
        displayName: 'François Martin',
        givenName: 'François',
        surname: 'Martin',
        emailAddresses: [{ address: 'francois@partenaire.example' }],
        businessPhones: ['+33 1 99 88 77 66'],
        companyName: 'Partenaire SA',
        birthday: '1979-11-30T00:00:00Z',
      },
      { uid: 'AAkALgContact2' },
    );
    for (const line of [
      'VERSION:3.0',
      'UID:AAkALgContact2',
      'FN:François Martin',
      'N:Martin;François;;;',
      'EMAIL;TYPE=INTERNET,PREF:francois@partenaire.example',
      'TEL;TYPE=WORK,VOICE:+33 1 99 88 77 66',
      'ORG:Partenaire SA',
      'BDAY:1979-11-30',
    ]) {
      expect(back).toContain(line);
    }
  });
});
