/**
 * The two-way sync of a subscribed DAV collection with an Outlook container the bridge creates and owns, through
 * Microsoft Graph (issue 15), for users who connected Microsoft 365 in the pane: a calendar with an Outlook
 * calendar, a task list with a Microsoft To Do list, an address book with an Outlook contact folder. Called by the
 * subscription's sync run after its mirror pair: core's GraphEventStore / GraphTodoStore / GraphContactStore over
 * a GraphClient whose token comes silently from GraphSignIn;
 * the engine's status and the losing versions of conflicts are kept per subscription for this pair (status pair
 * "<subscription>:outlook", conflicts on the side "outlook"). A calendar holding tasks too ('events+tasks') syncs its
 * events with an Outlook calendar and its tasks with a To Do list: two pairs (graph-sync-tasks.ts).
 *
 * - Categories: the Outlook master category every synced item carries is made, in the preset the pane's mapping
 *   gives the collection's color, when the mailbox has none of that name (colors/outlook-master-category.ts);
 *   the Outlook calendar is made in the Graph calendar color nearest the collection's.
 * - Notes: what the Graph stores report (downgrades, undone edits) go to the run's notes (run-notices.ts), kept
 *   with its status for the pane.
 * - A user who must reconnect (refresh refused) gets no Graph request at all: the run says "reconnect Outlook".
 * - Throttling: a run waits for Outlook's Retry-After at most THROTTLE_BUDGET_MS in all, then stops and says so;
 *   the next run goes on (the engine's status makes it resume without duplicates). So one throttled mailbox holds
 *   the bridge's round for seconds, never for the minutes Outlook may ask.
 */
import { openCollectionStore, sync, type Collection, type CollectionProfile } from '@dav-bridge/core';
import {
  ensureContactFolder,
  ensureGraphCalendar,
  ensureTodoList,
  GraphClient,
  GraphContactStore,
  GraphEventStore,
  GraphRequestError,
  GraphTodoStore,
} from '@dav-bridge/core/graph';
import { UserCategories } from '../colors/categories.js';
import { OutlookMasterCategories } from '../colors/outlook-master-category.js';
import { GraphReconnectNeeded } from '../graph/graph-sign-in.js';
import type { GraphSetup } from '../graph/graph-setup.js';
import { ApiError } from '../http/api-error.js';
import type { BridgeStore, GraphReconnectReason, SubscriptionRecord } from '../store/types.js';
import { message, type Message } from '../words.js';
import type { RunNotices } from './run-notices.js';
import type { GraphWebhooks } from './graph-webhooks.js';
import { StoredConflictLog } from './stored-conflict-log.js';
import { CalendarTasksSync, mergeReports } from './graph-sync-tasks.js';

/** How long one run waits, in all, for Outlook's Retry-After before it stops for this run. */
export const THROTTLE_BUDGET_MS = 10_000;

/** The status pair of a subscription's Outlook side (beside the mirror pair, keyed by the subscription id). */
export const outlookPair = (subscriptionId: string) => `${subscriptionId}:outlook`;

const reasonCode = (r: GraphReconnectReason | undefined) =>
  (r ?? 'graph-connect.reason-refresh-refused').replace('graph-connect.reason-', '') as
    'refresh-refused' | 'interaction-required' | 'cache-unreadable';

const needsReconnect = (r: GraphReconnectReason | undefined) =>
  new ApiError(409, 'outlook-sync-reconnect', message('graph-connect.sync-needs-reconnect', { reason: reasonCode(r) }));

class OutlookThrottled extends Error {}

/**
 * Which kind of Outlook container a subscription syncs with, the one whose id is kept in the one slot the store has
 * per subscription. A calendar holding tasks too ('events+tasks') has a calendar there, and a To Do list beside it
 * (graph-sync-tasks.ts): `containersOf` names both, so no two subscriptions get the same container by name.
 */
type Container = 'calendar' | 'todo-list' | 'contact-folder';
const containerOf = (kind: SubscriptionRecord['kind']): Container =>
  kind === 'tasks' ? 'todo-list' : kind === 'contacts' ? 'contact-folder' : 'calendar';
const containersOf = (kind: SubscriptionRecord['kind']): Container[] =>
  kind === 'events+tasks' ? ['calendar', 'todo-list'] : [containerOf(kind)];

/** Made with the collection's color where Graph has one for the container (calendars only). */
const ensureContainer: Record<Container, (client: GraphClient, name: string, color?: string) => Promise<string>> = {
  calendar: (client, name, color) => ensureGraphCalendar(client, name, color),
  'todo-list': (client, name) => ensureTodoList(client, name),
  'contact-folder': (client, name) => ensureContactFolder(client, name),
};

function openContainer(
  kind: Container,
  client: GraphClient,
  id: string,
  name: string,
  category: string,
  onReport: (m: Message) => void,
) {
  if (kind === 'todo-list') return new GraphTodoStore({ client, listId: id, name, category, onReport });
  if (kind === 'contact-folder') return new GraphContactStore({ client, folderId: id, name, category, onReport });
  return new GraphEventStore({ client, calendarId: id, name, category, onReport });
}

/** What the sync run read of the collection: its profile, with the collection (and its color) when read. */
export type GraphSyncProfile = CollectionProfile & { collection?: Pick<Collection, 'color'> };

export class GraphSync {
  /** Graph requests sent, all runs together (tests count them). */
  requests = 0;
  /** The master categories known to exist, per user: one check per user and name, not one per run. */
  private readonly masterCategories: OutlookMasterCategories;
  /** The To Do side of the calendars that hold tasks too. */
  private readonly tasks: CalendarTasksSync;

  constructor(
    private readonly store: BridgeStore,
    private readonly graph: GraphSetup,
    private readonly now: () => number,
    /** Change notifications on the container (issue 15), set up or renewed after each run. */
    private readonly webhooks?: GraphWebhooks,
  ) {
    this.masterCategories = new OutlookMasterCategories(now);
    this.tasks = new CalendarTasksSync(store, now);
  }

  /**
   * The subscription's own Outlook container (calendar, To Do list or contact folder): the one kept from its first
   * run; else found or created by a name no other subscription of the user syncing with the same kind of container
   * has (a second "Équipe technique" calendar gets "Équipe technique (2)"), then kept. A run that crashed after
   * Graph's create and before keeping the id finds it again by that name.
   */
  private async containerIdOf(
    sub: SubscriptionRecord,
    kind: Container,
    client: GraphClient,
    color: string | undefined,
  ): Promise<string> {
    const kept = await this.store.getOutlookCalendarId(sub.id);
    if (kept) return kept;
    const id = await ensureContainer[kind](client, await this.containerName(sub, kind), color);
    await this.store.setOutlookCalendarId(sub.id, id);
    return id;
  }

  /** The subscription's name, ranked among the user's subscriptions of that name syncing with that kind of container. */
  private async containerName(sub: SubscriptionRecord, kind: Container): Promise<string> {
    const mine = await this.store.listSubscriptions(sub.accountId);
    const sameName = mine.filter((s) => s.name === sub.name && containersOf(s.kind).includes(kind)).map((s) => s.id);
    const rank = sameName.indexOf(sub.id);
    return rank > 0 ? `${sub.name} (${rank + 1})` : sub.name;
  }

  /** A DAV collection of a user whose Microsoft 365 account is connected (or must reconnect: the run says so). */
  private async connection(sub: SubscriptionRecord) {
    if (!this.graph.signIn || sub.type !== 'collection') return undefined;
    return this.store.getGraphConnection(sub.accountId);
  }

  /**
   * Syncs the subscription's DAV collection two ways with its Outlook container; nothing when the user has not
   * connected Microsoft 365. `openDav` opens the DAV side afresh (this pair keeps its own listing state); the
   * run's notes about Outlook go to `notices`.
   */
  async run(
    sub: SubscriptionRecord,
    profile: GraphSyncProfile,
    openDav: () => sync.ItemStore,
    notices?: RunNotices,
  ): Promise<sync.SyncReport | undefined> {
    const row = await this.connection(sub);
    if (!row) return undefined;
    if (row.state === 'reconnect') throw needsReconnect(row.reason);
    const signIn = this.graph.signIn!;
    let waited = 0;
    const client = new GraphClient({
      baseUrl: this.graph.baseUrl,
      ...(this.graph.fetch ? { fetch: this.graph.fetch } : {}),
      getToken: () => signIn.accessToken(sub.accountId),
      sleep: async (ms) => {
        waited += ms;
        if (waited > THROTTLE_BUDGET_MS) throw new OutlookThrottled();
        await new Promise((r) => setTimeout(r, ms));
      },
    });
    const color = profile.collection?.color;
    const categories = await UserCategories.load(this.store, sub.accountId);
    // The category the pane shows for this collection, and its preset (the user's memory: the same name and color
    // everywhere); saved as the pane's listing saves it, so a first run keeps the name it gave; not when the
    // collection's properties were not read (its color unknown, not "none").
    const { category, preset } = categories.assign({ ...profile, ...(color ? { color } : {}) } as Collection);
    if (profile.collection) await categories.save();
    const report = (m: Message) => notices?.add(m);
    try {
      const kind = containerOf(sub.kind);
      await this.ensureCategory(sub, client, category, preset, report);
      const containerId = await this.containerIdOf(sub, kind, client, color);
      const outlook = await sync.syncPair({
        a: this.tasks.eventsSide(sub, openDav),
        b: openContainer(kind, client, containerId, sub.name, category, report),
        status: this.store.syncStatus(outlookPair(sub.id)),
        conflictLog: new StoredConflictLog(this.store, sub.id, this.now, 'outlook'),
        policy: 'newest',
      });
      await this.webhooks?.ensure(sub.id, client, kind, containerId);
      const listName = () => this.containerName(sub, 'todo-list');
      const tasks = await this.tasks.run(sub, { client, openDav, listName, category, onReport: report });
      return mergeReports(outlook, tasks);
    } catch (err) {
      if (err instanceof GraphReconnectNeeded) throw needsReconnect(err.reason);
      if (err instanceof OutlookThrottled)
        throw new ApiError(503, 'outlook-sync-throttled', message('graph-connect.sync-throttled', {}));
      throw err;
    } finally {
      this.requests += client.requestCount;
    }
  }

  /**
   * The category's master entry, made when missing. Cosmetic: a refusal (a connection made before the bridge
   * asked for MailboxSettings.ReadWrite: 403) is a note of the run, never a failed sync; throttling and a
   * refused sign-in stop the run as for any other request.
   */
  private async ensureCategory(
    sub: SubscriptionRecord,
    client: GraphClient,
    name: string,
    preset: number | null,
    report: (m: Message) => void,
  ): Promise<void> {
    try {
      await this.masterCategories.ensure(sub.accountId, client, name, preset);
    } catch (err) {
      if (!(err instanceof GraphRequestError)) throw err;
      report(message('graph-connect.category-not-made', { name, detail: `HTTP ${err.status} ${err.code}` }));
    }
  }
}

/** Reopens the subscription's DAV collection as a store, as the mirror pair opened it. */
export function reopenDav(args: Parameters<typeof openCollectionStore>[0]): () => sync.ItemStore {
  return () => openCollectionStore(args).store;
}
