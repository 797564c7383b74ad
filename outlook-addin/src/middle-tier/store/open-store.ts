/**
 * Picks the bridge store from the configuration: PostgreSQL when `database.url` (or DAV_BRIDGE_DATABASE_URL) is
 * set, for several instances sharing one database; otherwise the embedded SQLite file in the data folder.
 */
import type { ServerConfig } from '../config.js';
import type { DeviceTokenStore } from './device-tokens.js';
import { openPostgresStore } from './postgres-store.js';
import { openBridgeDatabase } from './sqlite-store.js';
import type { BridgeStore } from './types.js';

export type OpenedBridgeStore = BridgeStore & { deviceTokens: DeviceTokenStore; engine: 'sqlite' | 'postgres' };

export async function openBridgeStore(config: Pick<ServerConfig, 'dataDir' | 'database'>): Promise<OpenedBridgeStore> {
  if (config.database) return { ...(await openPostgresStore(config.database.url)), engine: 'postgres' };
  return { ...openBridgeDatabase(config.dataDir), engine: 'sqlite' };
}
