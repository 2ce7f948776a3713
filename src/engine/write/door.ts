import type { db } from '../../db/prisma.js';
import type { Sql } from '../../db/sql.js';
import type { EngineDeps } from '../engine-deps.js';
import type { ProvinceContext } from '../province/province-context.js';
import { planTransition, type ApplyOptions, type DispatchResult, type MachineEvent, type TaskWithUnit, type TransitionPlan } from './transition-plan.js';
import { writeTransitions, type WrittenTransitions } from './write-transitions.js';

/** One event for one task, as it arrives at the door. */
export interface DoorEntry {
  taskId: number;
  event: MachineEvent;
  options: ApplyOptions;
  /** A timer's send id (with `options.timerId`): the door runs a task's timers in fire order, with what they set. */
  sendId?: string;
}

export interface DoorRequest {
  /** The tasks the events are for: locked here, in id order, for the rest of the caller's transaction. */
  taskIds: readonly number[];
  /** The events, decided once the tasks are locked (a timer sweep re-reads which timers are still pending). */
  entries: (tasks: ReadonlyMap<number, TaskWithUnit>) => Promise<readonly DoorEntry[]> | readonly DoorEntry[];
  /**
   * Fire, in the same transaction, the wake-ups a transition set that are already due at this instant (a zero
   * delay such as escalateToHeadAfter PT0S, or a backlog): same decision, no job and no second transaction.
   */
  dueWakeUpsAt?: number;
}

export interface DoorPass extends WrittenTransitions {
  /** One result per entry, in order, with the plan that ran it (the chained wake-ups are in `plans` only). */
  entries: { entry: DoorEntry; plan: TransitionPlan; result: DispatchResult }[];
}

/**
 * The one door through which every change of a task passes — a person's event (CLI, workspace, ack link), a
 * timer, a seed report, a reassignment — one task or a batch: it locks the tasks, restores each snapshot, runs
 * the events through the machine in order, and writes in the caller's transaction the snapshots, audit events,
 * timers set and cancelled and outbox rows (`writeTransitions`, one statement per kind of row). It returns what
 * to do once the transaction has committed.
 */
export async function throughTheDoor(sql: Sql, reference: db.Prisma.TransactionClient, deps: EngineDeps, province: ProvinceContext, request: DoorRequest): Promise<DoorPass> {
  const tasks = await lockTasks(sql, request.taskIds);
  const entries = (await request.entries(tasks)).filter((e) => tasks.has(e.taskId));
  const current = new Map(tasks);
  const plans: TransitionPlan[] = [];
  const planOf = new Map<DoorEntry, number>();
  // People's events and seed reports run in the order given; a task's timers run as the worker's clock would:
  // in fire order, with the wake-ups each one sets that are due by `dueWakeUpsAt`.
  const wakeUps = new Map<number, { entry: DoorEntry; wakeUp: WakeUp }[]>();
  for (const entry of entries) {
    if (entry.options.timerId !== undefined && entry.sendId !== undefined) {
      const list = wakeUps.get(entry.taskId) ?? [];
      list.push({ entry, wakeUp: { sendId: entry.sendId, fireAt: entry.event.at, event: entry.event, timerId: entry.options.timerId } });
      wakeUps.set(entry.taskId, list);
      continue;
    }
    const plan = planTransition(province, current.get(entry.taskId) as TaskWithUnit, entry.event, entry.options);
    planOf.set(entry, plans.push(plan) - 1);
    current.set(entry.taskId, plan.after);
  }
  for (const [taskId, list] of wakeUps) {
    const byTimer = new Map(list.map((w) => [w.wakeUp.timerId, w.entry]));
    let last = current.get(taskId) as TaskWithUnit;
    for (const { plan, wakeUp } of runWakeUps(province, last, list.map((w) => w.wakeUp), request.dueWakeUpsAt ?? Math.max(...list.map((w) => w.wakeUp.fireAt)))) {
      const at = plans.push(plan) - 1;
      const entry = wakeUp.timerId === undefined ? undefined : byTimer.get(wakeUp.timerId);
      if (entry) planOf.set(entry, at);
      last = plan.after;
    }
    current.set(taskId, last);
  }
  const written = await writeTransitions(sql, reference, deps, province, plans);
  return {
    ...written,
    entries: entries.flatMap((entry) => {
      const at = planOf.get(entry);
      return at === undefined ? [] : [{ entry, plan: plans[at] as TransitionPlan, result: written.results[at] as DispatchResult }];
    }),
  };
}

/** A wake-up of one task: a pending Timer row (`timerId`), or one a transition has just set. */
export interface WakeUp {
  sendId: string;
  fireAt: number;
  event: { type: string };
  timerId?: bigint;
}

/**
 * Runs a task's wake-ups through its machine as the worker's clock would: the earliest first (ties in the order
 * given, the rows' id order), each with `at` = its instant, up to `until`; what a transition cancels leaves the
 * list, what it sets joins it. A row whose state is gone yields a plan that only drops it; a wake-up just set
 * that its own task no longer accepts is left to its row. Pure: the door writes what this yields, `preview`
 * reads it.
 */
export function* runWakeUps(province: ProvinceContext, task: TaskWithUnit, pending: Iterable<WakeUp>, until: number): Generator<{ plan: TransitionPlan; wakeUp: WakeUp }> {
  const timers = new Map([...pending].map((w) => [w.sendId, w]));
  let current = task;
  for (;;) {
    let next: WakeUp | undefined;
    for (const w of timers.values()) if (!next || w.fireAt < next.fireAt) next = w;
    if (!next || next.fireAt > until) return;
    timers.delete(next.sendId);
    const event = { ...(next.event as { type: `xstate.after.${string}` }), at: next.fireAt };
    const plan = planTransition(province, current, event, next.timerId === undefined ? { actor: 'timer', firesTimer: next.sendId } : { actor: 'timer', timerId: next.timerId });
    if (!plan.accepted && next.timerId === undefined) continue;
    yield { plan, wakeUp: next };
    if (!plan.accepted) continue;
    for (const sendId of plan.cancel) timers.delete(sendId);
    for (const t of plan.timers) timers.set(t.sendId, { sendId: t.sendId, fireAt: t.fireAt, event: t.event as { type: string } });
    current = plan.after;
  }
}

/** Locks the tasks in id order (so two writers never deadlock) and reads them with their units: two round trips. */
async function lockTasks(sql: Sql, ids: readonly number[]): Promise<Map<number, TaskWithUnit>> {
  if (ids.length === 0) return new Map();
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const tasks = await sql.query<Omit<TaskWithUnit, 'unit'>>(
    `SELECT * FROM "Task" WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`,
    [sorted],
  );
  const unitIds = [...new Set(tasks.map((t) => t.unitId))];
  const units = new Map((await sql.query<TaskWithUnit['unit']>(`SELECT * FROM "Unit" WHERE id = ANY($1::int[])`, [unitIds])).map((u) => [u.id, u]));
  return new Map(tasks.map((t) => [t.id, { ...t, unit: units.get(t.unitId) as TaskWithUnit['unit'] }]));
}
