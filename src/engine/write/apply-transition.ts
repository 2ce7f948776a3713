import type { db } from '../../db/prisma.js';
import { sqlInPrisma } from '../../db/sql.js';
import type { EngineDeps } from '../engine-deps.js';
import type { AfterCommit } from '../jobs/enqueue.js';
import type { ProvinceContext } from '../province/province-context.js';
import { planTransition, type ApplyOptions, type DispatchResult, type MachineEvent, type TaskWithUnit } from './transition-plan.js';
import { writeTransitions } from './write-transitions.js';

export * from './transition-plan.js';

type Tx = db.Prisma.TransactionClient;

/**
 * Runs one event through a locked task's machine and writes, in the caller's transaction, the snapshot, the
 * audit event, the Timer rows set and cancelled and the outbox rows; returns what to enqueue after commit.
 */
export async function applyTransition(
  tx: Tx,
  deps: EngineDeps,
  province: ProvinceContext,
  task: TaskWithUnit,
  event: MachineEvent,
  options: ApplyOptions,
): Promise<{ result: DispatchResult; afterCommit: AfterCommit }> {
  const plan = planTransition(province, task, event, options);
  const { results, afterCommit } = await writeTransitions(sqlInPrisma(tx), tx, deps, province, [plan]);
  return { result: results[0] as DispatchResult, afterCommit };
}
