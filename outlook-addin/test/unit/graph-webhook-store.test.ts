// Graph change-notification subscriptions in the bridge store (schema version 8; issue 15): found by the bridge
// subscription and by Graph's id, the clientState kept hashed only, renewed in place, gone with the subscription.
// On every engine (test/support/store-engines.ts).
import { hashClientState } from '../../src/middle-tier/subscriptions/graph-webhooks';
import { describeEachEngine } from '../support/store-engines';

describeEachEngine('Graph webhook store', (engine) => {
  it('keeps one row per subscription, the secret hashed, renewed in place, gone with the subscription', async () => {
    const store = await engine().open();
    await store.upsertAccount({
      id: 'g',
      serverId: 'radicale',
      username: 'gilles',
      sealedPassword: 'sealed',
      principalUrl: 'https://dav.example/gilles/',
      updatedAt: 1,
    });
    await store.createSubscription({
      id: 'sub-astreintes',
      accountId: 'g',
      type: 'collection',
      url: 'https://dav.example/gilles/astreintes/',
      name: 'Astreintes',
      kind: 'events',
      readOnly: false,
      createdAt: 1,
      feedEtag: undefined,
      feedLastModified: undefined,
    });
    const secret = 'clientState-secret-of-the-test-0123456789abcdef';
    const row = {
      subscriptionId: 'sub-astreintes',
      graphSubscriptionId: '7f105c7d-2dc5-4530-97cd-4e7ae6534c07',
      resource: 'me/calendars/AAMkCal1/events',
      clientStateHash: hashClientState(secret),
      expiresAt: 1_797_000_000_000,
    };
    await store.saveGraphWebhook(row);
    await store.saveGraphWebhook({ ...row, expiresAt: 1_797_500_000_000 });
    await store.close();

    const again = await engine().open();
    try {
      expect(await again.getGraphWebhook('sub-astreintes')).toEqual({ ...row, expiresAt: 1_797_500_000_000 });
      expect((await again.findGraphWebhook(row.graphSubscriptionId))?.subscriptionId).toBe('sub-astreintes');
      expect(await again.findGraphWebhook('unknown')).toBeUndefined();
      expect(await engine().restText()).not.toContain(secret);
      await again.deleteSubscription('sub-astreintes');
      expect(await again.findGraphWebhook(row.graphSubscriptionId)).toBeUndefined();
      expect(await again.deleteGraphWebhook('sub-astreintes')).toBe(false);
    } finally {
      await again.close();
    }
  });
});
