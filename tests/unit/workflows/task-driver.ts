import { initialTransition, transition } from 'xstate';
import type { AnyEventObject, SnapshotFrom } from 'xstate';
import { createWorkingCalendar } from '../../../src/domain/working-calendar.js';
import type { WorkingCalendar } from '../../../src/domain/working-calendar.js';
import { describeTask } from '../../../workflows/describe-task.js';
import { createTaskMachine } from '../../../workflows/task-machine.js';
import type { NotifyParams, TaskEvent, TaskInput, TaskMachine } from '../../../workflows/task-machine.js';
import { defaultPolicy } from '../../../workflows/task-policy.js';
import type { TaskPolicy } from '../../../workflows/task-policy.js';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** Monday 4 March 2024, 08:00 in Hà Nội. */
export const T0 = Date.UTC(2024, 2, 4, 1);

/** Calendar-time durations only, so the expectations do not depend on the holiday list. */
export const testPolicy: TaskPolicy = {
  ...defaultPolicy,
  remindBefore: ['P7D', 'P1D'],
  escalateToHeadAfter: 'PT0S',
  escalateToChairmanAfter: 'P3D',
  acknowledgementHolds: 'P5D',
  repeatEvery: 'P7D',
  kpiCheckEvery: 'P7D',
  reportStaleAfter: 'P30D',
  kpiTolerance: 2,
};

export interface PendingTimer {
  id: string;
  event: AnyEventObject;
  fireAt: number;
  seq: number;
}

export interface DriverStep {
  event: TaskEvent;
  before: SnapshotFrom<TaskMachine>;
  after: SnapshotFrom<TaskMachine>;
  actions: readonly RawAction[];
}

export interface SentNotice extends NotifyParams {
  at: number;
}

/** A raw action as `transition()` returns it. */
export interface RawAction {
  type: string;
  params?: unknown;
}

/**
 * Drives a task machine exactly as the engine does: it keeps the timers that `transition()` raises and cancels,
 * and fires one by feeding its event back with `at` = its fire instant.
 */
export class TaskDriver {
  readonly machine: TaskMachine;
  snapshot: SnapshotFrom<TaskMachine>;
  readonly timers = new Map<string, PendingTimer>();
  readonly notices: SentNotice[] = [];
  readonly delays: number[] = [];
  now: number;
  /** Called after every transition, for property tests. */
  onStep: ((step: DriverStep) => void) | null = null;
  private seq = 0;

  constructor(input: Partial<TaskInput> = {}, calendar: WorkingCalendar = createWorkingCalendar()) {
    this.machine = createTaskMachine(calendar);
    const full: TaskInput = {
      code: 'HG-01',
      unitKind: 'department',
      start: T0,
      deadline: T0 + 30 * DAY,
      policy: testPolicy,
      indicator: null,
      at: T0,
      ...input,
    };
    this.now = full.at;
    const [snapshot, actions] = initialTransition(this.machine, full);
    this.snapshot = snapshot;
    this.apply(actions, full.at);
  }

  get description() {
    return describeTask(this.snapshot);
  }

  /** Sends a people's event; returns whether the machine accepted it. */
  send(event: TaskEvent): boolean {
    const accepted = this.snapshot.can(event);
    this.feed(event);
    return accepted;
  }

  /** Fires the earliest pending timer if it is due by `until`; returns it, or null. */
  fireNext(until = Number.POSITIVE_INFINITY): PendingTimer | null {
    const next = this.nextTimer();
    if (next === null || next.fireAt > until) return null;
    this.timers.delete(next.id);
    this.feed({ ...next.event, at: next.fireAt } as unknown as TaskEvent);
    return next;
  }

  /** Fires every timer due by `until`, in order, then sets the clock to `until`. */
  runUntil(until: number, maxFirings = 1000): void {
    for (let i = 0; i < maxFirings; i += 1) if (this.fireNext(until) === null) break;
    this.now = Math.max(this.now, until);
  }

  nextTimer(): PendingTimer | null {
    let best: PendingTimer | null = null;
    for (const timer of this.timers.values()) {
      if (best === null || timer.fireAt < best.fireAt || (timer.fireAt === best.fireAt && timer.seq < best.seq)) best = timer;
    }
    return best;
  }

  timerNamed(delay: string): PendingTimer | undefined {
    return [...this.timers.values()].find((t) => t.id.startsWith(`xstate.after.${delay}.`));
  }

  noticesOf(kind: NotifyParams['kind']): SentNotice[] {
    return this.notices.filter((n) => n.kind === kind);
  }

  private feed(event: TaskEvent): void {
    const at = event.at;
    this.now = Math.max(this.now, at);
    const before = this.snapshot;
    const [snapshot, actions] = transition(this.machine, before, event);
    this.snapshot = snapshot;
    this.apply(actions, at);
    this.onStep?.({ event, before, after: snapshot, actions });
  }

  private apply(actions: readonly RawAction[], at: number): void {
    for (const action of actions) {
      if (action.type === 'xstate.cancel') {
        this.timers.delete((action.params as { sendId: string }).sendId);
      } else if (action.type === 'xstate.raise') {
        const { event, id, delay } = action.params as { event: AnyEventObject; id: string; delay?: number };
        if (typeof delay !== 'number') throw new Error(`raise without a delay: ${event.type}`);
        this.delays.push(delay);
        this.timers.set(id, { id, event, fireAt: at + delay, seq: (this.seq += 1) });
      } else if (action.type === 'notify') {
        this.notices.push({ ...(action.params as NotifyParams), at });
      }
    }
  }
}
