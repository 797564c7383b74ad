/**
 * One component's view of a calendar that holds events AND tasks (kind 'events+tasks': Nextcloud's default
 * calendars, SOGo, Cyrus): an ItemStore showing only the VEVENT items, or only the VTODO items, of an inner store,
 * so each can sync with a container that takes only that component (an Outlook calendar, a To Do list).
 *
 * - Items are classified by their data: a listing entry that carries its data is classified from it; one that does
 *   not is read through the inner store (`getMany`, in batches), and its data is handed on with the entry so the
 *   engine does not read it again. A memo (id + version -> component), shared by the views of one collection and
 *   kept between runs, spares reading again an item already classified at that version.
 * - Which view an item belongs to (`viewOf`): an item with a VEVENT goes to the VEVENT view, even if it has a VTODO
 *   too (CalDAV forbids mixing them in one resource, RFC 4791 4.1, so this only meets broken data); an item with
 *   neither (a VJOURNAL, a VFREEBUSY) also goes to the VEVENT view, where a store that takes events only refuses it
 *   with an item error of the run, as it does in an events-only calendar: it is never hidden from both views.
 * - An item that cannot be read (an UnreadableItem, or text that is not a whole iCalendar object) is shown in BOTH
 *   views: the engine sets it apart as unreadable in each and reads it again next run. Never dropped, never taken
 *   for a deletion.
 * - Deletions of the inner store pass through as they are: the view cannot tell the component of an item that is
 *   gone, and the engine ignores the deletion of an id its status never paired. An item of the other component
 *   that changed is reported deleted in an incremental answer (it may have been this view's once: an event rewritten
 *   as a task leaves the events view); a full listing simply leaves it out.
 * - Writes pass through: what the engine writes to a view is of the view's component.
 */
import { incompleteReason, parseComponents, identityComponents } from './content-lines.js';
import { isUnreadable, type ChangeSet, type ItemRef, type ItemStore, type ReadResult } from './store.js';

export type CalendarComponent = 'VEVENT' | 'VTODO';

/** The view an item's text belongs to, or 'unreadable' when it is not a whole iCalendar object (both views). */
export function viewOf(text: string): CalendarComponent | 'unreadable' {
  if (incompleteReason(text) !== undefined) return 'unreadable';
  const names = new Set(identityComponents(parseComponents(text)).map((c) => c.name));
  if (names.has('VEVENT')) return 'VEVENT';
  return names.has('VTODO') ? 'VTODO' : 'VEVENT';
}

/** What is known of an item's component, by id: valid while its version is the same. */
export type ComponentMemo = Map<string, { version: string; component: CalendarComponent }>;

export interface ComponentViewStoreOptions {
  inner: ItemStore;
  component: CalendarComponent;
  /** Shared by the views of one collection, kept between runs; a fresh one when not given. */
  memo?: ComponentMemo;
  /** Name in reports; default the inner store's. */
  name?: string;
  /** Ids per `getMany` when classifying; default 100 (the engine's batch). */
  batchSize?: number;
}

type Entry = ItemRef & { data?: string };

/** An entry of the inner listing, classified: in this view (with its data when read), in the other one, or gone. */
interface Classified {
  entry: Entry;
  view: CalendarComponent | 'unreadable' | 'gone';
}

export class ComponentViewStore implements ItemStore {
  readonly readOnly: boolean;
  readonly windowed: boolean | undefined;
  readonly name: string | undefined;
  readonly concurrency: number | undefined;
  private readonly inner: ItemStore;
  private readonly memo: ComponentMemo;

  flush?: () => Promise<void>;
  changesSince?: (token: string | null) => Promise<ChangeSet>;
  currentToken?: () => Promise<string>;
  unchanged?: (token: string) => Promise<boolean>;

  constructor(private readonly opts: ComponentViewStoreOptions) {
    const { inner } = opts;
    this.inner = inner;
    this.memo = opts.memo ?? new Map();
    this.readOnly = inner.readOnly;
    this.windowed = inner.windowed;
    this.name = opts.name ?? inner.name;
    this.concurrency = inner.concurrency;
    // The optional capabilities exist on the view only when the inner store has them (the engine tests for them).
    if (inner.flush) this.flush = () => inner.flush!();
    if (inner.changesSince) this.changesSince = (token) => this.changesSinceImpl(inner.changesSince!(token));
    if (inner.currentToken) this.currentToken = () => inner.currentToken!();
    // The inner collection did not change: neither did any view of it.
    if (inner.unchanged) this.unchanged = (token) => inner.unchanged!(token);
  }

  async list(): Promise<ItemRef[]> {
    const classified = await this.classify(await this.inner.list());
    return classified.filter((c) => this.shows(c.view)).map(({ entry }) => ({ id: entry.id, version: entry.version }));
  }

  async getMany(ids: string[]): Promise<ReadResult[]> {
    const got = await this.inner.getMany(ids);
    // An item of the other component is not in this view: left out, as the listings leave it out.
    return got.filter((it) => isUnreadable(it) || this.shows(this.remember(it.id, it.version, it.data)));
  }

  // What the engine writes is classified on the way: the next listing of the other view need not read it.
  async create(data: string, suggestedId?: string): Promise<ItemRef> {
    const ref = await this.inner.create(data, suggestedId);
    this.remember(ref.id, ref.version, data);
    return ref;
  }

  async update(id: string, data: string, ifVersion: string): Promise<{ version: string }> {
    const done = await this.inner.update(id, data, ifVersion);
    this.remember(id, done.version, data);
    return done;
  }

  delete(id: string, ifVersion: string): Promise<void> {
    return this.inner.delete(id, ifVersion);
  }

  private async changesSinceImpl(answer: Promise<ChangeSet>): Promise<ChangeSet> {
    const cs = await answer;
    for (const id of cs.deleted) this.memo.delete(id);
    const classified = await this.classify(cs.changed);
    const changed = classified.filter((c) => this.shows(c.view)).map((c) => c.entry);
    if (cs.full) return { ...cs, changed };
    // Gone between the listing and the read, or now of the other component: no longer in this view.
    const left = classified.filter((c) => !this.shows(c.view)).map((c) => c.entry.id);
    return { ...cs, changed, deleted: [...cs.deleted, ...left] };
  }

  private shows(view: Classified['view']): boolean {
    return view === this.opts.component || view === 'unreadable';
  }

  /** Classifies the text of an item and keeps its component for the next runs. */
  private remember(id: string, version: string, data: string): CalendarComponent | 'unreadable' {
    const view = viewOf(data);
    if (view === 'unreadable' || version === '') this.memo.delete(id);
    else this.memo.set(id, { version, component: view });
    return view;
  }

  /**
   * Each entry's view: from the data it carries, else from the memo at the same version, else read (batched).
   * An entry read here carries its data on (and the version read with it), so the engine does not read it again.
   */
  private async classify(entries: Entry[]): Promise<Classified[]> {
    const out: Classified[] = [];
    const toRead: Entry[] = [];
    for (const entry of entries) {
      const known = this.memo.get(entry.id);
      if (entry.data !== undefined) out.push({ entry, view: this.remember(entry.id, entry.version, entry.data) });
      else if (known && entry.version !== '' && known.version === entry.version)
        out.push({ entry, view: known.component });
      else toRead.push(entry);
    }
    const batch = Math.max(1, this.opts.batchSize ?? 100);
    for (let i = 0; i < toRead.length; i += batch) {
      const slice = toRead.slice(i, i + batch);
      const got = new Map((await this.inner.getMany(slice.map((e) => e.id))).map((r) => [r.id, r]));
      for (const entry of slice) {
        const read = got.get(entry.id);
        if (!read) out.push({ entry, view: 'gone' });
        // Listed without data: the engine asks getMany for it, and finds it unreadable (or readable by then).
        else if (isUnreadable(read)) out.push({ entry, view: 'unreadable' });
        else
          out.push({
            entry: { id: entry.id, version: read.version, data: read.data },
            view: this.remember(entry.id, read.version, read.data),
          });
      }
    }
    return out;
  }
}
