import type { SnapshotFrom } from 'xstate';
import { statusClassAt } from '../../domain/status-class.js';
import type { db } from '../../db/prisma.js';
import { EventNotAcceptedError } from '../../errors.js';
import { wakeUpJobId } from '../../queue/job-id.js';
import { describeTask, type TaskDescription } from '../../../workflows/describe-task.js';
import { acceptedEventTypes, persistSnapshot, restoreSnapshot } from '../../../workflows/task-snapshot.js';
import { TASK_MACHINE_VERSION, type TaskMachine } from '../../../workflows/task-machine.js';
import type { NotifyParams, TaskContext, TaskEvent, TimerFiredEvent } from '../../../workflows/task-types.js';
import { delayNameOf, interpretActions, type PlannedTimer } from './interpret-actions.js';
import { machineTransition } from './machine-step.js';
import type { ProvinceContext } from '../province/province-context.js';

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
  /** True when the same submission was already recorded: nothing changes, the first one stands. */
  duplicate?: boolean;
  /** The task's context after the event (the new obstacle's id, the explanation recorded…). */
  context: TaskContext;
}

export interface ApplyOptions {
  actor: string;
  /** How a person's event arrived: `web` (workspace), `cli`, `ack-link`, `seed`; none for timers. */
  channel?: string;
  /** A person's submission, once: a second event with the same key records nothing. */
  submissionKey?: string;
  /** The Timer row this event comes from; marked fired (or dropped) in the same transaction. */
  timerId?: bigint;
  /**
   * The send id of a wake-up that the previous plan of the same task (in this batch) set, already due, and that
   * this plan fires in the same transaction: its Timer row is written as fired and no job is added for it.
   */
  firesTimer?: string;
}

/** One event run through a task's machine, in memory: what the transaction must write. */
export interface TransitionPlan {
  /** The task before the event. */
  before: TaskWithUnit;
  /** The task after it (snapshot, version and derived columns updated), for a following event in the batch. */
  after: TaskWithUnit;
  event: MachineEvent;
  options: ApplyOptions;
  accepted: boolean;
  fromState: string;
  description: TaskDescription;
  context: TaskContext;
  cancel: string[];
  timers: PlannedTimer[];
  notices: NotifyParams[];
}

/** The audit name of an event: people's events keep theirs, a timer is named after its delay. */
export function auditType(event: MachineEvent): string {
  const delay = delayNameOf(event.type);
  return delay === event.type ? event.type : `TIMER_${delay}`;
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
    jobId: wakeUpJobId(t.fireAt),
    taskVersion: version,
  }));
}

/** A timer's event that changes nothing: the task has left the state that set it; its row is only settled. */
function dropped(task: TaskWithUnit, event: MachineEvent, options: ApplyOptions, description: TaskDescription, context: TaskContext): TransitionPlan {
  return { before: task, after: task, event, options, accepted: false, fromState: description.state, description, context, cancel: [], timers: [], notices: [] };
}

// The machine's snapshot of a task planned in memory, so that the next event of the same batch (a wake-up the
// first one set, due at once) starts from it instead of restoring what was just persisted.
const liveSnapshots = new WeakMap<TaskWithUnit, SnapshotFrom<TaskMachine>>();

/**
 * Gives `task` the machine snapshot `live`: its persisted form (`task.snapshot`) is computed when first read —
 * in a chain of transitions only the last one's is written — and is not enumerable, so that the spread of the
 * next plan does not compute it.
 */
function withLiveSnapshot(task: TaskWithUnit, live: SnapshotFrom<TaskMachine>): void {
  let persisted: db.Prisma.JsonValue | undefined;
  Object.defineProperty(task, 'snapshot', { get: () => (persisted ??= persistSnapshot(live) as db.Prisma.JsonValue), enumerable: false, configurable: true });
  liveSnapshots.set(task, live);
}

/**
 * Runs one event through a task's machine without writing anything. A people's event the state does not
 * accept throws `EventNotAcceptedError`; a timer for a state already left yields a plan that only drops it.
 */
export function planTransition(province: ProvinceContext, task: TaskWithUnit, event: MachineEvent, options: ApplyOptions): TransitionPlan {
  const snapshot = liveSnapshots.get(task) ?? restoreSnapshot(province.machine, task);
  const before = describeTask(snapshot);
  if (!snapshot.can(event as TaskEvent)) {
    if (options.timerId === undefined && options.firesTimer === undefined) {
      const reason =
        event.type === 'DEADLINE_EXTENDED' && before.phase === 'overdue'
          ? 'it is already overdue; use --force to extend anyway (the breach stays recorded)'
          : undefined;
      throw new EventNotAcceptedError(task.code, event.type, before.state, acceptedEventTypes(snapshot), reason);
    }
    return dropped(task, event, options, before, snapshot.context);
  }
  const [next, actions] = machineTransition(province.machine, snapshot, event as TaskEvent);
  const { cancel, timers, notices } = interpretActions(actions, event.at);
  const after = describeTask(next);
  const context = next.context;
  const updated: TaskWithUnit = {
    ...task,
    machineVersion: TASK_MACHINE_VERSION,
    state: after.state,
    statusClass: statusClassOf(context, after, event.at),
    escalationLevel: after.escalationLevel,
    underperforming: after.underperforming,
    deadline: after.deadline === null ? null : new Date(after.deadline),
    completedAt: after.phase === 'completed' && context.completedAt !== null ? new Date(context.completedAt) : null,
    cancelledAt: after.phase === 'cancelled' ? new Date(event.at) : null,
    version: task.version + 1,
    ...(event.type === 'POLICY_CHANGED' ? { policy: event.policy as unknown as db.Prisma.JsonValue } : {}),
  };
  withLiveSnapshot(updated, next);
  return { before: task, after: updated, event, options, accepted: true, fromState: before.state, description: after, context, cancel: [...cancel], timers, notices };
}
