// Issue 10 item 9: the per-link password cap in the store: claimed before each check, so parallel guesses from many
// addresses can never get more than `cap` checks; a right password gives its attempt back; unlock starts over.
// On every engine (test/support/store-engines.ts): on PostgreSQL the claims race over several connections.
import { describeEachEngine, type TestStore } from '../support/store-engines';

describeEachEngine('guest link password cap', (engine) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await engine().open();
    await store.upsertAccount({
      id: 'gilles',
      serverId: 'demo',
      username: 'gilles',
      sealedPassword: 'sealed',
      principalUrl: 'http://127.0.0.1/gilles/',
      updatedAt: 0,
    });
    await store.createGuestLink({
      id: 'equipe',
      tokenHash: 'h',
      sealedToken: 's',
      accountId: 'gilles',
      collectionUrl: 'http://127.0.0.1/gilles/equipe-tech/',
      collectionName: 'Équipe technique',
      kind: 'events',
      passwordHash: 'scrypt$...',
      expiresAt: undefined,
      createdAt: 0,
      revokedAt: undefined,
      passwordFailures: 0,
      lockedAt: undefined,
    });
  });
  afterEach(async () => {
    await store.close();
  });

  it('grants at most `cap` checks to parallel guesses, then the link is locked', async () => {
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => store.claimGuestPasswordAttempt('equipe', 3, 50)),
    );
    expect(claims.filter(Boolean)).toHaveLength(3);
    expect(await store.getGuestLink('equipe')).toMatchObject({ passwordFailures: 3, lockedAt: 50 });
  });

  it('a right password gives its attempt back; the cap-th wrong one locks the link; unlock starts over', async () => {
    expect(await store.claimGuestPasswordAttempt('equipe', 2, 1)).toBe(true);
    await store.settleGuestPasswordAttempt('equipe', true, 2, 1);
    expect((await store.getGuestLink('equipe'))?.passwordFailures).toBe(0);
    for (let i = 0; i < 2; i++) {
      expect(await store.claimGuestPasswordAttempt('equipe', 2, 2)).toBe(true);
      await store.settleGuestPasswordAttempt('equipe', false, 2, 2);
    }
    expect(await store.getGuestLink('equipe')).toMatchObject({ passwordFailures: 2, lockedAt: 2 });
    expect(await store.claimGuestPasswordAttempt('equipe', 2, 3)).toBe(false);
    expect(await store.unlockGuestLink('equipe')).toBe(true);
    expect(await store.getGuestLink('equipe')).toMatchObject({ passwordFailures: 0, lockedAt: undefined });
    expect(await store.claimGuestPasswordAttempt('equipe', 2, 4)).toBe(true);
  });
});
