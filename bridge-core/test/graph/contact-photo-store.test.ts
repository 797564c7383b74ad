// Contact photos through the contacts store and the Graph fake (an in-process fake of Microsoft Graph v1.0 from its
// documented contract), synced with an in-memory DAV side: sent once, never sent again while unchanged, read back
// only when Outlook changed them, and a no-change run stays at one request.
import { ensureContactFolder, GraphContactStore, PHOTO_PROPERTY } from '../../src/graph/contact-store.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { render, type Message } from '../../src/i18n/index.js';
import { MemoryConflictLog } from '../../src/sync/conflict-log.js';
import { extractUid } from '../../src/sync/content-lines.js';
import { MemoryStore } from '../../src/sync/memory-store.js';
import { MemoryStatusStore } from '../../src/sync/status.js';
import { syncPair } from '../../src/sync/sync.js';
import { GraphFake } from '../../../test/support/graph-fake/graph-fake.js';
import { card } from '../../../test/support/items';

const TOKEN = 'gilles-photos';
let fake: GraphFake;
beforeEach(async () => {
  fake = new GraphFake({ pageSize: 50 });
  await fake.start();
});
afterEach(() => fake.stop());

const bytes = (...b: number[]) => Buffer.from([...b, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0);
const JPEG2 = bytes(0xff, 0xd8, 0xff, 0xe1, 0x42);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const b64 = (b: Buffer) => b.toString('base64');

const person = (uid: string, name: string, version: '3.0' | '4.0', photo?: string) =>
  card({ uid, name, version, email: `${uid}@example.org`, extra: photo ? [photo] : [] });

describe('contact photos through the contacts store', () => {
  test('Graph fake: photos both ways (vCard 3 and 4), never sent again unchanged, no-change runs at 1 request', async () => {
    const client = new GraphClient({ baseUrl: fake.url, getToken: async () => TOKEN });
    const folderId = await ensureContactFolder(client, 'Équipe technique');
    const reports: Message[] = [];
    const dav = new MemoryStore({ name: 'DAV', incremental: true });
    const graph = new GraphContactStore({ client, folderId, name: 'Outlook', onReport: (m) => reports.push(m) });
    const status = new MemoryStatusStore();
    const run = async () => {
      const before = client.requestCount;
      const report = await syncPair({ a: dav, b: graph, status, conflictLog: new MemoryConflictLog() });
      return { ...report, requests: client.requestCount - before };
    };
    const photoWrites = () =>
      fake.requests.filter((r) => r.method === 'batch:PATCH' && r.path.endsWith('/photo/$value'));
    const box = fake.mailboxOf(TOKEN);
    const outlook = (uid: string) =>
      fake.contacts
        .contactsOf(box, folderId)
        .find((c) => c.singleValueExtendedProperties?.some((p) => p.value === uid && !p.id.includes('vcard')))!;
    const photoIn = (uid: string) => fake.contacts.photoOf(box, outlook(uid).id!);
    const davText = async (uid: string) => {
      const refs = await dav.list();
      const items = await dav.getMany(refs.map((r) => r.id));
      const found = items.find((i) => i.data !== undefined && extractUid(i.data) === uid)!;
      return { id: found.id, version: found.version!, data: found.data! };
    };

    const cards = {
      gilles: person('gilles', 'Gilles Bernard', '3.0', `PHOTO;ENCODING=b;TYPE=JPEG:${b64(JPEG)}`),
      chloe: person('chloe', 'Chloé Roux', '4.0', `PHOTO:data:image/png;base64,${b64(PNG)}`),
      david: person('david', 'David Petit', '3.0', 'PHOTO;VALUE=uri:https://example.org/david.jpg'),
      francois: person('francois', 'François Martin', '3.0'),
      // Says JPEG, holds PNG bytes: Graph refuses it.
      alexandre: person('alexandre', 'Alexandre Dupont', '3.0', `PHOTO;ENCODING=b;TYPE=JPEG:${b64(PNG)}`),
    };
    for (const [uid, text] of Object.entries(cards)) await dav.create(text, `${uid}.vcf`);

    const first = await run();
    expect(first.b.created).toBe(5);
    expect(photoWrites()).toHaveLength(3); // gilles, chloe, and alexandre's (refused)
    expect(photoIn('gilles')).toEqual({ contentType: 'image/jpeg', bytes: JPEG });
    expect(photoIn('chloe')).toEqual({ contentType: 'image/png', bytes: PNG });
    expect([photoIn('david'), photoIn('francois'), photoIn('alexandre')]).toEqual([undefined, undefined, undefined]);
    const downgrades = reports.map((m) => (m.key === 'graph.contact-downgrade' ? m.params : undefined));
    expect(downgrades).toEqual(
      expect.arrayContaining([
        { uid: 'david', title: 'David Petit', downgrade: { code: 'photo-kept-aside', reason: 'link' } },
        { uid: 'alexandre', downgrade: { code: 'photo-kept-aside', reason: 'refused' } },
      ]),
    );
    // The user reads which contact by its name, in their language.
    const david = reports.find((m) => m.key === 'graph.contact-downgrade' && m.params.uid === 'david')!;
    expect(render('fr', david)).toMatch(/^Contact « David Petit » \(david\) dans Outlook : /);
    expect(render('en', david)).toMatch(/^Contact "David Petit" \(david\) in Outlook: /);
    // The digest of what was sent is kept; nothing for a photo Graph refused.
    expect(outlook('gilles').singleValueExtendedProperties?.map((p) => p.id)).toContain(PHOTO_PROPERTY.toLowerCase());
    expect(outlook('alexandre').singleValueExtendedProperties?.map((p) => p.id)).not.toContain(
      PHOTO_PROPERTY.toLowerCase(),
    );

    // The next run reads the bridge's own writes back through delta (their final versions): nothing read or
    // written; then an idle run. One request each.
    const again = await run();
    const idle = await run();
    for (const r of [again, idle]) {
      expect([r.a.created + r.a.updated + r.a.deleted, r.b.created + r.b.updated + r.b.deleted]).toEqual([0, 0]);
      expect(r.requests).toBe(1);
    }
    for (const [uid, text] of Object.entries(cards)) expect((await davText(uid)).data).toBe(text);

    // A DAV edit that leaves the photo: the contact is updated, the photo not sent again.
    const g = await davText('gilles');
    await dav.update(g.id, g.data.replace('FN:Gilles Bernard', 'FN:Gilles Bernard-Roux'), g.version);
    const renamed = await run();
    expect(renamed.b.updated).toBe(1);
    expect(photoWrites()).toHaveLength(3);
    expect((await run()).requests).toBe(1);

    // A new photo on the DAV side: sent once.
    const g2 = await davText('gilles');
    await dav.update(g2.id, g2.data.replace(b64(JPEG), b64(JPEG2)), g2.version);
    expect((await run()).b.updated).toBe(1);
    expect(photoWrites()).toHaveLength(4);
    expect(photoIn('gilles')).toEqual({ contentType: 'image/jpeg', bytes: JPEG2 });
    expect((await run()).requests).toBe(1);

    // Outlook: a photo added to François, Chloé's removed. They come back to the DAV side, each in its version.
    fake.contacts.userSetPhoto(box, outlook('francois').id!, { contentType: 'image/jpeg', bytes: JPEG });
    fake.contacts.userSetPhoto(box, outlook('chloe').id!, null);
    const fromOutlook = await run();
    expect(fromOutlook.a.updated).toBe(2);
    expect((await davText('francois')).data).toContain(`PHOTO;ENCODING=b;TYPE=JPEG:${b64(JPEG)}\r\n`);
    const chloe = (await davText('chloe')).data;
    expect(chloe).not.toContain('PHOTO');
    expect(chloe).toContain('VERSION:4.0');
    expect(photoWrites()).toHaveLength(4);
    expect((await run()).requests).toBe(1);

    // The photo removed on the DAV side: Graph v1.0 cannot remove it; reported, and it does not come back.
    const g3 = await davText('gilles');
    await dav.update(g3.id, g3.data.replace(/PHOTO;[^\r\n]*\r\n( [^\r\n]*\r\n)*/, ''), g3.version);
    expect((await davText('gilles')).data).not.toContain('PHOTO');
    expect((await run()).b.updated).toBe(1);
    expect(reports.map((m) => (m.key === 'graph.contact-downgrade' ? m.params : undefined))).toContainEqual({
      uid: 'gilles',
      downgrade: { code: 'photo-not-removed' },
    });
    fake.contacts.userEdit(box, outlook('gilles').id!, { jobTitle: 'Directeur technique' });
    expect((await run()).a.updated).toBe(1);
    const gillesBack = (await davText('gilles')).data;
    expect(gillesBack).toContain('TITLE:Directeur technique');
    expect(gillesBack).not.toContain('PHOTO');

    // The refused photo and the linked one stayed exact on the DAV side all along.
    expect((await davText('alexandre')).data).toBe(cards.alexandre);
    expect((await davText('david')).data).toBe(cards.david);
    expect(fake.mails).toEqual([]);
  });

  test('Graph fake: Outlook serving other bytes than it was given (Exchange resizes) is no change, either way', async () => {
    // Outlook keeps a re-encoded photo: the bytes it serves are not the bytes it took.
    fake.contacts.keepPhoto = (given) => ({ ...given, bytes: Buffer.concat([given.bytes, Buffer.from('resized')]) });
    const client = new GraphClient({ baseUrl: fake.url, getToken: async () => TOKEN });
    const folderId = await ensureContactFolder(client, 'Équipe technique');
    const dav = new MemoryStore({ name: 'DAV', incremental: true });
    const graph = new GraphContactStore({ client, folderId, name: 'Outlook' });
    const status = new MemoryStatusStore();
    const run = async () => {
      const before = client.requestCount;
      const report = await syncPair({ a: dav, b: graph, status, conflictLog: new MemoryConflictLog() });
      return { ...report, requests: client.requestCount - before };
    };
    const text = person('gilles', 'Gilles Bernard', '3.0', `PHOTO;ENCODING=b;TYPE=JPEG:${b64(JPEG)}`);
    const { id } = await dav.create(text, 'gilles.vcf');
    expect((await run()).b.created).toBe(1);
    const [contact] = fake.contacts.contactsOf(fake.mailboxOf(TOKEN), folderId);
    expect(fake.contacts.photoOf(fake.mailboxOf(TOKEN), contact!.id!)?.bytes).not.toEqual(JPEG);
    expect((await run()).requests).toBe(1);

    // An Outlook edit elsewhere: the contact is read with its (re-encoded) photo, which is still the bridge's one.
    fake.contacts.userEdit(fake.mailboxOf(TOKEN), contact!.id!, { jobTitle: 'Directeur technique' });
    expect((await run()).a.updated).toBe(1);
    const [back] = await dav.getMany([id]);
    expect(back!.data).toContain(`PHOTO;ENCODING=b;TYPE=JPEG:${b64(JPEG)}\r\n`);
    expect(back!.data).toContain('TITLE:Directeur technique');

    // A DAV edit elsewhere: the photo, unchanged, is not sent again.
    const photoWrites = () =>
      fake.requests.filter((r) => r.method === 'batch:PATCH' && r.path.endsWith('/photo/$value'));
    expect(photoWrites()).toHaveLength(1);
    await dav.update(id, back!.data.replace('FN:Gilles Bernard', 'FN:Gilles Bernard-Roux'), back!.version!);
    expect((await run()).b.updated).toBe(1);
    expect(photoWrites()).toHaveLength(1);
    expect((await run()).requests).toBe(1);
  });

  test('Graph fake: a photo is refused over 4 MB and when its bytes are not the image type it names', async () => {
    const client = new GraphClient({ baseUrl: fake.url, getToken: async () => TOKEN });
    const folderId = await ensureContactFolder(client, 'Photos');
    const store = new GraphContactStore({ client, folderId });
    const { id } = await store.create(person('x', 'X', '3.0'));
    const put = (contentType: string, body: string) =>
      client.batch([
        { method: 'PATCH', url: `/me/contacts/${id}/photo/$value`, headers: { 'Content-Type': contentType }, body },
      ]);
    const big = Buffer.concat([JPEG, Buffer.alloc(4 * 1024 * 1024)]);
    expect((await put('image/jpeg', b64(big)))[0]).toMatchObject({ status: 413 });
    expect((await put('image/jpeg', b64(PNG)))[0]).toMatchObject({
      status: 400,
      body: { error: { code: 'ErrorInvalidImage' } },
    });
    expect((await put('image/tiff', b64(JPEG)))[0]).toMatchObject({ status: 400 });
    expect((await put('image/png', b64(PNG)))[0]).toMatchObject({ status: 200 });
    const [got] = await client.batch([{ method: 'GET', url: `/me/contacts/${id}/photo/$value` }]);
    expect(got).toMatchObject({ status: 200, headers: { 'content-type': 'image/png' }, body: b64(PNG) });
  });
});
