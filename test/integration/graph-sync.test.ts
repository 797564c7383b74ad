/**
 * Two-way sync between a REAL Radicale calendar and an Outlook calendar served by the Graph fake (no Microsoft
 * service is reachable here; the fake is written from Graph's documented contract): first sync, edits on both
 * sides, deletions on both sides, a crash between Graph's create and the status commit, an expired delta
 * token; never a duplicate, never a mail. The scenario is graph-sync-scenario.ts, which graph-tenant.test.ts also
 * runs against a real Microsoft 365 tenant.
 */
import type { DavAccount } from '../../bridge-core/src/dav/account.js';
import { deleteCollection } from '../../bridge-core/src/dav/manage.js';
import { GraphClient } from '../../bridge-core/src/graph/graph-client.js';
import { testServers } from '../harness/servers.js';
import { GraphFake } from '../support/graph-fake/graph-fake.js';
import { connect } from './dav-helpers.js';
import { fakeOutlook, graphOutlook, radicaleGraphScenario } from './graph-sync-scenario.js';

const TOKEN = 'gilles-graph-token';
let fake: GraphFake;
let gilles: DavAccount;
const made: string[] = [];

beforeAll(async () => {
  fake = new GraphFake({ pageSize: 3 });
  await fake.start();
  gilles = await connect(testServers.radicale, 'alice');
});
afterAll(async () => {
  await fake.stop();
  for (const url of made) await deleteCollection(gilles.transport, url).catch(() => undefined);
});

describe('two-way sync Radicale <-> Outlook through the Graph fake', () => {
  test('Graph fake: first sync, edits and deletions on both sides, crash after a Graph create, expired delta token; no duplicate, no mail', async () => {
    const client = new GraphClient({ baseUrl: fake.url, getToken: async () => TOKEN });
    await radicaleGraphScenario(gilles, fakeOutlook(fake, TOKEN, client), made);
  });

  test('Graph fake: the same scenario with the Outlook side driven by Graph requests only, as graph-tenant.test.ts does', async () => {
    const client = new GraphClient({ baseUrl: fake.url, getToken: async () => TOKEN });
    await radicaleGraphScenario(gilles, graphOutlook(client), made);
    expect(fake.mails).toEqual([]);
  });
});
