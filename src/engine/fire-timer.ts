import { planTransition, type DispatchResult, type TaskWithUnit, type TransitionPlan } from './apply-transition.js';
import type { EngineDeps } from './engine-deps.js';
import { loadProvinceContext } from './province-context.js';
import { writeTransitions } from './write-transitions.js';

export type FireOutcome = { fired: true; result: DispatchResult; lateMs: number } | { fired: false; reason: string };

/** Fires the Timer row behind one job (see `fireTimers`). */
export async function fireTimer(deps: EngineDeps, jobId: string): Promise<FireOutcome> {
  const [outcome] = await fireTimers(deps, [jobId]);
  return outcome as FireOutcome;
}

/**
 * Fires the Timer rows behind a batch of jobs in one transaction: locks their tasks (in id order, so two
 * workers never deadlock), drops each wake-up whose row is no longer pending (cancelled or superseded), and
 * runs the others through `dispatch`'s transition with `at` = the scheduled instant, in fire order.
 */
export async function fireTimers(deps: EngineDeps, jobIds: readonly string[]): Promise<FireOutcome[]> {
  const candidates = await deps.prisma.timer.findMany({
    where: { jobId: { in: [...jobIds] }, state: 'pending' },
    select: { id: true, taskId: true, jobId: true },
  });
  const outcomes = new Map<string, FireOutcome>(jobIds.map((id) => [id, { fired: false, reason: 'timer is not pending' }]));
  if (candidates.length === 0) return jobIds.map((id) => outcomes.get(id) as FireOutcome);
  const taskIds = [...new Set(candidates.map((c) => c.taskId))].sort((a, b) => a - b);
  const { plans, afterCommit } = await deps.prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Task" WHERE id = ANY(${taskIds}::int[]) ORDER BY id FOR UPDATE`;
      // Re-read under the task locks: another worker may have fired or cancelled them meanwhile.
      const rows = await tx.timer.findMany({
        where: { id: { in: candidates.map((c) => c.id) }, state: 'pending' },
        orderBy: [{ fireAt: 'asc' }, { id: 'asc' }],
      });
      if (rows.length === 0) return { plans: [] as TransitionPlan[], afterCommit: async () => {} };
      const tasks = await tx.task.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.taskId))] } }, include: { unit: true } });
      const current = new Map<number, TaskWithUnit>(tasks.map((t) => [t.id, t]));
      const province = await loadProvinceContext(tx);
      const planned: TransitionPlan[] = [];
      for (const row of rows) {
        const task = current.get(row.taskId) as TaskWithUnit;
        const event = { ...(row.event as { type: `xstate.after.${string}` }), at: row.fireAt.getTime() };
        const plan = planTransition(province, task, event, { actor: 'timer', timerId: row.id });
        current.set(row.taskId, plan.after);
        planned.push(plan);
      }
      const written = await writeTransitions(tx, deps, province, planned);
      return { plans: planned.map((p, i) => ({ ...p, result: written.results[i] as DispatchResult, jobId: rows[i]?.jobId as string, fireAt: rows[i]?.fireAt.getTime() as number })), afterCommit: written.afterCommit };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  await afterCommit();
  const now = deps.now();
  for (const p of plans as Array<TransitionPlan & { result: DispatchResult; jobId: string; fireAt: number }>) {
    outcomes.set(p.jobId, p.accepted ? { fired: true, result: p.result, lateMs: now - p.fireAt } : { fired: false, reason: 'the task has left the state that set it' });
  }
  return jobIds.map((id) => outcomes.get(id) as FireOutcome);
}
