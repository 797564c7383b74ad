/**
 * Compile-time conformance of what bridge-core writes to Microsoft Graph with Microsoft's own resource types
 * (`@microsoft/microsoft-graph-types`, v1.0): the event, todoTask and contact bodies the mappings produce must be
 * assignable to Microsoft's `Event`, `TodoTask` and `Contact`, and name no property Microsoft's types do not have
 * (checked deeply: `location.displayName`, `recurrence.pattern.daysOfWeek`...). A field written under a wrong name
 * or with a wrong type fails `tsc -p outlook-addin/tsconfig.graph-types.json` (run by the add-in's build and by
 * graph-types-conformance.test.ts). Types only: nothing here runs, and bridge-core's runtime never imports the
 * package (its own shapes in graph-types.ts stay; they are what this file checks).
 */
import type {
  Contact,
  Event,
  LinkedResource,
  OpenTypeExtension,
  SingleValueLegacyExtendedProperty,
  TodoTask,
} from '@microsoft/microsoft-graph-types';
import type { vcardToContact } from '../../../bridge-core/src/graph/contact-mapping.js';
import type { GraphExtendedProperty } from '../../../bridge-core/src/graph/graph-types.js';
import type { icalToGraph, OccurrenceWrite, SeriesEdits } from '../../../bridge-core/src/graph/mapping.js';
import type { icalToTodo } from '../../../bridge-core/src/graph/todo-mapping.js';

/** Microsoft's value type with `null` and arrays taken off: the object whose keys a value of ours must stay within. */
type Shape<T> = NonNullable<T> extends readonly (infer E)[] ? NonNullable<E> : NonNullable<T>;
type Scalar = string | number | boolean | null | undefined;

/**
 * The dotted paths of the properties of `Ours` that `Theirs` does not have, at any depth ("location.displayNme").
 * Plain assignability cannot see them: every property of Microsoft's types is optional, so an extra one passes.
 */
export type UnknownKeys<Ours, Theirs, Path extends string = ''> = {
  [K in keyof Ours & string]-?: K extends keyof Shape<Theirs>
    ? Shape<Ours[K]> extends Scalar
      ? never
      : UnknownKeys<Shape<Ours[K]>, Shape<Theirs>[K], `${Path}${K}.`>
    : `${Path}${K}`;
}[keyof Ours & string];

/** Fails to compile, naming the offending paths, when `Paths` is not `never`. */
type NoUnknownKeys<Paths extends never> = Paths;
/** Fails to compile, naming the property and both types, when `Ours` is not assignable to `Theirs`. */
type Fits<Theirs, Ours extends Theirs> = Ours;

// ---- events (mapping.ts, graph-store.ts) ------------------------------------------------------------------------
type EventBody = ReturnType<typeof icalToGraph>['event'];
type ExceptionBody = SeriesEdits['exceptions'][number]['event'];

export type EventFits = Fits<Event, EventBody>;
export type EventKeys = NoUnknownKeys<UnknownKeys<EventBody, Event>>;
export type OccurrenceFits = Fits<Event, OccurrenceWrite>;
export type OccurrenceKeys = NoUnknownKeys<UnknownKeys<OccurrenceWrite, Event>>;
export type ExceptionFits = Fits<Event, ExceptionBody>;
export type ExtendedPropertyFits = Fits<SingleValueLegacyExtendedProperty, GraphExtendedProperty>;
export type ExtendedPropertyKeys = NoUnknownKeys<UnknownKeys<GraphExtendedProperty, SingleValueLegacyExtendedProperty>>;

// ---- To Do tasks (todo-mapping.ts, todo-store.ts) --------------------------------------------------------------
type TaskBody = ReturnType<typeof icalToTodo>['task'];
/** The UID link todo-store.ts creates with each task. */
interface TaskLink {
  applicationName: string;
  displayName: string;
  externalId: string;
}
/** The open extension todo-store.ts creates with each task; `ical` is its own data (an open type takes any). */
interface TaskExtension {
  extensionName: string;
}

export type TaskFits = Fits<TodoTask, TaskBody>;
export type TaskKeys = NoUnknownKeys<UnknownKeys<TaskBody, TodoTask>>;
export type TaskLinkFits = Fits<LinkedResource, TaskLink>;
export type TaskLinkKeys = NoUnknownKeys<UnknownKeys<TaskLink, LinkedResource>>;
export type TaskExtensionFits = Fits<OpenTypeExtension, TaskExtension>;

// ---- contacts (contact-mapping.ts, contact-store.ts) -----------------------------------------------------------
type ContactBody = ReturnType<typeof vcardToContact>['contact'] & {
  singleValueExtendedProperties: GraphExtendedProperty[];
};

export type ContactFits = Fits<Contact, ContactBody>;
export type ContactKeys = NoUnknownKeys<UnknownKeys<ContactBody, Contact>>;
