import type { SnapshotFrom, StateValue } from 'xstate';
import type { TaskMachine } from './task-machine.js';
import type { EscalationLevel } from './task-types.js';

export type TaskPhase = 'active' | 'overdue' | 'suspended' | 'awaitingConfirmation' | 'completed' | 'cancelled';

/** What people and the engine need to know about a task at rest, read from its snapshot. */
export interface TaskDescription {
  /** `active.onTrack`, `active.atRisk`, `overdue`, `suspended`, `awaitingConfirmation`, `completed` or `cancelled`. */
  state: string;
  phase: TaskPhase;
  underperforming: boolean;
  escalationLevel: EscalationLevel;
  acknowledgedUntil: number | null;
  deadline: number | null;
  completedAt: number | null;
  completedLate: boolean | null;
  final: boolean;
}

/** Describes a task snapshot in the project's words, independent of how the statechart nests its regions. */
export function describeTask(snapshot: SnapshotFrom<TaskMachine>): TaskDescription {
  const { context } = snapshot;
  const phase = phaseOf(snapshot.value);
  const state = phase === 'active' ? (isIn(snapshot.value, ['running', 'work', 'active', 'progress', 'atRisk']) ? 'active.atRisk' : 'active.onTrack') : phase;
  const final = snapshot.status === 'done';
  return {
    state,
    phase,
    underperforming: !final && context.indicator !== null && context.behind,
    escalationLevel: context.escalation.level,
    acknowledgedUntil: context.escalation.acknowledgedUntil,
    deadline: context.deadline,
    completedAt: context.completedAt,
    completedLate: context.completedLate,
    final,
  };
}

type Value = StateValue | undefined;

/**
 * The value of child state `key` of a state value (a string names an atomic child), as `snapshot.matches` reads
 * it; `undefined` when that child is not active. Read directly: `matches` builds a state value from its argument
 * on every call, and a storm describes every task twice.
 */
function childOf(value: Value, key: string): Value {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value === key ? {} : undefined;
  return value[key];
}

/** Whether the state at `path` (each key a child of the one before) is active: `matches({ a: { b: 'c' } })`. */
function isIn(value: Value, path: readonly string[]): boolean {
  return path.reduce(childOf, value) !== undefined;
}

function phaseOf(value: Value): TaskPhase {
  for (const phase of ['completed', 'cancelled', 'suspended', 'awaitingConfirmation'] as const) if (isIn(value, [phase])) return phase;
  return isIn(value, ['running', 'work', 'overdue']) ? 'overdue' : 'active';
}
