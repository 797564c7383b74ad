// Issue 13 item 6: "Sync now" with progress. Real bridge, real Radicale: POST .../sync?wait=false answers 202 at
// once with the run in flight (running, progress); the subscriptions list, polled, shows it running until it ends,
// then its last run: when, result and counts. Without wait=false the POST still answers with the run's outcome.
import { testServers, uniqueName } from '../harness/servers.js';
import { startBridge, type RunningBridge } from '../../outlook-addin/test/support/bridge-process.js';
import { basic, makeCalendar, putEvent, vevent } from '../../outlook-addin/test/support/dav-fixtures.js';
import type { SubscriptionView } from '../../outlook-addin/src/middle-tier/contract/subscriptions.js';

jest.setTimeout(120_000);

const radicale = testServers.radicale;
const gilles = radicale.users.alice;
const auth = basic(gilles.username, gilles.password);
let bridge: RunningBridge;

beforeAll(async () => {
  bridge = await startBridge({ davServers: [{ id: 'radicale', label: 'Radicale', url: radicale.baseUrl }] });
});
afterAll(async () => bridge?.stop());

async function addEvents(calUrl: string, n: number, tag: string): Promise<void> {
  const start = new Date(Date.now() + 86_400_000);
  for (let i = 0; i < n; i++) {
    const uid = uniqueName(`${tag}-${i}`);
    await putEvent(calUrl, auth, uid, vevent({ uid, summary: `Réunion ${tag} ${i}`, start }));
  }
}

it('POST sync?wait=false answers 202 at once; the list shows the run and its progress, then its outcome', async () => {
  const calUrl = await makeCalendar(radicale.calendarHomeUrl('alice'), auth, uniqueName('equipe'), 'Équipe technique');
  await addEvents(calUrl, 3, 'avant');
  const c = bridge.client();
  expect((await c.signIn(gilles.username, gilles.password, 'radicale')).status).toBe(200);
  const created = await c.send('POST', '/api/v1/subscriptions', { json: { url: calUrl } });
  expect(created.status).toBe(201);
  const sub = created.json<{ subscription: SubscriptionView }>().subscription;
  expect(sub.sync).toMatchObject({ ok: true, running: false, progress: null, bridge: { created: 3 } });
  const firstRun = Date.parse(sub.sync.lastRun!);

  await addEvents(calUrl, 30, 'apres');
  const started = await c.send('POST', `/api/v1/subscriptions/${sub.id}/sync?wait=false`);
  expect(started.status).toBe(202);
  const inFlight = started.json<{ subscription: SubscriptionView }>().subscription.sync;
  expect(inFlight.running).toBe(true);
  expect(inFlight.progress).not.toBeNull();
  expect(inFlight.progress!.done).toBeLessThanOrEqual(inFlight.progress!.total);

  // Poll like the pane does until the run ended.
  let last: SubscriptionView['sync'] | undefined;
  const seen: string[] = [];
  for (let i = 0; i < 300; i++) {
    const list = (await c.get('/api/v1/subscriptions')).json<{ subscriptions: SubscriptionView[] }>().subscriptions;
    last = list.find((s) => s.id === sub.id)!.sync;
    if (last.progress) {
      seen.push(last.progress.phase);
      expect(last.running).toBe(true);
      expect(last.progress.done).toBeLessThanOrEqual(last.progress.total);
    }
    if (!last.running) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  expect(last).toMatchObject({ running: false, progress: null, ok: true, error: null, bridge: { created: 30 } });
  expect(Date.parse(last!.lastRun!)).toBeGreaterThanOrEqual(firstRun);
  // The status route says the same.
  const status = (await c.get('/api/v1/sync/status'))
    .json()
    .subscriptions.find((s: { subscriptionId: string }) => s.subscriptionId === sub.id);
  expect(status).toMatchObject({ running: false, progress: null, ok: true });

  // Without wait=false: the outcome of the run, as before.
  await addEvents(calUrl, 2, 'encore');
  const waited = await c.send('POST', `/api/v1/subscriptions/${sub.id}/sync`);
  expect(waited.status).toBe(200);
  expect(waited.json().subscription.sync).toMatchObject({ running: false, ok: true, bridge: { created: 2 } });
  // A bad value is a 400 invalid-request.
  const bad = await c.send('POST', `/api/v1/subscriptions/${sub.id}/sync?wait=maybe`);
  expect(bad.status).toBe(400);
  expect(bad.json().error.code).toBe('invalid-request');
});
