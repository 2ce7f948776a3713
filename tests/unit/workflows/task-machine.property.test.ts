import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../../src/domain/indicator.js';
import { describeTask } from '../../../workflows/describe-task.js';
import type { NotifyParams, TaskEvent, TaskInput } from '../../../workflows/task-machine.js';
import type { TaskPolicy } from '../../../workflows/task-policy.js';
import { acceptedEventTypes } from '../../../workflows/task-snapshot.js';
import { DAY, HOUR, T0, TaskDriver, testPolicy } from './task-driver.js';
import type { DriverStep } from './task-driver.js';

const RANK = { none: 0, head: 1, chairman: 2 } as const;
const indicator: Indicator = { name: 'Tỷ lệ', unit: '%', baseline: 20, target: 90, direction: 'increase' };

const policies: TaskPolicy[] = [
  testPolicy,
  { ...testPolicy, escalateToHeadAfter: 'P1D', escalateToChairmanAfter: { workingDays: 2 }, acknowledgementHolds: { workingDays: 3 } },
  { ...testPolicy, remindBefore: [], repeatEvery: 'P2D', kpiCheckEvery: 'P3D', reportStaleAfter: 'P10D', kpiTolerance: 0 },
];

const inputArb: fc.Arbitrary<Partial<TaskInput>> = fc.record({
  unitKind: fc.constantFrom('agency', 'department', 'district', 'commune', 'external'),
  deadline: fc.option(fc.integer({ min: -5 * DAY, max: 60 * DAY }).map((d) => T0 + d), { nil: null }),
  indicator: fc.option(fc.constant(indicator), { nil: null }),
  policy: fc.constantFrom(...policies),
});

type Act = (at: number) => TaskEvent;
const actArb: fc.Arbitrary<Act> = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((value): Act => (at) => ({ type: 'PROGRESS_REPORTED', at, value })),
  fc.constant<Act>((at) => ({ type: 'COMPLETED', at })),
  fc.constant<Act>((at) => ({ type: 'ACKNOWLEDGED', at, by: 'head@example.gov.vn' })),
  fc
    .record({ offset: fc.option(fc.integer({ min: -2 * DAY, max: 40 * DAY }), { nil: null }), force: fc.boolean() })
    .map(({ offset, force }): Act => (at) => ({
      type: 'DEADLINE_EXTENDED',
      at,
      deadline: offset === null ? null : at + offset,
      reason: 'r',
      force,
    })),
  fc.constant<Act>((at) => ({ type: 'SUSPENDED', at, reason: 'r' })),
  fc.constant<Act>((at) => ({ type: 'RESUMED', at })),
  fc.constant<Act>((at) => ({ type: 'CANCELLED', at, reason: 'r' })),
  fc.constantFrom(...policies).map((policy): Act => (at) => ({ type: 'POLICY_CHANGED', at, policy })),
);

/** Waits (firing every timer due, as the engine would), then maybe lets a person act. */
const stepsArb = fc.array(
  fc.record({ wait: fc.integer({ min: 0, max: 12 * DAY }), act: fc.option(actArb, { nil: null }) }),
  { maxLength: 25 },
);

function run(input: Partial<TaskInput>, steps: { wait: number; act: Act | null }[], check: (step: DriverStep, task: TaskDriver) => void) {
  const task = new TaskDriver(input);
  task.onStep = (step) => check(step, task);
  for (const { wait, act } of steps) {
    task.runUntil(task.now + wait);
    if (act !== null) task.send(act(task.now));
  }
  task.runUntil(task.now + 60 * DAY);
  return task;
}

const notifies = (step: DriverStep): NotifyParams[] =>
  step.actions.filter((a) => a.type === 'notify').map((a) => a.params as NotifyParams);

describe('whatever happens to a task', () => {
  it('a final state accepts nothing and keeps no timer', () => {
    fc.assert(
      fc.property(inputArb, stepsArb, (input, steps) => {
        const task = run(input, steps, () => {});
        if (task.snapshot.status === 'done') {
          expect(acceptedEventTypes(task.snapshot)).toEqual([]);
          expect(task.snapshot.can({ type: 'DEADLINE_EXTENDED', at: task.now, deadline: null, reason: 'r', force: true })).toBe(false);
          expect(task.timers.size).toBe(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("describes every snapshot as XState's own matches() reads it", () => {
    // describeTask reads the state value directly; this is the definition it must agree with.
    const byMatches = (snapshot: DriverStep['after']): string => {
      for (const phase of ['completed', 'cancelled', 'suspended', 'awaitingConfirmation'] as const) if (snapshot.matches(phase)) return phase;
      if (snapshot.matches({ running: { work: 'overdue' } })) return 'overdue';
      return snapshot.matches({ running: { work: { active: { progress: 'atRisk' } } } }) ? 'active.atRisk' : 'active.onTrack';
    };
    const seen = new Set<string>();
    fc.assert(
      fc.property(inputArb, stepsArb, (input, steps) => {
        run(input, steps, (step) => {
          for (const snapshot of [step.before, step.after]) {
            const { state, phase } = describeTask(snapshot);
            expect(state).toBe(byMatches(snapshot));
            expect(state.startsWith(phase)).toBe(true);
            seen.add(state);
          }
        });
      }),
      { numRuns: 150 },
    );
    // A completion waiting for confirmation (not among the acts above).
    const waiting = new TaskDriver({});
    waiting.send({ type: 'COMPLETION_SUBMITTED', at: waiting.now, document: null, note: null, by: 'daumoi@example.gov.vn' });
    expect(describeTask(waiting.snapshot).state).toBe(byMatches(waiting.snapshot));
    seen.add(describeTask(waiting.snapshot).state);
    // The runs reached every kind of state, so the comparison covered each branch.
    expect([...seen].sort()).toEqual(['active.atRisk', 'active.onTrack', 'awaitingConfirmation', 'cancelled', 'completed', 'overdue', 'suspended']);
  });

  it('the escalation level never drops except on resolve or completion', () => {
    fc.assert(
      fc.property(inputArb, stepsArb, (input, steps) => {
        run(input, steps, (step) => {
          const before = RANK[describeTask(step.before).escalationLevel];
          const after = RANK[describeTask(step.after).escalationLevel];
          if (after < before) {
            const resolved = notifies(step).some((n) => n.kind === 'resolved');
            expect(resolved || step.after.matches('completed')).toBe(true);
          }
        });
      }),
      { numRuns: 150 },
    );
  });

  it('every notice names at least one recipient in `to`, and an external unit never reaches the chairman', () => {
    fc.assert(
      fc.property(inputArb, stepsArb, (input, steps) => {
        run(input, steps, (step) => {
          for (const notice of notifies(step)) {
            expect(notice.to.length).toBeGreaterThan(0);
            if (input.unitKind === 'external') expect(notice.level).not.toBe('chairman');
          }
          if (input.unitKind === 'external') expect(describeTask(step.after).escalationLevel).not.toBe('chairman');
        });
      }),
      { numRuns: 150 },
    );
  });

  it('suspend then resume moves the deadline by exactly the time suspended', () => {
    fc.assert(
      fc.property(inputArb, stepsArb, (input, steps) => {
        run(input, steps, (step) => {
          if (step.event.type !== 'RESUMED' || !step.before.matches('suspended')) return;
          const { deadline, suspendedAt } = step.before.context;
          const expected = deadline === null ? null : deadline + (step.event.at - (suspendedAt ?? Number.NaN));
          expect(step.after.context.deadline).toBe(expected);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('no timer is ever set with a negative delay', () => {
    fc.assert(
      fc.property(inputArb, stepsArb, (input, steps) => {
        const task = run(input, steps, () => {});
        for (const delay of task.delays) {
          expect(Number.isFinite(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a breach once recorded stays recorded', () => {
    fc.assert(
      fc.property(inputArb, stepsArb, (input, steps) => {
        run(input, steps, (step) => {
          expect(step.after.context.breaches.slice(0, step.before.context.breaches.length)).toEqual(step.before.context.breaches);
        });
      }),
      { numRuns: 100 },
    );
  });
});

it('fires timers on time: every notice leaves at the instant of the event that caused it', () => {
  const task = new TaskDriver({ deadline: T0 + 10 * DAY });
  task.runUntil(T0 + 10 * DAY + HOUR);
  expect(task.notices.map((n) => n.at)).toEqual([T0 + 3 * DAY, T0 + 9 * DAY, T0 + 10 * DAY]);
});
