import type { Snapshot, SnapshotFrom } from 'xstate';
import { TASK_MACHINE_VERSION } from './task-machine.js';
import type { TaskMachine } from './task-machine.js';
import { NO_ANSWERS } from './task-context.js';
import type { TaskContext, TaskEvent, TaskEventType } from './task-types.js';

/** Turns a snapshot persisted by machine version `n` into the shape of version `n + 1`. */
export type SnapshotMigration = (persisted: unknown) => unknown;

/**
 * What a Task row holds of its machine: the persisted snapshot, the machine version that wrote it, and the
 * policy and indicator, which the snapshot leaves out because the row keeps them in columns of their own.
 */
export interface StoredSnapshot {
  snapshot: unknown;
  machineVersion: number;
  policy: unknown;
  indicator: unknown;
}

/** The policy and indicator of a Task row: the columns a persisted snapshot leaves out of its context. */
export type RowColumns = Pick<StoredSnapshot, 'policy' | 'indicator'>;

/** A shallow copy of a context without the policy and indicator; the context itself is left as it is. */
function withoutRowColumns<C extends { policy?: unknown; indicator?: unknown }>(context: C): Omit<C, 'policy' | 'indicator'> {
  const { policy: _policy, indicator: _indicator, ...rest } = context;
  return rest;
}

/** A context as persisted, with the policy and indicator of its Task row put back: the row's are the task's. */
export function contextWithRowColumns(context: object, row: RowColumns): TaskContext {
  return { ...context, policy: row.policy, indicator: row.indicator } as TaskContext;
}

/**
 * Migrations keyed by the version they migrate from. Version 1 is the first; when the machine changes shape,
 * bump `TASK_MACHINE_VERSION` and add `[previous]: (p) => …` here.
 */
export const snapshotMigrations: Readonly<Record<number, SnapshotMigration>> = {
  // Version 2 hears back from the unit: explanations, obstacles, a completion waiting for confirmation.
  1: (persisted) => {
    const p = persisted as { context?: Record<string, unknown> };
    return { ...p, context: { ...structuredClone(NO_ANSWERS), ...p.context } };
  },
  // Version 3 leaves the policy and indicator to the Task row's columns, kept in step with the context (a policy
  // changes only through POLICY_CHANGED, which writes both); restoring puts the row's back.
  2: (persisted) => {
    const p = persisted as { context?: Record<string, unknown> };
    return p.context === undefined ? p : { ...p, context: withoutRowColumns(p.context) };
  },
};

/**
 * The JSON-safe form of a task snapshot, to store next to `TASK_MACHINE_VERSION`: XState's persisted snapshot,
 * whose context (plain data: numbers, strings, arrays, null; the machine spawns no actors) is a shallow copy of
 * the snapshot's own without the policy and indicator, which the Task row holds. Its values are shared, not
 * copied, so it must be read or serialised, never changed. Keys whose value is `undefined` are dropped when it
 * is serialised (a copy through JSON here cost a storm of 30,000 tasks 0.4 s).
 */
export function persistSnapshot(snapshot: SnapshotFrom<TaskMachine>): unknown {
  const persisted = snapshot.machine.getPersistedSnapshot(snapshot) as Snapshot<unknown> & { context: TaskContext };
  return { ...persisted, context: withoutRowColumns(persisted.context) };
}

/**
 * Restores the snapshot a Task row holds: migrated step by step from the version that wrote it to the current
 * one (an older snapshot is migrated, never reinterpreted), its context given the row's policy and indicator.
 */
export function restoreSnapshot(
  machine: TaskMachine,
  stored: StoredSnapshot,
  migrations: Readonly<Record<number, SnapshotMigration>> = snapshotMigrations,
): SnapshotFrom<TaskMachine> {
  const version = stored.machineVersion;
  if (!Number.isInteger(version) || version < 0) {
    throw new Error(`Cannot restore a task snapshot of version ${String(version)}: the version must be a whole number.`);
  }
  if (version > TASK_MACHINE_VERSION) {
    throw new Error(
      `Cannot restore a task snapshot of machine version ${version}: this build runs version ${TASK_MACHINE_VERSION}. ` +
        'Upgrade da06 to the release that wrote it.',
    );
  }
  let current = stored.snapshot;
  for (let v = version; v < TASK_MACHINE_VERSION; v += 1) {
    const migrate = migrations[v];
    if (migrate === undefined) {
      throw new Error(
        `Cannot restore a task snapshot of machine version ${version}: no migration from version ${v} to ${v + 1}. ` +
          'Add one to snapshotMigrations in workflows/task-snapshot.ts.',
      );
    }
    current = migrate(current);
  }
  if (typeof current !== 'object' || current === null || !('value' in current) || !('context' in current)) {
    throw new Error('Cannot restore a task snapshot: it has no `value` and `context`; was it written by persistSnapshot?');
  }
  const { value, context, status } = current as { value: unknown; context: object; status?: unknown };
  return machine.resolveState({
    value: value as SnapshotFrom<TaskMachine>['value'],
    context: contextWithRowColumns(context, stored),
    ...(status === 'done' || status === 'active' ? { status } : {}),
  });
}

/** A representative of each people's event, to ask a snapshot whether it accepts that kind of event. */
const PROBES: { [K in TaskEventType]: Extract<TaskEvent, { type: K }> } = {
  PROGRESS_REPORTED: { type: 'PROGRESS_REPORTED', at: 0, value: 0 },
  COMPLETED: { type: 'COMPLETED', at: 0 },
  ACKNOWLEDGED: { type: 'ACKNOWLEDGED', at: 0, by: 'probe' },
  DEADLINE_EXTENDED: { type: 'DEADLINE_EXTENDED', at: 0, deadline: null, reason: 'probe' },
  SUSPENDED: { type: 'SUSPENDED', at: 0, reason: 'probe' },
  RESUMED: { type: 'RESUMED', at: 0 },
  CANCELLED: { type: 'CANCELLED', at: 0, reason: 'probe' },
  POLICY_CHANGED: { type: 'POLICY_CHANGED', at: 0, policy: undefined as never },
  EXPLANATION_GIVEN: { type: 'EXPLANATION_GIVEN', at: 0, cause: 'probe', remedy: 'probe', commitDate: '2000-01-01', by: 'probe' },
  OBSTACLE_RAISED: { type: 'OBSTACLE_RAISED', at: 0, description: 'probe', needs: null, by: 'probe' },
  OBSTACLE_RESOLVED: { type: 'OBSTACLE_RESOLVED', at: 0, id: 'probe', response: 'probe', by: 'probe' },
  COMPLETION_SUBMITTED: { type: 'COMPLETION_SUBMITTED', at: 0, document: null, note: null, by: 'probe' },
  COMPLETION_CONFIRMED: { type: 'COMPLETION_CONFIRMED', at: 0, by: 'probe' },
  COMPLETION_RETURNED: { type: 'COMPLETION_RETURNED', at: 0, reason: 'probe', by: 'probe' },
  CALENDAR_CHANGED: { type: 'CALENDAR_CHANGED', at: 0 },
  REASSIGNED: { type: 'REASSIGNED', at: 0, from: 'probe', to: 'probe', unitKind: 'department', document: null },
};

/**
 * The people's events the current state accepts, e.g. for "task HG-01 is completed; it accepts no events".
 * `DEADLINE_EXTENDED` is listed only when accepted without `force` (an overdue task needs `--force`).
 */
export function acceptedEventTypes(snapshot: SnapshotFrom<TaskMachine>): TaskEventType[] {
  // An answer is accepted only for an open obstacle: probe with one, if there is any.
  const open = snapshot.context.obstacles.find((o) => o.state === 'open');
  const probe = (type: TaskEventType): TaskEvent =>
    type === 'OBSTACLE_RESOLVED' && open ? { ...PROBES.OBSTACLE_RESOLVED, id: open.id } : PROBES[type];
  return (Object.keys(PROBES) as TaskEventType[]).filter((type) => snapshot.can(probe(type)));
}
