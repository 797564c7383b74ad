/* DAV Bridge's calendar experiment (privileged code, runs in Thunderbird's parent process).
 * The smallest surface that does the job, because Thunderbird 153 has no calendar WebExtension API: create a native
 * CalDAV calendar (name, color, read-only), find it, remove it, and store its password in the login manager, the
 * only place Thunderbird's CalDAV client reads passwords from (never the extension's plain storage). (Reading a
 * calendar's items back after refresh() was tried for the end-to-end test and left out: in Thunderbird 153,
 * refresh() of a new CalDAV calendar sometimes never returned.)
 * Only calendars this extension created (marked with the "davBridge" property) can be read or removed. */
/* global ChromeUtils, Services, Components */
'use strict';

var { ExtensionCommon } = ChromeUtils.importESModule('resource://gre/modules/ExtensionCommon.sys.mjs');
var { cal } = ChromeUtils.importESModule('resource:///modules/calendar/calUtils.sys.mjs');

var { ExtensionUtils } = ChromeUtils.importESModule('resource://gre/modules/ExtensionUtils.sys.mjs');

const MARK = 'davBridge';

/** Privileged errors reach the extension as "An unexpected error occurred": say which step failed and why. */
async function explained(step, work) {
  try {
    return await work();
  } catch (e) {
    throw new ExtensionUtils.ExtensionError(`${step}: ${e && e.message ? e.message : e}`);
  }
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
