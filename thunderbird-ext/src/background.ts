/**
 * Background of the Thunderbird extension: bridge-core runs here, in the extension's own context (no CORS limits
 * for the hosts the user grants). It answers the popup's and options page's requests (messages.ts) and runs the
 * contact syncs on schedule (contacts/scheduler.ts).
 */
import { browser } from './browser.js';
import { BridgeService } from './background/service.js';
import { ContactSyncScheduler } from './contacts/scheduler.js';
import { serve } from './messages.js';
import { readOptions } from './options-store.js';
import { startControlChannel } from './e2e/control.js';
import { ApiTrace, tracedApi } from './e2e/api-trace.js';

/** True only in the end-to-end build (webpack --env e2e); the release build drops the control channel. */
declare const __E2E__: boolean;

// The end-to-end build records its address-book and storage calls (the benchmark names what was in flight).
const trace = __E2E__ ? new ApiTrace() : undefined;
const api = trace ? tracedApi(browser, trace) : browser;

export const service = new BridgeService({ api });
serve(browser.runtime, (request) => service.handle(request));

const scheduler = new ContactSyncScheduler({
  api,
  runs: service.runs,
  pairs: () => service.pairs(),
  runPair: (pairId) => service.syncPair(pairId).catch(() => undefined),
});
// The compose script that inserts links at the cursor (compose/insert.ts), in every compose window.
void browser.scripting.compose.registerScripts([{ id: 'dav-bridge-insert', js: ['compose/insert.js'] }]);

if (__E2E__) startControlChannel(api, service, trace);

void readOptions(api.storage.local).then((o) => scheduler.start(o.syncMinutes));

// Keeps the whole core in the bundle (version.ts): a part of core that needed Node would fail this build.
export { VERSION_INFO } from './version.js';
