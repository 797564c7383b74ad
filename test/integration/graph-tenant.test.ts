/**
 * The Radicale <-> Outlook scenario of graph-sync.test.ts (graph-sync-scenario.ts) against a REAL Microsoft 365
 * tenant at https://graph.microsoft.com/v1.0, when its credentials are in the environment (README, "Outlook sync
 * through Microsoft Graph": the real-tenant run). The scenario makes a calendar of a unique name and deletes it at
 * the end; its only attendees are example.org addresses the bridge never sends anyway, so no mail leaves. Without
 * the credentials the test is skipped, and its title says which variables are missing.
 */
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { GraphClient } from '../../bridge-core/src/graph/graph-client.js';
import { testServers } from '../harness/servers.js';
import { GRAPH_V1, tenantSettings, tenantTokens } from '../support/graph-tenant.js';
import { connect } from './dav-helpers.js';
import { graphOutlook, radicaleGraphScenario } from './graph-sync-scenario.js';

const tenant = tenantSettings(process.env);
const TITLE = 'two-way sync Radicale <-> Outlook of a real Microsoft 365 tenant';

if ('missing' in tenant) {
  describe.skip(`${TITLE} (skipped: set ${tenant.missing.join(', ')}; see the README)`, () => {
    test('first sync, edits and deletions on both sides, crash after a Graph create; no duplicate, no mail', () => {
      // Never runs: the describe is skipped, so Jest counts this test as skipped.
    });
  });
} else {
  const settings = tenant.settings;
  let gilles: DavAccount;
  const made: string[] = [];

  beforeAll(async () => {
    gilles = await connect(testServers.radicale, 'alice');
  });
  afterAll(async () => {
    for (const url of made) await deleteCollection(gilles.transport, url).catch(() => undefined);
  });

  describe(`${TITLE} (tenant ${settings.tenant})`, () => {
    test('first sync, edits and deletions on both sides, crash after a Graph create; no duplicate, no mail', async () => {
      const client = new GraphClient({ baseUrl: GRAPH_V1, getToken: tenantTokens(settings) });
      await radicaleGraphScenario(gilles, graphOutlook(client), made);
    }, 600_000);
  });
}
