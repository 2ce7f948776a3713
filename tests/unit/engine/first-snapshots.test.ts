import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition } from 'xstate';
import type { Indicator } from '../../../src/domain/indicator.js';
import { createWorkingCalendar } from '../../../src/domain/working-calendar.js';
import { statusClassOf } from '../../../src/engine/write/transition-plan.js';
import { firstSnapshotsAt } from '../../../src/engine/write/first-snapshots.js';
import { interpretActions } from '../../../src/engine/write/interpret-actions.js';
import { describeTask } from '../../../workflows/describe-task.js';
import { createTaskMachine } from '../../../workflows/task-machine.js';
import type { TaskPolicy } from '../../../workflows/task-policy.js';
import { persistSnapshot } from '../../../workflows/task-snapshot.js';
import type { TaskInput } from '../../../workflows/task-types.js';
import { DAY, T0, testPolicy } from '../workflows/task-driver.js';

const machine = createTaskMachine(createWorkingCalendar({ timeZone: 'Asia/Ho_Chi_Minh' }));
const policies: TaskPolicy[] = [testPolicy, { ...testPolicy, remindBefore: [{ workingDays: 2 }, 'P3D'], reportStaleAfter: 'P10D', kpiTolerance: 0 }];
const indicators: (Indicator | null)[] = [null, { name: 'Tỷ lệ', unit: '%', baseline: 20, target: 90, direction: 'increase' }];

// Few distinct schedules, so that most tasks share one with an earlier task.
const inputArb: fc.Arbitrary<Omit<TaskInput, 'at'>> = fc.record({
  code: fc.string({ minLength: 1, maxLength: 12 }),
  unitKind: fc.constantFrom('department', 'external'),
  start: fc.constantFrom(T0 - 30 * DAY, T0 - 400 * DAY),
  deadline: fc.constantFrom(null, T0 - 2 * DAY, T0 + 10 * DAY, T0 + 90 * DAY),
  policy: fc.constantFrom(...policies),
  indicator: fc.constantFrom(...indicators),
});

describe('first snapshots of a large import', () => {
  it('are what the machine computes for each task, whether computed or spliced from an earlier one', () => {
    fc.assert(
      fc.property(fc.array(inputArb, { minLength: 1, maxLength: 30 }), (inputs) => {
        const first = firstSnapshotsAt(machine, T0);
        for (const input of inputs) {
          const [snapshot, actions] = initialTransition(machine, { ...input, at: T0 });
          const description = describeTask(snapshot);
          const got = first(input);
          expect(JSON.parse(got.snapshot.text)).toEqual(persistSnapshot(snapshot));
          expect(got).toMatchObject({
            state: description.state,
            statusClass: statusClassOf(snapshot.context, description, T0),
            escalationLevel: description.escalationLevel,
            underperforming: description.underperforming,
            timers: interpretActions(actions, T0).timers,
          });
        }
      }),
      { numRuns: 200 },
    );
  });
});
