/* DAV Bridge's calendar experiment (privileged code, runs in Thunderbird's parent process).
 * The smallest surface that does the job, because Thunderbird 153 has no calendar WebExtension API: create a native
 * CalDAV calendar (name, color, read-only), find it, read its item titles after a refresh (not used by the end-to-end test: not reliable in Thunderbird 153, see it) (what Thunderbird itself
 * shows: the end-to-end test compares them with the server's), remove it, and store its password in the login
 * manager, the only place Thunderbird's CalDAV client reads passwords from (never the extension's plain storage).
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

/** Asks the calendar to read the server now (it otherwise syncs on its own schedule) and waits for it to load.
 * Rejects when no onLoad came in time (Thunderbird 153 does not always send one after refresh()). The observer is
 * removed in every case. */
function refreshed(calendar, timeoutMs) {
  let observer;
  const loaded = new Promise((resolve) => {
    const noop = () => {};
    observer = {
      onStartBatch: noop,
      onEndBatch: noop,
      onAddItem: noop,
      onModifyItem: noop,
      onDeleteItem: noop,
      onError: noop,
      onPropertyChanged: noop,
      onPropertyDeleting: noop,
      onLoad(which) {
        if (!which || which.id === calendar.id) resolve();
      },
    };
  });
  // The bound starts before refresh(): in the hung runs refresh() itself never returned.
  const bounded = within(`loading calendar "${calendar.name}" after refresh`, timeoutMs, loaded);
  calendar.addObserver(observer);
  try {
    calendar.refresh();
  } catch (e) {
    bounded.catch(() => {});
    calendar.removeObserver(observer);
    throw e;
  }
  return bounded.finally(() => calendar.removeObserver(observer));
}

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
            cal.manager.registerCalendar(calendar);
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
          };
        },
        async titles(id) {
          const calendar = ours(id);
          if (!calendar) return null;
          return explained('reading the calendar', async () => {
            await refreshed(calendar, 30_000);
            const items = await within(
              `reading the items of "${calendar.name}"`,
              30_000,
              calendar.getItemsAsArray(Components.interfaces.calICalendar.ITEM_FILTER_ALL_ITEMS, 0, null, null),
            );
            return items.map((item) => item.title ?? '');
          });
        },
        async remove(id) {
          const calendar = ours(id);
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
