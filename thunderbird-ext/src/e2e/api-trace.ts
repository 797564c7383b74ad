/**
 * TEST ONLY (end-to-end build, like control.ts): records when each address-book and storage call the extension
 * makes starts and ends, so that test/bench/tb-contacts-bench.mjs can name what was in flight when Thunderbird's
 * main loop paused (the calls run in the parent process; Date.now is the same clock there and in the bench).
 * The control channel's `trace` op hands the records over and starts a new list.
 */
import type { ContactsApi, ExtensionApi, StorageArea } from '../thunderbird-api.js';

export interface TracedCall {
  op: string;
  start: number;
  end: number;
  /** Contacts in the answer of a `list`. */
  count?: number;
}

/** The calls recorded; at most this many, so a forgotten trace cannot grow without bound. */
const MAX_RECORDS = 200_000;

export class ApiTrace {
  private records: TracedCall[] = [];

  /** The records so far; the next call starts a new list. */
  take(): TracedCall[] {
    const out = this.records;
    this.records = [];
    return out;
  }

  wrap<A extends unknown[], R>(op: string, call: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      const start = Date.now();
      const note = (count?: number) => {
        if (this.records.length < MAX_RECORDS)
          this.records.push({ op, start, end: Date.now(), ...(count === undefined ? {} : { count }) });
      };
      try {
        const result = await call(...args);
        note(Array.isArray(result) ? result.length : undefined);
        return result;
      } catch (e) {
        note();
        throw e;
      }
    };
  }
}

/** The same API with its contacts and storage.local calls recorded in `trace`; everything else is the original. */
export function tracedApi(api: ExtensionApi, trace: ApiTrace): ExtensionApi {
  const c = api.addressBooks.contacts;
  const contacts: ContactsApi = {
    list: trace.wrap('contacts.list', (id: string) => c.list(id)),
    get: trace.wrap('contacts.get', (id: string) => c.get(id)),
    create: trace.wrap('contacts.create', (parentId: string, vCard: string) => c.create(parentId, vCard)),
    update: trace.wrap('contacts.update', (id: string, vCard: string) => c.update(id, vCard)),
    delete: trace.wrap('contacts.delete', (id: string) => c.delete(id)),
    onCreated: c.onCreated,
    onUpdated: c.onUpdated,
    onDeleted: c.onDeleted,
  };
  const s = api.storage.local;
  const local: StorageArea = {
    get: trace.wrap('storage.get', (keys: null | string | string[]) => s.get(keys)),
    set: trace.wrap('storage.set', (items: Record<string, unknown>) => s.set(items)),
    remove: trace.wrap('storage.remove', (keys: string | string[]) => s.remove(keys)),
  };
  const books = api.addressBooks;
  return new Proxy(api, {
    get(target, key) {
      if (key === 'storage') return { local };
      if (key === 'addressBooks')
        return {
          list: (complete?: boolean) => books.list(complete),
          get: (id: string, complete?: boolean) => books.get(id, complete),
          create: (p: { name: string }) => books.create(p),
          delete: (id: string) => books.delete(id),
          contacts,
        };
      // The target as receiver: the native API objects' getters refuse a proxy.
      return Reflect.get(target, key) as unknown;
    },
  });
}
