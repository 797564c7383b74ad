/**
 * Server-side continuous sync: per subscription, bridge-core's syncPair between the DAV collection (or the feed,
 * read-only) and the bridge's mirror (MirrorStore), with the engine's status in the bridge's store. One run at a
 * time per subscription (a second request waits for the run in flight), background runs as jobs (jobs/: a jittered
 * round in this process, or a PostgreSQL queue shared by several bridges), a clean stop.
 * The outcome of each run is kept as plain-language status, in English and French, with a stable code.
 */
import { AuthenticationError, DavError, openCollectionStore, readCollectionProfile, sync } from '@dav-bridge/core';
import { feedOriginsOf, type ServerConfig } from '../config.js';
import type { DavAccess } from '../dav/dav-access.js';
import { ApiError } from '../http/api-error.js';
import type { BridgeStore, SubscriptionRecord, SyncRunRecord } from '../store/types.js';
import { InProcessSyncJobs } from './jobs/in-process-jobs.js';
import type { SyncJobs } from './jobs/sync-jobs.js';
import { FeedStore, feedCapsFor, fetchFeed, splitFeed, type FeedFetch, type FeedLimits } from './feed.js';
import { reopenDav, type GraphSync } from './graph-sync.js';
import { MirrorStore } from './mirror-store.js';
import { RunNotices } from './run-notices.js';
import { StoredConflictLog } from './stored-conflict-log.js';
import { inBothLanguages, message } from '../words.js';

type RunError = NonNullable<SyncRunRecord['error']>;

/** Where a run in flight is (issue 13 item 6): the engine's phase and its items done / planned in that phase. */
export interface RunProgress {
  phase: 'starting' | sync.SyncProgress['phase'];
  done: number;
  total: number;
  startedAt: number;
}

export class SyncService {
  private readonly running = new Map<string, Promise<SyncRunRecord>>();
  private readonly progress = new Map<string, RunProgress>();
  private stopped = false;
  /** When each subscription's background run happens: this process's timer, or a queue shared by the cluster. */
  private readonly jobs: SyncJobs;

  constructor(
    private readonly store: BridgeStore,
    private readonly dav: DavAccess,
    private readonly config: ServerConfig,
    private readonly now: () => number,
    private readonly log: (msg: string) => void = () => undefined,
    jobs?: SyncJobs,
    /** Two-way sync with the user's Outlook calendar, when they connected Microsoft 365 (issue 15). */
    private readonly graphSync?: GraphSync,
  ) {
    this.jobs =
      jobs ??
      new InProcessSyncJobs(
        config.syncIntervalSeconds,
        async () => (await store.listAllSubscriptions()).map((s) => s.id),
        log,
      );
  }

  get feedLimits(): FeedLimits {
    return {
      origins: feedOriginsOf(this.config),
      maxBytes: this.config.feedMaxBytes,
      timeoutMs: this.config.feedTimeoutMs,
    };
  }

  /** Runs a subscription's sync now; when one is already running, waits for it instead of starting another. */
  runNow(sub: SubscriptionRecord, prefetched?: FeedFetch): Promise<SyncRunRecord> {
    const inFlight = this.running.get(sub.id);
    if (inFlight) return inFlight;
    if (this.stopped) return Promise.reject(shuttingDown());
    const run = this.runOnce(sub, prefetched).finally(() => this.running.delete(sub.id));
    this.running.set(sub.id, run);
    return run;
  }

  /** The progress of the subscription's run in flight; undefined when none runs. */
  progressOf(id: string): RunProgress | undefined {
    return this.running.has(id) ? this.progress.get(id) : undefined;
  }

  /**
   * Runs `before` (a write to the subscription's DAV collection: a conflict's restore) then a sync run, as the
   * subscription's one run: after the run in flight, and no other starts meanwhile.
   */
  async runAfter(sub: SubscriptionRecord, before: () => Promise<void>): Promise<SyncRunRecord> {
    for (let inFlight = this.running.get(sub.id); inFlight; inFlight = this.running.get(sub.id))
      await inFlight.catch(() => undefined);
    if (this.stopped) throw shuttingDown();
    let failure: unknown;
    const run = before()
      .then(
        () => this.runOnce(sub),
        async (err: unknown) => {
          failure = err;
          // Whoever waits on this run (a "sync now" meanwhile) gets the last run's record; a first run if none.
          return (await this.store.getSyncRun(sub.id)) ?? this.runOnce(sub);
        },
      )
      .finally(() => this.running.delete(sub.id));
    this.running.set(sub.id, run);
    const record = await run;
    if (failure !== undefined) throw failure;
    return record;
  }

  /**
   * A run of this subscription soon, through the job runner (coalesced with other asks; another instance may run
   * it): Outlook said something changed (a Graph change notification).
   */
  async queueRun(subscriptionId: string): Promise<void> {
    if (!this.stopped) await this.jobs.queue(subscriptionId);
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Starts the background runs (the job runner's rounds). */
  async start(): Promise<void> {
    if (this.stopped) return;
    await this.jobs.start((id) => this.runScheduled(id));
  }

  /**
   * Stops taking jobs, starts no new run (graceful shutdown), and waits for the runs in flight to finish (their
   * status is recorded), at most graceMs. True when they all finished; a run cut short is safe to run again (the
   * engine commits its status batch by batch) and a later job does.
   */
  async stop(graceMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    this.stopped = true;
    const inFlight = (async () => {
      await this.jobs.stop(graceMs);
      await Promise.allSettled([...this.running.values()]);
      return true;
    })();
    if (!Number.isFinite(graceMs)) return inFlight;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), graceMs);
    });
    try {
      return await Promise.race([inFlight, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A background job (a round, or a run asked by a Graph change notification): the subscription's run, unless it was
   * deleted since the job was made. A run already going (a "sync now") may have read Outlook and the server before
   * the change that asked for this job: it is waited for, then this job runs (joining only a run started since).
   */
  private async runScheduled(id: string): Promise<void> {
    await this.running.get(id)?.catch(() => undefined);
    const sub = await this.store.getSubscription(id);
    if (sub) await this.runNow(sub);
  }

  private async runOnce(sub: SubscriptionRecord, prefetched?: FeedFetch): Promise<SyncRunRecord> {
    const startedAt = this.now();
    // Set before the first await: whoever started the run sees it running at once.
    this.progress.set(sub.id, { phase: 'starting', done: 0, total: 0, startedAt });
    try {
      return await this.runRecorded(sub, startedAt, prefetched);
    } finally {
      this.progress.delete(sub.id);
    }
  }

  private onProgress(id: string): (p: sync.SyncProgress) => void {
    return (p) => {
      const known = this.progress.get(id);
      if (known) this.progress.set(id, { phase: p.phase, done: p.done, total: p.total, startedAt: known.startedAt });
    };
  }

  private async runRecorded(
    sub: SubscriptionRecord,
    startedAt: number,
    prefetched?: FeedFetch,
  ): Promise<SyncRunRecord> {
    let record: SyncRunRecord;
    // Notes about Outlook (downgrades, undone edits) are kept with the run's status, even when it then failed.
    const notices = new RunNotices();
    try {
      const report =
        sub.type === 'feed' ? await this.syncFeed(sub, prefetched) : await this.syncCollection(sub, notices);
      record = recordOf(sub.id, startedAt, report);
    } catch (err) {
      record = {
        subscriptionId: sub.id,
        lastRun: startedAt,
        ok: false,
        server: zero(),
        bridge: zero(),
        conflicts: 0,
        error: explain(err, sub),
      };
    }
    const noted = notices.list();
    if (noted.length > 0) record = { ...record, notices: noted };
    else if (record.ok && !notices.wroteAnything && wroteNothing(record)) {
      // A run that changed nothing on any side leaves the notes of the run that wrote those items standing: a
      // quiet run every few minutes would otherwise wipe them before the user opens the pane.
      const before = (await this.store.getSyncRun(sub.id))?.notices;
      if (before?.length) record = { ...record, notices: before };
    }
    // The subscription may have been deleted while it ran: then there is nothing to record.
    if (await this.store.getSubscription(sub.id)) await this.store.setSyncRun(record);
    return record;
  }

  private async syncCollection(sub: SubscriptionRecord, notices: RunNotices): Promise<sync.SyncReport | undefined> {
    const account = await this.store.getAccount(sub.accountId);
    if (!account) throw new Error('account gone');
    const transport = this.dav.transportFor(account);
    const profile = await readCollectionProfile(transport, sub.url, {
      myPrincipal: account.principalUrl,
      fallbackAccess: sub.readOnly ? 'read' : 'unknown',
    });
    if (!profile) throw collectionGone(sub);
    // The same store, quirks and first-run token as the CLI's (core's use case), read-only when the user's
    // subscription or rights say so.
    const { store: server } = openCollectionStore({
      transport,
      collection: profile,
      readOnly: sub.readOnly,
      ...(profile.syncToken ? { freshSyncToken: profile.syncToken } : {}),
      name: sub.name,
    });
    const report = await sync.syncPair({
      a: server,
      b: new MirrorStore(this.store, sub.id),
      onProgress: this.onProgress(sub.id),
      status: this.store.syncStatus(sub.id),
      // The loser of every conflict is kept in the bridge's store (listed by GET /api/v1/conflicts).
      conflictLog: new StoredConflictLog(this.store, sub.id, this.now),
      // Two ways, newest change wins; a change the server will not take (read-only share) is reverted.
      policy: 'newest',
    });
    const dav = { transport, collection: profile, readOnly: sub.readOnly, name: sub.name };
    const outlook = await this.graphSync?.run(sub, profile, reopenDav(dav), notices);
    if (outlook && [outlook.a, outlook.b].some((c) => c.created + c.updated + c.deleted > 0)) notices.noteWrites();
    return report;
  }

  private async syncFeed(sub: SubscriptionRecord, prefetched?: FeedFetch): Promise<sync.SyncReport | undefined> {
    // The stored record may be newer than `sub` (validators of the last run).
    const current = (await this.store.getSubscription(sub.id)) ?? sub;
    const got =
      prefetched ??
      (await fetchFeed(new URL(sub.url), this.feedLimits, {
        etag: current.feedEtag,
        lastModified: current.feedLastModified,
      }));
    if (got.text === undefined) return undefined; // 304: nothing changed since the last run
    const feed = await splitFeed(got.text, feedCapsFor(this.config.feedMaxBytes));
    const source = await FeedStore.of(feed, sub.name);
    const report = await sync.syncPair({
      a: source,
      b: new MirrorStore(this.store, sub.id),
      onProgress: this.onProgress(sub.id),
      status: this.store.syncStatus(sub.id),
      // The feed wins every conflict; a version the mirror held that it replaces is kept all the same.
      conflictLog: new StoredConflictLog(this.store, sub.id, this.now),
      // The feed is the reference. A feed that suddenly lists nothing is most often a broken publisher: the
      // engine's mass-deletion guard then keeps the mirror and the status says so.
      policy: 'a-wins',
    });
    if (!report.aborted) await this.store.setFeedValidators(sub.id, got.etag, got.lastModified);
    return report;
  }
}

const zero = () => ({ created: 0, updated: 0, deleted: 0 });

/** Did a run change nothing on the server or in the bridge's copy? */
function wroteNothing(r: SyncRunRecord): boolean {
  return [r.server, r.bridge].every((c) => c.created + c.updated + c.deleted === 0);
}

function recordOf(subscriptionId: string, lastRun: number, report: sync.SyncReport | undefined): SyncRunRecord {
  if (!report)
    return { subscriptionId, lastRun, ok: true, server: zero(), bridge: zero(), conflicts: 0, error: undefined };
  const counts = (c: sync.SideCounts) => ({ created: c.created, updated: c.updated, deleted: c.deleted });
  let error: RunError | undefined;
  if (report.aborted) {
    error = { code: 'mass-deletion-stopped', en: report.aborted.en, fr: report.aborted.fr };
  } else if (report.a.errors + report.b.errors > 0) {
    const n = report.a.errors + report.b.errors;
    // Stored with the run in both languages (the API answers in the asker's).
    error = { code: 'item-errors', ...inBothLanguages(message('server.item-errors', { count: n })) };
  }
  return {
    subscriptionId,
    lastRun,
    ok: error === undefined,
    server: counts(report.a),
    bridge: counts(report.b),
    conflicts: report.conflicts,
    error,
  };
}

const shuttingDown = (): ApiError => new ApiError(503, 'shutting-down', message('scale-out.shutting-down', {}));

const collectionGone = (sub: SubscriptionRecord): ApiError =>
  new ApiError(404, 'collection-gone', message('server.collection-gone', { name: sub.name }));

/** A failed run in plain words, with a stable code; never credentials, never a stack. */
function explain(err: unknown, sub: SubscriptionRecord): RunError {
  if (err instanceof AuthenticationError) {
    return { code: 'authentication-failed', ...inBothLanguages(message('server.sync-password-refused', {})) };
  }
  if (err instanceof DavError && (err.code === 'not-found' || err.code === 'forbidden')) {
    const gone = collectionGone(sub);
    return { code: gone.code, ...inBothLanguages(gone.text) };
  }
  if (err instanceof ApiError) return { code: err.code, ...inBothLanguages(err.text) };
  if (err instanceof DavError) return { code: err.code, en: err.message, fr: err.messageFr };
  return { code: 'sync-failed', ...inBothLanguages(message('server.sync-failed', {})) };
}
