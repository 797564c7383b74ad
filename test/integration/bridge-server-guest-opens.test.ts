// Issue 13 item 2: each guest link lists how many times it was opened (page views and .ics fetches) and when last,
// counted durably (a bridge restart keeps them) and as counts only. Real bridge over HTTPS, real Radicale.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testServers, uniqueName } from '../harness/servers.js';
import {
  startBridge,
  type BridgeOptions,
  type RunningBridge,
} from '../../outlook-addin/test/support/bridge-process.js';
import { basic, makeCalendar, putEvent, vevent } from '../../outlook-addin/test/support/dav-fixtures.js';

jest.setTimeout(90_000);

const radicale = testServers.radicale;
const gilles = radicale.users.alice;
const auth = basic(gilles.username, gilles.password);
const dataDir = mkdtempSync(join(tmpdir(), 'dav-bridge-opens-'));
const options: BridgeOptions = {
  davServers: [{ id: 'radicale', label: 'Radicale', url: radicale.baseUrl }],
  dataDir,
};
let bridge: RunningBridge;

afterAll(async () => {
  await bridge?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('counts page views and feed fetches of a guest link, durably, and nothing else', async () => {
  const calendarUrl = await makeCalendar(
    radicale.calendarHomeUrl('alice'),
    auth,
    uniqueName('opens'),
    'Équipe technique',
  );
  await putEvent(
    calendarUrl,
    auth,
    uniqueName('ev'),
    vevent({ uid: uniqueName('ev-uid'), summary: 'Point équipe', start: new Date(Date.now() + 86_400_000) }),
  );
  bridge = await startBridge(options);
  const owner = bridge.client();
  expect((await owner.signIn(gilles.username, gilles.password, 'radicale')).status).toBe(200);
  const created = await owner.send('POST', '/api/v1/guest-links', { json: { collectionUrl: calendarUrl } });
  expect(created.status).toBe(201);
  const link = created.json().guestLink;
  expect(link.openCount).toBe(0);
  expect(link.lastOpenedAt).toBeNull();

  const guest = bridge.client();
  const path = new URL(link.url).pathname;
  expect((await guest.get(`${path}.ics`)).status).toBe(200);
  expect((await guest.get(`${path}.ics`)).status).toBe(200);
  expect((await guest.get(path)).status).toBe(200);
  // A token that does not exist counts for no link.
  expect((await guest.get(`/g/${'B'.repeat(43)}.ics`)).status).toBe(404);

  const listed = (await owner.get('/api/v1/guest-links'))
    .json()
    .guestLinks.find((l: { id: string }) => l.id === link.id);
  expect(listed.openCount).toBe(3);
  expect(Date.parse(listed.lastOpenedAt)).toBeGreaterThan(Date.parse(link.createdAt) - 1000);
  // Counts only: the listing says nothing about who opened it.
  expect(
    Object.keys(listed)
      .filter((k) => /open/i.test(k))
      .sort(),
  ).toEqual(['lastOpenedAt', 'openCount']);
  expect(JSON.stringify(listed)).not.toMatch(/user-?agent|Node|undici/i);

  // A restart of the bridge keeps the counts.
  await bridge.stop();
  bridge = await startBridge(options);
  const back = bridge.client();
  expect((await back.signIn(gilles.username, gilles.password, 'radicale')).status).toBe(200);
  const after = (await back.get('/api/v1/guest-links')).json().guestLinks.find((l: { id: string }) => l.id === link.id);
  expect(after.openCount).toBe(3);
  expect(after.lastOpenedAt).toBe(listed.lastOpenedAt);
});
