/**
 * What every Graph-backed store (events, To Do, contacts) does the same way with a Graph collection: walk its
 * delta, tell an expired delta token, map a write's answer to the store contract's errors, and find the bridge's
 * own container by name. One copy, so a fix to one of them reaches all three stores.
 */
import { message, render, type Message } from '../i18n/index.js';
import { ItemError, NotFoundError, PreconditionFailedError, type ChangeSet } from '../sync/store.js';
import { errorOf, GraphClient, GraphRequestError, type GraphResponse } from './graph-client.js';

/** What a delta page says about one item: its id, and `@removed` when it is gone. */
export interface DeltaEntry {
  id: string;
  '@removed'?: { reason: string };
}

/**
 * Walks a delta from `start` (a deltaLink, or the collection's `/delta` for a full listing) to its deltaLink.
 * A full listing reports no deletions: the engine pairs it by id.
 */
export async function walkDelta<Item extends DeltaEntry>(
  client: GraphClient,
  start: string,
  full: boolean,
  versionOf: (item: Item) => string,
): Promise<ChangeSet> {
  const changed = new Map<string, string>();
  const deleted = new Set<string>();
  let link: string | undefined = start;
  for (;;) {
    const page = (await client.ok('GET', link)) as {
      value: Item[];
      '@odata.nextLink'?: string;
      '@odata.deltaLink'?: string;
    };
    // Replays happen: the last word about an id wins.
    for (const e of page.value) {
      if (e['@removed']) {
        changed.delete(e.id);
        if (!full) deleted.add(e.id);
      } else {
        deleted.delete(e.id);
        changed.set(e.id, versionOf(e));
      }
    }
    if (page['@odata.nextLink']) link = page['@odata.nextLink'];
    else {
      const token = page['@odata.deltaLink'];
      if (!token) throw new GraphRequestError(200, 'NoDeltaLink', 'delta answer without nextLink or deltaLink');
      return {
        changed: [...changed].map(([id, version]) => ({ id, version })),
        deleted: [...deleted],
        token,
        ...(full ? { full: true } : {}),
      };
    }
  }
}

/** Graph no longer knows the delta token (410, or syncStateNotFound): the caller lists everything again. */
export function isExpiredDelta(err: unknown): boolean {
  return err instanceof GraphRequestError && (err.status === 410 || err.code === 'syncStateNotFound');
}

/** Maps a write's answer to the contract's errors; a success gives its body. */
export function writeAnswer(id: string, res: GraphResponse): unknown {
  if (res.status < 300) return res.body;
  const err = errorOf(res);
  const text = bothLanguages(
    message('graph.request-failed', { status: err.status, code: err.code, detail: err.detail }),
  );
  if (res.status === 412 || res.status === 409) throw new PreconditionFailedError(id, text);
  if (res.status === 404) throw new NotFoundError(id, text);
  if (res.status === 400 || res.status === 413 || res.status === 422) throw new ItemError(id, text);
  throw err;
}

/** An error text for the engine's log, which no shell renders: both languages. */
export function bothLanguages(m: Message): string {
  return `${render('en', m)} / ${render('fr', m)}`;
}

/** The id of the first container in the collection at `listUrl` (all pages) that `isMine` takes; undefined if none. */
export async function findContainer<Entry extends { id: string }>(
  client: GraphClient,
  listUrl: string,
  isMine: (entry: Entry) => boolean,
): Promise<string | undefined> {
  let next: string | undefined = listUrl;
  while (next) {
    const page = (await client.ok('GET', next)) as { value: Entry[]; '@odata.nextLink'?: string };
    const mine = page.value.find(isMine);
    if (mine) return mine.id;
    next = page['@odata.nextLink'];
  }
  return undefined;
}

/**
 * The bridge's own container (calendar, To Do list, contact folder) in the collection at `listUrl`: the first
 * whose name is the one `isMine` looks for, else the one `create` makes. Returns its id.
 */
export async function findOrCreateContainer<Entry extends { id: string }>(
  client: GraphClient,
  listUrl: string,
  isMine: (entry: Entry) => boolean,
  create: () => Promise<string>,
): Promise<string> {
  return (await findContainer(client, listUrl, isMine)) ?? create();
}
