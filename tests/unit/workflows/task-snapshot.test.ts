import { readFileSync } from 'node:fs';
import { transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { describeTask } from '../../../workflows/describe-task.js';
import { TASK_MACHINE_VERSION } from '../../../workflows/task-machine.js';
import type { TaskEvent } from '../../../workflows/task-machine.js';
import { acceptedEventTypes, persistSnapshot, restoreSnapshot, snapshotMigrations, type StoredSnapshot } from '../../../workflows/task-snapshot.js';
import { DAY, T0, TaskDriver, testPolicy } from './task-driver.js';

const DEADLINE = T0 + 30 * DAY;
const INDICATOR = { name: 'Tỷ lệ hồ sơ trực tuyến', unit: '%', baseline: 20, target: 90, direction: 'increase' as const };

/**
 * The Task row of a driven task as the engine stores it: the snapshot through JSON, the policy and indicator in
 * their columns.
 */
function rowOf(task: TaskDriver, snapshot: unknown = persistSnapshot(task.snapshot), machineVersion = TASK_MACHINE_VERSION): StoredSnapshot {
  const { policy, indicator } = JSON.parse(JSON.stringify(task.snapshot.context)) as StoredSnapshot;
  return { snapshot: JSON.parse(JSON.stringify(snapshot)) as unknown, machineVersion, policy, indicator };
}

describe('a persisted snapshot', () => {
  it('is plain JSON and, restored, goes on exactly where it stopped', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE + DAY);
    const restored = restoreSnapshot(task.machine, rowOf(task));
    expect(describeTask(restored)).toEqual(task.description);
    const chairmanTimer = task.timerNamed('untilChairmanEscalation');
    expect(chairmanTimer?.fireAt).toBe(DEADLINE + 3 * DAY);
    const fired = { ...chairmanTimer!.event, at: chairmanTimer!.fireAt } as unknown as TaskEvent;
    const [next, actions] = transition(task.machine, restored, fired);
    expect(describeTask(next).escalationLevel).toBe('chairman');
    expect(actions.some((a) => a.type === 'notify' && (a.params as { kind: string }).kind === 'escalation')).toBe(true);
  });

  it('leaves out the policy and indicator its Task row holds, and leaves the live context as it was', () => {
    const task = new TaskDriver({ indicator: INDICATOR });
    task.runUntil(DEADLINE + DAY);
    const live = task.snapshot.context;
    const keys = Object.keys(live);
    const text = JSON.stringify(persistSnapshot(task.snapshot));
    const { context } = JSON.parse(text) as { context: Record<string, unknown> };
    expect(context).not.toHaveProperty('policy');
    expect(context).not.toHaveProperty('indicator');
    expect(text).not.toContain('remindBefore');
    expect(text).not.toContain(INDICATOR.name);
    expect(context).toMatchObject({ code: 'HG-01', deadline: DEADLINE, escalation: { level: 'head' } });
    expect(task.snapshot.context).toBe(live);
    expect(Object.keys(live)).toEqual(keys);
    expect(live).toMatchObject({ policy: testPolicy, indicator: INDICATOR });
  });

  it('restored from its Task row, has the whole context, with the row’s policy and indicator', () => {
    const task = new TaskDriver({ indicator: INDICATOR });
    task.send({ type: 'PROGRESS_REPORTED', at: T0 + 5 * DAY, value: 30 });
    task.runUntil(DEADLINE + DAY);
    const restored = restoreSnapshot(task.machine, rowOf(task));
    expect(restored.context).toEqual(task.snapshot.context);
    expect(restored.context).toMatchObject({ policy: testPolicy, indicator: INDICATOR });
    expect(describeTask(restored)).toEqual(task.description);
  });

  it('of an older machine version is migrated, not reinterpreted', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE);
    const current = persistSnapshot(task.snapshot) as { value: unknown; context: Record<string, unknown> };
    // A made-up version 0 that called the deadline `dueAt` and kept the level at the top of the context.
    const { deadline, escalation, ...rest } = current.context as { deadline: number; escalation: { level: string } };
    const v0 = { ...current, context: { ...rest, dueAt: deadline, escalationLevel: escalation.level, escalation } };
    let migrated = 0;
    const restored = restoreSnapshot(task.machine, rowOf(task, v0, 0), {
      ...snapshotMigrations,
      0: (p) => {
        migrated += 1;
        const old = p as { context: { dueAt: number; escalationLevel: string } & Record<string, unknown> };
        const { dueAt, escalationLevel: _level, ...context } = old.context;
        return { ...old, context: { ...context, deadline: dueAt } };
      },
    });
    expect(migrated).toBe(1);
    expect(describeTask(restored)).toMatchObject({ phase: 'overdue', deadline: DEADLINE, escalationLevel: 'head' });
  });

  it('of an unknown future version is refused with a clear error', () => {
    const task = new TaskDriver();
    expect(() => restoreSnapshot(task.machine, rowOf(task, persistSnapshot(task.snapshot), TASK_MACHINE_VERSION + 1))).toThrow(
      new RegExp(`version ${TASK_MACHINE_VERSION + 1}: this build runs version ${TASK_MACHINE_VERSION}`),
    );
  });

  it('of version 1 (before the unit could answer) gains empty answers and keeps its state and timers', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE);
    const current = persistSnapshot(task.snapshot) as { value: unknown; context: Record<string, unknown> };
    // A version-1 snapshot kept the policy and indicator in its context, as the live one does.
    const { explanations: _e, obstacles: _o, submission: _s, confirmationAskedAt: _c, explanationDueAt: _d, returnedReason: _r, ...v1Context } =
      task.snapshot.context;
    const restored = restoreSnapshot(task.machine, rowOf(task, { ...current, context: v1Context }, 1));
    expect(restored.context).toMatchObject({ explanations: [], obstacles: [], submission: null, explanationDueAt: null });
    expect(describeTask(restored)).toEqual(task.description);
    const [next] = transition(task.machine, restored, {
      type: 'EXPLANATION_GIVEN',
      at: DEADLINE + 1,
      cause: 'c',
      remedy: 'r',
      commitDate: '2024-08-01',
      by: 'head@example.vn',
    });
    expect(next.context.explanations).toHaveLength(1);
  });

  it('of version 2 (policy and indicator inside its context) restores from its row and goes on where it stopped', () => {
    // Written by persistSnapshot of machine version 2: a task with an indicator, overdue, its head told.
    const v2 = JSON.parse(readFileSync(new URL('./fixtures/snapshot-v2-overdue-at-head.json', import.meta.url), 'utf8')) as {
      context: { policy: unknown; indicator: unknown };
    };
    const row: StoredSnapshot = { snapshot: v2, machineVersion: 2, policy: v2.context.policy, indicator: v2.context.indicator };
    const { machine } = new TaskDriver();
    const restored = restoreSnapshot(machine, row);
    expect(describeTask(restored)).toMatchObject({ phase: 'overdue', escalationLevel: 'head', deadline: DEADLINE });
    expect(restored.context).toMatchObject({ policy: testPolicy, indicator: INDICATOR, reports: [{ at: T0 + 5 * DAY, value: 30 }] });
    const chairman = { type: 'xstate.after.untilChairmanEscalation.task.running.escalation.head.awaitingAcknowledgement', at: DEADLINE + 3 * DAY };
    const [next, actions] = transition(machine, restored, chairman as unknown as TaskEvent);
    expect(describeTask(next).escalationLevel).toBe('chairman');
    expect(actions.some((a) => a.type === 'notify' && (a.params as { kind: string }).kind === 'escalation')).toBe(true);
    expect((persistSnapshot(next) as { context: object }).context).not.toHaveProperty('policy');
    // The row's columns are the task's: the copy inside the old snapshot is dropped.
    const changed = restoreSnapshot(machine, { ...row, policy: { ...testPolicy, escalateToChairmanAfter: 'P5D' }, indicator: null });
    expect(changed.context).toMatchObject({ policy: { escalateToChairmanAfter: 'P5D' }, indicator: null });
  });

  it('of an older version without a migration is refused, naming where to add one', () => {
    const task = new TaskDriver();
    expect(() => restoreSnapshot(task.machine, rowOf(task, persistSnapshot(task.snapshot), 0))).toThrow(/no migration from version 0 to 1/);
  });
});

describe('the events a task accepts', () => {
  it('while active: everything but resuming, confirming and answering an obstacle that is not there', () => {
    const task = new TaskDriver();
    expect(acceptedEventTypes(task.snapshot)).toEqual([
      'PROGRESS_REPORTED',
      'COMPLETED',
      'DEADLINE_EXTENDED',
      'SUSPENDED',
      'CANCELLED',
      'POLICY_CHANGED',
      'EXPLANATION_GIVEN',
      'OBSTACLE_RAISED',
      'COMPLETION_SUBMITTED',
      'CALENDAR_CHANGED',
      'REASSIGNED',
    ]);
  });

  it('with an open obstacle: its answer too', () => {
    const task = new TaskDriver();
    task.send({ type: 'OBSTACLE_RAISED', at: T0, description: 'd', needs: null, by: 'u@example.vn' });
    expect(acceptedEventTypes(task.snapshot)).toContain('OBSTACLE_RESOLVED');
  });

  it('while waiting for confirmation: confirming or returning it, not submitting again', () => {
    const task = new TaskDriver();
    task.send({ type: 'COMPLETION_SUBMITTED', at: T0, document: null, note: null, by: 'u@example.vn' });
    const accepted = acceptedEventTypes(task.snapshot);
    expect(accepted).toEqual(expect.arrayContaining(['COMPLETION_CONFIRMED', 'COMPLETION_RETURNED', 'COMPLETED', 'CANCELLED']));
    expect(accepted).not.toContain('COMPLETION_SUBMITTED');
    expect(accepted).not.toContain('DEADLINE_EXTENDED');
  });

  it('at head level: the acknowledgement too, but no unforced extension once overdue', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE);
    expect(acceptedEventTypes(task.snapshot)).toEqual([
      'PROGRESS_REPORTED',
      'COMPLETED',
      'ACKNOWLEDGED',
      'SUSPENDED',
      'CANCELLED',
      'POLICY_CHANGED',
      'EXPLANATION_GIVEN',
      'OBSTACLE_RAISED',
      'COMPLETION_SUBMITTED',
      'CALENDAR_CHANGED',
      'REASSIGNED',
    ]);
  });
});
