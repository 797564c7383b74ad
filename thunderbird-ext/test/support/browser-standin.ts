/**
 * Thunderbird API stand-in: what Jest loads for `webextension-polyfill` (jest.config.cjs maps it here).
 *
 * Written from Thunderbird's documented MV3 contract (webextension-api.thunderbird.net/en/mv3), for the calls the
 * extension makes (src/thunderbird-api.ts) and nothing else: touching any other namespace throws, so code cannot
 * lean on something the stand-in does not describe. Behaviour kept from the real thing, as documented or verified
 * in real Thunderbird 153 (field notes section 8):
 * - contacts are vCards; Thunderbird stores vCard 4.0 (a 3.0 card comes back as 4.0: its text changes);
 * - a contact's id is its vCard UID (one is added when missing); a UID already used is refused
 *   ("Duplicate contact id: …"); an unknown id is refused ("contact with id=… could not be found.", the words of
 *   Thunderbird 153's ext-addressBook.js);
 * - contact events fire after the change, for the extension's own writes too (onUpdated only when the stored
 *   vCard changed);
 * - storage.local keeps JSON-clonable values (a clone is stored and returned, never the caller's object).
 * Test controls (not part of the API) are on `standIn`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  AddressBookNode,
  Alarm,
  ContactNode,
  ExtensionApi,
  ExtensionEvent,
  StorageValues,
} from '../../src/thunderbird-api.js';

type Listener = (...args: never[]) => unknown;

class StandInEvent<L extends Listener> implements ExtensionEvent<L> {
  readonly listeners = new Set<L>();
  addListener(l: L): void {
    if (typeof l !== 'function') throw new TypeError('addListener: a function is required');
    this.listeners.add(l);
  }
  removeListener(l: L): void {
    this.listeners.delete(l);
  }
  hasListener(l: L): boolean {
    return this.listeners.has(l);
  }
  /** Calls every listener; resolves to their answers. */
  fire(...args: Parameters<L>): unknown[] {
    return [...this.listeners].map((l) => l(...(args as never[])));
  }
}

function requireString(name: string, v: unknown): string {
  if (typeof v !== 'string') throw new TypeError(`Type error for parameter ${name} (Expected string)`);
  return v;
}

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

function uidOf(vCard: string): string | undefined {
  const m = /^UID(?:;[^:]*)?:(.*)$/im.exec(vCard.replace(/\r?\n[ \t]/g, ''));
  return m?.[1]?.trim() || undefined;
}

function checkVCard(vCard: string): void {
  if (!/^BEGIN:VCARD\r?\n/i.test(vCard) || !/\r?\nEND:VCARD\s*$/i.test(vCard)) {
    throw new Error('Invalid vCard string');
  }
}

/** What Thunderbird does to a card it stores: vCard 4.0, CRLF lines, a UID. */
function asStored(vCard: string, id: string): string {
  let text = vCard.replace(/\r?\n/g, '\r\n').replace(/^VERSION:3\.0$/im, 'VERSION:4.0');
  if (!uidOf(text)) text = text.replace(/\r\nEND:VCARD/i, `\r\nUID:${id}\r\nEND:VCARD`);
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

interface Book {
  node: AddressBookNode;
  contacts: Map<string, string>;
}

function makeStandIn() {
  const books = new Map<string, Book>();
  const storage = new Map<string, unknown>();
  const alarms = new Map<string, Alarm>();
  let nextId = 1;
  const events = {
    created: new StandInEvent<(node: ContactNode) => void>(),
    updated: new StandInEvent<(node: ContactNode, oldVCard: string) => void>(),
    deleted: new StandInEvent<(parentId: string, id: string) => void>(),
    alarm: new StandInEvent<(alarm: Alarm) => void>(),
    message: new StandInEvent<(message: unknown, sender: unknown) => Promise<unknown> | undefined>(),
  };
  /** Thunderbird fires contact events after the change, asynchronously. */
  const later = (f: () => void) => void Promise.resolve().then(f);

  const findContact = (id: string): { book: Book; vCard: string } => {
    for (const book of books.values()) {
      const vCard = book.contacts.get(id);
      if (vCard !== undefined) return { book, vCard };
    }
    throw new Error(`contact with id=${id} could not be found.`);
  };
  const node = (book: Book, id: string, vCard: string): ContactNode => ({
    id,
    parentId: book.node.id,
    type: 'contact',
    readOnly: book.node.readOnly ?? false,
    remote: false,
    vCard,
  });
  const bookOf = (id: string): Book => {
    const book = books.get(id);
    if (!book) throw new Error(`addressBook with id=${id} could not be found.`);
    return book;
  };
  const writable = (book: Book): void => {
    if (book.node.readOnly) throw new Error('Cannot modify a contact in a read-only address book');
  };

  let language = 'en';
  /** Compose windows: body (HTML, or text in a plain-text compose) and the caret's offset in it. */
  const composeTabs = new Map<number, { isPlainText: boolean; body: string; caret: number }>();
  const composeScripts: { id: string; js: string[] }[] = [];
  /** The calendar experiment's world: Thunderbird's calendars and its login manager. */
  const calendars = new Map<
    string,
    { id: string; type: string; url: string; name: string; color?: string; readOnly: boolean; username?: string }
  >();
  const logins: { origin: string; realm: string; username: string; password: string }[] = [];
  const composeTab = (tabId: number) => {
    const tab = composeTabs.get(tabId);
    if (!tab) throw new Error(`Invalid tab ID: ${tabId}`);
    return tab;
  };
  const granted = new Set<string>();
  /** Reads the extension's own _locales files, as Thunderbird does (the UI language, else default_locale). */
  const localeMessages = (lang: string): Record<string, { message: string }> =>
    JSON.parse(readFileSync(join(__dirname, '..', '..', 'src', '_locales', lang, 'messages.json'), 'utf8'));

  const api: ExtensionApi = {
    davBridgeCalendars: {
      async create(p) {
        requireString('url', p?.url);
        requireString('name', p.name);
        if (typeof p.readOnly !== 'boolean') throw new TypeError('Type error for parameter properties (readOnly)');
        const id = `calendar-${nextId++}`;
        calendars.set(id, {
          id,
          type: 'caldav',
          url: p.url,
          name: p.name,
          readOnly: p.readOnly,
          ...(p.color ? { color: p.color } : {}),
          ...(p.username ? { username: p.username } : {}),
        });
        return id;
      },
      async get(id) {
        const c = calendars.get(requireString('id', id));
        if (!c) return null;
        const { username: _u, ...view } = c;
        return clone({ ...view, writable: !view.readOnly });
      },
      async events(id) {
        if (!calendars.has(requireString('id', id))) return null;
        // The stand-in has no CalDAV client: only real Thunderbird loads events (tb-e2e-thunderbird.test.ts).
        throw new Error('the stand-in does not read calendar events');
      },
      async remove(id) {
        calendars.delete(requireString('id', id));
      },
      async storePassword(login) {
        for (const k of ['origin', 'realm', 'username', 'password'] as const) requireString(k, login?.[k]);
        const i = logins.findIndex(
          (l) => l.origin === login.origin && l.realm === login.realm && l.username === login.username,
        );
        if (i >= 0) logins.splice(i, 1);
        logins.push(clone(login));
      },
    },
    compose: {
      async getComposeDetails(tabId) {
        const tab = composeTab(tabId);
        return tab.isPlainText
          ? { isPlainText: true, plainTextBody: tab.body }
          : { isPlainText: false, body: `<html><body>${tab.body}</body></html>` };
      },
    },
    tabs: {
      async sendMessage(tabId, message) {
        composeTab(tabId);
        // Delivered to the scripts running in that tab (the compose script's runtime.onMessage listener).
        for (const answer of events.message.fire(clone(message), { tab: { id: tabId } })) {
          if (answer instanceof Promise) return clone(await answer);
        }
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
      async query() {
        return [...composeTabs.keys()].slice(-1).map((id) => ({ id, type: 'messageCompose' }));
      },
    },
    scripting: {
      compose: {
        async registerScripts(scripts) {
          for (const sc of scripts) {
            requireString('id', sc.id);
            if (!Array.isArray(sc.js)) throw new TypeError('Type error for parameter scripts');
            if (composeScripts.some((x) => x.id === sc.id))
              throw new Error(`Script ID "${sc.id}" is already registered`);
            composeScripts.push(clone(sc));
          }
        },
      },
    },
    permissions: {
      async request(p) {
        if (!Array.isArray(p?.origins)) throw new TypeError('Type error for parameter permissions');
        for (const o of p.origins) granted.add(o);
        return true;
      },
    },
    i18n: {
      getMessage(name, substitutions) {
        const text = localeMessages(language.slice(0, 2))[requireString('name', name)]?.message;
        if (text === undefined) return '';
        const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
        return text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
      },
      getUILanguage: () => language,
    },
    storage: {
      local: {
        async get(keys) {
          if (keys === null) return Object.fromEntries([...storage].map(([k, v]) => [k, clone(v)]));
          const list = typeof keys === 'string' ? [keys] : keys;
          if (!Array.isArray(list)) throw new TypeError('Type error for parameter keys');
          const out: StorageValues = {};
          for (const k of list) if (storage.has(k)) out[k] = clone(storage.get(k));
          return out;
        },
        async set(items) {
          if (typeof items !== 'object' || items === null) throw new TypeError('Type error for parameter items');
          for (const [k, v] of Object.entries(items)) storage.set(k, clone(v));
        },
        async remove(keys) {
          for (const k of typeof keys === 'string' ? [keys] : keys) storage.delete(k);
        },
      },
    },
    alarms: {
      create(name, info) {
        requireString('name', name);
        const periodInMinutes = info.periodInMinutes;
        const delay = info.delayInMinutes ?? periodInMinutes ?? 0;
        alarms.set(name, {
          name,
          scheduledTime: info.when ?? Date.now() + delay * 60_000,
          ...(periodInMinutes === undefined ? {} : { periodInMinutes }),
        });
      },
      async clear(name) {
        return alarms.delete(name);
      },
      onAlarm: events.alarm,
    },
    runtime: {
      async sendMessage(message) {
        // The first listener that answers (a promise) gives the reply, as in Firefox/Thunderbird.
        for (const answer of events.message.fire(clone(message), { id: 'stand-in' })) {
          if (answer instanceof Promise) return clone(await answer);
        }
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
      onMessage: events.message,
    },
    addressBooks: {
      async list(complete = false) {
        return [...books.values()]
          .map((b) => api.addressBooks.get(b.node.id, complete))
          .reduce(async (acc, p) => [...(await acc), await p], Promise.resolve([] as AddressBookNode[]));
      },
      async get(id, complete = false) {
        const book = bookOf(requireString('id', id));
        return {
          ...clone(book.node),
          ...(complete ? { contacts: [...book.contacts].map(([cid, v]) => node(book, cid, v)) } : {}),
        };
      },
      async create(properties) {
        const name = requireString('name', properties?.name);
        const id = `book-${nextId++}`;
        books.set(id, { node: { id, type: 'addressBook', name, readOnly: false, remote: false }, contacts: new Map() });
        return id;
      },
      async delete(id) {
        bookOf(id);
        books.delete(id);
      },
      contacts: {
        async list(parentId) {
          const book = bookOf(requireString('parentId', parentId));
          return [...book.contacts].map(([id, v]) => node(book, id, v));
        },
        async get(id) {
          const { book, vCard } = findContact(requireString('id', id));
          return node(book, id, vCard);
        },
        async create(parentId, vCard) {
          const book = bookOf(requireString('parentId', parentId));
          checkVCard(requireString('vCard', vCard));
          writable(book);
          const id = uidOf(vCard) ?? `contact-${nextId++}`;
          for (const b of books.values()) if (b.contacts.has(id)) throw new Error(`Duplicate contact id: ${id}`);
          const stored = asStored(vCard, id);
          book.contacts.set(id, stored);
          later(() => events.created.fire(node(book, id, stored)));
          return id;
        },
        async update(id, vCard) {
          const { book, vCard: old } = findContact(requireString('id', id));
          checkVCard(requireString('vCard', vCard));
          writable(book);
          const uid = uidOf(vCard);
          if (uid !== undefined && uid !== id) throw new Error(`The card's UID ${uid} must match its id ${id}`);
          const stored = asStored(vCard, id);
          book.contacts.set(id, stored);
          // MV3 fires onUpdated only when the stored vCard changed (Thunderbird 153, ext-addressBook.js).
          if (stored !== old) later(() => events.updated.fire(node(book, id, stored), old));
        },
        async delete(id) {
          const { book } = findContact(requireString('id', id));
          writable(book);
          book.contacts.delete(id);
          later(() => events.deleted.fire(book.node.id, id));
        },
        onCreated: events.created,
        onUpdated: events.updated,
        onDeleted: events.deleted,
      },
    },
  };

  /** Test controls: not part of the extension API. */
  const controls = {
    /** The UI language Thunderbird runs in ("en-US", "fr"). */
    setLanguage(lang: string): void {
      language = lang;
    },
    reset(): void {
      language = 'en';
      granted.clear();
      composeTabs.clear();
      calendars.clear();
      logins.length = 0;
      composeScripts.length = 0;
      books.clear();
      storage.clear();
      alarms.clear();
      for (const e of Object.values(events)) e.listeners.clear();
    },
    alarms: (): Alarm[] => [...alarms.values()],
    /** Fires an alarm as Thunderbird would when it is due. */
    fireAlarm(name: string): unknown[] {
      const alarm = alarms.get(name);
      if (!alarm) throw new Error(`no alarm named ${name}`);
      return events.alarm.fire(clone(alarm));
    },
    /** Opens a compose window whose body holds `body` with the caret at `caret` (default: the end). */
    openCompose(options: { isPlainText: boolean; body: string; caret?: number }): number {
      const id = 100 + composeTabs.size;
      composeTabs.set(id, {
        isPlainText: options.isPlainText,
        body: options.body,
        caret: options.caret ?? options.body.length,
      });
      return id;
    },
    composeBody: (tabId: number): string => composeTab(tabId).body,
    composeScripts: () => composeScripts,
    /**
     * The editor document a compose script sees: execCommand inserts at the caret, as Thunderbird's editor does
     * (insertHTML: markup as given; insertText: text, escaped in an HTML compose).
     */
    composeDocument(tabId: number): { execCommand(cmd: string, ui: boolean, value: string): boolean } {
      return {
        execCommand(cmd, _ui, value) {
          const tab = composeTab(tabId);
          if (cmd !== 'insertHTML' && cmd !== 'insertText') return false;
          if (cmd === 'insertHTML' && tab.isPlainText) return false;
          const piece =
            cmd === 'insertText' && !tab.isPlainText
              ? value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
              : value;
          tab.body = tab.body.slice(0, tab.caret) + piece + tab.body.slice(tab.caret);
          tab.caret += piece.length;
          return true;
        },
      };
    },
    /** Thunderbird's calendars made through the experiment, and its login manager. */
    calendars: () => [...calendars.values()],
    logins: () => logins,
    /** Host permissions the user granted. */
    granted: (): string[] => [...granted],
    /** The raw storage, for assertions. */
    storage: (): Map<string, unknown> => storage,
    /** Makes a book read-only, as a remote read-only book is. */
    setReadOnly(bookId: string, readOnly: boolean): void {
      bookOf(bookId).node.readOnly = readOnly;
    },
    /** Lets pending event deliveries run. */
    settle: (): Promise<void> => new Promise((r) => setTimeout(r, 0)),
  };
  return { api, controls };
}

const made = makeStandIn();
export const standIn = made.controls;

/** Any namespace the extension does not use is absent from the stand-in: reaching for it fails loudly. */
const strict = new Proxy(made.api, {
  get(target, prop, receiver) {
    if (typeof prop === 'string' && !(prop in target) && prop !== 'then' && prop !== '__esModule') {
      throw new Error(`browser.${prop} is not part of the Thunderbird API stand-in (src/thunderbird-api.ts)`);
    }
    return Reflect.get(target, prop, receiver);
  },
});

export default strict;
