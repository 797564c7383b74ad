/**
 * How the fake pages what it lists, the same for events, To Do tasks and contacts: `$top`/`$skip` listings with
 * an `@odata.nextLink`, and delta queries whose tokens are the mailbox's change sequence (`$skiptoken` =
 * since.offset.upTo while paging, `$deltatoken` = upTo at the end, older than `oldestValidSeq` = 410 expired).
 * One copy, so the three kinds of item cannot drift apart in how they page.
 */
import { GraphError } from './graph-fake.js';

type Json = Record<string, unknown>;

/** A page of a `$top`/`$skip` listing; `listUrl` is the collection's URL without its query. */
export function skipPage<Item>(
  query: URLSearchParams,
  pageSize: number,
  items: Item[],
  render: (item: Item) => object,
  listUrl: string,
): Json {
  const top = Math.min(Number(query.get('$top') ?? pageSize), 1000);
  const skip = Number(query.get('$skip') ?? 0);
  const out: Json = { value: items.slice(skip, skip + top).map(render) };
  if (skip + top < items.length) {
    const next = new URLSearchParams(query);
    next.set('$skip', String(skip + top));
    out['@odata.nextLink'] = `${listUrl}?${next.toString()}`;
  }
  return out;
}

/** The change sequence of a mailbox's kind of item, and the oldest delta token still valid. */
export interface DeltaClock {
  seq: number;
  oldestValidSeq: number;
}

const INITIAL = -1;

/**
 * A page of a delta query over one container. `items` and `tombstones` are the container's (any sequence):
 * a page holds the items changed and, after an initial round, the tombstones, between the token and the round's
 * end (`upTo`, fixed by its first page so writes during the round wait for the next one).
 */
export function deltaPage<Item extends { seq: number }>(
  query: URLSearchParams,
  clock: DeltaClock,
  pageSize: number,
  deltaUrl: string,
  items: Item[],
  render: (item: Item) => object,
  tombstones: { id: string; seq: number }[],
): Json {
  const token = query.get('$deltatoken');
  const skip = query.get('$skiptoken');
  // `since` -1 is the initial round (no token: every item, no tombstone); a token, even 0 (a mailbox with no change
  // yet), reports tombstones after it. Conflating the two lost a deletion made right after a first sync.
  let [since, offset, upTo] = [INITIAL, 0, clock.seq];
  const expired = () => new GraphError(410, 'syncStateNotFound', 'The sync state generation is no longer valid.');
  if (token !== null) {
    since = Number(token);
    if (!Number.isInteger(since) || since < clock.oldestValidSeq) throw expired();
  }
  if (skip !== null) {
    const [s, o, u] = skip.split('.').map(Number);
    [since, offset, upTo] = [s ?? INITIAL, o ?? 0, u ?? clock.seq];
    if (since !== INITIAL && since < clock.oldestValidSeq) throw expired();
  }
  const changed = items
    .filter((i) => i.seq > since && i.seq <= upTo)
    .sort((x, y) => x.seq - y.seq)
    .map(render);
  const removed =
    since === INITIAL
      ? []
      : tombstones
          .filter((t) => t.seq > since && t.seq <= upTo)
          .map((t) => ({ id: t.id, '@removed': { reason: 'deleted' } }));
  const all = [...changed, ...removed];
  const out: Json = { value: all.slice(offset, offset + pageSize) };
  if (offset + pageSize < all.length)
    out['@odata.nextLink'] = `${deltaUrl}?$skiptoken=${since}.${offset + pageSize}.${upTo}`;
  else out['@odata.deltaLink'] = `${deltaUrl}?$deltatoken=${upTo}`;
  return out;
}
