/**
 * The sync engine's item store over a Microsoft To Do list the bridge creates and owns (Graph v1.0 `todoTask`).
 *
 * - Ids are task ids; versions the task's `@odata.etag` (todoTask has no changeKey); writes carry `If-Match`.
 * - The iCalendar UID: todoTask has no singleValueExtendedProperties. Graph's documented key for "the object
 *   this task stands for in a partner system" is a `linkedResource`'s `externalId`: each task the bridge
 *   creates carries one linked resource { applicationName: "DAV Bridge", externalId: UID }, created in the same
 *   POST as the task (so a task never exists without it). It is not filterable; the store reads the list's UID
 *   index once per run (`$expand=linkedResources`, 1,000 a page) and checks it before each create, so a run that
 *   crashed between the create and the status commit finds its task.
 * - The iCalendar text last written: in one open extension (`org.davbridge.icalendar`, Graph's way to add
 *   custom data to a todoTask), created with the task and PATCHed after each update: todo-mapping.ts reads it
 *   back so what To Do cannot hold stays exact on the DAV side.
 * - Listing: the list's tasks delta (`/me/todo/lists/{id}/tasks/delta`) with the 410 fallback.
 */
import { message } from '../i18n/index.js';
import type { GraphClient } from './graph-client.js';
import { findContainer, findOrCreateContainer } from './graph-collection.js';
import { OwnedContainerStore, type OwnedContainerOptions } from './owned-container-store.js';
import { icalToTodo, todoToIcal, type GraphTodoRead } from './todo-mapping.js';

/** The linkedResource applicationName that marks the bridge's tasks. */
export const TODO_APPLICATION = 'DAV Bridge';
/** The open extension holding the iCalendar text the bridge last wrote. */
export const TODO_EXTENSION = 'org.davbridge.icalendar';

export interface GraphTodoStoreOptions extends OwnedContainerOptions {
  listId: string;
  /** The subscribed task list's Outlook category, put first on every task and taken off reading back. */
  category?: string;
}

export class GraphTodoStore extends OwnedContainerStore<GraphTodoRead> {
  protected readonly collection: string;
  protected readonly readQuery = `$expand=${encodeURIComponent('linkedResources,extensions')}`;

  constructor(private readonly opts: GraphTodoStoreOptions) {
    super(opts);
    this.collection = `/me/todo/lists/${encodeURIComponent(opts.listId)}/tasks`;
  }

  protected itemUrl(id: string): string {
    return `${this.collection}/${encodeURIComponent(id)}`;
  }

  protected uidOf(task: GraphTodoRead): string | undefined {
    return task.linkedResources?.find((r) => r.applicationName === TODO_APPLICATION)?.externalId;
  }

  protected toText(task: GraphTodoRead): string {
    const original = task.extensions?.find((e) => (e.extensionName ?? e.id) === TODO_EXTENSION)?.ical;
    return todoToIcal(task, {
      uid: this.uidOf(task) ?? task.id,
      original,
      ...(this.opts.category !== undefined ? { category: this.opts.category } : {}),
    });
  }

  private map(text: string) {
    const mapped = icalToTodo(text, this.opts.category !== undefined ? { category: this.opts.category } : {});
    return {
      ...mapped,
      downgrades: mapped.downgrades.map((downgrade) =>
        message('graph.todo-downgrade', {
          uid: mapped.uid,
          downgrade,
          ...(mapped.task.title ? { title: mapped.task.title } : {}),
        }),
      ),
    };
  }

  protected createBody(_id: string, text: string) {
    const { uid, task, downgrades } = this.map(text);
    return {
      uid,
      downgrades,
      body: {
        ...task,
        linkedResources: [{ applicationName: TODO_APPLICATION, displayName: task.title || uid, externalId: uid }],
        extensions: [{ '@odata.type': 'microsoft.graph.openTypeExtension', extensionName: TODO_EXTENSION, ical: text }],
      },
    };
  }

  protected updateRequests(id: string, text: string) {
    const { task, downgrades } = this.map(text);
    return {
      body: task,
      after: { url: `${this.itemUrl(id)}/extensions/${TODO_EXTENSION}`, body: { ical: text } },
      downgrades,
    };
  }
}

/** A To Do list as listed: Outlook's own ones ("Tasks", "Flagged email") are never the bridge's. */
type ListEntry = { id: string; displayName: string; wellknownListName?: string };
const bridgeListNamed = (name: string) => (l: ListEntry) =>
  l.displayName === name && (l.wellknownListName ?? 'none') === 'none';

/** The To Do list of that name, if there is one (never made here; never one of Outlook's own lists). */
export async function findTodoList(client: GraphClient, name: string): Promise<string | undefined> {
  return findContainer<ListEntry>(client, '/me/todo/lists', bridgeListNamed(name));
}

/**
 * The bridge's own To Do list for a subscribed task list: found by name, else created. Outlook's own lists are
 * never taken (a task list named "Tasks" would otherwise pair with the user's default list and share their tasks).
 */
export async function ensureTodoList(client: GraphClient, name: string): Promise<string> {
  return findOrCreateContainer<ListEntry>(
    client,
    '/me/todo/lists',
    bridgeListNamed(name),
    async () => ((await client.ok('POST', '/me/todo/lists', { displayName: name })) as { id: string }).id,
  );
}
