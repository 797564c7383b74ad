/** The words of the Node sync side's files (node/sync/**): the status database and the folder store. */
export interface SyncFilesMessageParams {
  /** A sync status written by a newer version (its schema version `found`; this one knows up to `known`). */
  'sync.status-too-new': { found: number; known: number };
  /** Files another program wrote into a synced folder while a run was writing the same names. */
  'sync.files-appeared': { folder: string; ids: string[] };
}

export type SyncFilesCatalog = {
  [K in keyof SyncFilesMessageParams]: (params: SyncFilesMessageParams[K]) => string;
};
