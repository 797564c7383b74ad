/**
 * The subscribed collection's Outlook master category, made through Microsoft Graph by the background sync (the
 * pane makes it with Office.js only while it is open): `/me/outlook/masterCategories`, delegated
 * MailboxSettings.ReadWrite. Created with the preset the bridge's palette gives the collection (the pane's
 * mapping, colors/categories.ts) when no category of that name exists; a category that exists is never changed,
 * whatever its color: the user may have chosen it. Other categories are never renamed or deleted.
 *
 * One check per user and category name at most every RECHECK_MS (cached per user), so a round over many
 * subscriptions costs one Graph request per user, and a category the user deletes in Outlook comes back later.
 */
import { GraphRequestError, type GraphClient } from '@dav-bridge/core/graph';

/** How long a category known to exist is not asked for again. */
export const RECHECK_MS = 60 * 60 * 1000;

/** Graph's categoryColor of a preset (0..24), `none` for a collection without a usable color. */
export function graphCategoryColor(preset: number | null): string {
  return preset !== null && Number.isInteger(preset) && preset >= 0 && preset <= 24 ? `preset${preset}` : 'none';
}

export type MasterCategoryOutcome = 'created' | 'exists' | 'known';

/** Outlook compares category names without case ("équipe" and "Équipe" are one category). */
const keyOf = (name: string) => name.toLocaleLowerCase();

export class OutlookMasterCategories {
  /** Per user: category name (lower case) -> until when it is known to exist. */
  private readonly known = new Map<string, Map<string, number>>();

  constructor(private readonly now: () => number) {}

  /** Makes sure the user's mailbox has the category `name`; creates it in `preset` when it does not. */
  async ensure(
    accountId: string,
    client: GraphClient,
    name: string,
    preset: number | null,
  ): Promise<MasterCategoryOutcome> {
    const mine = this.known.get(accountId) ?? new Map<string, number>();
    this.known.set(accountId, mine);
    const until = mine.get(keyOf(name));
    if (until !== undefined && until > this.now()) return 'known';
    const listed = (await client.ok('GET', '/me/outlook/masterCategories')) as { value?: { displayName?: string }[] };
    const names = (listed.value ?? []).map((c) => String(c.displayName ?? ''));
    const fresh = this.now() + RECHECK_MS;
    for (const n of names) mine.set(keyOf(n), fresh);
    if (names.some((n) => keyOf(n) === keyOf(name))) return 'exists';
    try {
      await client.ok('POST', '/me/outlook/masterCategories', { displayName: name, color: graphCategoryColor(preset) });
    } catch (err) {
      // Made meanwhile (the pane, or the user): it exists, and it stays as it is.
      if (!(err instanceof GraphRequestError && err.status === 409)) throw err;
      mine.set(keyOf(name), fresh);
      return 'exists';
    }
    mine.set(keyOf(name), fresh);
    return 'created';
  }
}
