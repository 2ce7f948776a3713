import { inTransaction, sqlOn, type Sql } from '../../db/sql.js';
import type { PlannedTimer } from '../write/interpret-actions.js';
import { planTransition, type DispatchResult, type TaskWithUnit, type TransitionPlan } from '../write/apply-transition.js';
import type { EngineDeps } from '../engine-deps.js';
import { loadProvinceContext } from '../province/province-context.js';
import { writeTransitions } from '../write/write-transitions.js';

export type FireOutcome = { fired: true; result: DispatchResult; lateMs: number } | { fired: false; reason: string };

/** Fires the Timer row behind one job (see `fireTimers`). */
export async function fireTimer(deps: EngineDeps, jobId: string): Promise<FireOutcome> {
  const [outcome] = await fireTimers(deps, [jobId]);
  return outcome as FireOutcome;
}

/**
 * Fires the Timer rows behind a batch of jobs in one transaction: locks their tasks (in id order, so two
 * workers never deadlock), drops each wake-up whose row is no longer pending (cancelled or superseded), and
 * runs the others through `dispatch`'s transition with `at` = the scheduled instant, in fire order. Plain SQL
 * on the pool (`src/db/sql.ts`): this is the hot path of an escalation storm.
 */
export async function fireTimers(deps: EngineDeps, jobIds: readonly string[]): Promise<FireOutcome[]> {
  const pending = sqlOn(deps.pool);
  const candidates = await pending.query<{ id: bigint; taskId: number }>(`SELECT id, "taskId" FROM "Timer" WHERE "jobId" = ANY($1::text[]) AND state = 'pending'`, [jobIds]);
  const outcomes = new Map<string, FireOutcome>(jobIds.map((id) => [id, { fired: false, reason: 'timer is not pending' }]));
  if (candidates.length === 0) return jobIds.map((id) => outcomes.get(id) as FireOutcome);
  const taskIds = [...new Set(candidates.map((c) => c.taskId))].sort((a, b) => a - b);
  const province = await loadProvinceContext(deps.prisma);
  const { plans, afterCommit } = await inTransaction(deps.pool, async (sql) => {
    await sql.query(`SELECT id FROM "Task" WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`, [taskIds]);
    // Re-read under the task locks: another worker may have fired or cancelled them meanwhile.
    const rows = await sql.query<TimerRow>(
      `SELECT id, "taskId", "jobId", "fireAt", event FROM "Timer" WHERE id = ANY($1::bigint[]) AND state = 'pending' ORDER BY "fireAt", id`,
      [candidates.map((c) => c.id)],
    );
    if (rows.length === 0) return { plans: [] as FiredPlan[], afterCommit: async () => {} };
    const current = await loadTasks(sql, [...new Set(rows.map((r) => r.taskId))]);
    const planned: TransitionPlan[] = [];
    const fromRow = new Map<TransitionPlan, TimerRow>();
    const now = deps.now();
    for (const row of rows) {
      const event = { ...(row.event as { type: `xstate.after.${string}` }), at: row.fireAt.getTime() };
      let plan = planTransition(province, current.get(row.taskId) as TaskWithUnit, event, { actor: 'timer', timerId: row.id });
      planned.push(plan);
      fromRow.set(plan, row);
      // A wake-up the transition set that is already due (a zero delay such as escalateToHeadAfter PT0S, or a
      // backlog) fires here rather than through a job: same decision, one transaction and no Redis round trip.
      for (let due = firstDueWakeUp(plan, now); due; due = firstDueWakeUp(plan, now)) {
        const next = planTransition(province, plan.after, { ...(due.event as { type: `xstate.after.${string}` }), at: due.fireAt }, { actor: 'timer', firesTimer: due.sendId });
        if (!next.accepted) break;
        planned.push((plan = next));
      }
      current.set(row.taskId, plan.after);
    }
    const written = await writeTransitions(sql, deps.prisma, deps, province, planned);
    return {
      plans: planned.flatMap((p, i): FiredPlan[] => {
        const row = fromRow.get(p);
        return row ? [{ ...p, result: written.results[i] as DispatchResult, jobId: row.jobId, fireAt: row.fireAt.getTime() }] : [];
      }),
      afterCommit: written.afterCommit,
    };
  });
  await afterCommit();
  const now = deps.now();
  for (const p of plans) {
    outcomes.set(p.jobId, p.accepted ? { fired: true, result: p.result, lateMs: now - p.fireAt } : { fired: false, reason: 'the task has left the state that set it' });
  }
  return jobIds.map((id) => outcomes.get(id) as FireOutcome);
}

/** The first wake-up `plan` set that is due by `now` (the earliest, so chained transitions keep their order). */
export function firstDueWakeUp(plan: TransitionPlan, now: number): PlannedTimer | undefined {
  if (!plan.accepted) return undefined;
  return plan.timers.filter((t) => t.fireAt <= now).sort((a, b) => a.fireAt - b.fireAt)[0];
}

interface TimerRow {
  id: bigint;
  taskId: number;
  jobId: string;
  fireAt: Date;
  event: unknown;
}

type FiredPlan = TransitionPlan & { result: DispatchResult; jobId: string; fireAt: number };

/** The locked tasks with their units, as Prisma's `include: { unit: true }` returns them. */
async function loadTasks(sql: Sql, ids: readonly number[]): Promise<Map<number, TaskWithUnit>> {
  const tasks = await sql.query<Omit<TaskWithUnit, 'unit'>>(`SELECT * FROM "Task" WHERE id = ANY($1::int[])`, [ids]);
  const unitIds = [...new Set(tasks.map((t) => t.unitId))];
  const units = new Map((await sql.query<TaskWithUnit['unit']>(`SELECT * FROM "Unit" WHERE id = ANY($1::int[])`, [unitIds])).map((u) => [u.id, u]));
  return new Map(tasks.map((t) => [t.id, { ...t, unit: units.get(t.unitId) as TaskWithUnit['unit'] }]));
}
