import type { Sql } from '../../db/sql.js';

/**
 * Cancels the pending Timer rows named by (task id, send id), found through the batch's task ids on the
 * taskId + state index. The planner must know the table: on a Timer table just filled by an import and not yet
 * analyzed it read every pending row of the province at each batch, which is why `startTasks` analyzes after a
 * large import. $1 settled at, $2 task ids and $3 send ids (pairwise), $4 the distinct task ids.
 */
export const CANCEL_PENDING_TIMERS = `UPDATE "Timer" AS t SET state = 'cancelled', "settledAt" = $1::timestamp(3)
  FROM unnest($2::int[], $3::text[]) AS v("taskId", "sendId")
  WHERE t."taskId" = ANY($4::int[]) AND t.state = 'pending' AND t."taskId" = v."taskId" AND t."sendId" = v."sendId"`;

/** The parameters of `CANCEL_PENDING_TIMERS` for these timers. */
export function cancelParams(settledAt: string | null, cancels: readonly { taskId: number; sendId: string }[]): unknown[] {
  return [settledAt, cancels.map((c) => c.taskId), cancels.map((c) => c.sendId), [...new Set(cancels.map((c) => c.taskId))]];
}

/** Cancels the pending Timer rows of `cancels` in one statement (nothing when the list is empty). */
export async function cancelTimers(sql: Sql, settledAt: string | null, cancels: readonly { taskId: number; sendId: string }[]): Promise<void> {
  if (cancels.length) await sql.query(CANCEL_PENDING_TIMERS, cancelParams(settledAt, cancels));
}
