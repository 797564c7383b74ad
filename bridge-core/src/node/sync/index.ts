/** Node-only parts of the sync engine: persistent status, conflict folder, local vdir folders. */
export { SqliteStatusStore } from './sqlite-status.js';
export { StatusSchemaError, SYNC_STATUS_SCHEMA_VERSION, statusSchemaVersionOf } from './status-schema.js';
export { ConflictFolder } from './conflict-folder.js';
export { VdirStore, type VdirStoreOptions } from './vdir-store.js';
export { JsonFileStatusStore } from './json-status.js';
export { writeFileAtomic, createFileAtomic } from './fs-atomic.js';
