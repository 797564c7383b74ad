// Issue 10 item 7, moved to core with the feed use case (issue 11 item 1): splitting a subscribed ICS feed copies
// only the time zones each item uses, and a subscription is capped in items and stored bytes with a clear status
// in English and French (a FeedError with a stable code; the bridge server maps it to an HTTP status).
import { FeedError, FeedStore, splitFeed } from '../../src/use-cases/feed';

import { calendar, centralEuropeanZone as zone, component } from '../../../test/support/items';

/** A feed with `zones` time zones and `events` events, event i in zone i % zones (EXDATE in the next zone). */
function feed(zones: number, events: number): string {
  const lines = ['X-WR-CALNAME:Équipe technique'];
  for (let z = 0; z < zones; z++) lines.push(...zone(`Zone/Number${z}`));
  for (let i = 0; i < events; i++) {
    lines.push(
      ...component(
        'VEVENT',
        `UID:event-${i}`,
        `DTSTART;TZID=Zone/Number${i % zones}:20261201T090000`,
        `DTEND;TZID=Zone/Number${i % zones}:20261201T100000`,
        'RRULE:FREQ=DAILY;COUNT=5',
        `EXDATE;TZID=Zone/Number${(i + 1) % zones}:20261202T090000`,
        `SUMMARY:Réunion ${i}`,
      ),
    );
  }
  return calendar(...lines);
}

describe('feed splitting', () => {
  it('copies into each item only the time zones it uses, so the stored size stays near the feed size', async () => {
    const text = feed(40, 400);
    const { items, name } = await splitFeed(text);
    expect(name).toBe('Équipe technique');
    expect(items).toHaveLength(400);
    for (const [i, item] of items.entries()) {
      const tzids = [...item.data.matchAll(/^TZID:(.*)$/gm)].map((m) => m[1]?.trim()).sort();
      expect(tzids).toEqual([`Zone/Number${i % 40}`, `Zone/Number${(i + 1) % 40}`].sort());
    }
    const stored = items.reduce((n, i) => n + Buffer.byteLength(i.data), 0);
    expect(stored).toBeLessThan(4 * Buffer.byteLength(text));
  });

  it('refuses a feed with more items than a subscription may hold, with a clear status in English and French', async () => {
    const err = await splitFeed(feed(1, 30), { maxItems: 25, maxStoredBytes: 10 * 1024 * 1024 }).catch((e) => e);
    expect(err).toBeInstanceOf(FeedError);
    expect((err as FeedError).code).toBe('feed-too-many-items');
    expect((err as FeedError).localized('en')).toContain('25');
    expect((err as FeedError).localized('fr')).toContain('25');
    expect((await splitFeed(feed(1, 25), { maxItems: 25, maxStoredBytes: 10 * 1024 * 1024 })).items).toHaveLength(25);
  });

  it('refuses a feed whose items would take more bytes than a subscription may store', async () => {
    await expect(splitFeed(feed(2, 200), { maxItems: 1000, maxStoredBytes: (1024 * 1024) / 8 })).rejects.toMatchObject({
      code: 'feed-too-large',
    });
  });

  it('refuses what is not iCalendar, in both languages', async () => {
    const err = (await splitFeed('<html><body>Not found</body></html>').catch((e) => e)) as FeedError;
    expect(err.code).toBe('feed-malformed');
    expect(err.localized('fr')).toMatch(/aucun abonnement/);
  });

  it('keeps the item ids the bridge always gave (a digest of the UID), so existing subscriptions keep their status', async () => {
    const { items } = await splitFeed(feed(1, 1));
    // node:crypto's sha256("event-0"), base64url, first 24 characters: the id the server stored before the move.
    expect(items[0]?.id).toBe('feed-IzUqZ6x__EtdmAI9waVO5QfU');
    const store = await FeedStore.of({ name: undefined, items: items.slice(0, 1) }, 'Équipe technique');
    expect(store.readOnly).toBe(true);
    await expect(store.create()).rejects.toThrow('Équipe technique is a read-only feed');
  });
});
