/**
 * The part of the WebExtension API this extension uses, typed from Thunderbird's MV3 documentation
 * (webextension-api.thunderbird.net, mv3: storage, alarms, runtime, addressBooks, addressBooks.contacts).
 * @types/webextension-polyfill describes Firefox only: the Thunderbird namespaces (addressBooks, compose,
 * scripting.compose) are declared here, and only the calls we make, so the Jest stand-in
 * (test/support/browser-standin.ts) implements exactly this surface and nothing we do not use can slip in.
 */

/** An event as WebExtensions expose them. */
export interface ExtensionEvent<L extends (...args: never[]) => unknown> {
  addListener(listener: L): void;
  removeListener(listener: L): void;
  hasListener(listener: L): boolean;
}

/** addressBooks.contacts ContactNode (MV3: the contact is its vCard; no separate properties). */
export interface ContactNode {
  id: string;
  parentId: string;
  type: 'contact';
  /** The contact cannot be written (a read-only book, LDAP). */
  readOnly?: boolean;
  /** The contact belongs to a remote book (LDAP, CardDAV driven by Thunderbird itself). */
  remote?: boolean;
  vCard: string;
}

/** addressBooks AddressBookNode. */
export interface AddressBookNode {
  id: string;
  type: 'addressBook';
  name: string;
  readOnly?: boolean;
  remote?: boolean;
  contacts?: ContactNode[];
}

export interface ContactsApi {
  /** Every contact of the book (with its vCard). */
  list(parentId: string): Promise<ContactNode[]>;
  /** Rejects ("contact with id=… could not be found.", Thunderbird 153) when there is no such contact. */
  get(id: string): Promise<ContactNode>;
  /**
   * Creates a contact from a vCard and resolves to its id (the vCard's UID when it has one; a UID already used
   * in Thunderbird is refused with "Duplicate contact id: …"). Thunderbird stores vCard 4.0.
   */
  create(parentId: string, vCard: string): Promise<string>;
  update(id: string, vCard: string): Promise<void>;
  delete(id: string): Promise<void>;
  onCreated: ExtensionEvent<(node: ContactNode) => void>;
  onUpdated: ExtensionEvent<(node: ContactNode, oldVCard: string) => void>;
  onDeleted: ExtensionEvent<(parentId: string, id: string) => void>;
}

export interface AddressBooksApi {
  list(complete?: boolean): Promise<AddressBookNode[]>;
  get(id: string, complete?: boolean): Promise<AddressBookNode>;
  /** A local (non-remote) book; resolves to its id. */
  create(properties: { name: string }): Promise<string>;
  delete(id: string): Promise<void>;
  contacts: ContactsApi;
}

export type StorageValues = Record<string, unknown>;

export interface StorageArea {
  /** `null` reads every key. */
  get(keys: null | string | string[]): Promise<StorageValues>;
  set(items: StorageValues): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface Alarm {
  name: string;
  scheduledTime: number;
  periodInMinutes?: number;
}

export interface AlarmsApi {
  create(name: string, info: { when?: number; delayInMinutes?: number; periodInMinutes?: number }): void;
  clear(name: string): Promise<boolean>;
  onAlarm: ExtensionEvent<(alarm: Alarm) => void>;
}

export interface RuntimeApi {
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: ExtensionEvent<(message: unknown, sender: unknown) => Promise<unknown> | undefined>;
}

export interface I18nApi {
  /** A `_locales` message; `$1`... take the substitutions. */
  getMessage(name: string, substitutions?: string | string[]): string;
  getUILanguage(): string;
}

export interface ComposeDetails {
  isPlainText?: boolean;
  body?: string;
  plainTextBody?: string;
}

export interface ComposeApi {
  getComposeDetails(tabId: number): Promise<ComposeDetails>;
}

export interface TabsApi {
  /** Delivers a message to the scripts of a tab (here: the compose script in a compose window). */
  sendMessage(tabId: number, message: unknown): Promise<unknown>;
  query(info: { active?: boolean; currentWindow?: boolean }): Promise<{ id?: number; type?: string }[]>;
}

export interface ScriptingApi {
  /** Thunderbird's compose scripts: injected into every compose window's editor. */
  compose: { registerScripts(scripts: { id: string; js: string[] }[]): Promise<void> };
}

/** The project's own calendar experiment (src/experiments/calendars/schema.json). */
export interface CalendarsExperiment {
  create(properties: {
    url: string;
    name: string;
    color?: string;
    readOnly: boolean;
    username?: string;
  }): Promise<string>;
  get(id: string): Promise<{
    id: string;
    type: string;
    url: string;
    name: string;
    color?: string;
    readOnly: boolean;
    /** Whether Thunderbird lets its own interface write to it (not disabled, not read-only, server ACL). */
    writable: boolean;
  } | null>;
  /** Its events between two ISO 8601 instants as Thunderbird holds them; null when it is gone. Bounded in time. */
  events(
    id: string,
    range: { start: string; end: string; timeoutMs?: number },
  ): Promise<{ title: string; start: string }[] | null>;
  remove(id: string): Promise<void>;
  storePassword(login: { origin: string; realm: string; username: string; password: string }): Promise<void>;
}

/** The extension API surface used by this extension. */
export interface ExtensionApi {
  i18n: I18nApi;
  davBridgeCalendars: CalendarsExperiment;
  compose: ComposeApi;
  tabs: TabsApi;
  scripting: ScriptingApi;
  /** Host permissions are optional: asked for the one server the user connects to, from a click in the popup. */
  permissions: { request(p: { origins: string[] }): Promise<boolean> };
  storage: { local: StorageArea };
  alarms: AlarmsApi;
  runtime: RuntimeApi;
  addressBooks: AddressBooksApi;
}
