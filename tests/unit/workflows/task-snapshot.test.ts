import { transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { describeTask } from '../../../workflows/describe-task.js';
import { TASK_MACHINE_VERSION } from '../../../workflows/task-machine.js';
import type { TaskEvent } from '../../../workflows/task-machine.js';
import { acceptedEventTypes, persistSnapshot, restoreSnapshot } from '../../../workflows/task-snapshot.js';
import { DAY, T0, TaskDriver } from './task-driver.js';

const DEADLINE = T0 + 30 * DAY;

describe('a persisted snapshot', () => {
  it('is plain JSON and, restored, goes on exactly where it stopped', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE + DAY);
    const stored = JSON.parse(JSON.stringify(persistSnapshot(task.snapshot))) as unknown;
    const restored = restoreSnapshot(task.machine, stored, TASK_MACHINE_VERSION);
    expect(describeTask(restored)).toEqual(task.description);
    const chairmanTimer = task.timerNamed('untilChairmanEscalation');
    expect(chairmanTimer?.fireAt).toBe(DEADLINE + 3 * DAY);
    const fired = { ...chairmanTimer!.event, at: chairmanTimer!.fireAt } as unknown as TaskEvent;
    const [next, actions] = transition(task.machine, restored, fired);
    expect(describeTask(next).escalationLevel).toBe('chairman');
    expect(actions.some((a) => a.type === 'notify' && (a.params as { kind: string }).kind === 'escalation')).toBe(true);
  });

  it('of an older machine version is migrated, not reinterpreted', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE);
    const current = persistSnapshot(task.snapshot) as { value: unknown; context: Record<string, unknown> };
    // A made-up version 0 that called the deadline `dueAt` and kept the level at the top of the context.
    const { deadline, escalation, ...rest } = current.context as { deadline: number; escalation: { level: string } };
    const v0 = { ...current, context: { ...rest, dueAt: deadline, escalationLevel: escalation.level, escalation } };
    let migrated = 0;
    const restored = restoreSnapshot(task.machine, v0, 0, {
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
    expect(() => restoreSnapshot(task.machine, persistSnapshot(task.snapshot), TASK_MACHINE_VERSION + 1)).toThrow(
      /version 2: this build runs version 1/,
    );
  });

  it('of an older version without a migration is refused, naming where to add one', () => {
    const task = new TaskDriver();
    expect(() => restoreSnapshot(task.machine, persistSnapshot(task.snapshot), 0)).toThrow(/no migration from version 0 to 1/);
  });
});

describe('the events a task accepts', () => {
  it('while active: everything but resuming', () => {
    const task = new TaskDriver();
    expect(acceptedEventTypes(task.snapshot)).toEqual([
      'PROGRESS_REPORTED',
      'COMPLETED',
      'DEADLINE_EXTENDED',
      'SUSPENDED',
      'CANCELLED',
      'POLICY_CHANGED',
    ]);
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
    ]);
  });
});
