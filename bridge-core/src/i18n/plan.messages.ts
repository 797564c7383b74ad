/**
 * Why the sync planner (sync/planner.ts) chose each action: a code with its parameters. The English rendering
 * is the plan's trace (the `reason` of an action, in logs and the conflict log); a user reads it in their own
 * language where a run reports it (an unresolved conflict, a write a read-only side refused).
 */

/** A side of a sync pair, shown as "A" or "B". */
type PlanSide = 'a' | 'b';

/** What made two versions disagree. */
export type ConflictCause = 'created-on-both-sides' | 'changed-on-both-sides';

export type PlanReason =
  // Same on both sides: only the status is written.
  | { code: 'same-content' }
  | { code: 'same-change' }
  | { code: 'versions-changed-only' }
  | { code: 'deleted-on-both-sides' }
  // One side's change goes to the other.
  | { code: 'new-on'; side: PlanSide }
  | { code: 'changed-on'; side: PlanSide }
  | { code: 'change-beats-deletion'; side: PlanSide }
  | { code: 'deleted-on'; side: PlanSide }
  // A write to a read-only side: skipped (with why it was planned), or the writable side reverted.
  | { code: 'read-only-target'; side: PlanSide; planned: PlanReason }
  | { code: 'revert-to-read-only'; readOnly: PlanSide }
  | { code: 'revert-missing-on-read-only'; readOnly: PlanSide }
  | { code: 'revert-restore'; readOnly: PlanSide }
  | { code: 'local-change-reverted'; readOnly: PlanSide }
  | { code: 'local-item-cannot-stay'; readOnly: PlanSide }
  // Conflicts.
  | { code: 'conflict-both-read-only'; cause: ConflictCause }
  | { code: 'conflict-read-only-wins'; cause: ConflictCause; readOnly: PlanSide }
  | { code: 'conflict-read-only-kept'; cause: ConflictCause; readOnly: PlanSide }
  | { code: 'conflict-with-read-only'; cause: ConflictCause; readOnly: PlanSide }
  | { code: 'conflict-unresolved'; cause: ConflictCause }
  | { code: 'conflict-copy-kept'; cause: ConflictCause; loser: PlanSide }
  | { code: 'conflict-winner'; cause: ConflictCause; winner: PlanSide; policy: string };

export interface PlanMessageParams {
  'sync.plan-reason': PlanReason;
}

export type PlanCatalog = { [K in keyof PlanMessageParams]: (params: PlanMessageParams[K]) => string };
