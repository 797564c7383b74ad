/**
 * The sync engine's store contract (bridge-core/src/sync/store.ts) as ONE test suite, run over every item store:
 * memory, folder, DAV (real Radicale), the bridge's mirror (SQLite) and the Graph stores (Graph fake).
 *
 * `describeStoreContract(name, capabilities, open)` declares the cases; `open()` gives a fresh, empty store (and,
 * where the test can drive it, a way to make one item unreadable). A rule a store cannot keep, or a fault the
 * test cannot inject into it, is a declared capability with its reason: the case then runs and checks the
 * declaration (its name says "declared"), it is never skipped silently.
 */
import {
  ItemError,
  NotFoundError,
  PreconditionFailedError,
  isUnreadable,
  type ItemRef,
  type ItemStore,
  type ReadResult,
} from '../../bridge-core/src/sync/store.js';
import { card, event, PARIS_TZ, todo } from './items.js';

export type ContractKind = 'events' | 'tasks' | 'contacts';

/** Either the store does it, or why it cannot (or why the test cannot make it happen). */
export type Capability = true | { cannot: string };

export interface StoreCapabilities {
  kind: ContractKind;
  /**
   * How a second create of the same item is refused: 'same-name' (the suggested name is taken: DAV, folder,
   * memory, mirror) or 'same-uid' (found by the UID the store keeps, whatever the name: Graph).
   */
  secondCreate: 'same-name' | 'same-uid';
  /** getMany reports an unreadable item (injected through `makeUnreadable`) instead of throwing. */
  unreadable: Capability;
  /** Text that is not an item of the kind is refused with an ItemError, nothing stored. */
  rejectsBadInput: Capability;
  /** Size of the "huge item" case, in bytes of text (default 1 MB). */
  hugeBytes?: number;
}

export interface StoreUnderTest {
  store: ItemStore;
  /** Makes the next reads of this item fail the way this store's reads really fail (a per-item 500...). */
  makeUnreadable?: (id: string) => void | Promise<void>;
  /** Called after each case. */
  close?: () => void | Promise<void>;
}

let serial = 0;
/** A UID no other case (or concurrent run) uses. */
function freshUid(): string {
  serial++;
  return `contract-${Date.now().toString(36)}-${process.pid}-${serial}`;
}

/** An item of the kind, with a title and an optional long text (DESCRIPTION / NOTE). */
export function contractItem(kind: ContractKind, uid: string, title: string, longText?: string): string {
  switch (kind) {
    case 'events':
      return event({
        uid,
        summary: title,
        stamp: '20260101T000000Z',
        tzid: 'Europe/Paris',
        start: '20261203T090000',
        end: '20261203T100000',
        zones: PARIS_TZ,
        ...(longText !== undefined ? { description: longText } : {}),
      });
    case 'tasks':
      return todo({
        uid,
        summary: title,
        stamp: '20260101T000000Z',
        due: '20261204T170000Z',
        status: 'NEEDS-ACTION',
        ...(longText !== undefined ? { extra: [`DESCRIPTION:${longText}`] } : {}),
      });
    case 'contacts':
      return card({
        uid,
        name: title,
        email: 'alexandre@example.org',
        ...(longText !== undefined ? { extra: [`NOTE:${longText}`] } : {}),
      });
  }
}

/** A long text of about `bytes` bytes, made of words (and accents), so no store can compress it to nothing. */
function longText(bytes: number): string {
  const words = ['Équipe', 'technique', 'réunion', 'compte-rendu', 'décision', 'François', 'Gilles', 'suivi'];
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const w = `${words[i % words.length]}${i}`;
    out.push(w);
    size += Buffer.byteLength(w) + 1;
  }
  return out.join(' ');
}

async function expectStoreError(p: Promise<unknown>, type: typeof NotFoundError | typeof PreconditionFailedError) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  return err as InstanceType<typeof type>;
}

const dataOf = (r: ReadResult | undefined) => (r && !isUnreadable(r) ? r.data : undefined);

export function describeStoreContract(
  name: string,
  caps: StoreCapabilities,
  open: () => Promise<StoreUnderTest>,
): void {
  describe(`store contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: ItemStore;
    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.close?.();
    });

    const item = (uid: string, title: string, text?: string) => contractItem(caps.kind, uid, title, text);
    const create = (uid: string, title: string, text?: string): Promise<ItemRef> =>
      store.create(item(uid, title, text), uid);

    test('create returns an id and a version; list() shows them; getMany reads the item back', async () => {
      const uid = freshUid();
      const ref = await create(uid, 'Réunion équipe technique');
      expect(ref.id).toBeTruthy();
      expect(ref.version).toBeTruthy();
      expect(await store.list()).toContainEqual({ id: ref.id, version: ref.version });
      const [read] = await store.getMany([ref.id]);
      expect(read).toMatchObject({ id: ref.id, version: ref.version });
      expect(dataOf(read)).toContain(uid);
      expect(dataOf(read)).toContain('Réunion équipe technique');
    });

    test('getMany leaves out an id that is gone, and returns the others', async () => {
      const kept = await create(freshUid(), 'Gardé');
      const gone = await create(freshUid(), 'Supprimé');
      await store.delete(gone.id, gone.version);
      const read = await store.getMany([gone.id, kept.id]);
      expect(read.map((r) => r.id)).toEqual([kept.id]);
    });

    const unreadableCase = 'getMany reports an item it could not read (never throws, never a deletion)';
    if (caps.unreadable === true) {
      test(unreadableCase, async () => {
        const bad = await create(freshUid(), 'Illisible');
        const good = await create(freshUid(), 'Lisible');
        expect(subject.makeUnreadable).toBeDefined();
        await subject.makeUnreadable!(bad.id);
        const read = await store.getMany([bad.id, good.id]);
        const byId = new Map(read.map((r) => [r.id, r]));
        const badRead = byId.get(bad.id);
        expect(badRead).toBeDefined();
        expect(isUnreadable(badRead!)).toBe(true);
        expect(dataOf(byId.get(good.id))).toContain('Lisible');
      });
    } else {
      const reason = caps.unreadable.cannot;
      test(`${unreadableCase}: declared not injectable here (${reason})`, () => {
        expect(reason.length).toBeGreaterThan(10);
        expect(subject.makeUnreadable).toBeUndefined();
      });
    }

    test('update with the current version gives a new version; a stale version is refused (PreconditionFailed)', async () => {
      const uid = freshUid();
      const ref = await create(uid, 'Version 1');
      const { version } = await store.update(ref.id, item(uid, 'Version 2'), ref.version);
      expect(version).toBeTruthy();
      expect(version).not.toBe(ref.version);
      expect(dataOf((await store.getMany([ref.id]))[0])).toContain('Version 2');
      await expectStoreError(store.update(ref.id, item(uid, 'Version périmée'), ref.version), PreconditionFailedError);
      await expectStoreError(store.delete(ref.id, ref.version), PreconditionFailedError);
      // Nothing of the refused writes landed.
      const [after] = await store.getMany([ref.id]);
      expect(after).toMatchObject({ version });
      expect(dataOf(after)).toContain('Version 2');
    });

    test('update and delete of an item that is gone: NotFound', async () => {
      const uid = freshUid();
      const ref = await create(uid, 'Éphémère');
      await store.delete(ref.id, ref.version);
      await expectStoreError(store.delete(ref.id, ref.version), NotFoundError);
      await expectStoreError(store.update(ref.id, item(uid, 'Revenu'), ref.version), NotFoundError);
      expect((await store.list()).map((r) => r.id)).not.toContain(ref.id);
    });

    test('a second create of the same UID creates nothing: PreconditionFailed carrying the existing id', async () => {
      const uid = freshUid();
      const first = await create(uid, 'Premier');
      const err = await expectStoreError(
        caps.secondCreate === 'same-name'
          ? store.create(item(uid, 'Second'), uid)
          : // Found by UID: even under another suggested name.
            store.create(item(uid, 'Second'), `${uid}-other-name`),
        PreconditionFailedError,
      );
      expect(err.id).toBe(first.id);
      const listed = (await store.list()).filter((r) => r.id === first.id);
      expect(listed).toHaveLength(1);
      const read = await store.getMany((await store.list()).map((r) => r.id));
      expect(read.filter((r) => dataOf(r)?.includes(`UID:${uid}`))).toHaveLength(1);
    });

    const huge = caps.hugeBytes ?? 1_000_000;
    test(`a huge item (${Math.round(huge / 1000)} KB of text) is stored and read back whole`, async () => {
      const uid = freshUid();
      const text = longText(huge);
      const ref = await create(uid, 'Compte-rendu complet', text);
      const data = dataOf((await store.getMany([ref.id]))[0]) ?? '';
      // Lines may be folded differently: compare unfolded.
      expect(data.replace(/\r?\n[ \t]/g, '')).toContain(text.slice(-2000));
      expect(data.replace(/\r?\n[ \t]/g, '').length).toBeGreaterThan(text.length);
    });

    const badCase = 'text that is not an item is refused with a per-item error, nothing stored';
    if (caps.rejectsBadInput === true) {
      test(badCase, async () => {
        const before = (await store.list()).length;
        const err = await store.create('<html><body>Service unavailable</body></html>', freshUid()).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(ItemError);
        expect((await store.list()).length).toBe(before);
      });
    } else {
      const reason = caps.rejectsBadInput.cannot;
      test(`${badCase}: declared not checked by this store (${reason})`, () => {
        expect(reason.length).toBeGreaterThan(10);
      });
    }

    test('changesSince (when offered): a full listing first, then what changed and what was deleted', async () => {
      if (!store.changesSince) {
        // Declared by the store's shape: it offers list() only, and the engine compares listings.
        expect(typeof store.list).toBe('function');
        return;
      }
      const a = await create(freshUid(), 'A');
      const b = await create(freshUid(), 'B');
      const first = await store.changesSince(null);
      expect(first.full).toBe(true);
      expect(first.changed.map((c) => c.id)).toEqual(expect.arrayContaining([a.id, b.id]));
      const uidC = freshUid();
      const c = await create(uidC, 'C');
      await store.delete(b.id, b.version);
      const next = await store.changesSince(first.token);
      expect(next.full).toBeFalsy();
      expect(next.changed.map((x) => x.id)).toContain(c.id);
      expect(next.changed.map((x) => x.id)).not.toContain(b.id);
      expect(next.deleted).toContain(b.id);
      const idle = await store.changesSince(next.token);
      expect(idle.changed.map((x) => x.id)).not.toContain(a.id);
      expect(idle.deleted).toEqual([]);
    });
  });
}
