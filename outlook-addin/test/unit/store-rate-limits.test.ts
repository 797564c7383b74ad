// Issue 16 item 4: rate-limit counters in the store (store/rate-limits.ts), on every engine: a hit is atomic, a
// window ends, and two bridges opened on the same database count together, so a limit holds across instances.
import { RateLimiter } from '../../src/middle-tier/security/rate-limiter';
import { describeEachEngine, type TestStore } from '../support/store-engines';

describeEachEngine('rate-limit counters in the store', (engine) => {
  let stores: TestStore[] = [];
  const open = async (): Promise<TestStore> => {
    const s = await engine().open();
    stores.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    stores = [];
  });

  it('counts hits atomically in a window, gives back, and starts over when the window ends', async () => {
    const store = await open();
    const counts = store.rateLimits!;
    const hits = await Promise.all(Array.from({ length: 10 }, () => counts.rateLimitHit('sign-in:1.2.3.4', 1000, 0)));
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await counts.rateLimitPeek('sign-in:1.2.3.4', 999)).toEqual({ count: 10, resetAt: 1000 });
    await counts.rateLimitRelease('sign-in:1.2.3.4', 10);
    expect((await counts.rateLimitPeek('sign-in:1.2.3.4', 10))?.count).toBe(9);
    expect(await counts.rateLimitPeek('sign-in:1.2.3.4', 1000)).toBeUndefined();
    expect(await counts.rateLimitHit('sign-in:1.2.3.4', 1000, 1000)).toEqual({ count: 1, resetAt: 2000 });
    await counts.rateLimitSweep(5000);
    expect(await counts.rateLimitPeek('sign-in:1.2.3.4', 1500)).toBeUndefined();
  });

  it('two bridges on one database share one budget: parallel reserves on both get `max` through in all', async () => {
    const [a, b] = [await open(), await open()];
    const rule = { max: 5, windowMs: 60_000 };
    const onA = new RateLimiter(rule, () => 0, a.rateLimits, 'guest-password');
    const onB = new RateLimiter(rule, () => 0, b.rateLimits, 'guest-password');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? onA : onB).reserve('link-francois+10.0.0.9')),
    );
    expect(answers.filter((w) => w === undefined)).toHaveLength(5);
    expect(await onA.blockedFor('link-francois+10.0.0.9')).toBe(60);
    expect(await onB.blockedFor('link-francois+10.0.0.9')).toBe(60);
    // Another limiter's keys are its own.
    expect(await new RateLimiter(rule, () => 0, b.rateLimits, 'sign-in').blockedFor('link-francois+10.0.0.9')).toBe(
      undefined,
    );
  });
});
