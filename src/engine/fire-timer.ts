import { applyTransition, type DispatchResult } from './apply-transition.js';
import { lockTask } from './dispatch.js';
import type { EngineDeps } from './engine-deps.js';
import { loadProvinceContext } from './province-context.js';

export type FireOutcome = { fired: true; result: DispatchResult; lateMs: number } | { fired: false; reason: string };

/**
 * Fires the Timer row behind a job: locks its task, drops the wake-up if the row is no longer pending
 * (cancelled or superseded), else dispatches its event with `at` = the scheduled instant.
 */
export async function fireTimer(deps: EngineDeps, jobId: string): Promise<FireOutcome> {
  const timer = await deps.prisma.timer.findUnique({ where: { jobId }, select: { id: true, taskId: true, state: true } });
  if (!timer) return { fired: false, reason: 'no such timer' };
  if (timer.state !== 'pending') return { fired: false, reason: `timer is ${timer.state}` };
  const outcome = await deps.prisma.$transaction(
    async (tx) => {
      await lockTask(tx, { id: timer.taskId });
      // Re-read under the task lock: another worker may have fired or cancelled it meanwhile.
      const row = await tx.timer.findUniqueOrThrow({ where: { id: timer.id } });
      if (row.state !== 'pending') return { fired: false as const, reason: `timer is ${row.state}` };
      const task = await tx.task.findUniqueOrThrow({ where: { id: row.taskId }, include: { unit: true } });
      const province = await loadProvinceContext(tx);
      const event = { ...(row.event as { type: `xstate.after.${string}` }), at: row.fireAt.getTime() };
      const { result, afterCommit } = await applyTransition(tx, deps, province, task, event, { actor: 'timer', timerId: row.id });
      return { fired: true as const, result, afterCommit, fireAt: row.fireAt.getTime() };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  if (!outcome.fired) return outcome;
  await outcome.afterCommit();
  const lateMs = deps.now() - outcome.fireAt;
  deps.logger.debug({ task: outcome.result.code, jobId, lateMs, state: outcome.result.state }, 'timer fired');
  return { fired: true, result: outcome.result, lateMs };
}
