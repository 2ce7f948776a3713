import { transition } from 'xstate';
import { statusClassAt } from '../domain/status-class.js';
import type { db } from '../db/prisma.js';
import { EventNotAcceptedError } from '../errors.js';
import { timerJobId } from '../queue/job-id.js';
import { describeTask, type TaskDescription } from '../../workflows/describe-task.js';
import { acceptedEventTypes, persistSnapshot, restoreSnapshot } from '../../workflows/task-snapshot.js';
import { TASK_MACHINE_VERSION } from '../../workflows/task-machine.js';
import type { TaskContext, TaskEvent, TimerFiredEvent } from '../../workflows/task-types.js';
import type { EngineDeps } from './engine-deps.js';
import { enqueueMail, enqueueTimers, type AfterCommit } from './enqueue.js';
import { interpretActions, type PlannedTimer } from './interpret-actions.js';
import { planNotifications } from './notification-plan.js';
import type { ProvinceContext } from './province-context.js';
import { loadRolePeople } from './recipients.js';

type Tx = db.Prisma.TransactionClient;
export type TaskWithUnit = db.Prisma.TaskGetPayload<{ include: { unit: true } }>;
export type MachineEvent = TaskEvent | TimerFiredEvent;

/** What one dispatch did to a task. */
export interface DispatchResult {
  code: string;
  version: number;
  state: string;
  escalationLevel: 'none' | 'head' | 'chairman';
  transitions: number;
  notifications: number;
  /** False when a timer fired for a state the task had already left (it is dropped, nothing changes). */
  applied: boolean;
}

export interface ApplyOptions {
  actor: string;
  /** The Timer row this event comes from; marked fired in the same transaction. */
  timerId?: bigint;
}

/** The audit name of an event: people's events keep theirs, a timer is named after its delay. */
export function auditType(event: MachineEvent): string {
  const match = /^xstate\.after\.([^.]+)\./.exec(event.type);
  return match ? `TIMER_${match[1]}` : event.type;
}

function payloadOf(event: MachineEvent): db.Prisma.InputJsonValue {
  const rest: Record<string, unknown> = { ...event };
  delete rest.type;
  delete rest.at;
  return rest as db.Prisma.InputJsonValue;
}

/** The status class stored with the task, from its current context (history-aware queries use `summary`). */
export function statusClassOf(context: TaskContext, description: TaskDescription, at: number): string {
  return (
    statusClassAt(
      {
        createdAt: Math.min(context.createdAt, at),
        deadlineHistory: [{ at: context.createdAt, deadline: context.deadline }],
        completedAt: description.phase === 'completed' ? context.completedAt : null,
        cancelledAt: description.phase === 'cancelled' ? at : null,
        breaches: context.breaches.filter((b) => b.kind === 'overdue').map((b) => b.at),
      },
      Math.max(at, context.createdAt),
    ) ?? 'Đang thực hiện trong hạn'
  );
}

/** Timer rows for the wake-ups a transition planned. */
export function timerRows(taskId: number, version: number, timers: readonly PlannedTimer[]): db.Prisma.TimerCreateManyInput[] {
  return timers.map((t) => ({
    taskId,
    sendId: t.sendId,
    fireAt: new Date(t.fireAt),
    event: t.event,
    jobId: timerJobId(taskId, t.sendId, version),
    taskVersion: version,
  }));
}

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
  const snapshot = restoreSnapshot(province.machine, task.snapshot, task.machineVersion);
  const before = describeTask(snapshot);
  const settledAt = new Date(deps.now());
  if (!snapshot.can(event as TaskEvent)) {
    if (options.timerId !== undefined) {
      // A wake-up for a state the task has left (its cancel raced the job): drop it, change nothing else.
      await tx.timer.update({ where: { id: options.timerId }, data: { state: 'cancelled', settledAt } });
      return { result: { ...resultOf(task.code, task.version, before, 0, 0), applied: false }, afterCommit: async () => {} };
    }
    const reason =
      event.type === 'DEADLINE_EXTENDED' && before.phase === 'overdue'
        ? 'it is already overdue; use --force to extend anyway (the breach stays recorded)'
        : undefined;
    throw new EventNotAcceptedError(task.code, event.type, before.state, acceptedEventTypes(snapshot), reason);
  }
  const [next, actions] = transition(province.machine, snapshot, event as TaskEvent);
  const { cancel, timers, notices } = interpretActions(actions, event.at);
  const after = describeTask(next);
  const version = task.version + 1;
  const context = next.context;

  if (options.timerId !== undefined) {
    await tx.timer.update({ where: { id: options.timerId }, data: { state: 'fired', settledAt } });
  }
  const updated = await tx.task.updateMany({
    where: { id: task.id, version: task.version },
    data: {
      snapshot: persistSnapshot(next) as db.Prisma.InputJsonValue,
      machineVersion: TASK_MACHINE_VERSION,
      state: after.state,
      statusClass: statusClassOf(context, after, event.at),
      escalationLevel: after.escalationLevel,
      underperforming: after.underperforming,
      deadline: after.deadline === null ? null : new Date(after.deadline),
      completedAt: after.phase === 'completed' && context.completedAt !== null ? new Date(context.completedAt) : null,
      cancelledAt: after.phase === 'cancelled' ? new Date(event.at) : null,
      version,
      ...(event.type === 'POLICY_CHANGED' ? { policy: event.policy as unknown as db.Prisma.InputJsonValue } : {}),
    },
  });
  if (updated.count !== 1) throw new Error(`Task "${task.code}" changed under a lock; this is a bug (version ${task.version}).`);
  await tx.taskEvent.create({
    data: {
      taskId: task.id,
      version,
      type: auditType(event),
      at: new Date(event.at),
      actor: options.actor,
      fromState: before.state,
      toState: after.state,
      payload: payloadOf(event),
    },
  });
  if (event.type === 'PROGRESS_REPORTED') {
    await tx.progressReport.create({ data: { taskId: task.id, value: event.value, at: new Date(event.at), source: options.actor } });
  }
  if (cancel.size > 0) {
    await tx.timer.updateMany({
      where: { taskId: task.id, sendId: { in: [...cancel] }, state: 'pending' },
      data: { state: 'cancelled', settledAt },
    });
  }
  const newTimers = timerRows(task.id, version, timers);
  if (newTimers.length) await tx.timer.createMany({ data: newTimers });

  let mail: { id: bigint; nextAttemptAt: Date; attempts: number }[] = [];
  if (notices.length) {
    const [people, previous] = await Promise.all([
      loadRolePeople(tx, task, province.standingAgencyCode),
      tx.notification.findMany({
        where: { taskId: task.id },
        orderBy: { id: 'asc' },
        select: { kind: true, createdAt: true, recipients: true, messageId: true },
      }),
    ]);
    const rows = planNotifications(
      {
        config: deps.config,
        province,
        task,
        version,
        context,
        eventType: event.type,
        decidedAt: event.at,
        people,
        previous: previous.map((p) => ({ kind: p.kind as never, at: p.createdAt.getTime(), to: p.recipients })),
        threadRoot: previous[0]?.messageId ?? null,
      },
      notices,
    );
    if (rows.length) {
      mail = await tx.notification.createManyAndReturn({ data: rows, select: { id: true, nextAttemptAt: true, attempts: true } });
    }
  }
  return {
    result: { ...resultOf(task.code, version, after, 1, mail.length), applied: true },
    afterCommit: async () => {
      await enqueueTimers(deps, newTimers.map((t) => ({ jobId: t.jobId, fireAt: t.fireAt as Date })));
      await enqueueMail(deps, mail);
    },
  };
}

function resultOf(code: string, version: number, d: TaskDescription, transitions: number, notifications: number): Omit<DispatchResult, 'applied'> {
  return { code, version, state: d.state, escalationLevel: d.escalationLevel, transitions, notifications };
}
