/**
 * Graph change notifications on each subscription's Outlook container (issue 15): when the bridge has a public
 * https URL (graph/notification-url.ts), every Outlook run makes sure Graph notifies the bridge of changes in the
 * container (POST /subscriptions), renews that before it expires (PATCH), and unsubscribing or disconnecting deletes
 * it (DELETE). A notification whose clientState matches asks for a run of that subscription soon (the jobs seam:
 * in this process, or on pg-boss for the whole cluster). Notifications only speed sync up: the runs on the sync
 * interval stay, so a notification Graph never sent (or one lost) is caught up by the next round.
 *
 * The clientState is a random secret per subscription, sent to Graph once and kept as its SHA-256 only; a
 * notification's clientState is hashed and compared in constant time. A notification for an unknown subscription,
 * or with a wrong clientState, does nothing, and answers as the good one does (no information for a forger).
 *
 * Subscription calls go through core's GraphClient (the sync's own client: its token, 429 / Retry-After handling and
 * per-mailbox concurrency cap), not Microsoft's SDK: see the README, "Outlook sync through Microsoft Graph".
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphClient, GraphRequestError } from '@dav-bridge/core/graph';
import type { GraphSetup } from '../graph/graph-setup.js';
import { randomToken } from '../security/tokens.js';
import type { BridgeStore, GraphWebhookRecord } from '../store/types.js';

/** The kind of Outlook container a subscription syncs with (as graph-sync.ts names them). */
export type WatchedContainer = 'calendar' | 'todo-list' | 'contact-folder';

/**
 * Graph's maximum subscription lifetime per resource (subscription resource type, "Maximum length of subscription
 * per resource type"): Outlook event and contact, 10,080 minutes (under 7 days), without resource data; To Do
 * tasks (todoTask), 4,230 minutes (under 3 days).
 */
export const MAX_LIFETIME_MINUTES: Record<WatchedContainer, number> = {
  calendar: 10_080,
  'contact-folder': 10_080,
  'todo-list': 4_230,
};

/** Asked for a little under the maximum: Graph refuses an expiry beyond it, and clocks differ. */
const CLOCK_MARGIN_MS = 10 * 60_000;
/** After a failed create (Graph could not validate the URL...), the runs do not try again for this long. */
export const RETRY_AFTER_FAILURE_MS = 60 * 60_000;

/** The resource path Graph watches for a container (relative to the version root, as Graph wants it). */
export function resourceOf(kind: WatchedContainer, containerId: string): string {
  const id = encodeURIComponent(containerId);
  if (kind === 'todo-list') return `me/todo/lists/${id}/tasks`;
  if (kind === 'contact-folder') return `me/contactFolders/${id}/contacts`;
  return `me/calendars/${id}/events`;
}

/**
 * Whether a subscription expiring at `expiresAt` is renewed now: when less than half its lifetime is left, or less
 * than two sync intervals (the runs renew it: with long intervals, the next run might come too late).
 */
export function renewalDue(expiresAt: number, now: number, lifetimeMs: number, syncIntervalMs: number): boolean {
  return expiresAt - now < Math.max(lifetimeMs / 2, 2 * syncIntervalMs);
}

export const hashClientState = (clientState: string): string =>
  createHash('sha256').update(clientState, 'utf8').digest('base64url');

/** Constant-time comparison of a notification's clientState with the stored hash. */
export function clientStateMatches(clientState: unknown, storedHash: string): boolean {
  if (typeof clientState !== 'string') return false;
  const got = Buffer.from(hashClientState(clientState), 'utf8');
  const want = Buffer.from(storedHash, 'utf8');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** One entry of a change notification collection, as the route's schema lets it through. */
export interface ChangeNotification {
  subscriptionId: string;
  clientState?: string | undefined;
}

export class GraphWebhooks {
  private readonly failedAt = new Map<string, number>();

  constructor(
    private readonly store: BridgeStore,
    private readonly graph: GraphSetup,
    /** Where Graph sends notifications; undefined: notifications are off. */
    readonly notificationUrl: string | undefined,
    private readonly now: () => number,
    private readonly syncIntervalMs: number,
    /** Asks for a run of a subscription soon (the sync service's job runner). */
    private readonly queueRun: (subscriptionId: string) => Promise<void>,
    private readonly log: (msg: string) => void = () => undefined,
  ) {}

  /**
   * After an Outlook run: Graph notifies the bridge about this container, until a little under the maximum lifetime.
   * Never fails the run: a failure is logged (Graph's code only) and tried again an hour later.
   */
  async ensure(
    subscriptionId: string,
    client: GraphClient,
    kind: WatchedContainer,
    containerId: string,
  ): Promise<void> {
    if (!this.notificationUrl) return;
    const failed = this.failedAt.get(subscriptionId);
    if (failed !== undefined && this.now() - failed < RETRY_AFTER_FAILURE_MS) return;
    const resource = resourceOf(kind, containerId);
    const lifetimeMs = MAX_LIFETIME_MINUTES[kind] * 60_000 - CLOCK_MARGIN_MS;
    try {
      const kept = await this.store.getGraphWebhook(subscriptionId);
      if (kept && kept.resource === resource && kept.expiresAt > this.now()) {
        if (renewalDue(kept.expiresAt, this.now(), lifetimeMs, this.syncIntervalMs))
          await this.renew(client, kept, lifetimeMs);
        return;
      }
      if (kept) await this.deleteAtGraph(client, kept.graphSubscriptionId);
      await this.create(subscriptionId, client, resource, lifetimeMs);
      this.failedAt.delete(subscriptionId);
    } catch (err) {
      this.failedAt.set(subscriptionId, this.now());
      const code = err instanceof GraphRequestError ? `${err.status} ${err.code}` : (err as Error).name;
      this.log(`Outlook change notifications for subscription ${subscriptionId} not set up: ${code}`);
    }
  }

  private async create(subscriptionId: string, client: GraphClient, resource: string, lifetimeMs: number) {
    const clientState = randomToken();
    const created = (await client.ok('POST', '/subscriptions', {
      changeType: 'created,updated,deleted',
      notificationUrl: this.notificationUrl,
      resource,
      expirationDateTime: new Date(this.now() + lifetimeMs).toISOString(),
      clientState,
      latestSupportedTlsVersion: 'v1_2',
    })) as { id?: unknown; expirationDateTime?: unknown };
    if (typeof created.id !== 'string') throw new Error('Graph gave no subscription id');
    await this.store.saveGraphWebhook({
      subscriptionId,
      graphSubscriptionId: created.id,
      resource,
      clientStateHash: hashClientState(clientState),
      expiresAt: expiryOf(created.expirationDateTime, this.now() + lifetimeMs),
    });
  }

  private async renew(client: GraphClient, kept: GraphWebhookRecord, lifetimeMs: number): Promise<void> {
    const res = await client.request('PATCH', `/subscriptions/${encodeURIComponent(kept.graphSubscriptionId)}`, {
      expirationDateTime: new Date(this.now() + lifetimeMs).toISOString(),
    });
    if (res.status === 404) {
      // Graph removed it (expired, or the user's consent was revoked): a new one.
      await this.store.deleteGraphWebhook(kept.subscriptionId);
      await this.create(kept.subscriptionId, client, kept.resource, lifetimeMs);
      return;
    }
    if (res.status >= 300) throw new GraphRequestError(res.status, 'renewal-refused', '');
    const body = res.body as { expirationDateTime?: unknown } | undefined;
    await this.store.saveGraphWebhook({ ...kept, expiresAt: expiryOf(body?.expirationDateTime, kept.expiresAt) });
  }

  private async deleteAtGraph(client: GraphClient, graphSubscriptionId: string): Promise<void> {
    const res = await client.request('DELETE', `/subscriptions/${encodeURIComponent(graphSubscriptionId)}`);
    // 404: already gone at Graph (expired): nothing more to do.
    if (res.status >= 300 && res.status !== 404) throw new GraphRequestError(res.status, 'delete-refused', '');
  }

  /**
   * Unsubscribe or disconnect: Graph stops notifying about this subscription's container. Best effort: without a
   * working token (the user must reconnect) the row goes all the same, and Graph's subscription ends at its expiry;
   * its notifications then find no row and do nothing.
   */
  async remove(subscriptionId: string, accountId: string): Promise<void> {
    const kept = await this.store.getGraphWebhook(subscriptionId);
    if (!kept) return;
    try {
      const client = this.clientFor(accountId);
      if (client) await this.deleteAtGraph(client, kept.graphSubscriptionId);
    } catch (err) {
      const code = err instanceof GraphRequestError ? `${err.status} ${err.code}` : (err as Error).name;
      this.log(`Outlook change notifications for subscription ${subscriptionId} not deleted at Graph: ${code}`);
    }
    await this.store.deleteGraphWebhook(subscriptionId);
    this.failedAt.delete(subscriptionId);
  }

  /** Before a disconnect (while the token still works): every subscription of the user. */
  async removeAllOf(accountId: string): Promise<void> {
    for (const sub of await this.store.listSubscriptions(accountId)) await this.remove(sub.id, accountId);
  }

  /**
   * A change notification collection: each entry whose subscription is known and whose clientState matches asks
   * for one run of that subscription (once per subscription, however many entries name it). Returns how many runs
   * were asked for (tests; the route answers 202 whatever it is).
   */
  async accept(entries: ChangeNotification[]): Promise<number> {
    const asked = new Set<string>();
    for (const n of entries) {
      const kept = await this.store.findGraphWebhook(n.subscriptionId);
      // Hash and compare even for an unknown id, so both cases take about the same time.
      const matches = clientStateMatches(n.clientState, kept?.clientStateHash ?? hashClientState(randomToken()));
      if (!kept || !matches || asked.has(kept.subscriptionId)) continue;
      asked.add(kept.subscriptionId);
      await this.queueRun(kept.subscriptionId);
    }
    return asked.size;
  }

  private clientFor(accountId: string): GraphClient | undefined {
    const signIn = this.graph.signIn;
    if (!signIn) return undefined;
    return new GraphClient({
      baseUrl: this.graph.baseUrl,
      ...(this.graph.fetch ? { fetch: this.graph.fetch } : {}),
      getToken: () => signIn.accessToken(accountId),
      // One short wait at most: unsubscribing must not hang on a throttled mailbox.
      maxRetries: 1,
    });
  }
}

function expiryOf(value: unknown, fallback: number): number {
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(t) ? t : fallback;
}
