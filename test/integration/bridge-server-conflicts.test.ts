// Issue 11 item 3: conflicts inside the bridge server are kept. Against real Radicale and the real bridge process:
// Gilles's calendar "Équipe technique" is subscribed; the same event then changes both on the server and in the
// bridge's mirror; the sync keeps the losing version in the bridge's database; after a restart of the bridge on the
// same data, GET /api/v1/conflicts (and the subscription's own list) still shows it, with its text.
// Issue 11 item 4, at the process level: a database written by a newer bridge stops the start with a clear message.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { serversUnderTest, uniqueName } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../support/bridge.js';
import { basic, makeCalendar, putEvent } from '../support/dav-fixtures.js';
import { event } from '../support/items.js';
import { BRIDGE_SCHEMA_VERSION, openBridgeDatabase } from '../../outlook-addin/src/middle-tier/store/sqlite-store.js';

jest.setTimeout(120_000);

const radicale = serversUnderTest().find((s) => s.name === 'radicale');
const describeOnRadicale = radicale ? describe : describe.skip;

describeOnRadicale('server-side conflicts kept by the bridge (real Radicale)', () => {
  const server = radicale!;
  const davServers = [{ id: server.name, label: server.name, url: server.baseUrl }];
  const { alice } = server.users;
  const auth = basic('alice', alice.password);
  let dataDir: string;
  let bridge: RunningBridge | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dav-bridge-conflicts-'));
  });
  afterAll(async () => {
    await bridge?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const signedIn = async (b: RunningBridge) => {
    const c = b.client();
    expect((await c.signIn('alice', alice.password, server.name)).status).toBe(200);
    return c;
  };

  it('a server-side conflict loser listed by the API after a restart of the bridge', async () => {
    const calUrl = await makeCalendar(server.calendarHomeUrl('alice'), auth, uniqueName('equipe'), 'Équipe technique');
    const uid = uniqueName('conflict-ev');
    await putEvent(calUrl, auth, uid, event({ uid, summary: 'Revue de sprint', lastModified: '20260101T080000Z' }));

    bridge = await startBridge({ davServers, dataDir });
    let c = await signedIn(bridge);
    const sub = await c.send('POST', '/api/v1/subscriptions', { json: { url: calUrl } });
    expect(sub.status).toBe(201);
    const subId = sub.json().subscription.id as string;
    expect(sub.json().subscription.sync).toMatchObject({ ok: true, bridge: { created: 1 } });
    await bridge.stop();

    // Both sides change the same event: the mirror (what Outlook's side will write) with an older edit...
    const store = openBridgeDatabase(dataDir);
    const [mirrored] = await store.mirrorList(subId);
    expect(mirrored).toBeDefined();
    const bridgeEdit = event({ uid, summary: 'Revue de sprint (salle Alexandre)', lastModified: '20260201T080000Z' });
    expect(await store.mirrorUpdate(subId, mirrored!.id, bridgeEdit, mirrored!.version)).toMatchObject({ ok: true });
    await store.close();
    // ...and the DAV server with a newer one, which wins under the "newest" policy.
    const put = await fetch(`${calUrl}${uid}.ics`, {
      method: 'PUT',
      headers: { Authorization: auth, 'Content-Type': 'text/calendar' },
      body: event({ uid, summary: 'Revue de sprint (déplacée)', lastModified: '20260301T080000Z' }),
    });
    expect(put.status).toBeLessThan(300);

    bridge = await startBridge({ davServers, dataDir });
    c = await signedIn(bridge);
    const run = await c.send('POST', `/api/v1/subscriptions/${subId}/sync`);
    expect(run.status).toBe(200);
    expect(run.json().subscription.sync).toMatchObject({ ok: true, conflicts: 1 });
    await bridge.stop();

    // A restart over the same data: the loser is still there.
    bridge = await startBridge({ davServers, dataDir });
    c = await signedIn(bridge);
    const all = await c.get('/api/v1/conflicts');
    expect(all.status).toBe(200);
    const conflicts = all.json().conflicts as Array<Record<string, unknown>>;
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      subscriptionId: subId,
      subscriptionName: 'Équipe technique',
      ident: uid,
      side: 'bridge',
    });
    expect(conflicts[0]!['data']).toContain('SUMMARY:Revue de sprint (salle Alexandre)');
    expect(Date.parse(String(conflicts[0]!['at']))).toBeGreaterThan(Date.now() - 10 * 60_000);
    const one = await c.get(`/api/v1/subscriptions/${subId}/conflicts`);
    expect(one.status).toBe(200);
    expect(one.json().conflicts).toEqual(conflicts);
    // A missing subscription, or someone else's, answers 404; another user's list does not show Gilles's loser.
    expect((await c.get('/api/v1/subscriptions/no-such-sub/conflicts')).status).toBe(404);
    const other = bridge.client();
    expect((await other.signIn('bob', server.users.bob.password, server.name)).status).toBe(200);
    expect((await other.get(`/api/v1/subscriptions/${subId}/conflicts`)).status).toBe(404);
    expect((await other.get('/api/v1/conflicts')).json().conflicts).toEqual([]);
    await bridge.stop();
    bridge = undefined;
    // The winner is on both sides: the server's edit is in the mirror.
    const after = openBridgeDatabase(dataDir);
    const [kept] = await after.mirrorGetMany(subId, [mirrored!.id]);
    await after.close();
    expect(kept?.data).toContain('SUMMARY:Revue de sprint (déplacée)');
  });

  it('refuses to start on a database written by a newer bridge, saying so in English and French', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dav-bridge-newer-'));
    try {
      await openBridgeDatabase(dir).close();
      const db = new Database(join(dir, 'bridge.sqlite'));
      db.pragma(`user_version = ${BRIDGE_SCHEMA_VERSION + 1}`);
      db.close();
      await expect(startBridge({ davServers, dataDir: dir })).rejects.toThrow(
        /newer DAV Bridge[\s\S]*plus récente de DAV Bridge/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
