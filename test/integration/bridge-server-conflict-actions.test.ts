// Issue 13 item 3: the pane restores or dismisses a losing version the bridge kept. Real Radicale, the real bridge
// process: Gilles's "Équipe technique" is subscribed, two events change both on the server and in the bridge's
// mirror, the server's newer edits win. After a restart of the bridge the list shows each loser beside its winner;
// restoring one puts it back on the server (If-Match on the winner's ETag); the other changed again on the server
// meanwhile, so restoring it answers 409 conflict-changed and keeps it, and it is dismissed. Only the owner may act.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testServers, uniqueName } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../../outlook-addin/test/support/bridge-process.js';
import { basic, makeCalendar, putEvent } from '../../outlook-addin/test/support/dav-fixtures.js';
import { openBridgeDatabase } from '../../outlook-addin/src/middle-tier/store/sqlite-store.js';
import type { ConflictView } from '../../outlook-addin/src/middle-tier/contract/conflicts.js';

jest.setTimeout(120_000);

const radicale = testServers.radicale;
const davServers = [{ id: 'radicale', label: 'Radicale', url: radicale.baseUrl }];
const { alice: gilles, bob: david } = radicale.users;
const auth = basic(gilles.username, gilles.password);
const dataDir = mkdtempSync(join(tmpdir(), 'dav-bridge-conflict-actions-'));
let bridge: RunningBridge | undefined;

afterAll(async () => {
  await bridge?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** An event with an explicit LAST-MODIFIED: what the "newest" policy compares. */
function event(uid: string, summary: string, lastModified: string): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//DAV Bridge tests//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260101T080000Z',
    `LAST-MODIFIED:${lastModified}`,
    'DTSTART:20261215T090000Z',
    'DTEND:20261215T100000Z',
    `SUMMARY:${summary}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const serverPut = async (url: string, body: string) => {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { Authorization: auth, 'Content-Type': 'text/calendar' },
    body,
  });
  expect(res.status).toBeLessThan(300);
};

const signedIn = async (b: RunningBridge, user = gilles) => {
  const c = b.client();
  expect((await c.signIn(user.username, user.password, 'radicale')).status).toBe(200);
  return c;
};

it('restores a kept version after a restart, refuses one that changed again (kept), dismisses, owner only', async () => {
  const calUrl = await makeCalendar(radicale.calendarHomeUrl('alice'), auth, uniqueName('equipe'), 'Équipe technique');
  const restoreUid = uniqueName('restore');
  const changedUid = uniqueName('changed');
  await putEvent(calUrl, auth, restoreUid, event(restoreUid, 'Revue de sprint', '20260101T080000Z'));
  await putEvent(calUrl, auth, changedUid, event(changedUid, 'Atelier', '20260101T080000Z'));

  bridge = await startBridge({ davServers, dataDir });
  let c = await signedIn(bridge);
  const created = await c.send('POST', '/api/v1/subscriptions', { json: { url: calUrl } });
  expect(created.status).toBe(201);
  const subId = created.json().subscription.id as string;
  await bridge.stop();

  // The mirror (Outlook's side) edits both events, older than the server's edits, which win.
  const store = openBridgeDatabase(dataDir);
  const status = store.syncStatus(subId);
  for (const [uid, summary] of [
    [restoreUid, 'Revue de sprint (salle Alexandre)'],
    [changedUid, 'Atelier (version du volet)'],
  ] as const) {
    const entry = await status.get(uid);
    const [item] = await store.mirrorGetMany(subId, [entry!.b.id]);
    expect(
      await store.mirrorUpdate(subId, item!.id, event(uid, summary, '20260201T080000Z'), item!.version),
    ).toMatchObject({ ok: true });
  }
  await store.close();
  await serverPut(`${calUrl}${restoreUid}.ics`, event(restoreUid, 'Revue de sprint (déplacée)', '20260301T080000Z'));
  await serverPut(`${calUrl}${changedUid}.ics`, event(changedUid, 'Atelier (serveur)', '20260301T080000Z'));
  bridge = await startBridge({ davServers, dataDir });
  c = await signedIn(bridge);
  expect((await c.send('POST', `/api/v1/subscriptions/${subId}/sync`)).status).toBeLessThan(300);
  await waitIdle(c, subId);
  await bridge.stop();

  // A restart of the bridge over the same data.
  bridge = await startBridge({ davServers, dataDir });
  c = await signedIn(bridge);
  const listed = (await c.get('/api/v1/conflicts')).json<{ conflicts: ConflictView[] }>().conflicts;
  const toRestore = listed.find((x) => x.ident === restoreUid)!;
  const toRefuse = listed.find((x) => x.ident === changedUid)!;
  expect(toRestore).toMatchObject({
    restorable: true,
    loser: { summary: 'Revue de sprint (salle Alexandre)' },
    winner: { summary: 'Revue de sprint (déplacée)', start: '2026-12-15T09:00:00.000Z' },
  });
  expect(toRefuse.winner?.summary).toBe('Atelier (serveur)');

  // Someone else: 404 on both actions, nothing changes.
  const other = await signedIn(bridge, david);
  expect((await other.send('POST', `/api/v1/conflicts/${toRestore.id}/restore`)).status).toBe(404);
  const foreignDismiss = await other.send('DELETE', `/api/v1/conflicts/${toRestore.id}`);
  expect(foreignDismiss.status).toBe(404);
  expect(foreignDismiss.json().error.code).toBe('conflict-not-found');
  expect((await c.send('POST', '/api/v1/conflicts/999999999/restore')).status).toBe(404);

  // Restore: the kept version is the server's current one again, and the mirror follows.
  const restored = await c.send('POST', `/api/v1/conflicts/${toRestore.id}/restore`);
  expect(restored.status).toBe(200);
  expect(restored.json()).toMatchObject({ restored: true, sync: { ok: true } });
  const onServer = await fetch(`${calUrl}${restoreUid}.ics`, { headers: { Authorization: auth } });
  expect(await onServer.text()).toContain('SUMMARY:Revue de sprint (salle Alexandre)');

  // The other one changed again on the server since: 409, nothing written, the conflict kept.
  await serverPut(`${calUrl}${changedUid}.ics`, event(changedUid, 'Atelier (encore changé)', '20260401T080000Z'));
  const refused = await c.send('POST', `/api/v1/conflicts/${toRefuse.id}/restore`, {
    headers: { 'accept-language': 'fr' },
  });
  expect(refused.status).toBe(409);
  expect(refused.json().error.code).toBe('conflict-changed');
  expect(refused.json().error.message).toContain('a de nouveau été modifié sur le serveur');
  const stillThere = await fetch(`${calUrl}${changedUid}.ics`, { headers: { Authorization: auth } });
  expect(await stillThere.text()).toContain('SUMMARY:Atelier (encore changé)');
  let now = (await c.get('/api/v1/conflicts')).json().conflicts as Array<Record<string, unknown>>;
  expect(now.map((x) => x['id'])).toEqual([toRefuse.id]);

  // Dismissed: gone from the list.
  expect((await c.send('DELETE', `/api/v1/conflicts/${toRefuse.id}`)).status).toBe(204);
  now = (await c.get('/api/v1/conflicts')).json().conflicts;
  expect(now).toEqual([]);
  await bridge.stop();
  bridge = undefined;
  const after = openBridgeDatabase(dataDir);
  const entry = await after.syncStatus(subId).get(restoreUid);
  const [mirrored] = await after.mirrorGetMany(subId, [entry!.b.id]);
  await after.close();
  expect(mirrored?.data).toContain('SUMMARY:Revue de sprint (salle Alexandre)');
});

/** Waits until the subscription has no run in flight (the sync POST may answer before its run ends). */
async function waitIdle(c: Awaited<ReturnType<typeof signedIn>>, subId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const subs = (await c.get('/api/v1/subscriptions')).json().subscriptions as Array<{
      id: string;
      sync: { running: boolean };
    }>;
    if (!subs.find((s) => s.id === subId)?.sync.running) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('sync still running');
}
