import { inTransaction, sqlOn } from '../../db/sql.js';
import type { EngineDeps } from '../engine-deps.js';
import { loadProvinceContext, type ProvinceContext } from '../province/province-context.js';
import { throughTheDoor, type DoorEntry } from '../write/door.js';
import type { WrittenTransitions } from '../write/write-transitions.js';

/** How long a sweep's claim keeps other sweeps off a due row (a crash mid-batch delays that row by this much). */
export const TIMER_CLAIM_LEASE_MS = 10_000;
/** Due Timer rows fired per transaction. */
export const TIMER_BATCH = 500;

// One statement claims the next due rows nobody holds, in the order of the (state, fireAt) index (ordering ties by
// id as well made PostgreSQL sort every due row at each batch: 50–190 ms a claim in a 100,000-task storm): the lease is committed at once, so the firing
// transaction below locks tasks first and Timer rows after, as `dispatch` does, and two writers never deadlock.
const CLAIM_DUE = `UPDATE "Timer" SET "claimedUntil" = $2::timestamp(3)
  WHERE id IN (SELECT id FROM "Timer" WHERE state = 'pending' AND "fireAt" <= $1::timestamp(3)
               AND ("claimedUntil" IS NULL OR "claimedUntil" <= $1::timestamp(3))
               ORDER BY "fireAt" LIMIT $3 FOR UPDATE SKIP LOCKED)
  RETURNING "taskId"`;

// Under the task locks: every pending row of these tasks due by now, whoever claimed it (another lane waiting
// for one of these tasks finds its row settled and leaves it).
const DUE_OF_TASKS = `SELECT id, "taskId", "sendId", "fireAt", event FROM "Timer"
  WHERE "taskId" = ANY($1::int[]) AND state = 'pending' AND "fireAt" <= $2::timestamp(3) ORDER BY "fireAt", id`;

export interface FiredBatch {
  /** Rows claimed; 0 when nothing was due. */
  claimed: number;
  /** The tasks whose timers fired, with how late each was decided (ms after it was due). */
  fired: { code: string; lateMs: number }[];
  /** Timers dropped: the task had left the state that set them. */
  dropped: number;
  written: WrittenTransitions;
}

/**
 * Fires the next batch of due Timer rows through the door: claims up to `limit` of them (`UPDATE … RETURNING`
 * with `SKIP LOCKED`, so lanes and workers take disjoint rows), then in one transaction locks their tasks in id
 * order, re-reads which of their timers are still pending and due, and runs them in fire order with `at` = each
 * one's scheduled instant; the wake-ups they set that are already due fire in the same transaction. Plain SQL
 * on the pool (`src/db/sql.ts`): this is the hot path of an escalation storm. The caller runs what was written
 * once this returns (`written.afterCommit`, or the sweep's own sending).
 */
export async function fireDueTimers(deps: EngineDeps, options: { limit?: number; province?: ProvinceContext } = {}): Promise<FiredBatch> {
  const now = deps.now();
  const claimed = await sqlOn(deps.pool).query<{ taskId: number }>(CLAIM_DUE, [new Date(now).toISOString(), new Date(now + TIMER_CLAIM_LEASE_MS).toISOString(), options.limit ?? TIMER_BATCH]);
  const empty: WrittenTransitions = { results: [], timers: [], notifications: [], afterCommit: async () => {} };
  if (claimed.length === 0) return { claimed: 0, fired: [], dropped: 0, written: empty };
  const province = options.province ?? (await loadProvinceContext(deps.prisma));
  const pass = await inTransaction(deps.pool, (sql) =>
    throughTheDoor(sql, deps.prisma, deps, province, {
      taskIds: claimed.map((c) => c.taskId),
      dueWakeUpsAt: now,
      entries: async (tasks) => {
        const rows = await sql.query<{ id: bigint; taskId: number; sendId: string; fireAt: Date; event: unknown }>(DUE_OF_TASKS, [[...tasks.keys()], new Date(now).toISOString()]);
        return rows.map(
          (row): DoorEntry => ({
            taskId: row.taskId,
            sendId: row.sendId,
            event: { ...(row.event as { type: `xstate.after.${string}` }), at: row.fireAt.getTime() },
            options: { actor: 'timer', timerId: row.id },
          }),
        );
      },
    }),
  );
  const decidedAt = deps.now();
  const fired = pass.entries.filter((e) => e.plan.accepted).map((e) => ({ code: e.result.code, lateMs: decidedAt - e.entry.event.at }));
  return { claimed: claimed.length, fired, dropped: pass.entries.length - fired.length, written: pass };
}
