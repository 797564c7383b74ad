/**
 * A feed becomes one item per UID (its master and overrides), so the sync engine mirrors it like any other read-only
 * collection. Each item carries only the time zones it uses (copying every VTIMEZONE into every item turned a 271 KB
 * feed into 104 MB), and a subscription is capped in items and in bytes stored: a feed beyond them is refused with a
 * clear error before anything is stored, as is one that is not iCalendar.
 */
import ICAL from 'ical.js';
import { feedError, megabytes } from './feed-errors.js';

/** What one subscription may hold once split: items (one per UID) and bytes of those items together. */
export interface FeedCaps {
  maxItems: number;
  maxStoredBytes: number;
}

export const DEFAULT_FEED_CAPS: FeedCaps = { maxItems: 20_000, maxStoredBytes: 50 * 1024 * 1024 };

/**
 * The caps for a bridge accepting feeds of up to `maxBytes`: 20,000 items, and ten times the feed's size once
 * split (each item repeats the time zones it uses: more than that is a feed built to amplify).
 */
export const feedCapsFor = (maxBytes: number): FeedCaps => ({ maxItems: 20_000, maxStoredBytes: 10 * maxBytes });

export interface FeedItems {
  /** The feed's own name (X-WR-CALNAME), when it has one. */
  name: string | undefined;
  /** One VCALENDAR per UID (with the time zones it uses), keyed by a stable id. */
  items: Array<{ id: string; data: string }>;
}

type Component = InstanceType<typeof ICAL.Component>;

const malformed = () => feedError('feed-malformed', 'feed.malformed', {});

/** The TZIDs a component and its subcomponents (alarms) refer to, in DTSTART, DUE, EXDATE, RDATE... */
function zonesUsed(c: Component, into: Set<string>): Set<string> {
  for (const p of c.getAllProperties()) {
    const tzid = p.getParameter('tzid');
    if (typeof tzid === 'string' && tzid) into.add(tzid);
  }
  for (const sub of c.getAllSubcomponents()) zonesUsed(sub, into);
  return into;
}

const base64url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** SHA-256 of a text, base64url (Web Crypto: the same in Node, browsers and Thunderbird). */
export async function sha256Base64url(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return base64url(new Uint8Array(digest));
}

/**
 * The id of a feed item: a digest of its UID (stable across fetches; the same ids the bridge has always stored,
 * so existing subscriptions keep their sync status).
 */
export const feedItemId = async (uid: string): Promise<string> => `feed-${(await sha256Base64url(uid)).slice(0, 24)}`;

/**
 * Splits an iCalendar feed into one item per UID; FeedError feed-malformed when it is not iCalendar, and
 * feed-too-many-items or feed-too-large beyond the caps, before anything is stored.
 */
export async function splitFeed(text: string, caps: FeedCaps = DEFAULT_FEED_CAPS): Promise<FeedItems> {
  if (!/^\s*BEGIN:VCALENDAR/i.test(text)) throw malformed();
  let root: Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown as unknown[]);
  } catch {
    throw malformed();
  }
  if (root.name !== 'vcalendar') throw malformed();
  const zones = new Map<string, Component>();
  for (const z of root.getAllSubcomponents('vtimezone')) {
    const tzid = z.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string' && tzid && !zones.has(tzid)) zones.set(tzid, z);
  }
  const byUid = new Map<string, Component[]>();
  for (const c of root.getAllSubcomponents()) {
    if (!['vevent', 'vtodo', 'vjournal'].includes(c.name)) continue;
    const uid = c.getFirstPropertyValue('uid');
    if (typeof uid !== 'string' || uid === '') continue;
    const list = byUid.get(uid);
    if (list) list.push(c);
    else {
      if (byUid.size >= caps.maxItems)
        throw feedError('feed-too-many-items', 'feed.too-many-items', { max: caps.maxItems });
      byUid.set(uid, [c]);
    }
  }
  const encoder = new TextEncoder();
  let stored = 0;
  const items: FeedItems['items'] = [];
  for (const [uid, comps] of byUid) {
    const cal = new ICAL.Component('vcalendar');
    cal.updatePropertyWithValue('version', '2.0');
    cal.updatePropertyWithValue('prodid', '-//DAV Bridge//feed//EN');
    const used = new Set<string>();
    for (const c of comps) zonesUsed(c, used);
    for (const tzid of [...used].sort()) {
      const z = zones.get(tzid);
      if (z) cal.addSubcomponent(new ICAL.Component(z.toJSON()));
    }
    for (const c of comps) cal.addSubcomponent(new ICAL.Component(c.toJSON()));
    const data = cal.toString();
    stored += encoder.encode(data).byteLength;
    if (stored > caps.maxStoredBytes) {
      throw feedError('feed-too-large', 'feed.too-large-stored', { maxMb: megabytes(caps.maxStoredBytes) });
    }
    items.push({ id: await feedItemId(uid), data });
  }
  const name = root.getFirstPropertyValue('x-wr-calname');
  return { name: typeof name === 'string' && name.trim() ? name.trim() : undefined, items };
}
