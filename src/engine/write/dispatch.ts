import type { db } from '../../db/prisma.js';
import { TaskNotFoundError } from '../../errors.js';
import { sqlInPrisma } from '../../db/sql.js';
import { throughTheDoor } from './door.js';
import type { DispatchResult, MachineEvent } from './transition-plan.js';
import type { EngineDeps } from '../engine-deps.js';
import type { AfterCommit } from '../jobs/enqueue.js';
import { loadProvinceContext } from '../province/province-context.js';
import { restoreSnapshot } from '../../../workflows/task-snapshot.js';

export type { DispatchResult } from './transition-plan.js';

type Tx = db.Prisma.TransactionClient;

export interface DispatchOptions {
  /** Who or what caused the event: `cli`, `http`, `seed`, an e-mail address… (recorded in the audit log). */
  actor: string;
  /** How a person's event arrived: `web` (workspace), `cli`, `ack-link`, `seed` (recorded in the audit log). */
  channel?: string;
  /** Records a person's submission once: the same key again (a form posted twice) changes nothing. */
  submissionKey?: string;
}

/** Locks the task row so one writer at a time changes it, across processes; returns null when there is no such task. */
export async function lockTask(tx: Tx, where: { code: string } | { id: number }): Promise<number | null> {
  const rows =
    'code' in where
      ? await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Task" WHERE code = ${where.code} FOR UPDATE`
      : await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Task" WHERE id = ${where.id} FOR UPDATE`;
  return rows[0]?.id ?? null;
}

/** `dispatch` inside the caller's transaction; the caller runs `afterCommit` once it has committed. */
export async function dispatchInTransaction(
  tx: Tx,
  deps: EngineDeps,
  taskCode: string,
  event: MachineEvent,
  options: DispatchOptions,
): Promise<{ result: DispatchResult; afterCommit: AfterCommit }> {
  const id = await lockTask(tx, { code: taskCode });
  if (id === null) throw new TaskNotFoundError(taskCode);
  const province = await loadProvinceContext(tx);
  // Under the task's lock, a submission already recorded is seen (its transaction has committed).
  if (options.submissionKey !== undefined && (await tx.taskEvent.count({ where: { submissionKey: options.submissionKey } })) > 0) {
    const task = await tx.task.findUniqueOrThrow({ where: { id } });
    const { context } = restoreSnapshot(province.machine, task);
    const result: DispatchResult = {
      code: task.code,
      version: task.version,
      state: task.state,
      escalationLevel: task.escalationLevel,
      transitions: 0,
      notifications: 0,
      applied: false,
      duplicate: true,
      context,
    };
    return { result, afterCommit: async () => {} };
  }
  const pass = await throughTheDoor(sqlInPrisma(tx), tx, deps, province, { taskIds: [id], entries: () => [{ taskId: id, event, options }] });
  return { result: (pass.entries[0] as (typeof pass.entries)[number]).result, afterCommit: pass.afterCommit };
}

/**
 * One person's event for one task, in a transaction of its own (CLI, HTTP): through the door
 * (`throughTheDoor`), then the jobs added once it has committed.
 */
export async function dispatch(
  deps: EngineDeps,
  taskCode: string,
  event: MachineEvent,
  options: DispatchOptions,
): Promise<DispatchResult> {
  const { result, afterCommit } = await deps.prisma.$transaction((tx) => dispatchInTransaction(tx, deps, taskCode, event, options), {
    timeout: 30_000,
    maxWait: 30_000,
  });
  await afterCommit();
  deps.logger.info({ task: taskCode, event: event.type, actor: options.actor, channel: options.channel, duplicate: result.duplicate, state: result.state, level: result.escalationLevel, notifications: result.notifications }, 'task event dispatched');
  return result;
}
