// Per-device bearer tokens in the bridge store (store/device-tokens.ts, store/postgres/device-tokens.ts): kept
// hashed, listed per account, revoked only by their owner, gone after revocation and after a reopen of the database.
// On every engine (test/support/store-engines.ts).
import { digest, randomToken } from '../../src/middle-tier/security/tokens';
import { describeEachEngine } from '../support/store-engines';

const account = (id: string, username: string) => ({
  id,
  serverId: 'radicale',
  username,
  sealedPassword: 'sealed',
  principalUrl: `https://dav.example/${username}/`,
  updatedAt: 1,
});

describeEachEngine('device token store', (engine) => {
  it('keeps only the hash, lists per account, lets only the owner revoke, and survives a reopen', async () => {
    const store = await engine().open();
    await store.upsertAccount(account('g', 'gilles'));
    await store.upsertAccount(account('a', 'alexandre'));
    const secret = randomToken();
    await store.deviceTokens.createDeviceToken({
      id: 'd1',
      accountId: 'g',
      name: 'Thunderbird de Gilles',
      tokenHash: digest(secret),
      createdAt: 10,
      lastUsedAt: undefined,
    });
    expect((await store.deviceTokens.findDeviceToken(digest(secret)))?.accountId).toBe('g');
    expect(await store.deviceTokens.findDeviceToken(secret)).toBeUndefined();
    expect((await store.deviceTokens.listDeviceTokens('a')).length).toBe(0);
    expect(await store.deviceTokens.revokeDeviceToken('a', 'd1')).toBe(false);
    await store.deviceTokens.touchDeviceToken('d1', 20);
    await store.close();

    const reopened = await engine().open();
    expect(await reopened.deviceTokens.listDeviceTokens('g')).toEqual([
      {
        id: 'd1',
        accountId: 'g',
        name: 'Thunderbird de Gilles',
        tokenHash: digest(secret),
        createdAt: 10,
        lastUsedAt: 20,
      },
    ]);
    expect(await reopened.deviceTokens.revokeDeviceToken('g', 'd1')).toBe(true);
    expect(await reopened.deviceTokens.findDeviceToken(digest(secret))).toBeUndefined();
    await reopened.close();
    expect((await engine().restText()).includes(secret)).toBe(false);
  });
});
