/* TEST ONLY: a Thunderbird experiment the end-to-end harness (test/e2e/thunderbird-harness.ts) adds to the installed
 * copy of the extension; no build contains it. The release experiment has no write function (the extension never
 * writes events itself), so the test that a read-only calendar refuses writes inside Thunderbird brings its own.
 * It only touches calendars DAV Bridge made (the "davBridge" mark) and never waits more than 30 s. */
/* global ChromeUtils */
'use strict';

var { ExtensionCommon } = ChromeUtils.importESModule('resource://gre/modules/ExtensionCommon.sys.mjs');
var { ExtensionUtils } = ChromeUtils.importESModule('resource://gre/modules/ExtensionUtils.sys.mjs');
var { cal } = ChromeUtils.importESModule('resource:///modules/calendar/calUtils.sys.mjs');
var { CalEvent } = ChromeUtils.importESModule('resource:///modules/CalEvent.sys.mjs');
var { setTimeout, clearTimeout } = ChromeUtils.importESModule('resource://gre/modules/Timer.sys.mjs');

const TIMEOUT_MS = 30_000;

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- Thunderbird looks the class up by this name
var davBridgeWriteProbe = class extends ExtensionCommon.ExtensionAPI {
  getAPI() {
    return {
      davBridgeWriteProbe: {
        async tryAddEvent(id, { title, start }) {
          const calendar = cal.manager.getCalendarById(id);
          if (!calendar || !calendar.getProperty('davBridge'))
            throw new ExtensionUtils.ExtensionError(`no calendar made by DAV Bridge has the id ${id}`);
          const event = new CalEvent();
          event.title = title;
          event.startDate = cal.dtz.jsDateToDateTime(new Date(start), cal.dtz.UTC);
          event.endDate = cal.dtz.jsDateToDateTime(new Date(new Date(start).getTime() + 3_600_000), cal.dtz.UTC);
          let timer;
          const late = new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`adding the event did not finish within ${TIMEOUT_MS} ms`)),
              TIMEOUT_MS,
            );
          });
          try {
            await Promise.race([calendar.addItem(event), late]);
            return { added: true };
          } catch (e) {
            // CalDAV rejects with the server's answer as a string ("Server Replied with 403"), others with an Error.
            return { added: false, error: String(e && e.message ? e.message : e) };
          } finally {
            clearTimeout(timer);
          }
        },
      },
    };
  }
};
