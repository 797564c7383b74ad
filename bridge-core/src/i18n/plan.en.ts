import type { ConflictCause, PlanCatalog, PlanReason } from './plan.messages.js';

const CAUSE: Record<ConflictCause, string> = {
  'created-on-both-sides': 'created on both sides with different content',
  'changed-on-both-sides': 'changed on both sides',
};

const label = (side: 'a' | 'b'): string => side.toUpperCase();
const other = (side: 'a' | 'b'): string => label(side === 'a' ? 'b' : 'a');

/** The plan's trace in English (also what `--json` and the conflict log keep). */
export function planReasonEn(r: PlanReason): string {
  switch (r.code) {
    case 'same-content':
      return 'same content on both sides';
    case 'same-change':
      return 'same change on both sides';
    case 'versions-changed-only':
      return 'versions changed, content did not';
    case 'deleted-on-both-sides':
      return 'deleted on both sides';
    case 'new-on':
      return `new on ${label(r.side)}`;
    case 'changed-on':
      return `changed on ${label(r.side)}`;
    case 'change-beats-deletion':
      return `changed on ${label(r.side)}, deleted on ${other(r.side)}: the change wins`;
    case 'deleted-on':
      return `deleted on ${label(r.side)}`;
    case 'read-only-target':
      return `${label(r.side)} is read-only: ${planReasonEn(r.planned)}`;
    case 'revert-to-read-only':
      return `revert ${other(r.readOnly)} to read-only ${label(r.readOnly)}`;
    case 'revert-missing-on-read-only':
      return `revert: ${label(r.readOnly)} is read-only and does not have this item`;
    case 'revert-restore':
      return `revert: restore on ${other(r.readOnly)} what read-only ${label(r.readOnly)} still has`;
    case 'local-change-reverted':
      return `read-only ${label(r.readOnly)}: local change on ${other(r.readOnly)} reverted`;
    case 'local-item-cannot-stay':
      return `read-only ${label(r.readOnly)}: item created or changed on ${other(r.readOnly)} cannot be kept`;
    case 'conflict-both-read-only':
      return `both sides read-only: ${CAUSE[r.cause]}`;
    case 'conflict-read-only-wins':
      return `conflict (${CAUSE[r.cause]}): read-only ${label(r.readOnly)} wins`;
    case 'conflict-read-only-kept':
      return `conflict with read-only ${label(r.readOnly)}: ${CAUSE[r.cause]}; ${label(r.readOnly)} kept`;
    case 'conflict-with-read-only':
      return `conflict with read-only ${label(r.readOnly)}: ${CAUSE[r.cause]}`;
    case 'conflict-unresolved':
      return `conflict: ${CAUSE[r.cause]}`;
    case 'conflict-copy-kept':
      return `conflict (${CAUSE[r.cause]}): ${label(r.loser)}'s version kept as a copy`;
    case 'conflict-winner':
      return `conflict (${CAUSE[r.cause]}): ${label(r.winner)} wins (${r.policy})`;
  }
}

export const planEn: PlanCatalog = { 'sync.plan-reason': planReasonEn };
