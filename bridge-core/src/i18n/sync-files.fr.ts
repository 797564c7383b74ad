import type { SyncFilesCatalog } from './sync-files.messages.js';

export const syncFilesFr: SyncFilesCatalog = {
  'sync.status-too-new': (p) =>
    `Cet état de synchronisation a été écrit par une version plus récente de DAV Bridge (schéma d'état version ${p.found} ; cette version connaît jusqu'à la ${p.known}). Utilisez la version plus récente de DAV Bridge, ou restaurez l'état sauvegardé avant la mise à jour. Rien n'a été modifié.`,
  'sync.files-appeared': (p) =>
    `${p.folder} : ${p.ids.join(', ')} apparu pendant la synchronisation (écrit par un autre programme) ; conservé tel quel, comparé au prochain passage`,
};
