/* DAV Bridge's calendar experiment (privileged code, runs in Thunderbird's parent process).
 * The smallest surface that does the job, because Thunderbird 153 has no calendar WebExtension API: create a native
 * CalDAV calendar (name, color, read-only), find it, list its events in a time range (title and start: what
 * Thunderbird itself shows), remove it, and store its password in the login manager, the only place Thunderbird's
 * CalDAV client reads passwords from (never the extension's plain storage).
 * Only calendars this extension created (marked with the "davBridge" property) can be read or removed. */
/* global ChromeUtils, Services, Components */
'use strict';

var { ExtensionCommon } = ChromeUtils.importESModule('resource://gre/modules/ExtensionCommon.sys.mjs');
var { cal } = ChromeUtils.importESModule('resource:///modules/calendar/calUtils.sys.mjs');

var { ExtensionUtils } = ChromeUtils.importESModule('resource://gre/modules/ExtensionUtils.sys.mjs');
var { setTimeout, clearTimeout } = ChromeUtils.importESModule('resource://gre/modules/Timer.sys.mjs');

const MARK = 'davBridge';

/** Privileged errors reach the extension as "An unexpected error occurred": say which step failed and why. */
async function explained(step, work) {
  try {
    return await work();
  } catch (e) {
    throw new ExtensionUtils.ExtensionError(`${step}: ${e && e.message ? e.message : e}`);
  }
}

/** `work`, or a rejection saying what did not finish when it takes longer than `ms`: no wait here is unbounded. */
function within(what, ms, work) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** An ISO 8601 instant as a calIDateTime in UTC; a clear error for anything else. */
function instant(what, iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`${what} is not a date: ${iso}`);
  return cal.dtz.jsDateToDateTime(date, cal.dtz.UTC);
}

const DEFAULT_READ_TIMEOUT_MS = 30_000;

/** Resolves at the calendar's next onLoad (the end of a read of its server); the observer goes with it. */
function nextLoad(calendar) {
  return new Promise((resolve) => {
    const noop = () => {};
    const observer = {
      onStartBatch: noop,
      onEndBatch: noop,
      onAddItem: noop,
      onModifyItem: noop,
      onDeleteItem: noop,
      onError: noop,
      onPropertyChanged: noop,
      onPropertyDeleting: noop,
      onLoad(which) {
        if (which && which.id !== calendar.id) return;
        calendar.removeObserver(observer);
        resolve();
      },
    };
    calendar.addObserver(observer);
  });
}

/** The first load of each calendar create() made in this session (Thunderbird starts it on registration). */
const firstLoads = new Map();

function ours(id) {
  const calendar = cal.manager.getCalendarById(id);
  return calendar && calendar.getProperty(MARK) ? calendar : null;
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- Thunderbird looks the class up by this name
var davBridgeCalendars = class extends ExtensionCommon.ExtensionAPI {
  getAPI() {
    return {
      davBridgeCalendars: {
        async create({ url, name, color, readOnly, username }) {
          return explained('creating the calendar', () => {
            const calendar = cal.manager.createCalendar('caldav', Services.io.newURI(url));
            calendar.name = name;
            if (color) calendar.setProperty('color', color);
            if (username) calendar.setProperty('username', username);
            calendar.setProperty(MARK, 'true');
            calendar.readOnly = readOnly;
            const loaded = nextLoad(calendar); // watched before registering, which starts the load
            cal.manager.registerCalendar(calendar);
            firstLoads.set(calendar.id, loaded);
            return calendar.id;
          });
        },
        async get(id) {
          const calendar = ours(id);
          if (!calendar) return null;
          return {
            id: calendar.id,
            type: calendar.type,
            url: calendar.uri.spec,
            name: calendar.name,
            color: calendar.getProperty('color'),
            readOnly: calendar.readOnly,
            // What Thunderbird checks before any write from its interface (CalTransactionManager): not disabled,
            // not read-only, and the server's access control lets me add items.
            writable: cal.acl.isCalendarWritable(calendar) && cal.acl.userCanAddItemsToCalendar(calendar),
          };
        },
        async events(id, { start, end, timeoutMs }) {
          const calendar = ours(id);
          if (!calendar) return null;
          return explained(`reading the events of "${calendar.name}"`, async () => {
            // Read once the calendar holds its server's events: after its first load when create() made it in
            // this session (a read before that load ends finds it empty), else after a read asked for now (a
            // second refresh() during the first load would run two loads at once). The bound covers a load that
            // never ends (server down, or a password prompt nobody answers).
            const ms = timeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
            const status = () =>
              `disabled: ${Boolean(calendar.getProperty('disabled'))}, status: 0x${(
                Number(calendar.getProperty('currentStatus')) >>> 0
              ).toString(16)}`;
            const from = instant('start', start);
            const to = instant('end', end);
            let loaded = firstLoads.get(id);
            if (!loaded) {
              loaded = nextLoad(calendar);
              // A cached calendar's refresh() is async: its failure shows as no load within the bound.
              Promise.resolve(calendar.refresh()).catch(() => undefined);
            }
            const { calICalendar } = Components.interfaces;
            const read = loaded.then(() =>
              calendar.getItemsAsArray(
                calICalendar.ITEM_FILTER_TYPE_EVENT | calICalendar.ITEM_FILTER_CLASS_OCCURRENCES,
                0,
                from,
                to,
              ),
            );
            const items = await within(`loading its events (${status()} at start)`, ms, read).catch((e) => {
              throw new Error(`${e.message}; now ${status()}`);
            });
            return items.map((item) => ({
              title: item.title ?? '',
              start: cal.dtz.dateTimeToJsDate(item.startDate).toISOString(),
            }));
          });
        },
        async remove(id) {
          const calendar = ours(id);
          firstLoads.delete(id);
          if (calendar) cal.manager.unregisterCalendar(calendar);
        },
        async storePassword({ origin, realm, username, password }) {
          return explained('storing the password', async () => {
            const LoginInfo = Components.Constructor(
              '@mozilla.org/login-manager/loginInfo;1',
              Components.interfaces.nsILoginInfo,
              'init',
            );
            const login = new LoginInfo(origin, null, realm, username, password, '', '');
            const found = await Services.logins.searchLoginsAsync({ origin, httpRealm: realm });
            const existing = found.find((l) => l.username === username);
            if (existing) await Services.logins.modifyLoginAsync(existing, login);
            else await Services.logins.addLoginAsync(login);
          });
        },
      },
    };
  }
};
