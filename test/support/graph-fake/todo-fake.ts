/**
 * Graph fake, Microsoft To Do part: task lists and tasks of Graph v1.0 (`todoTaskList`, `todoTask`,
 * `linkedResource`, open extensions on tasks), written from Microsoft's documented contract, strict like the
 * rest of the fake: unknown or read-only properties are rejected (`RequestBodyRead`), so are unknown enum
 * values (status, importance), invalid dateTimeTimeZone values and recurrences; `If-Match` on the task's
 * `@odata.etag` (412); delta per list with `@removed` entries and tokens expired on demand (410
 * `syncStateNotFound`).
 *
 * Endpoints: /me/todo/lists (GET, POST), /me/todo/lists/{id} (GET, DELETE), /me/todo/lists/{id}/tasks (GET
 * with $expand=linkedResources,extensions, $top, $skip; POST with linkedResources and extensions in the body),
 * /me/todo/lists/{id}/tasks/delta, /me/todo/lists/{id}/tasks/{id} (GET, PATCH, DELETE),
 * /me/todo/lists/{id}/tasks/{id}/extensions/{name} (PATCH).
 *
 * Approximations (Microsoft's docs do not say): the error codes of a bad status or importance; If-Match on a
 * task; a recurring task needs a due date (To Do's apps behave so); an extension's PATCH does not change the
 * task's etag; setting status `completed` sets `completedDateTime` to now when the request gives none, and
 * leaving `completed` clears it.
 */
import { randomBytes } from 'node:crypto';
import type {
  Extension,
  Importance,
  LinkedResource,
  TaskStatus,
  TodoTask,
  TodoTaskList,
} from '@microsoft/microsoft-graph-types';
import { GraphError, objectBody, ok, unknownProperty, validateRecurrence, type Req, type Res } from './graph-fake.js';
import { deltaPage, skipPage } from './paging.js';
import { graphNames, KNOWN_TIME_ZONES } from './rules.js';

type Json = Record<string, unknown>;
/** A task as the fake answers it: Microsoft's type and the OData annotations (the stored body is validated JSON). */
type AnsweredTask = TodoTask & { '@odata.etag': string };

/** todoTask properties a client may write (v1.0). linkedResources and extensions: on create only. */
const WRITABLE_TASK = graphNames<keyof TodoTask>(
  'title',
  'body',
  'status',
  'importance',
  'dueDateTime',
  'startDateTime',
  'completedDateTime',
  'isReminderOn',
  'reminderDateTime',
  'recurrence',
  'categories',
  'checklistItems',
);
const CREATE_ONLY = graphNames<keyof TodoTask>('linkedResources', 'extensions');
const STATUSES = graphNames<TaskStatus>('notStarted', 'inProgress', 'completed', 'waitingOnOthers', 'deferred');
const IMPORTANCE = graphNames<Importance>('low', 'normal', 'high');
const LINKED_RESOURCE = graphNames<keyof LinkedResource>('applicationName', 'displayName', 'externalId', 'webUrl');

interface StoredTask {
  id: string;
  listId: string;
  etag: string;
  seq: number;
  body: Json;
  linkedResources: Json[];
  extensions: Map<string, Json>;
}

interface TaskList {
  id: string;
  displayName: string;
  /** Outlook's own lists: 'defaultList' ("Tasks"), 'flaggedEmails'; 'none' for lists users or apps make. */
  wellknownListName: 'none' | 'defaultList' | 'flaggedEmails';
}

interface TodoBox {
  lists: Map<string, TaskList>;
  tasks: Map<string, StoredTask>;
  tombstones: { id: string; listId: string; seq: number }[];
  seq: number;
  oldestValidSeq: number;
}

export class TodoFake {
  private readonly boxes = new WeakMap<object, TodoBox>();
  private readonly all = new Set<TodoBox>();
  private readonly byToken = new Map<string, object>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly pageSize: number,
    /** The user changed an item (the helpers below): Graph's change notifications (subscriptions-fake.ts). */
    private readonly onUserChange: (mailbox: object, listId: string, id: string, change: string) => void = () => {},
  ) {}

  /** Whether the mailbox has this container (a subscription's resource must name one). */
  hasList(mailbox: object, id: string): boolean {
    return this.box(mailbox).lists.has(id);
  }

  /** Every delta token issued so far becomes invalid. */
  expire(): void {
    for (const b of this.all) b.oldestValidSeq = b.seq + 1;
  }

  /** One of Outlook's own lists, as every mailbox has them ("Tasks", "Flagged email"); returns its id. */
  userOwnList(mailbox: object, displayName: string, wellknownListName: 'defaultList' | 'flaggedEmails'): string {
    const list: TaskList = {
      id: `AQMkTodoList${randomBytes(9).toString('base64url')}`,
      displayName,
      wellknownListName,
    };
    this.box(mailbox).lists.set(list.id, list);
    return list.id;
  }

  /** The tasks of a list as Graph stores them, linked resources and extensions expanded (for assertions). */
  tasksOf(mailbox: object, listId: string): AnsweredTask[] {
    const box = this.box(mailbox);
    return [...box.tasks.values()].filter((t) => t.listId === listId).map((t) => this.render(t, true));
  }

  /** Edits a task as the user would in To Do (bumps the etag). */
  userEdit(mailbox: object, taskId: string, patch: Json): void {
    const box = this.box(mailbox);
    const t = box.tasks.get(taskId);
    if (!t) throw new Error(`no task ${taskId}`);
    Object.assign(t.body, patch);
    this.bump(box, t);
    this.onUserChange(mailbox, t.listId, t.id, 'updated');
  }

  userDelete(mailbox: object, taskId: string): void {
    const box = this.box(mailbox);
    const t = box.tasks.get(taskId);
    if (!t) throw new Error(`no task ${taskId}`);
    box.tasks.delete(taskId);
    box.tombstones.push({ id: taskId, listId: t.listId, seq: ++box.seq });
    this.onUserChange(mailbox, t.listId, taskId, 'deleted');
  }

  /** Answers a To Do request, or undefined when the path is not To Do's. */
  route(mailbox: object, path: string, req: Req): Res | undefined {
    if (!path.startsWith('/me/todo/')) return undefined;
    const box = this.box(mailbox);
    let m: RegExpMatchArray | null;
    if (path === '/me/todo/lists') {
      if (req.method === 'GET') return ok({ value: [...box.lists.values()].map(renderList) });
      if (req.method === 'POST') return this.createList(box, req.body);
    }
    if ((m = path.match(/^\/me\/todo\/lists\/([^/]+)$/))) {
      const list = listOr404(box, m[1]!);
      if (req.method === 'GET') return ok(renderList(list));
      if (req.method === 'DELETE') {
        box.lists.delete(list.id);
        for (const t of [...box.tasks.values()]) if (t.listId === list.id) box.tasks.delete(t.id);
        return { status: 204, headers: {} };
      }
    }
    if ((m = path.match(/^\/me\/todo\/lists\/([^/]+)\/tasks\/delta$/)) && req.method === 'GET') {
      return this.delta(box, listOr404(box, m[1]!), req);
    }
    if ((m = path.match(/^\/me\/todo\/lists\/([^/]+)\/tasks$/))) {
      const list = listOr404(box, m[1]!);
      if (req.method === 'GET') return this.listTasks(box, list, req);
      if (req.method === 'POST') return this.createTask(box, list, req.body);
    }
    if ((m = path.match(/^\/me\/todo\/lists\/([^/]+)\/tasks\/([^/]+)\/extensions\/([^/]+)$/))) {
      const t = taskOr404(box, m[1]!, m[2]!);
      const name = decodeURIComponent(m[3]!);
      const ext = t.extensions.get(name);
      if (!ext) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      if (req.method === 'GET') return ok(ext);
      if (req.method === 'PATCH') {
        const b = objectBody(req.body, 'openTypeExtension');
        for (const [k, v] of Object.entries(b)) if (k !== '@odata.type' && k !== 'extensionName') ext[k] = v;
        return { status: 204, headers: {} };
      }
    }
    if ((m = path.match(/^\/me\/todo\/lists\/([^/]+)\/tasks\/([^/]+)$/))) {
      const t = taskOr404(box, m[1]!, m[2]!);
      if (req.method === 'GET') return ok(this.render(t, expands(req.query)));
      checkIfMatch(t, req.headers['if-match']);
      if (req.method === 'PATCH') {
        const b = objectBody(req.body, 'todoTask');
        validateTask(b, false);
        for (const k of Object.keys(b)) if (CREATE_ONLY.has(k)) throw unknownProperty(k, 'todoTask');
        const before = t.body['status'];
        Object.assign(t.body, b);
        validateTask(t.body, true);
        completion(t.body, before, b);
        this.bump(box, t);
        return ok(this.render(t, false));
      }
      if (req.method === 'DELETE') {
        box.tasks.delete(t.id);
        box.tombstones.push({ id: t.id, listId: t.listId, seq: ++box.seq });
        return { status: 204, headers: {} };
      }
    }
    throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${path}'.`);
  }

  // ------------------------------------------------------------------------------------------------------------

  private box(mailbox: object): TodoBox {
    let b = this.boxes.get(mailbox);
    if (!b) {
      b = { lists: new Map(), tasks: new Map(), tombstones: [], seq: 0, oldestValidSeq: 0 };
      this.boxes.set(mailbox, b);
      this.all.add(b);
    }
    return b;
  }

  private bump(box: TodoBox, t: StoredTask): void {
    t.etag = randomBytes(12).toString('base64');
    t.seq = ++box.seq;
    t.body['lastModifiedDateTime'] = new Date().toISOString();
  }

  private createList(box: TodoBox, body: unknown): Res {
    const b = objectBody(body, 'todoTaskList');
    for (const k of Object.keys(b))
      if (k !== 'displayName' && k !== 'extensions') throw unknownProperty(k, 'todoTaskList');
    if (typeof b['displayName'] !== 'string' || !b['displayName']) {
      throw new GraphError(400, 'invalidRequest', 'A task list needs a displayName.');
    }
    const list: TaskList = {
      id: `AQMkTodoList${randomBytes(9).toString('base64url')}`,
      displayName: b['displayName'],
      wellknownListName: 'none',
    };
    box.lists.set(list.id, list);
    return { status: 201, headers: {}, body: renderList(list) };
  }

  private createTask(box: TodoBox, list: TaskList, body: unknown): Res {
    const b = objectBody(body, 'todoTask');
    validateTask(b, true);
    const t: StoredTask = {
      id: `AAkALgTask${randomBytes(9).toString('base64url')}`,
      listId: list.id,
      etag: '',
      seq: 0,
      body: {},
      linkedResources: [],
      extensions: new Map(),
    };
    for (const [k, v] of Object.entries(b)) {
      if (k === 'linkedResources') {
        t.linkedResources = (v as Json[]).map((r) => ({ id: randomBytes(8).toString('hex'), ...r }));
      } else if (k === 'extensions') {
        for (const e of v as Json[]) {
          const name = String(e['extensionName']);
          t.extensions.set(name, { ...e, id: name });
        }
      } else t.body[k] = v;
    }
    completion(t.body, undefined, b);
    t.body['createdDateTime'] = new Date().toISOString();
    this.bump(box, t);
    box.tasks.set(t.id, t);
    return { status: 201, headers: {}, body: this.render(t, true) };
  }

  private listTasks(box: TodoBox, list: TaskList, req: Req): Res {
    const tasks = [...box.tasks.values()].filter((t) => t.listId === list.id);
    const render = (t: StoredTask) => this.render(t, expands(req.query));
    return ok(skipPage(req.query, this.pageSize, tasks, render, `${this.baseUrl()}/me/todo/lists/${list.id}/tasks`));
  }

  private delta(box: TodoBox, list: TaskList, req: Req): Res {
    return ok(
      deltaPage(
        req.query,
        box,
        this.pageSize,
        `${this.baseUrl()}/me/todo/lists/${list.id}/tasks/delta`,
        [...box.tasks.values()].filter((t) => t.listId === list.id),
        (t) => this.render(t, false),
        box.tombstones.filter((x) => x.listId === list.id),
      ),
    );
  }

  private render(t: StoredTask, expand: boolean): AnsweredTask {
    const out: AnsweredTask = {
      '@odata.etag': `W/"${t.etag}"`,
      id: t.id,
      importance: 'normal',
      isReminderOn: false,
      status: 'notStarted',
      title: '',
      categories: [],
      body: { content: '', contentType: 'text' },
      hasAttachments: false,
      ...(t.body as TodoTask),
    };
    if (expand) {
      out.linkedResources = t.linkedResources as LinkedResource[];
      out.extensions = [...t.extensions.values()] as Extension[];
    }
    return out;
  }
}

function renderList(l: TaskList): TodoTaskList {
  return {
    id: l.id,
    displayName: l.displayName,
    isOwner: true,
    isShared: false,
    wellknownListName: l.wellknownListName,
  };
}

function listOr404(box: TodoBox, id: string): TaskList {
  const list = box.lists.get(decodeURIComponent(id));
  if (!list) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  return list;
}

function taskOr404(box: TodoBox, listId: string, id: string): StoredTask {
  const t = box.tasks.get(decodeURIComponent(id));
  if (!t || t.listId !== decodeURIComponent(listId)) {
    throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  }
  return t;
}

function checkIfMatch(t: StoredTask, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch === '*') return;
  if (ifMatch !== `W/"${t.etag}"` && ifMatch !== t.etag) {
    throw new GraphError(412, 'PreconditionFailed', 'The If-Match header does not match the current etag of the task.');
  }
}

function expands(q: URLSearchParams): boolean {
  return /linkedResources|extensions/.test(q.get('$expand') ?? '');
}

/** Graph fills completedDateTime when a task becomes completed, and clears it when it is reopened. */
function completion(body: Json, before: unknown, patch: Json): void {
  if (body['status'] === 'completed' && before !== 'completed' && !patch['completedDateTime']) {
    const now = new Date().toISOString().replace('Z', '').padEnd(27, '0').slice(0, 27);
    body['completedDateTime'] = { dateTime: now, timeZone: 'UTC' };
  }
  if (body['status'] !== 'completed' && patch['status'] !== undefined) body['completedDateTime'] = null;
}

function validateDateTime(v: unknown, name: string): void {
  if (v === null) return;
  const dt = v as Json;
  if (
    !dt ||
    typeof dt['dateTime'] !== 'string' ||
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?$/.test(dt['dateTime'])
  ) {
    throw new GraphError(400, 'invalidRequest', `Invalid dateTime in ${name}.`);
  }
  if (typeof dt['timeZone'] !== 'string' || !KNOWN_TIME_ZONES.has(dt['timeZone'])) {
    throw new GraphError(
      400,
      'TimeZoneNotSupportedException',
      `The time zone '${String(dt['timeZone'])}' is not supported.`,
    );
  }
}

function validateTask(b: Json, complete: boolean): void {
  for (const k of Object.keys(b)) {
    if (
      !WRITABLE_TASK.has(k) &&
      !CREATE_ONLY.has(k) &&
      !(complete && ['createdDateTime', 'lastModifiedDateTime'].includes(k))
    ) {
      throw unknownProperty(k, 'todoTask');
    }
  }
  if (complete && (typeof b['title'] !== 'string' || b['title'] === '')) {
    throw new GraphError(400, 'invalidRequest', 'A task needs a title.');
  }
  if (b['status'] !== undefined && !STATUSES.has(String(b['status']))) {
    throw new GraphError(400, 'RequestBodyRead', `Requested value '${String(b['status'])}' was not found.`);
  }
  if (b['importance'] !== undefined && !IMPORTANCE.has(String(b['importance']))) {
    throw new GraphError(400, 'RequestBodyRead', `Requested value '${String(b['importance'])}' was not found.`);
  }
  for (const k of ['dueDateTime', 'startDateTime', 'completedDateTime', 'reminderDateTime']) {
    if (b[k] !== undefined) validateDateTime(b[k], k);
  }
  const body = b['body'] as Json | undefined;
  if (
    body !== undefined &&
    (typeof body?.['content'] !== 'string' || !['text', 'html'].includes(String(body['contentType'])))
  ) {
    throw new GraphError(400, 'RequestBodyRead', 'body needs content and a contentType of text or html.');
  }
  if (
    b['categories'] !== undefined &&
    !(Array.isArray(b['categories']) && b['categories'].every((c) => typeof c === 'string'))
  ) {
    throw new GraphError(400, 'RequestBodyRead', 'categories must be a collection of strings.');
  }
  if (b['recurrence'] !== undefined && b['recurrence'] !== null) {
    validateRecurrence(b['recurrence'] as Json);
    if (complete && !b['dueDateTime'])
      throw new GraphError(400, 'invalidRequest', 'A recurring task needs a due date.');
  }
  const linked = b['linkedResources'];
  if (linked !== undefined) {
    if (!Array.isArray(linked)) throw new GraphError(400, 'RequestBodyRead', 'linkedResources must be a collection.');
    for (const r of linked as Json[]) {
      for (const k of Object.keys(r)) if (!LINKED_RESOURCE.has(k)) throw unknownProperty(k, 'linkedResource');
      if (typeof r['applicationName'] !== 'string' || typeof r['displayName'] !== 'string') {
        throw new GraphError(400, 'invalidRequest', 'A linkedResource needs an applicationName and a displayName.');
      }
    }
  }
  const exts = b['extensions'];
  if (exts !== undefined) {
    if (!Array.isArray(exts)) throw new GraphError(400, 'RequestBodyRead', 'extensions must be a collection.');
    for (const e of exts as Json[]) {
      if (
        e['@odata.type'] !== 'microsoft.graph.openTypeExtension' &&
        e['@odata.type'] !== '#microsoft.graph.openTypeExtension'
      ) {
        throw new GraphError(
          400,
          'RequestBodyRead',
          'An extension needs @odata.type microsoft.graph.openTypeExtension.',
        );
      }
      if (typeof e['extensionName'] !== 'string' || /^com\.(microsoft|onmicrosoft)\./.test(e['extensionName'])) {
        throw new GraphError(
          400,
          'invalidRequest',
          'An open extension needs an extensionName outside Microsoft domains.',
        );
      }
    }
  }
}
