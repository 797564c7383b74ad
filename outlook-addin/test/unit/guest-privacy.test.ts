// Issue 10 item 5: private means private in guest feeds and agendas (CLASS per series, unknown values private,
// busy blocks with a UID of their own per link and no rule, or hidden).
import { buildAgenda } from '../../src/middle-tier/guest/agenda';
import { buildFeed, buildFeedSliced, FEED_BUSY_BUDGET, type FeedPrivacy } from '../../src/middle-tier/guest/ics-feed';
import { calendar as cal, component } from '../../../test/support/items';

const vevent = (...lines: string[]) => component('VEVENT', ...lines);

const NOW = Date.parse('2026-12-01T00:00:00Z');
const privacy = (linkId: string, hidePrivate = false): FeedPrivacy => ({
  linkId,
  uidKey: Buffer.alloc(32, 7),
  hidePrivate,
  now: NOW,
  timeZone: 'Europe/Paris',
});

// Gilles's private weekly 1:1 with David; one instance moved, its override restating no CLASS.
const privateSeries = cal(
  ...component(
    'VEVENT',
    'UID:gilles-private-1on1',
    'DTSTART:20261201T090000Z',
    'DTEND:20261201T100000Z',
    'RRULE:FREQ=WEEKLY;COUNT=4',
    'CLASS:PRIVATE',
    'SUMMARY:Entretien David',
    'LOCATION:Bureau de Gilles',
    'DESCRIPTION:Évaluation annuelle',
  ),
  ...component(
    'VEVENT',
    'UID:gilles-private-1on1',
    'RECURRENCE-ID:20261208T090000Z',
    'DTSTART:20261208T140000Z',
    'DTEND:20261208T150000Z',
    'SUMMARY:Entretien David (déplacé)',
    'LOCATION:Salle Rivoli',
    'DESCRIPTION:Augmentation de David',
  ),
);
const secret = cal(
  ...component(
    'VEVENT',
    'UID:x-secret',
    'DTSTART:20261203T090000Z',
    'DTEND:20261203T100000Z',
    'CLASS:X-SECRET',
    'SUMMARY:Projet confidentiel',
    'LOCATION:Sous-sol',
  ),
);
const publicSeries = cal(
  ...component(
    'VEVENT',
    'UID:team-weekly',
    'DTSTART:20261202T090000Z',
    'DTEND:20261202T100000Z',
    'RRULE:FREQ=WEEKLY;COUNT=3',
    'SUMMARY:Point Équipe technique',
  ),
  ...component(
    'VEVENT',
    'UID:team-weekly',
    'RECURRENCE-ID:20261209T090000Z',
    'DTSTART:20261209T090000Z',
    'DTEND:20261209T100000Z',
    'CLASS:CONFIDENTIAL',
    'SUMMARY:Point RH',
  ),
);

describe('guest feed privacy', () => {
  it('an override without CLASS of a private series publishes nothing of its content', () => {
    const feed = buildFeed([privateSeries], 'Équipe technique', privacy('link-a'));
    expect(feed.ics).not.toMatch(/Entretien|Bureau|Rivoli|Évaluation|Augmentation/);
    const agenda = buildAgenda(feed.root, {
      windowStart: new Date(NOW),
      windowEnd: new Date(NOW + 40 * 86_400_000),
      timeZone: 'Europe/Paris',
    });
    expect(agenda.occurrences.map((o) => [o.start.toISOString(), o.busyOnly, o.summary])).toEqual([
      ['2026-12-01T09:00:00.000Z', true, 'Occupé / Busy'],
      ['2026-12-08T14:00:00.000Z', true, 'Occupé / Busy'],
      ['2026-12-15T09:00:00.000Z', true, 'Occupé / Busy'],
      ['2026-12-22T09:00:00.000Z', true, 'Occupé / Busy'],
    ]);
  });

  it('an unknown CLASS (X-SECRET) is private', () => {
    const feed = buildFeed([secret], 'Équipe technique', privacy('link-a'));
    expect(feed.ics).not.toMatch(/Projet confidentiel|Sous-sol/);
    expect(feed.ics).toContain('SUMMARY:Occupé / Busy');
  });

  it('private events become busy blocks: a UID of their own per link (stable), no rule, their times only', () => {
    const a1 = buildFeed([privateSeries, secret], 'x', privacy('link-a')).ics;
    // Built again a minute later: the same bytes (no "now" in them), so ETags and calendar clients see no change.
    const a2 = buildFeed([privateSeries, secret], 'x', { ...privacy('link-a'), now: NOW + 60_000 }).ics;
    expect(a2).toBe(a1);
    const b = buildFeed([privateSeries, secret], 'x', privacy('link-b')).ics;
    expect(a1).not.toMatch(/gilles-private-1on1|x-secret|RRULE|RECURRENCE-ID/);
    const uids = (ics: string) => [...ics.matchAll(/^UID:(.*)$/gm)].map((m) => m[1]?.trim());
    expect(uids(a1)).toHaveLength(5);
    expect(uids(a1)).toEqual(uids(a2));
    for (const uid of uids(b)) expect(uids(a1)).not.toContain(uid);
    expect(a1).toContain('DTSTART:20261208T140000Z');
    expect(a1).toContain('DTEND:20261208T150000Z');
  });

  it("busy blocks carry the feed build's DTSTAMP (its day), never the private original's", () => {
    // The originals were last stamped on 2026-11-01 (vevent above), a task on 2026-10-15: neither may show.
    const task = cal(
      'BEGIN:VTODO',
      'DTSTAMP:20261015T084512Z',
      'UID:private-task',
      'DUE:20261210T170000Z',
      'CLASS:PRIVATE',
      'SUMMARY:Dossier David',
      'END:VTODO',
    );
    const ics = buildFeed([privateSeries, secret, task], 'x', { ...privacy('link-a'), now: NOW + 5 * 3600_000 }).ics;
    const stamps = [...ics.matchAll(/^DTSTAMP:(.*)$/gm)].map((m) => m[1]?.trim());
    expect(stamps).toHaveLength(6);
    expect(new Set(stamps)).toEqual(new Set(['20261201T000000Z']));
  });

  it('the busy blocks of a whole feed share one budget, and the feed says when it stopped expanding', () => {
    // 30 private daily series: about 430 blocks each in the 431-day window, 12,900 together.
    const daily = Array.from({ length: 30 }, (_, i) =>
      cal(
        ...vevent(
          `UID:private-daily-${i}`,
          'DTSTART:20261101T080000Z',
          'DTEND:20261101T081500Z',
          'RRULE:FREQ=DAILY',
          'CLASS:PRIVATE',
          `SUMMARY:Routine ${i}`,
        ),
      ),
    );
    const feed = buildFeed(daily, 'Équipe technique', privacy('link-a'));
    const blocks = feed.ics.match(/^BEGIN:VEVENT/gm) ?? [];
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.length).toBeLessThanOrEqual(FEED_BUSY_BUDGET);
    expect(feed.busyTruncated).toBe(true);
    expect(feed.ics).toContain(`X-DAV-BRIDGE-BUSY-BLOCKS-TRUNCATED:${FEED_BUSY_BUDGET}`);
    // A feed within the budget says nothing of the kind.
    const small = buildFeed(daily.slice(0, 2), 'Équipe technique', privacy('link-a'));
    expect(small.busyTruncated).toBe(false);
    expect(small.ics).not.toContain('X-DAV-BRIDGE-BUSY-BLOCKS-TRUNCATED');
  });

  it('the server builds the feed in slices: other work runs while busy blocks are expanded, same bytes', async () => {
    const daily = Array.from({ length: 5 }, (_, i) =>
      cal(
        ...vevent(
          `UID:private-daily-${i}`,
          'DTSTART:20261101T080000Z',
          'DTEND:20261101T081500Z',
          'RRULE:FREQ=DAILY',
          'CLASS:PRIVATE',
          'SUMMARY:Routine',
        ),
      ),
    );
    // Another request's work, waiting for the event loop: it must get turns before the build ends.
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const sliced = await buildFeedSliced(daily, 'Équipe technique', privacy('link-a'));
    ticking = false;
    expect(turns).toBeGreaterThanOrEqual(5);
    expect(sliced.ics).toBe(buildFeed(daily, 'Équipe technique', privacy('link-a')).ics);
  });

  it('a link can hide private events completely', () => {
    const feed = buildFeed([privateSeries, secret, publicSeries], 'x', privacy('link-a', true));
    expect(feed.ics).not.toMatch(/Occupé|Entretien|Projet|Point RH/);
    expect(feed.ics).toContain('Point Équipe technique');
  });

  it('a confidential override of a public series is one busy block, and the public series skips that instance', () => {
    const feed = buildFeed([publicSeries], 'x', privacy('link-a'));
    expect(feed.ics).not.toContain('Point RH');
    const agenda = buildAgenda(feed.root, {
      windowStart: new Date(NOW),
      windowEnd: new Date(NOW + 30 * 86_400_000),
      timeZone: 'Europe/Paris',
    });
    expect(agenda.occurrences.map((o) => `${o.start.toISOString()} ${o.summary}`)).toEqual([
      '2026-12-02T09:00:00.000Z Point Équipe technique',
      '2026-12-09T09:00:00.000Z Occupé / Busy',
      '2026-12-16T09:00:00.000Z Point Équipe technique',
    ]);
  });
});
