/**
 * Restoring a kept losing version (issue 13 item 3): it is written back as the current version of the item on the
 * DAV server, conditionally on the version the bridge last synced (If-Match on the winner's ETag, through core's
 * collection store and its server quirks). A 412 means the item changed again since: nothing is written and the
 * conflict is kept. The winner shown beside each loser is read from the bridge's mirror.
 */
import { openCollectionStore, readCollectionProfile, sync } from '@dav-bridge/core';
import ICAL from 'ical.js';
import type { DavAccess } from '../dav/dav-access.js';
import { ApiError } from '../http/api-error.js';
import { paneText } from '../http/pane-words.js';
import type { BridgeStore, ConflictEntry, SubscriptionRecord } from '../store/types.js';

export interface WinnerSummary {
  summary: string | null;
  start: string | null;
  lastModified: string | null;
}

/** Summary, start and last change of an iCalendar item (or a vCard's name); nulls where the text does not say. */
export function summarize(data: string): WinnerSummary {
  try {
    const root = new ICAL.Component(ICAL.parse(data));
    const item =
      root.name === 'vcard'
        ? root
        : (root.getFirstSubcomponent('vevent') ?? root.getFirstSubcomponent('vtodo') ?? root.getFirstSubcomponent());
    if (!item) return { summary: null, start: null, lastModified: null };
    const text = (name: string) => {
      const v = item.getFirstPropertyValue(name);
      return v === null || v === undefined ? null : String(v);
    };
    const time = (name: string) => {
      const v = item.getFirstPropertyValue(name);
      return v instanceof ICAL.Time ? v.toJSDate().toISOString() : null;
    };
    return {
      summary: text('summary') ?? text('fn'),
      start: time('dtstart') ?? time('due'),
      lastModified: time('last-modified'),
    };
  } catch {
    return { summary: null, start: null, lastModified: null };
  }
}

/** The current winner of a conflict, as the bridge's mirror holds it; undefined when the mirror no longer has it. */
export async function winnerOf(store: BridgeStore, c: ConflictEntry): Promise<WinnerSummary | undefined> {
  const status = await store.syncStatus(c.subscriptionId).get(c.ident);
  if (!status) return undefined;
  const [item] = await store.mirrorGetMany(c.subscriptionId, [status.b.id]);
  return item ? summarize(item.data) : undefined;
}

/** Writes the kept version over the server's current one, If-Match the version last synced; throws ApiErrors. */
export async function putBack(
  store: BridgeStore,
  dav: DavAccess,
  sub: SubscriptionRecord,
  c: ConflictEntry,
): Promise<void> {
  if (sub.type !== 'collection' || sub.readOnly)
    throw new ApiError(409, 'conflict-read-only', paneText('pane-api.conflict-read-only', { name: sub.name }));
  const status = await store.syncStatus(sub.id).get(c.ident);
  const changed = async () => {
    const winner = await winnerOf(store, c);
    return new ApiError(
      409,
      'conflict-changed',
      paneText('pane-api.conflict-changed', { summary: winner?.summary ?? summarize(c.data).summary ?? c.ident }),
    );
  };
  if (!status) throw new ApiError(409, 'conflict-not-restorable', paneText('pane-api.conflict-not-restorable', {}));
  // A version the engine marked unknown (after an earlier 412) cannot be a condition: the item changed.
  if (status.a.version === sync.STALE_VERSION) throw await changed();
  const account = await store.getAccount(sub.accountId);
  if (!account) throw new Error('account gone');
  const transport = dav.transportFor(account);
  const profile = await readCollectionProfile(transport, sub.url, {
    myPrincipal: account.principalUrl,
    fallbackAccess: 'read-write',
  });
  if (!profile) throw new ApiError(409, 'conflict-not-restorable', paneText('pane-api.conflict-not-restorable', {}));
  const { store: server } = openCollectionStore({ transport, collection: profile, name: sub.name });
  try {
    await server.update(status.a.id, c.data, status.a.version);
  } catch (err) {
    if (err instanceof sync.PreconditionFailedError || err instanceof sync.NotFoundError) throw await changed();
    if (err instanceof sync.ForbiddenError)
      throw new ApiError(409, 'conflict-read-only', paneText('pane-api.conflict-read-only', { name: sub.name }));
    throw err;
  }
}
