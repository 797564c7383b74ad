/**
 * Thunderbird's own word on what it stored after one of our writes, without reading the contact back.
 *
 * Thunderbird rewrites what it stores (vCard 4.0), so a write's version is the hash of the text it holds after
 * the write. Its `onCreated`/`onUpdated` event carries exactly that text, and it is sent to the extension for
 * every write anyway (the scheduler listens): taking the version from it spares one `get()` per write, each one
 * more task on Thunderbird's main thread. It is also the text of OUR write: a read-back could return an edit the
 * user made just after it, whose change would then pass for synced.
 *
 * Only the event of OUR write counts: for a create, the contact's `onCreated`; for an update, the `onUpdated` whose
 * old vCard is the text read just before the write (an edit the user makes right after our write comes as an
 * `onUpdated` from OUR text, and must stay a change for the next run, never pass for synced). The first such event
 * is kept (the event and the write's answer reach the extension in either order); a write forgets what was kept for
 * its contact before it is sent, so an older event never passes for its own.
 * When no event comes within `timeoutMs` the caller reads the contact instead; after a create without event, so does
 * every later write of this run (events may not be delivered at all: no waiting at each write then). An update that
 * leaves the stored text as it was has no event at all: updates wait a shorter time (UPDATE_WAIT_MS).
 */
import type { ContactNode, ContactsApi } from '../thunderbird-api.js';

/** Events kept at most (the pacer sends one write at a time: a few are plenty). */
const KEPT = 64;
/** How long an update waits for its event (an unchanged card has none; a read-back then costs one get()). */
const UPDATE_WAIT_MS = 300;

/** What the event of a write must look like: a creation, or an update from the text read before it. */
type Expected = { write: 'create' } | { write: 'update'; before: string };

export class WriteEchoes {
  private readonly kept = new Map<string, string>();
  private readonly expected = new Map<string, Expected>();
  /** A create whose id Thunderbird makes up (no UID): its onCreated is taken whatever the id. */
  private anonymousCreate = false;
  private waiter: { id: string; resolve: (vCard: string | undefined) => void } | undefined;
  private listening = false;
  private trusted = true;

  constructor(
    private readonly contacts: ContactsApi,
    private readonly bookId: string,
    private readonly timeoutMs = 2000,
  ) {}

  /**
   * Before a write of contact `id` is sent (its UID; undefined when Thunderbird will make one up): a create, or an
   * update of the contact whose text was `before`.
   */
  prepare(id: string | undefined, before?: string): void {
    if (!this.listening) {
      this.contacts.onCreated.addListener(this.heardCreated);
      this.contacts.onUpdated.addListener(this.heardUpdated);
      this.listening = true;
    }
    if (id === undefined) {
      this.anonymousCreate = true;
      return;
    }
    this.kept.delete(id);
    this.expected.set(id, before === undefined ? { write: 'create' } : { write: 'update', before });
  }

  /**
   * The vCard Thunderbird stored by the write of `id` just answered; undefined when none came in time. An update
   * that leaves the stored text as it was has no event (MV3 fires onUpdated only when the vCard changed): its
   * silence does not stop later writes from waiting for theirs.
   */
  async stored(id: string, write: 'create' | 'update'): Promise<string | undefined> {
    const now = this.kept.get(id);
    if (now !== undefined) {
      this.kept.delete(id);
      return now;
    }
    if (!this.trusted) return this.forget(id);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const vCard = await new Promise<string | undefined>((resolve) => {
      this.waiter = { id, resolve };
      timer = setTimeout(
        () => resolve(undefined),
        write === 'update' ? Math.min(this.timeoutMs, UPDATE_WAIT_MS) : this.timeoutMs,
      );
    });
    clearTimeout(timer);
    this.waiter = undefined;
    if (vCard === undefined && write === 'create') this.trusted = false;
    return vCard ?? this.forget(id);
  }

  /** Stops listening (the end of the run). */
  close(): void {
    if (!this.listening) return;
    this.contacts.onCreated.removeListener(this.heardCreated);
    this.contacts.onUpdated.removeListener(this.heardUpdated);
    this.listening = false;
    this.kept.clear();
    this.expected.clear();
  }

  /** No event to wait for any more: a later one for this contact is the user's, not ours. */
  private forget(id: string): undefined {
    this.expected.delete(id);
    return undefined;
  }

  private readonly heardCreated = (node: ContactNode): void => {
    const expected = this.expected.get(node.id);
    if (expected?.write === 'create') this.take(node);
    else if (!expected && this.anonymousCreate) {
      this.anonymousCreate = false;
      this.take(node);
    }
  };

  private readonly heardUpdated = (node: ContactNode, oldVCard: string): void => {
    const expected = this.expected.get(node.id);
    if (expected?.write === 'update' && expected.before === oldVCard) this.take(node);
  };

  /** The event of our write: the first one only, for the write waiting or kept for it. */
  private take(node: ContactNode): void {
    if (node.parentId !== this.bookId || typeof node.vCard !== 'string') return;
    this.expected.delete(node.id);
    if (this.waiter?.id === node.id) {
      this.waiter.resolve(node.vCard);
      return;
    }
    this.kept.set(node.id, node.vCard);
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value as string);
  }
}
