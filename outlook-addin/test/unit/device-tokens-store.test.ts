// Per-device bearer tokens in the bridge's SQLite store (store/device-tokens.ts): kept hashed, listed per account,
// revoked only by their owner, gone after revocation and after a reopen of the database.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBridgeDatabase } from '../../src/middle-tier/store/sqlite-store';
import { digest, randomToken } from '../../src/middle-tier/security/tokens';

const account = (id: string, username: string) => ({
  id,
  serverId: 'radicale',
  username,
  sealedPassword: 'sealed',
  principalUrl: `https://dav.example/${username}/`,
  updatedAt: 1,
});

describe('device token store', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'device-tokens-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps only the hash, lists per account, lets only the owner revoke, and survives a reopen', async () => {
    const store = openBridgeDatabase(dir);
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

    const reopened = openBridgeDatabase(dir);
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
    expect(readFileSync(join(dir, 'bridge.sqlite')).includes(secret)).toBe(false);
  });
});
