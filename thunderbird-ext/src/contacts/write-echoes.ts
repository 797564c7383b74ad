/**
 * Thunderbird's own word on what it stored after one of our writes, without reading the contact back.
 *
 * Thunderbird rewrites what it stores (vCard 4.0), so a write's version is the hash of the text it holds after
 * the write. Its `onCreated`/`onUpdated` event carries exactly that text, and it is sent to the extension for
 * every write anyway (the scheduler listens): taking the version from it spares one `get()` per write, each one
 * more task on Thunderbird's main thread. It is also the text of OUR write: a read-back could return an edit the
 * user made just after it, whose change would then pass for synced.
 *
 * Events of the book are kept briefly (the event and the write's answer reach the extension in either order); a
 * write forgets what was kept for its contact before it is sent, so an older event never passes for its own.
 * When no event comes within `timeoutMs` the caller reads the contact instead, and so does every later write of
 * this run (events may not be delivered at all: no waiting at each write then).
 */
import type { ContactNode, ContactsApi } from '../thunderbird-api.js';

/** Events kept at most (the pacer sends one write at a time: a few are plenty). */
const KEPT = 64;

export class WriteEchoes {
  private readonly kept = new Map<string, string>();
  private waiter: { id: string; resolve: (vCard: string | undefined) => void } | undefined;
  private listening = false;
  private trusted = true;

  constructor(
    private readonly contacts: ContactsApi,
    private readonly bookId: string,
    private readonly timeoutMs = 2000,
  ) {}

  /** Before a write of contact `id` is sent (its UID; undefined when Thunderbird will make one up). */
  prepare(id: string | undefined): void {
    if (!this.listening) {
      this.contacts.onCreated.addListener(this.heard);
      this.contacts.onUpdated.addListener(this.heard);
      this.listening = true;
    }
    if (id !== undefined) this.kept.delete(id);
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
    if (!this.trusted) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const vCard = await new Promise<string | undefined>((resolve) => {
      this.waiter = { id, resolve };
      timer = setTimeout(() => resolve(undefined), this.timeoutMs);
    });
    clearTimeout(timer);
    this.waiter = undefined;
    if (vCard === undefined && write === 'create') this.trusted = false;
    return vCard;
  }

  /** Stops listening (the end of the run). */
  close(): void {
    if (!this.listening) return;
    this.contacts.onCreated.removeListener(this.heard);
    this.contacts.onUpdated.removeListener(this.heard);
    this.listening = false;
    this.kept.clear();
  }

  private readonly heard = (node: ContactNode): void => {
    if (node.parentId !== this.bookId || typeof node.vCard !== 'string') return;
    if (this.waiter?.id === node.id) {
      this.waiter.resolve(node.vCard);
      return;
    }
    this.kept.set(node.id, node.vCard);
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value as string);
  };
}
