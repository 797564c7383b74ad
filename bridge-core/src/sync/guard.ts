/**
 * Mass-deletion guard, checked after planning and before anything is written.
 * The run stops, writing nothing, when
 * - one side is empty (and not windowed) while the status knows items, and the plan would delete on the
 *   other side: most likely a wrong URL, an unmounted folder, a server that lost its data, not a user who
 *   deleted everything (a plan that only restores items onto the empty side goes through); or
 * - the plan deletes more than half of a side's items, and more than `minDeletes` (default 5) of them.
 * `forceDelete` bypasses both. Messages are in English and French.
 */
import { type Action } from './planner.js';
import type { Side } from './status.js';

export interface GuardInput {
  actions: Action[];
  statusSize: number;
  sides: Record<Side, { name: string; size: number; empty: boolean }>;
  minDeletes?: number;
}

export interface GuardStop {
  side: Side;
  en: string;
  fr: string;
}

export function checkDeletionGuard(input: GuardInput): GuardStop | undefined {
  const minDeletes = input.minDeletes ?? 5;
  for (const side of ['a', 'b'] as const) {
    const { name, empty } = input.sides[side];
    const otherSide = side === 'a' ? 'b' : 'a';
    const deletesOnOther = input.actions.some((x) => x.kind === 'delete' && x.side === otherSide);
    if (empty && input.statusSize > 0 && deletesOnOther) {
      return {
        side,
        en:
          `Sync stopped: ${name} is empty, but the last sync knew ${input.statusSize} item(s) there. ` +
          `Nothing was changed. If the items were really deleted, run again with "force delete" to delete them on the other side too.`,
        fr:
          `Synchronisation arrêtée : ${name} est vide, alors que la dernière synchronisation y connaissait ${input.statusSize} élément(s). ` +
          `Rien n'a été modifié. Si ces éléments ont vraiment été supprimés, relancez avec « forcer la suppression » pour les supprimer aussi de l'autre côté.`,
      };
    }
  }
  for (const side of ['a', 'b'] as const) {
    const deletes = input.actions.filter((x) => x.kind === 'delete' && x.side === side).length;
    const { name, size } = input.sides[side];
    if (deletes > minDeletes && deletes * 2 > size) {
      return {
        side,
        en:
          `Sync stopped: it would delete ${deletes} of the ${size} item(s) in ${name}. Nothing was changed. ` +
          `If that is what you want, run again with "force delete".`,
        fr:
          `Synchronisation arrêtée : elle supprimerait ${deletes} des ${size} élément(s) de ${name}. Rien n'a été modifié. ` +
          `Si c'est bien ce que vous voulez, relancez avec « forcer la suppression ».`,
      };
    }
  }
  return undefined;
}
