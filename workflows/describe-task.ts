import type { SnapshotFrom } from 'xstate';
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
  const phase = phaseOf(snapshot);
  const state =
    phase === 'active' ? (snapshot.matches({ running: { work: { active: { progress: 'atRisk' } } } }) ? 'active.atRisk' : 'active.onTrack') : phase;
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

function phaseOf(snapshot: SnapshotFrom<TaskMachine>): TaskPhase {
  if (snapshot.matches('completed')) return 'completed';
  if (snapshot.matches('cancelled')) return 'cancelled';
  if (snapshot.matches('suspended')) return 'suspended';
  if (snapshot.matches('awaitingConfirmation')) return 'awaitingConfirmation';
  if (snapshot.matches({ running: { work: 'overdue' } })) return 'overdue';
  return 'active';
}
