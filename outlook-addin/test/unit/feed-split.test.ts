// Issue 10 item 7: splitting a subscribed ICS feed copies only the time zones each item uses, and a subscription is
// capped in items and stored bytes with a clear, bilingual status.
import { ApiError } from '../../src/middle-tier/http/api-error';

// bridge-core is ESM, which Jest's CommonJS unit project cannot load; splitting uses none of it (only the read-only
// FeedStore and DavError mapping, not under test here, do).
jest.mock('@dav-bridge/core', () => ({ DavError: class DavError extends Error {}, sync: {} }), { virtual: true });
import { splitFeed } from '../../src/middle-tier/subscriptions/feed';

import { calendar, centralEuropeanZone as zone, eventLines } from '../../../test/support/items';

/** A feed with `zones` time zones and `events` events, event i in zone i % zones (EXDATE in the next zone). */
function feed(zones: number, events: number): string {
  const lines = ['X-WR-CALNAME:Équipe technique'];
  for (let z = 0; z < zones; z++) lines.push(...zone(`Zone/Number${z}`));
  for (let i = 0; i < events; i++) {
    lines.push(
      ...eventLines({
        uid: `event-${i}`,
        tzid: `Zone/Number${i % zones}`,
        start: '20261201T090000',
        end: '20261201T100000',
        rrule: 'FREQ=DAILY;COUNT=5',
        extra: [`EXDATE;TZID=Zone/Number${(i + 1) % zones}:20261202T090000`],
        summary: `Réunion ${i}`,
      }),
    );
  }
  return calendar(...lines);
}

describe('feed splitting', () => {
  it('copies into each item only the time zones it uses, so the stored size stays near the feed size', () => {
    const text = feed(40, 400);
    const { items, name } = splitFeed(text);
    expect(name).toBe('Équipe technique');
    expect(items).toHaveLength(400);
    for (const [i, item] of items.entries()) {
      const tzids = [...item.data.matchAll(/^TZID:(.*)$/gm)].map((m) => m[1]?.trim()).sort();
      expect(tzids).toEqual([`Zone/Number${i % 40}`, `Zone/Number${(i + 1) % 40}`].sort());
    }
    const stored = items.reduce((n, i) => n + Buffer.byteLength(i.data), 0);
    expect(stored).toBeLessThan(4 * Buffer.byteLength(text));
  });

  it('refuses a feed with more items than a subscription may hold, with a clear status in English and French', () => {
    let err: unknown;
    try {
      splitFeed(feed(1, 30), { maxItems: 25, maxStoredBytes: 10 * 1024 * 1024 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(413);
    expect((err as ApiError).code).toBe('feed-too-many-items');
    expect((err as ApiError).text.en).toContain('25');
    expect((err as ApiError).text.fr).toContain('25');
    expect(splitFeed(feed(1, 25), { maxItems: 25, maxStoredBytes: 10 * 1024 * 1024 }).items).toHaveLength(25);
  });

  it('refuses a feed whose items would take more bytes than a subscription may store', () => {
    expect(() => splitFeed(feed(2, 200), { maxItems: 1000, maxStoredBytes: (1024 * 1024) / 8 })).toThrow(
      expect.objectContaining({ code: 'feed-too-large', status: 413 }),
    );
  });
});
