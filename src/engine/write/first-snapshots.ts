import { JsonText } from '../../db/copy-rows.js';
import { describeTask } from '../../../workflows/describe-task.js';
import type { TaskMachine } from '../../../workflows/task-machine.js';
import { persistSnapshot } from '../../../workflows/task-snapshot.js';
import type { EscalationLevel, TaskInput } from '../../../workflows/task-types.js';
import { statusClassOf } from './transition-plan.js';
import { interpretActions, type PlannedTimer } from './interpret-actions.js';
import { machineInitialTransition } from './machine-step.js';

/** A task's first snapshot (persisted form, as JSON text) with what its Task and Timer rows need from it. */
export interface FirstSnapshot {
  snapshot: JsonText;
  state: string;
  statusClass: string;
  escalationLevel: EscalationLevel;
  underperforming: boolean;
  timers: PlannedTimer[];
}

// Distinct schedules kept at once: a file whose tasks share none must not keep every snapshot in memory.
const MAX_SCHEDULES = 10_000;
// Marks where a task's code goes in a snapshot's JSON: a value no other holds (PostgreSQL refuses NUL in text).
const CODE_MARK = '\u0000code\u0000';

/**
 * The first snapshots of tasks created at `at`, each computed by the machine's `initialTransition` once per
 * distinct schedule (unit kind, start, deadline, policy, indicator): the machine is pure and copies a task's code
 * into its context without ever reading it, so tasks that differ only by their code get the same snapshot but for
 * that code. A large import, whose tasks share a few deadlines and policies, skips most of the statechart's work.
 */
export function firstSnapshotsAt(machine: TaskMachine, at: number): (input: Omit<TaskInput, 'at'>) => FirstSnapshot {
  const bySchedule = new Map<string, { first: FirstSnapshot; around: readonly [string, string] | undefined }>();
  // Validation hands out one policy object per name: its JSON is written once per object, not once per task.
  const policyJson = new WeakMap<object, string>();
  return (input) => {
    let policy = policyJson.get(input.policy);
    if (policy === undefined) policyJson.set(input.policy, (policy = JSON.stringify(input.policy)));
    const key = `${input.unitKind}|${input.start}|${input.deadline}|${policy}|${JSON.stringify(input.indicator)}`;
    const known = bySchedule.get(key);
    if (known === undefined) {
      const computed = computeFirstSnapshot(machine, { ...input, at });
      if (bySchedule.size >= MAX_SCHEDULES) bySchedule.clear();
      bySchedule.set(key, computed);
      return computed.first;
    }
    // The same snapshot with this task's code written in: its JSON around the code, spliced, not serialized again.
    const snapshot = known.around ? new JsonText(known.around[0] + JSON.stringify(input.code) + known.around[1]) : computeFirstSnapshot(machine, { ...input, at }).first.snapshot;
    return { ...known.first, snapshot };
  };
}

function computeFirstSnapshot(machine: TaskMachine, input: TaskInput): { first: FirstSnapshot; around: readonly [string, string] | undefined } {
  const [snapshot, actions] = machineInitialTransition(machine, input);
  const { timers, notices } = interpretActions(actions, input.at);
  if (notices.length) {
    // The machine only notifies from timers and people's events; a notice here would be lost.
    throw new Error(`The task machine notified on creation of "${input.code}"; notices must come from a transition.`);
  }
  const description = describeTask(snapshot);
  const persisted = persistSnapshot(snapshot) as { context: Record<string, unknown> };
  const around = JSON.stringify({ ...persisted, context: { ...persisted.context, code: CODE_MARK } }).split(JSON.stringify(CODE_MARK));
  return {
    first: {
      snapshot: new JsonText(JSON.stringify(persisted)),
      state: description.state,
      statusClass: statusClassOf(snapshot.context, description, input.at),
      escalationLevel: description.escalationLevel,
      underperforming: description.underperforming,
      timers,
    },
    around: around.length === 2 ? (around as [string, string]) : undefined,
  };
}
