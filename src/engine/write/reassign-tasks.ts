import type { UnitKind } from '../../domain/unit-kind.js';
import type { db } from '../../db/prisma.js';
import { dispatchInTransaction, lockTask } from './dispatch.js';
import type { EngineDeps } from '../engine-deps.js';
import type { AfterCommit } from '../jobs/enqueue.js';
import { readdressPendingNotices } from '../notices/readdress-notices.js';

type Tx = db.Prisma.TransactionClient;

/** One task to pass to another unit. */
export interface TaskMove {
  code: string;
  /** The code of the unit that takes it. */
  to: string;
  /** What passes it (a merger's resolution), recorded with the event and the holding. */
  document: string | null;
  /**
   * From when the new unit answers for it, for the history that summaries read: a dissolution's day, even one
   * applied later; never before the current holding began nor after the move itself. Default: the move's instant.
   */
  heldFrom?: number;
}

export interface ReassignOptions {
  /** The instant of the move: the REASSIGNED event's `at`. */
  at: number;
  actor: string;
  channel?: string;
}

/** What `reassignTasks` did. */
export interface ReassignOutcome {
  /** Codes of the tasks that passed, with the unit they left. */
  moved: { code: string; from: string; to: string }[];
  /** Tasks already completed or cancelled: they stay with the unit that held them. */
  closed: { code: string; state: string }[];
  afterCommits: AfterCommit[];
}

const FINAL_STATES = new Set(['completed', 'cancelled']);

/**
 * Passes open tasks to other units inside the caller's transaction, each through the one door: under the task's
 * lock its unit changes, a REASSIGNED event (from, to, document) goes through `dispatchInTransaction` — the clock,
 * the deadline and the escalation level stay as they were, the ladder decides again under the new unit's kind —
 * the holding is recorded (TaskAssignment), and its unsent notices are addressed to the new unit's people. A task
 * already with that unit is left as it is, so running it twice moves nothing twice. Tasks are locked in id order.
 */
export async function reassignTasks(tx: Tx, deps: EngineDeps, moves: readonly TaskMove[], options: ReassignOptions): Promise<ReassignOutcome> {
  const outcome: ReassignOutcome = { moved: [], closed: [], afterCommits: [] };
  if (moves.length === 0) return outcome;
  const rows = await tx.task.findMany({ where: { code: { in: moves.map((m) => m.code) } }, select: { id: true, code: true }, orderBy: { id: 'asc' } });
  const byCode = new Map(moves.map((m) => [m.code, m]));
  const targetCodes = [...new Set(moves.map((m) => m.to))];
  const targets = new Map((await tx.unit.findMany({ where: { code: { in: targetCodes } } })).map((u) => [u.code, u]));
  const readdress: number[] = [];
  for (const { id, code } of rows) {
    const move = byCode.get(code) as TaskMove;
    const target = targets.get(move.to);
    if (!target) throw new Error(`Task "${code}" cannot pass to unit "${move.to}": there is no such unit in the database.`);
    await lockTask(tx, { id });
    const task = await tx.task.findUniqueOrThrow({ where: { id }, select: { state: true, coordinatingUnitCodes: true, unit: { select: { code: true } } } });
    if (task.unit.code === target.code) continue;
    if (FINAL_STATES.has(task.state)) {
      outcome.closed.push({ code, state: task.state });
      continue;
    }
    // The unit changes first, under the lock, so a notice decided by this very event goes to the new unit; a unit
    // does not help with its own task, so it leaves the coordinating units.
    await tx.task.update({ where: { id }, data: { unitId: target.id, coordinatingUnitCodes: task.coordinatingUnitCodes.filter((c) => c !== target.code) } });
    const event = { type: 'REASSIGNED' as const, at: options.at, from: task.unit.code, to: target.code, unitKind: target.kind as UnitKind, document: move.document };
    const { afterCommit } = await dispatchInTransaction(tx, deps, code, event, { actor: options.actor, ...(options.channel ? { channel: options.channel } : {}) });
    outcome.afterCommits.push(afterCommit);
    await recordHolding(tx, id, target.id, move, options.at);
    outcome.moved.push({ code, from: task.unit.code, to: target.code });
    readdress.push(id);
  }
  await readdressPendingNotices(tx, deps, readdress, options.at);
  return outcome;
}

/** Closes the task's current holding and opens the new unit's, from `move.heldFrom` kept in order. */
async function recordHolding(tx: Tx, taskId: number, unitId: number, move: TaskMove, at: number): Promise<void> {
  const current = await tx.taskAssignment.findFirst({ where: { taskId, heldUntil: null }, orderBy: { id: 'desc' } });
  const wanted = Math.min(move.heldFrom ?? at, at);
  const heldFrom = new Date(current ? Math.max(current.heldFrom.getTime(), wanted) : wanted);
  if (current) await tx.taskAssignment.update({ where: { id: current.id }, data: { heldUntil: heldFrom } });
  await tx.taskAssignment.create({ data: { taskId, unitId, heldFrom, document: move.document } });
}
