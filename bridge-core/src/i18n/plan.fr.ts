import type { ConflictCause, PlanCatalog, PlanReason } from './plan.messages.js';

const CAUSE: Record<ConflictCause, string> = {
  'created-on-both-sides': 'créé des deux côtés avec un contenu différent',
  'changed-on-both-sides': 'modifié des deux côtés',
};

const label = (side: 'a' | 'b'): string => side.toUpperCase();
const other = (side: 'a' | 'b'): string => label(side === 'a' ? 'b' : 'a');

export function planReasonFr(r: PlanReason): string {
  switch (r.code) {
    case 'same-content':
      return 'même contenu des deux côtés';
    case 'same-change':
      return 'même modification des deux côtés';
    case 'versions-changed-only':
      return 'versions changées, contenu identique';
    case 'deleted-on-both-sides':
      return 'supprimé des deux côtés';
    case 'new-on':
      return `nouveau sur ${label(r.side)}`;
    case 'changed-on':
      return `modifié sur ${label(r.side)}`;
    case 'change-beats-deletion':
      return `modifié sur ${label(r.side)}, supprimé sur ${other(r.side)} : la modification l'emporte`;
    case 'deleted-on':
      return `supprimé sur ${label(r.side)}`;
    case 'read-only-target':
      return `${label(r.side)} est en lecture seule : ${planReasonFr(r.planned)}`;
    case 'revert-to-read-only':
      return `${other(r.readOnly)} remis comme ${label(r.readOnly)}, en lecture seule`;
    case 'revert-missing-on-read-only':
      return `retour arrière : ${label(r.readOnly)} est en lecture seule et n'a pas cet élément`;
    case 'revert-restore':
      return `retour arrière : ${other(r.readOnly)} reprend ce que ${label(r.readOnly)}, en lecture seule, a encore`;
    case 'local-change-reverted':
      return `${label(r.readOnly)} en lecture seule : modification locale sur ${other(r.readOnly)} annulée`;
    case 'local-item-cannot-stay':
      return `${label(r.readOnly)} en lecture seule : l'élément créé ou modifié sur ${other(r.readOnly)} ne peut pas rester`;
    case 'conflict-both-read-only':
      return `les deux côtés en lecture seule : ${CAUSE[r.cause]}`;
    case 'conflict-read-only-wins':
      return `conflit (${CAUSE[r.cause]}) : ${label(r.readOnly)}, en lecture seule, l'emporte`;
    case 'conflict-read-only-kept':
      return `conflit avec ${label(r.readOnly)} en lecture seule : ${CAUSE[r.cause]} ; ${label(r.readOnly)} gardé`;
    case 'conflict-with-read-only':
      return `conflit avec ${label(r.readOnly)} en lecture seule : ${CAUSE[r.cause]}`;
    case 'conflict-unresolved':
      return `conflit : ${CAUSE[r.cause]}`;
    case 'conflict-copy-kept':
      return `conflit (${CAUSE[r.cause]}) : la version de ${label(r.loser)} est gardée en copie`;
    case 'conflict-winner':
      return `conflit (${CAUSE[r.cause]}) : ${label(r.winner)} l'emporte (${r.policy})`;
  }
}

export const planFr: PlanCatalog = { 'sync.plan-reason': planReasonFr };
