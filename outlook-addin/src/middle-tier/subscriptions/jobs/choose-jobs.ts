/**
 * Which job runner a bridge uses: the pg-boss queue when it shares a PostgreSQL database with other instances
 * (`database.url`), else the in-process rounds. The queue's lease and workers per instance come from
 * DAV_BRIDGE_SYNC_LEASE_SECONDS (default 1800: longer than the longest run) and DAV_BRIDGE_SYNC_WORKERS (default 1).
 */
import type { ServerConfig } from '../../config.js';
import type { BridgeStore } from '../../store/types.js';
import { InProcessSyncJobs } from './in-process-jobs.js';
import { PgBossSyncJobs } from './pg-boss-jobs.js';
import type { SyncJobs } from './sync-jobs.js';

function positive(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function syncJobsFor(
  config: Pick<ServerConfig, 'database' | 'syncIntervalSeconds'>,
  store: Pick<BridgeStore, 'listAllSubscriptions'>,
  log: (msg: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): SyncJobs {
  const listSubscriptionIds = async () => (await store.listAllSubscriptions()).map((s) => s.id);
  if (!config.database) return new InProcessSyncJobs(config.syncIntervalSeconds, listSubscriptionIds, log);
  return new PgBossSyncJobs({
    databaseUrl: config.database.url,
    intervalSeconds: config.syncIntervalSeconds,
    leaseSeconds: positive(env['DAV_BRIDGE_SYNC_LEASE_SECONDS'], 1800),
    workers: Math.round(positive(env['DAV_BRIDGE_SYNC_WORKERS'], 1)),
    listSubscriptionIds,
    log,
  });
}
