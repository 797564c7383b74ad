/**
 * Outlook sync through Microsoft Graph, for the bridge server ("@dav-bridge/core/graph"): a subpath of its own so
 * the Thunderbird bundle, which imports the package root, never carries it.
 */
export { GraphClient, GraphRequestError, type GraphClientOptions } from './graph-client.js';
export { ensureGraphCalendar, GraphEventStore, type GraphEventStoreOptions } from './graph-store.js';
export { ensureTodoList, findTodoList, GraphTodoStore, type GraphTodoStoreOptions } from './todo-store.js';
export { ensureContactFolder, GraphContactStore, type GraphContactStoreOptions } from './contact-store.js';
