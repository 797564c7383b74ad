// Graph change notifications (issue 15), the bridge's decisions without a network: when notifications are on (the
// public URL), when a subscription is renewed, which resource Graph watches, how a notification's clientState is
// checked, and that a burst of notifications for one subscription becomes one run (in-process job runner).
import { notificationUrlOf } from '../../src/middle-tier/graph/notification-url';
import {
  clientStateMatches,
  GraphWebhooks,
  hashClientState,
  MAX_LIFETIME_MINUTES,
  renewalDue,
  resourceOf,
} from '../../src/middle-tier/subscriptions/graph-webhooks';
import { DebouncedRuns } from '../../src/middle-tier/subscriptions/jobs/debounced-runs';
import type { GraphSetup } from '../../src/middle-tier/graph/graph-setup';
import type { BridgeStore, GraphWebhookRecord } from '../../src/middle-tier/store/types';

const DAY = 86_400_000;

describe('notificationUrlOf', () => {
  it('is on for an https public URL, off for the default localhost, plain http, or when turned off', () => {
    const on = { publicBaseUrl: 'https://bridge.contoso.example/', graphNotifications: true };
    expect(notificationUrlOf(on)).toBe('https://bridge.contoso.example/api/v1/graph/notifications');
    expect(notificationUrlOf({ ...on, publicBaseUrl: 'https://localhost:3000' })).toBeUndefined();
    expect(notificationUrlOf({ ...on, publicBaseUrl: 'http://bridge.contoso.example' })).toBeUndefined();
    expect(notificationUrlOf({ ...on, graphNotifications: false })).toBeUndefined();
    // Loopback, for tests against the Graph fake.
    expect(notificationUrlOf({ ...on, publicBaseUrl: 'https://127.0.0.1:4443' })).toBe(
      'https://127.0.0.1:4443/api/v1/graph/notifications',
    );
  });
});

describe('renewal and resources', () => {
  it('renews when less than half the lifetime, or less than two sync intervals, is left', () => {
    const lifetime = MAX_LIFETIME_MINUTES.calendar * 60_000;
    const now = 1_800_000_000_000;
    expect(renewalDue(now + 6 * DAY, now, lifetime, 15 * 60_000)).toBe(false);
    expect(renewalDue(now + 3 * DAY, now, lifetime, 15 * 60_000)).toBe(true);
    // A sync interval of 2 days: 5 days left is too few (the next run might come too late).
    expect(renewalDue(now + 5 * DAY, now, lifetime, 3 * DAY)).toBe(true);
    expect(MAX_LIFETIME_MINUTES['todo-list']).toBe(4_230);
  });

  it('watches the container the subscription syncs with', () => {
    expect(resourceOf('calendar', 'AAMk=')).toBe('me/calendars/AAMk%3D/events');
    expect(resourceOf('todo-list', 'L1')).toBe('me/todo/lists/L1/tasks');
    expect(resourceOf('contact-folder', 'F1')).toBe('me/contactFolders/F1/contacts');
  });
});

describe('notifications accepted', () => {
  const secret = 'the-secret-client-state';
  const row: GraphWebhookRecord = {
    subscriptionId: 'sub-1',
    graphSubscriptionId: 'graph-sub-1',
    resource: 'me/calendars/C/events',
    clientStateHash: hashClientState(secret),
    expiresAt: Date.now() + DAY,
  };
  const store = {
    findGraphWebhook: async (id: string) => (id === row.graphSubscriptionId ? row : undefined),
  } as unknown as BridgeStore;

  it('compares the clientState with the stored hash', () => {
    expect(clientStateMatches(secret, row.clientStateHash)).toBe(true);
    expect(clientStateMatches(`${secret}x`, row.clientStateHash)).toBe(false);
    expect(clientStateMatches(undefined, row.clientStateHash)).toBe(false);
  });

  it('queues one run per known subscription with the right clientState, nothing for the others', async () => {
    const queued: string[] = [];
    const hooks = new GraphWebhooks(store, {} as GraphSetup, undefined, Date.now, 0, async (id) => {
      queued.push(id);
    });
    expect(
      await hooks.accept([
        { subscriptionId: 'graph-sub-1', clientState: 'forged' },
        { subscriptionId: 'unknown', clientState: secret },
        { subscriptionId: 'graph-sub-1' },
      ]),
    ).toBe(0);
    expect(queued).toEqual([]);
    expect(
      await hooks.accept([
        { subscriptionId: 'graph-sub-1', clientState: secret },
        { subscriptionId: 'graph-sub-1', clientState: secret },
      ]),
    ).toBe(1);
    expect(queued).toEqual(['sub-1']);
  });
});

describe('DebouncedRuns', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('turns a burst of asks into one run after the quiet time, and one more for asks during the run', async () => {
    const runs: string[] = [];
    const finish = new Map<string, () => void>();
    const debounced = new DebouncedRuns(
      () => async (id) => {
        runs.push(id);
        await new Promise<void>((r) => finish.set(id, r));
      },
      1_000,
      5_000,
    );
    debounced.ask('a');
    await jest.advanceTimersByTimeAsync(500);
    debounced.ask('a');
    debounced.ask('b');
    await jest.advanceTimersByTimeAsync(999);
    expect(runs).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs.sort()).toEqual(['a', 'b']);
    // Asked while its run goes on: one more run after it, not during it.
    debounced.ask('a');
    debounced.ask('a');
    await jest.advanceTimersByTimeAsync(2_000);
    expect(runs.length).toBe(2);
    finish.get('a')!();
    finish.get('b')!();
    await jest.advanceTimersByTimeAsync(999);
    expect(runs.length).toBe(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs.filter((r) => r === 'a').length).toBe(2);
    expect(runs.filter((r) => r === 'b').length).toBe(1);
    debounced.stop();
  });

  it('keeps two runs of one subscription minGap apart (its own writes notify it too), other subscriptions not held', async () => {
    const runs: string[] = [];
    const debounced = new DebouncedRuns(
      () => async (id) => void runs.push(id),
      1_000,
      3_000,
      undefined,
      Date.now,
      30_000,
    );
    debounced.ask('a');
    await jest.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual(['a']);
    debounced.ask('a'); // the echo of its own writes
    debounced.ask('b');
    await jest.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual(['a', 'b']);
    await jest.advanceTimersByTimeAsync(28_999); // 30 s after the first run ended (t = 1 s)
    expect(runs).toEqual(['a', 'b']);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toEqual(['a', 'b', 'a']);
    debounced.stop();
  });

  it('runs at the latest maxWait after the first ask, however often asked', async () => {
    const runs: string[] = [];
    const debounced = new DebouncedRuns(() => async (id) => void runs.push(id), 1_000, 3_000);
    for (let i = 0; i < 5; i++) {
      debounced.ask('busy');
      await jest.advanceTimersByTimeAsync(700);
    }
    // 3.5 s of asks 0.7 s apart: never quiet for 1 s, run at 3 s all the same.
    expect(runs).toEqual(['busy']);
    debounced.stop();
  });
});
