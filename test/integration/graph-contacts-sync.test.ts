/**
 * Two-way sync between a REAL Radicale address book and an Outlook contact folder served by the Graph fake (no
 * Microsoft service is reachable here; the fake is written from Graph's documented contract): vCards 3.0 and
 * 4.0, first sync, edits and deletions on both sides, a crash between Graph's create and the status commit, an
 * expired delta token; never a duplicate, and what Outlook has no room for kept exactly on Radicale.
 */
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { deleteItem, queryItems, updateItem } from '../../bridge-core/src/dav/items.js';
import { createAddressBook, deleteCollection } from '../../bridge-core/src/dav/manage.js';
import {
  CONTACT_UID_PROPERTY,
  ensureContactFolder,
  GraphContactStore,
} from '../../bridge-core/src/graph/contact-store.js';
import { GraphClient } from '../../bridge-core/src/graph/graph-client.js';
import type { Message } from '../../bridge-core/src/i18n/index.js';
import { DavCollectionStore } from '../../bridge-core/src/stores/dav-store.js';
import { MemoryConflictLog } from '../../bridge-core/src/sync/conflict-log.js';
import { extractUid } from '../../bridge-core/src/sync/content-lines.js';
import { MemoryStatusStore } from '../../bridge-core/src/sync/status.js';
import type { ItemRef } from '../../bridge-core/src/sync/store.js';
import { syncPair } from '../../bridge-core/src/sync/sync.js';
import { testServers, uniqueName } from '../harness/servers.js';
import { GraphFake } from '../support/graph-fake/graph-fake.js';
import { card } from '../support/items.js';
import { connect } from './dav-helpers.js';
import { fill } from './sync-helpers.js';

const TOKEN = 'gilles-contacts-token';
let fake: GraphFake;
let gilles: DavAccount;
const made: string[] = [];

beforeAll(async () => {
  fake = new GraphFake({ pageSize: 3 });
  await fake.start();
  gilles = await connect(testServers.radicale, 'alice');
});
afterAll(async () => {
  await fake.stop();
  for (const url of made) await deleteCollection(gilles.transport, url).catch(() => undefined);
});

type Contact = Record<string, unknown> & {
  id: string;
  singleValueExtendedProperties?: { id: string; value: string }[];
};

function outlookByUid(folderId: string): Map<string, Contact> {
  const out = new Map<string, Contact>();
  for (const c of fake.contacts.contactsOf(fake.mailboxOf(TOKEN), folderId) as Contact[]) {
    const uid =
      c.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === CONTACT_UID_PROPERTY.toLowerCase())?.value ??
      `(none) ${c.id}`;
    if (out.has(uid)) throw new Error(`duplicate UID ${uid} in the Graph fake`);
    out.set(uid, c);
  }
  return out;
}

async function davByUid(url: string) {
  const out = new Map<string, { href: string; etag: string; data: string }>();
  for (const it of await queryItems(gilles.transport, url, 'addressbook')) {
    const uid = extractUid(it.data)!;
    if (out.has(uid)) throw new Error(`duplicate UID ${uid} on Radicale`);
    out.set(uid, { href: it.href, etag: it.etag ?? '', data: it.data });
  }
  return out;
}

describe('two-way sync Radicale address book <-> Outlook contacts through the Graph fake', () => {
  test('Graph fake: vCards 3 and 4, first sync, edits and deletions on both sides, crash after a create, expired delta token; no duplicate, nothing lost', async () => {
    const name = uniqueName('Équipe technique');
    const url = await createAddressBook(gilles.transport, gilles.discovery.principal.addressbookHomes[0]!, { name });
    made.push(url);
    const client = new GraphClient({ baseUrl: fake.url, getToken: async () => TOKEN });
    const folderId = await ensureContactFolder(client, name);
    expect(await ensureContactFolder(client, name)).toBe(folderId);
    const reports: Message[] = [];
    const dav = new DavCollectionStore({
      transport: gilles.transport,
      url,
      family: 'addressbook',
      readOnly: false,
      supportsSyncCollection: true,
      name: 'Radicale',
    });
    const graph = new GraphContactStore({ client, folderId, name: 'Outlook', onReport: (m) => reports.push(m) });
    const status = new MemoryStatusStore();
    const run = (b = graph) => syncPair({ a: dav, b, status, conflictLog: new MemoryConflictLog() });

    const uids = Array.from({ length: 5 }, (_, i) => uniqueName(`contact-${i}`));
    const people = ['Gilles Bernard', 'Alexandre Dupont', 'David Petit', 'François Martin', 'Chloé Roux'];
    const rich = card({
      uid: uids[0]!,
      name: people[0]!,
      n: 'Bernard;Gilles;;;',
      extra: [
        'EMAIL;TYPE=work:gilles@example.org',
        'EMAIL:g2@example.org',
        'EMAIL:g3@example.org',
        'EMAIL:g4@example.org',
        'TEL;TYPE=CELL:+33-6-00-00-00-01',
        'ORG:Équipe technique',
        'BDAY:1975-06-21',
        'PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgo=',
        'IMPP:xmpp:gilles@example.org',
      ],
    });
    await fill(
      gilles,
      url,
      [
        { name: `${uids[0]}.vcf`, data: rich },
        ...uids.slice(1).map((u, i) => ({
          name: `${u}.vcf`,
          // The last one is a vCard 4.0.
          data: card({
            uid: u,
            name: people[i + 1]!,
            email: `${u}@example.org`,
            ...(i === 3 ? { version: '4.0' as const } : {}),
          }),
        })),
      ],
      'addressbook',
    );

    const first = await run();
    expect(first.b.created).toBe(5);
    const contacts = outlookByUid(folderId);
    expect([...contacts.keys()].sort()).toEqual([...uids].sort());
    expect(contacts.get(uids[0]!)).toMatchObject({
      displayName: 'Gilles Bernard',
      surname: 'Bernard',
      givenName: 'Gilles',
      emailAddresses: [{ address: 'gilles@example.org' }, { address: 'g2@example.org' }, { address: 'g3@example.org' }],
      mobilePhone: '+33-6-00-00-00-01',
      companyName: 'Équipe technique',
      birthday: '1975-06-21T00:00:00Z',
    });
    expect(reports.map((m) => m.key)).toContain('graph.contact-downgrade');
    // The inline photo went to Outlook (PATCH .../photo/$value), the image's bytes as they are.
    expect(fake.contacts.photoOf(fake.mailboxOf(TOKEN), contacts.get(uids[0]!)!.id)).toEqual({
      contentType: 'image/png',
      bytes: Buffer.from('iVBORw0KGgo=', 'base64'),
    });

    const idle = await run();
    expect([idle.a, idle.b].map((s) => s.created + s.updated + s.deleted)).toEqual([0, 0]);

    // Edits on both sides: a name on Radicale; Gilles's job title in Outlook.
    const one = (await davByUid(url)).get(uids[1]!)!;
    await updateItem(
      gilles.transport,
      one.href,
      one.data.replace('FN:Alexandre Dupont', 'FN:Alexandre Dupont-Moreau'),
      one.etag,
      'addressbook',
    );
    fake.contacts.userEdit(fake.mailboxOf(TOKEN), contacts.get(uids[0]!)!.id, { jobTitle: 'Directeur technique' });
    const edits = await run();
    expect([edits.a.updated, edits.b.updated]).toEqual([1, 1]);
    expect(outlookByUid(folderId).get(uids[1]!)!['displayName']).toBe('Alexandre Dupont-Moreau');
    const richBack = (await davByUid(url)).get(uids[0]!)!.data;
    expect(richBack).toContain('TITLE:Directeur technique');
    for (const line of ['EMAIL:g4@example.org', 'iVBORw0KGgo=', 'IMPP:xmpp:gilles@example.org']) {
      expect(richBack).toContain(line);
    }

    // Deletions on both sides.
    const two = (await davByUid(url)).get(uids[2]!)!;
    await deleteItem(gilles.transport, two.href, two.etag);
    fake.contacts.userDelete(fake.mailboxOf(TOKEN), outlookByUid(folderId).get(uids[3]!)!.id);
    const deletions = await run();
    expect([deletions.a.deleted, deletions.b.deleted]).toEqual([1, 1]);
    expect(outlookByUid(folderId).has(uids[2]!)).toBe(false);
    expect((await davByUid(url)).has(uids[3]!)).toBe(false);

    // A crash between Graph's create and the status commit: the rerun finds the contact by its UID.
    const late = uniqueName('contact-late');
    await fill(gilles, url, [{ name: `${late}.vcf`, data: card({ uid: late, name: 'David Petit' }) }], 'addressbook');
    const crashing = Object.create(graph) as GraphContactStore;
    crashing.create = async (data: string): Promise<ItemRef> => {
      await graph.create(data);
      throw new Error('injected crash after the Graph create');
    };
    await expect(run(crashing)).rejects.toThrow('injected crash');
    expect(outlookByUid(folderId).has(late)).toBe(true);
    const rerun = await run();
    expect(rerun.b.created).toBe(0);
    expect(outlookByUid(folderId).has(late)).toBe(true);

    // An expired delta token: a full listing, paired by id; the Outlook edit arrives, nothing duplicated.
    fake.expireDeltaTokens();
    fake.contacts.userEdit(fake.mailboxOf(TOKEN), outlookByUid(folderId).get(uids[4]!)!.id, {
      personalNotes: 'Rappeler lundi',
    });
    const expired = await run();
    expect(expired.listing.b).toBe('full');
    expect(expired.a.updated).toBe(1);
    expect([expired.a.created, expired.b.created, expired.a.deleted, expired.b.deleted]).toEqual([0, 0, 0, 0]);
    const four = (await davByUid(url)).get(uids[4]!)!.data;
    expect(four).toContain('NOTE:Rappeler lundi');
    expect(four).toContain('VERSION:4.0');

    expect([...(await davByUid(url)).keys()].sort()).toEqual([...outlookByUid(folderId).keys()].sort());
    expect(fake.mails).toEqual([]);
  });
});
