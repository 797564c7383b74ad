import type { SyncFilesCatalog } from './sync-files.messages.js';

export const syncFilesEn: SyncFilesCatalog = {
  'sync.status-too-new': (p) =>
    `This sync status was written by a newer DAV Bridge (status schema version ${p.found}; this version knows up to ${p.known}). Use the newer DAV Bridge, or restore the status saved before the upgrade. Nothing was changed.`,
  'sync.files-appeared': (p) =>
    `${p.folder}: ${p.ids.join(', ')} appeared during the run, written by another program; kept as found, compared next run`,
};
