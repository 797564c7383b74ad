/**
 * Read-only ICS/webcal feed subscriptions: only from origins the administrator allowed (no SSRF, redirects
 * included), conditional (ETag / If-Modified-Since), bounded (size, time), and checked (a feed that is not
 * iCalendar is refused with a clear error before anything is stored). A feed becomes one item per UID, so the
 * sync engine mirrors it like any other read-only collection. Each item carries only the time zones it uses (copying
 * every VTIMEZONE into every item turned a 271 KB feed into 104 MB), and a subscription is capped in items and in
 * bytes stored, with a clear status when a feed exceeds them.
 */
import ICAL from 'ical.js';
import { createHash } from 'node:crypto';
import { sync } from '@dav-bridge/core';
import { ApiError } from '../http/api-error.js';

export interface FeedLimits {
  origins: string[];
  maxBytes: number;
  timeoutMs: number;
}

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

export interface FeedFetch {
  /** undefined: 304 Not Modified. */
  text: string | undefined;
  etag: string | undefined;
  lastModified: string | undefined;
}

const MAX_REDIRECTS = 3;

/** https://, http:// or webcal:// (read as https://) URL of a feed, or a 400. */
export function normalizeFeedUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw.trim().replace(/^webcals?:\/\//i, 'https://'));
  } catch {
    throw feedError(400, 'invalid-feed-url', {
      en: 'This is not a feed address. It should start with https:// or webcal://.',
      fr: "Ce n'est pas une adresse de flux. Elle doit commencer par https:// ou webcal://.",
    });
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password) {
    throw feedError(400, 'invalid-feed-url', {
      en: 'A feed address starts with https:// or webcal:// and carries no user name or password.',
      fr: "Une adresse de flux commence par https:// ou webcal:// et ne contient ni nom d'utilisateur ni mot de passe.",
    });
  }
  u.hash = '';
  return u;
}

export function checkFeedOrigin(u: URL, origins: string[]): void {
  if (!origins.includes(u.origin)) {
    throw feedError(400, 'feed-host-not-allowed', {
      en: `The bridge only reads feeds from the sites its administrator allowed; ${u.host} is not one of them.`,
      fr: `La passerelle ne lit que les flux des sites autorisés par son administrateur ; ${u.host} n'en fait pas partie.`,
    });
  }
}

function feedError(status: number, code: string, text: { en: string; fr: string }): ApiError {
  return new ApiError(status, code, text);
}

const unreachable = (host: string): ApiError =>
  feedError(502, 'feed-unreachable', {
    en: `The feed at ${host} could not be reached. Check the address, or try again later.`,
    fr: `Le flux sur ${host} est injoignable. Vérifiez l'adresse ou réessayez plus tard.`,
  });

/** GET the feed, following only redirects to allowed origins; never sends credentials or cookies. */
export async function fetchFeed(
  url: URL,
  limits: FeedLimits,
  validators: { etag?: string | undefined; lastModified?: string | undefined } = {},
  fetchImpl: typeof fetch = fetch,
): Promise<FeedFetch> {
  let current = url;
  for (let hop = 0; ; hop++) {
    checkFeedOrigin(current, limits.origins);
    const headers: Record<string, string> = {
      accept: 'text/calendar, */*;q=0.1',
      'user-agent': 'DAV-Bridge-Outlook/0.1 (feed)',
    };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
    let res: Response;
    try {
      res = await fetchImpl(current, {
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(limits.timeoutMs),
      });
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') {
        throw feedError(504, 'feed-timeout', {
          en: `The feed at ${current.host} took too long to answer.`,
          fr: `Le flux sur ${current.host} a mis trop de temps à répondre.`,
        });
      }
      throw unreachable(current.host);
    }
    if (res.status >= 300 && res.status < 400 && res.status !== 304) {
      const location = res.headers.get('location');
      await res.body?.cancel();
      if (!location || hop >= MAX_REDIRECTS) throw unreachable(current.host);
      current = normalizeFeedUrl(new URL(location, current).toString());
      continue;
    }
    const etag = res.headers.get('etag') ?? undefined;
    const lastModified = res.headers.get('last-modified') ?? undefined;
    if (res.status === 304) {
      await res.body?.cancel();
      return { text: undefined, etag: etag ?? validators.etag, lastModified: lastModified ?? validators.lastModified };
    }
    if (res.status === 404 || res.status === 410) {
      await res.body?.cancel();
      throw feedError(404, 'feed-not-found', {
        en: `There is no feed at this address on ${current.host} (any more).`,
        fr: `Il n'y a pas (ou plus) de flux à cette adresse sur ${current.host}.`,
      });
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw feedError(403, 'feed-forbidden', {
        en: `${current.host} refuses to give this feed without a password; the bridge subscribes to public feeds only.`,
        fr: `${current.host} refuse de donner ce flux sans mot de passe ; la passerelle ne s'abonne qu'aux flux publics.`,
      });
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw unreachable(current.host);
    }
    return { text: await readCapped(res, limits.maxBytes, current.host), etag, lastModified };
  }
}

async function readCapped(res: Response, maxBytes: number, host: string): Promise<string> {
  const tooLarge = () =>
    feedError(413, 'feed-too-large', {
      en: `The feed at ${host} is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB the bridge accepts.`,
      fr: `Le flux sur ${host} dépasse les ${Math.round(maxBytes / 1024 / 1024)} Mo que la passerelle accepte.`,
    });
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface FeedItems {
  /** The feed's own name (X-WR-CALNAME), when it has one. */
  name: string | undefined;
  /** One VCALENDAR per UID (with the time zones), keyed by a stable id. */
  items: Array<{ id: string; data: string }>;
}

const malformed = (): ApiError =>
  feedError(422, 'feed-malformed', {
    en: 'This address does not give a calendar feed (iCalendar): nothing was subscribed.',
    fr: "Cette adresse ne donne pas un flux d'agenda (iCalendar) : aucun abonnement n'a été créé.",
  });

const tooManyItems = (max: number): ApiError =>
  feedError(413, 'feed-too-many-items', {
    en: `This feed has more than ${max} events and tasks, the most the bridge keeps for one subscription: it was not updated.`,
    fr: `Ce flux contient plus de ${max} événements et tâches, le maximum que la passerelle garde pour un abonnement : il n'a pas été mis à jour.`,
  });

const tooLargeStored = (maxBytes: number): ApiError =>
  feedError(413, 'feed-too-large', {
    en: `Once split into events, this feed would take more than the ${Math.round(maxBytes / 1024 / 1024)} MB the bridge keeps for one subscription: it was not updated.`,
    fr: `Une fois découpé en événements, ce flux occuperait plus que les ${Math.round(maxBytes / 1024 / 1024)} Mo que la passerelle garde pour un abonnement : il n'a pas été mis à jour.`,
  });

type Component = InstanceType<typeof ICAL.Component>;

/** The TZIDs a component and its subcomponents (alarms) refer to, in DTSTART, DUE, EXDATE, RDATE... */
function zonesUsed(c: Component, into: Set<string>): Set<string> {
  for (const p of c.getAllProperties()) {
    const tzid = p.getParameter('tzid');
    if (typeof tzid === 'string' && tzid) into.add(tzid);
  }
  for (const sub of c.getAllSubcomponents()) zonesUsed(sub, into);
  return into;
}

/**
 * Splits an iCalendar feed into one item per UID; throws feed-malformed (422) when it is not iCalendar, and
 * feed-too-many-items or feed-too-large (413) beyond the caps, before anything is stored.
 */
export function splitFeed(text: string, caps: FeedCaps = DEFAULT_FEED_CAPS): FeedItems {
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
      if (byUid.size >= caps.maxItems) throw tooManyItems(caps.maxItems);
      byUid.set(uid, [c]);
    }
  }
  let stored = 0;
  const items = [...byUid].map(([uid, comps]) => {
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
    const id = `feed-${createHash('sha256').update(uid).digest('base64url').slice(0, 24)}`;
    const data = cal.toString();
    stored += Buffer.byteLength(data);
    if (stored > caps.maxStoredBytes) throw tooLargeStored(caps.maxStoredBytes);
    return { id, data };
  });
  const name = root.getFirstPropertyValue('x-wr-calname');
  return { name: typeof name === 'string' && name.trim() ? name.trim() : undefined, items };
}

/** A fetched feed as a read-only sync-engine store; versions are content digests, so they change with the data. */
export class FeedStore implements sync.ItemStore {
  readonly readOnly = true;
  private readonly items: Map<string, sync.StoredItem>;

  constructor(
    feed: FeedItems,
    readonly name: string,
  ) {
    this.items = new Map(
      feed.items.map((i) => [
        i.id,
        { id: i.id, data: i.data, version: createHash('sha256').update(i.data).digest('base64url') },
      ]),
    );
  }

  async list(): Promise<sync.ItemRef[]> {
    return [...this.items.values()].map(({ id, version }) => ({ id, version }));
  }

  async getMany(ids: string[]): Promise<sync.StoredItem[]> {
    return ids.flatMap((id) => {
      const it = this.items.get(id);
      return it ? [it] : [];
    });
  }

  create(): Promise<sync.ItemRef> {
    return Promise.reject(new sync.ForbiddenError('', `${this.name} is a read-only feed`));
  }

  update(id: string): Promise<{ version: string }> {
    return Promise.reject(new sync.ForbiddenError(id, `${this.name} is a read-only feed`));
  }

  delete(id: string): Promise<void> {
    return Promise.reject(new sync.ForbiddenError(id, `${this.name} is a read-only feed`));
  }
}
