/**
 * The tasks of a subscribed calendar that holds events AND tasks (kind 'events+tasks': Nextcloud's default
 * calendars, SOGo, Cyrus; issue 15): Outlook keeps events in a calendar and tasks in To Do, so such a subscription
 * syncs two pairs. GraphSync runs the events pair (the collection's VEVENT view <-> its Outlook calendar, status pair
 * "<subscription>:outlook" as for any calendar); this module gives that pair its DAV side and runs the tasks pair:
 * the collection's VTODO view <-> a To Do list of the subscription's name.
 *
 * - The views (core's ComponentViewStore) classify items by their data; the two views of a subscription share one
 *   memo (id + version -> component) kept in memory, so an item is read to be classified once, not once per pair.
 * - The To Do list is made (or found by name) only once the calendar holds a task.
 * - The To Do list's id is not stored (the one slot the bridge's store has per subscription holds the calendar's,
 *   and no schema change here): it is found by name with core's ensureTodoList (made when missing) on the first run
 *   of the process, then kept in memory per subscription. Its status pair carries the list's id,
 *   "<subscription>:outlook-tasks:<list id>": a list renamed or deleted in To Do gives, after a restart, a new list
 *   with a status of its own, which the engine fills from the DAV side by UID; with one pair for both lists, the
 *   engine would take every task missing from the new list for a task deleted in To Do, and delete it on the server.
 *   The old pair's rows go with the subscription (its pairs are deleted by prefix).
 * - Conflicts are kept on the side 'outlook', as the calendar's: the conflict log says where the losing version came
 *   from (Outlook), and the item's UID tells the task from the events.
 * - Its notes go to the same RunNotices as the events pair's; its report is merged with theirs (mergeReports).
 */
import { sync } from '@dav-bridge/core';
import {
  ensureTodoList,
  findTodoList,
  GraphRequestError,
  GraphTodoStore,
  type GraphClient,
} from '@dav-bridge/core/graph';
import type { BridgeStore, SubscriptionRecord } from '../store/types.js';
import type { Message } from '../words.js';
import { StoredConflictLog } from './stored-conflict-log.js';

/** The status pair of an 'events+tasks' subscription's tasks with the To Do list `listId`. */
export const outlookTasksPair = (subscriptionId: string, listId: string) => `${subscriptionId}:outlook-tasks:${listId}`;

const holdsTasksToo = (sub: SubscriptionRecord) => sub.kind === 'events+tasks';

export interface TasksRunInput {
  client: GraphClient;
  /** Opens the subscription's DAV collection afresh (the pair keeps its own listing state). */
  openDav: () => sync.ItemStore;
  /** The To Do list's name: asked only when the list's id is not known yet (a name no other subscription uses). */
  listName: () => Promise<string>;
  /** The subscription's Outlook category, on every task as on every event. */
  category: string;
  /** The run's notes (downgrades of what To Do cannot hold). */
  onReport: (m: Message) => void;
}

export class CalendarTasksSync {
  /** The To Do list of each 'events+tasks' subscription, found by name on its first run in this process. */
  private readonly lists = new Map<string, string>();
  /** 'events+tasks' subscriptions seen with no task and no To Do list of their name, in this process. */
  private readonly withoutList = new Set<string>();
  /** The components of each 'events+tasks' subscription's items, shared by its two views. */
  private readonly memos = new Map<string, sync.ComponentMemo>();

  constructor(
    private readonly store: BridgeStore,
    private readonly now: () => number,
  ) {}

  /** The DAV side of the subscription's Outlook calendar pair: its events only when it holds tasks too. */
  eventsSide(sub: SubscriptionRecord, openDav: () => sync.ItemStore): sync.ItemStore {
    return holdsTasksToo(sub) ? this.view(sub, openDav(), 'VEVENT') : openDav();
  }

  /** Syncs the tasks of an 'events+tasks' subscription with its To Do list; nothing (undefined) for other kinds. */
  async run(sub: SubscriptionRecord, input: TasksRunInput): Promise<sync.SyncReport | undefined> {
    if (!holdsTasksToo(sub)) return undefined;
    const { client, category, onReport } = input;
    let listId = this.lists.get(sub.id);
    if (listId === undefined) {
      // A To Do list only for a calendar that holds tasks: Radicale's and Nextcloud's calendars take tasks by
      // default, and most hold none; an empty list per subscribed calendar would clutter the user's To Do. (The
      // check reads the collection's listing; its items' components are classified once per process, in the memo.)
      if ((await this.view(sub, input.openDav(), 'VTODO').list()).length === 0) {
        // No task on the server; a list an earlier process made (before a restart) still syncs (tasks deleted on
        // the server go in To Do too, tasks added in To Do come up): looked up by name once per process, never made.
        if (this.withoutList.has(sub.id)) return undefined;
        listId = await findTodoList(client, await input.listName());
        if (listId === undefined) {
          this.withoutList.add(sub.id);
          return undefined;
        }
      } else listId = await ensureTodoList(client, await input.listName());
      this.withoutList.delete(sub.id);
      this.lists.set(sub.id, listId);
    }
    try {
      return await sync.syncPair({
        a: this.view(sub, input.openDav(), 'VTODO'),
        b: new GraphTodoStore({ client, listId, name: sub.name, category, onReport }),
        status: this.store.syncStatus(outlookTasksPair(sub.id, listId)),
        conflictLog: new StoredConflictLog(this.store, sub.id, this.now, 'outlook'),
        policy: 'newest',
      });
    } catch (err) {
      // The list is gone (deleted in To Do): the next run finds or makes it again by name, with its own status.
      if (err instanceof GraphRequestError && err.status === 404) this.lists.delete(sub.id);
      throw err;
    }
  }

  private view(sub: SubscriptionRecord, inner: sync.ItemStore, component: sync.CalendarComponent) {
    let memo = this.memos.get(sub.id);
    if (!memo) this.memos.set(sub.id, (memo = new Map()));
    return new sync.ComponentViewStore({ inner, component, memo });
  }
}

/**
 * The two pairs' reports as one, for the run: counts and issues added up, the listing the fuller of the two, pending
 * when either is. `tasks` undefined (a subscription without tasks): the events' report as it is.
 */
export function mergeReports(events: sync.SyncReport, tasks: sync.SyncReport | undefined): sync.SyncReport {
  if (!tasks) return events;
  const sum = (x: sync.SideCounts, y: sync.SideCounts): sync.SideCounts => ({
    created: x.created + y.created,
    updated: x.updated + y.updated,
    deleted: x.deleted + y.deleted,
    errors: x.errors + y.errors,
  });
  const rank = { unchanged: 0, incremental: 1, full: 2 } as const;
  const fuller = (x: keyof typeof rank, y: keyof typeof rank) => (rank[x] >= rank[y] ? x : y);
  const aborted = events.aborted ?? tasks.aborted;
  return {
    a: sum(events.a, tasks.a),
    b: sum(events.b, tasks.b),
    conflicts: events.conflicts + tasks.conflicts,
    unresolvedConflicts: events.unresolvedConflicts + tasks.unresolvedConflicts,
    deferred: events.deferred + tasks.deferred,
    unreadable: events.unreadable + tasks.unreadable,
    skipped: events.skipped + tasks.skipped,
    recorded: events.recorded + tasks.recorded,
    issues: [...events.issues, ...tasks.issues],
    readOnlyReverts: [...events.readOnlyReverts, ...tasks.readOnlyReverts],
    ...(aborted ? { aborted } : {}),
    dryRun: events.dryRun || tasks.dryRun,
    actions: [...events.actions, ...tasks.actions],
    listing: { a: fuller(events.listing.a, tasks.listing.a), b: fuller(events.listing.b, tasks.listing.b) },
    fetched: { a: events.fetched.a + tasks.fetched.a, b: events.fetched.b + tasks.fetched.b },
    pending: events.pending || tasks.pending,
  };
}
