import { initialTransition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../src/domain/working-calendar.js';
import { createTaskMachine } from '../../../workflows/task-machine.js';
import type { Indicator } from '../../../src/domain/indicator.js';
import { acceptedEventTypes } from '../../../workflows/task-snapshot.js';
import { DAY, HOUR, T0, TaskDriver, testPolicy } from './task-driver.js';

const DEADLINE = T0 + 30 * DAY;
const HEAD_NOTICE = { level: 'head', to: ['head'], cc: ['standingAgency', 'policyCc'] };
const CHAIRMAN_NOTICE = { kind: 'escalation', level: 'chairman', to: ['chairman'], cc: ['head', 'standingAgency', 'policyCc'] };
const indicator: Indicator = { name: 'Tỷ lệ hồ sơ trực tuyến', unit: '%', baseline: 0, target: 100, direction: 'increase' };

describe('before the deadline', () => {
  it('reminds the unit once per remindBefore entry, in order, then turns overdue at the deadline', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE - HOUR);
    expect(task.notices).toEqual([
      { kind: 'reminder', level: 'unit', to: ['head', 'contacts'], cc: ['coordinatingUnits'], at: DEADLINE - 7 * DAY },
      { kind: 'reminder', level: 'unit', to: ['head', 'contacts'], cc: ['coordinatingUnits'], at: DEADLINE - DAY },
    ]);
    expect(task.description.state).toBe('active.onTrack');
    task.runUntil(DEADLINE);
    expect(task.description.phase).toBe('overdue');
  });

  it('skips reminders already past when the task is created', () => {
    const task = new TaskDriver({ at: DEADLINE - 3 * DAY });
    task.runUntil(DEADLINE - HOUR);
    expect(task.noticesOf('reminder').map((n) => n.at)).toEqual([DEADLINE - DAY]);
  });

  it('counts reminders in working days when the policy says so', () => {
    // Deadline on Monday 15 April 2024: one working day before is Friday 12 April.
    const deadline = Date.UTC(2024, 3, 15, 10);
    const task = new TaskDriver({ deadline, policy: { ...testPolicy, remindBefore: [{ workingDays: 1 }] } });
    task.runUntil(deadline - HOUR);
    expect(task.noticesOf('reminder').map((n) => n.at)).toEqual([deadline - 3 * DAY]);
  });

  it('re-plans reminders from an extended deadline and records no breach', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE - 5 * DAY);
    expect(task.send({ type: 'DEADLINE_EXTENDED', at: DEADLINE - 5 * DAY, deadline: DEADLINE + 20 * DAY, reason: 'Công văn 12' })).toBe(true);
    task.runUntil(DEADLINE + 20 * DAY - HOUR);
    expect(task.noticesOf('reminder').map((n) => n.at)).toEqual([
      DEADLINE - 7 * DAY,
      DEADLINE + 13 * DAY,
      DEADLINE + 19 * DAY,
    ]);
    expect(task.snapshot.context.breaches).toEqual([]);
    expect(task.description.deadline).toBe(DEADLINE + 20 * DAY);
  });
});

describe('when the deadline passes without completion', () => {
  it('records the breach and tells the head it is overdue', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE);
    expect(task.snapshot.context.breaches).toEqual([{ kind: 'overdue', at: DEADLINE }]);
    expect(task.noticesOf('overdue')).toEqual([{ kind: 'overdue', ...HEAD_NOTICE, at: DEADLINE }]);
    expect(task.description).toMatchObject({ state: 'overdue', escalationLevel: 'head' });
  });

  it('waits escalateToHeadAfter before telling the head', () => {
    const task = new TaskDriver({ policy: { ...testPolicy, escalateToHeadAfter: 'P2D' } });
    task.runUntil(DEADLINE + DAY);
    expect(task.description.escalationLevel).toBe('none');
    task.runUntil(DEADLINE + 2 * DAY);
    expect(task.noticesOf('overdue').map((n) => n.at)).toEqual([DEADLINE + 2 * DAY]);
  });

  it('is overdue at once when created after its deadline', () => {
    const task = new TaskDriver({ at: DEADLINE + DAY });
    task.runUntil(DEADLINE + DAY);
    expect(task.description.phase).toBe('overdue');
    expect(task.noticesOf('overdue').map((n) => n.at)).toEqual([DEADLINE + DAY]);
  });
});

describe('when the head does not acknowledge', () => {
  it('escalates to the chairman after escalateToChairmanAfter, copying the head', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE + 3 * DAY - 1);
    expect(task.description.escalationLevel).toBe('head');
    task.runUntil(DEADLINE + 3 * DAY);
    expect(task.noticesOf('escalation')).toEqual([{ ...CHAIRMAN_NOTICE, at: DEADLINE + 3 * DAY }]);
    expect(task.description.escalationLevel).toBe('chairman');
  });

  it('repeats the notice every repeatEvery at the current level', () => {
    const task = new TaskDriver({ policy: { ...testPolicy, escalateToChairmanAfter: 'P30D' } });
    task.runUntil(DEADLINE + 15 * DAY);
    expect(task.noticesOf('repeat')).toEqual([
      { kind: 'repeat', ...HEAD_NOTICE, note: 'overdue', at: DEADLINE + 7 * DAY },
      { kind: 'repeat', ...HEAD_NOTICE, note: 'overdue', at: DEADLINE + 14 * DAY },
    ]);
    task.runUntil(DEADLINE + 38 * DAY);
    expect(task.noticesOf('repeat').at(-1)).toMatchObject({ level: 'chairman', to: ['chairman'], at: DEADLINE + 37 * DAY });
  });
});

describe('when the head acknowledges', () => {
  it('holds the chairman off for acknowledgementHolds, then escalates if still unresolved', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE + DAY);
    expect(task.send({ type: 'ACKNOWLEDGED', at: DEADLINE + DAY, by: 'giamdoc@example.gov.vn' })).toBe(true);
    expect(task.description.acknowledgedUntil).toBe(DEADLINE + 6 * DAY);
    task.runUntil(DEADLINE + 6 * DAY - 1);
    expect(task.noticesOf('escalation')).toEqual([]);
    task.runUntil(DEADLINE + 6 * DAY);
    expect(task.noticesOf('escalation')).toEqual([{ ...CHAIRMAN_NOTICE, note: 'acknowledgementLapsed', at: DEADLINE + 6 * DAY }]);
  });

  it('never brings the chairman in earlier than without the acknowledgement', () => {
    const task = new TaskDriver({ policy: { ...testPolicy, acknowledgementHolds: 'PT1H' } });
    task.runUntil(DEADLINE);
    task.send({ type: 'ACKNOWLEDGED', at: DEADLINE, by: 'giamdoc@example.gov.vn' });
    task.runUntil(DEADLINE + 3 * DAY);
    expect(task.noticesOf('escalation').map((n) => n.at)).toEqual([DEADLINE + 3 * DAY]);
  });

  it('holds only once per escalation', () => {
    const task = new TaskDriver({ policy: { ...testPolicy, acknowledgementHolds: 'P1D', escalateToChairmanAfter: 'P10D' } });
    task.runUntil(DEADLINE);
    task.send({ type: 'ACKNOWLEDGED', at: DEADLINE, by: 'a@example.gov.vn' });
    task.runUntil(DEADLINE + 2 * DAY);
    task.send({ type: 'ACKNOWLEDGED', at: DEADLINE + 2 * DAY, by: 'a@example.gov.vn' });
    expect(task.description.acknowledgedUntil).toBe(DEADLINE + DAY);
    task.runUntil(DEADLINE + 10 * DAY);
    expect(task.description.escalationLevel).toBe('chairman');
  });

  it('is not accepted before anyone above the unit was told', () => {
    const task = new TaskDriver();
    expect(task.send({ type: 'ACKNOWLEDGED', at: T0, by: 'a@example.gov.vn' })).toBe(false);
    expect(acceptedEventTypes(task.snapshot)).not.toContain('ACKNOWLEDGED');
  });
});

describe('when the task recovers', () => {
  it('tells everyone told before that it is resolved and drops the level to none', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE + 3 * DAY);
    const at = DEADLINE + 4 * DAY;
    task.send({ type: 'DEADLINE_EXTENDED', at, deadline: DEADLINE + 60 * DAY, reason: 'QĐ 99', force: true });
    expect(task.noticesOf('resolved')).toEqual([
      { kind: 'resolved', level: 'chairman', to: ['head', 'chairman'], cc: ['standingAgency', 'policyCc'], note: 'recovered', at },
    ]);
    expect(task.description).toMatchObject({ state: 'active.onTrack', escalationLevel: 'none' });
    expect(task.snapshot.context.breaches).toEqual([{ kind: 'overdue', at: DEADLINE }]);
    expect(task.timerNamed('untilRepeat')).toBeUndefined();
  });
});

describe('extending the deadline', () => {
  it('is refused once overdue unless forced', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE);
    const refused = { type: 'DEADLINE_EXTENDED', at: DEADLINE + DAY, deadline: DEADLINE + 9 * DAY, reason: 'xin gia hạn' } as const;
    expect(acceptedEventTypes(task.snapshot)).not.toContain('DEADLINE_EXTENDED');
    expect(task.send(refused)).toBe(false);
    expect(task.description).toMatchObject({ phase: 'overdue', deadline: DEADLINE });
    expect(task.send({ ...refused, force: true })).toBe(true);
    expect(task.description).toMatchObject({ phase: 'active', deadline: DEADLINE + 9 * DAY });
  });

  it('never erases a breach: completion after a forced extension is still late', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE);
    task.send({ type: 'DEADLINE_EXTENDED', at: DEADLINE + DAY, deadline: DEADLINE + 9 * DAY, reason: 'r', force: true });
    task.send({ type: 'COMPLETED', at: DEADLINE + 2 * DAY });
    expect(task.description).toMatchObject({ phase: 'completed', completedLate: true, completedAt: DEADLINE + 2 * DAY });
  });
});

describe('an external unit', () => {
  it('is escalated to its own head with the chairman in copy, and never to the chairman level', () => {
    const task = new TaskDriver({ unitKind: 'external' });
    task.runUntil(DEADLINE + 60 * DAY);
    expect(task.noticesOf('overdue')).toEqual([
      { kind: 'overdue', level: 'head', to: ['head'], cc: ['chairman', 'standingAgency', 'policyCc'], at: DEADLINE },
    ]);
    expect(task.noticesOf('escalation')).toEqual([]);
    expect(task.notices.every((n) => n.level !== 'chairman')).toBe(true);
    expect(task.noticesOf('repeat')).toHaveLength(8);
    expect(task.description.escalationLevel).toBe('head');
    expect(task.send({ type: 'ACKNOWLEDGED', at: DEADLINE + 61 * DAY, by: 'giamdoc.bhxh@example.gov.vn' })).toBe(true);
  });
});

describe('suspension', () => {
  it('stops the clock and moves the deadline by exactly the time suspended', () => {
    const task = new TaskDriver();
    task.send({ type: 'SUSPENDED', at: T0 + 10 * DAY, reason: 'Chờ hướng dẫn của Bộ' });
    expect(task.timers.size).toBe(0);
    expect(task.description.phase).toBe('suspended');
    task.runUntil(T0 + 100 * DAY);
    expect(task.notices).toEqual([]);
    task.send({ type: 'RESUMED', at: T0 + 100 * DAY + 123 });
    const moved = DEADLINE + 90 * DAY + 123;
    expect(task.description).toMatchObject({ phase: 'active', deadline: moved });
    task.runUntil(moved);
    expect(task.noticesOf('reminder').map((n) => n.at)).toEqual([moved - 7 * DAY, moved - DAY]);
    expect(task.noticesOf('overdue').map((n) => n.at)).toEqual([moved]);
  });

  it('keeps the escalation level and the pending chairman escalation, shifted', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE + DAY);
    task.send({ type: 'SUSPENDED', at: DEADLINE + DAY, reason: 'r' });
    task.send({ type: 'RESUMED', at: DEADLINE + 11 * DAY });
    expect(task.description).toMatchObject({ phase: 'overdue', escalationLevel: 'head', deadline: DEADLINE + 10 * DAY });
    expect(task.snapshot.context.breaches).toHaveLength(1);
    task.runUntil(DEADLINE + 13 * DAY);
    expect(task.noticesOf('escalation').map((n) => n.at)).toEqual([DEADLINE + 13 * DAY]);
    expect(task.noticesOf('overdue')).toHaveLength(1);
  });

  it('accepts only resuming, reports, completion, cancellation, a new policy and the answers of the unit', () => {
    const task = new TaskDriver();
    task.send({ type: 'SUSPENDED', at: T0, reason: 'r' });
    expect(acceptedEventTypes(task.snapshot).sort()).toEqual(
      [
        'CANCELLED',
        'COMPLETED',
        'POLICY_CHANGED',
        'PROGRESS_REPORTED',
        'RESUMED',
        'EXPLANATION_GIVEN',
        'OBSTACLE_RAISED',
        'COMPLETION_SUBMITTED',
        'REASSIGNED',
      ].sort(),
    );
  });
});

describe('an ongoing task ("Thường xuyên")', () => {
  it('is never overdue but turns underperforming when reports go stale, then resolves on a good report', () => {
    const task = new TaskDriver({ deadline: null, indicator, policy: { ...testPolicy, kpiCheckEvery: 'P1D' } });
    task.runUntil(T0 + 29 * DAY);
    expect(task.description).toMatchObject({ state: 'active.onTrack', underperforming: false });
    task.runUntil(T0 + 30 * DAY);
    expect(task.description).toMatchObject({ state: 'active.atRisk', underperforming: true, escalationLevel: 'head' });
    expect(task.noticesOf('underperforming')).toEqual([{ kind: 'underperforming', ...HEAD_NOTICE, at: T0 + 30 * DAY }]);
    task.send({ type: 'PROGRESS_REPORTED', at: T0 + 31 * DAY, value: 100 });
    expect(task.description).toMatchObject({ state: 'active.onTrack', escalationLevel: 'none' });
    expect(task.noticesOf('resolved')).toHaveLength(1);
    task.runUntil(T0 + 400 * DAY);
    expect(task.notices.some((n) => n.kind === 'overdue')).toBe(false);
  });
});

describe('an indicator behind its trajectory', () => {
  it('turns the task at risk on the report and escalates it as underperforming', () => {
    const task = new TaskDriver({ indicator });
    task.send({ type: 'PROGRESS_REPORTED', at: T0 + 15 * DAY, value: 40 });
    task.runUntil(T0 + 15 * DAY);
    expect(task.description.state).toBe('active.atRisk');
    expect(task.noticesOf('underperforming').map((n) => n.at)).toEqual([T0 + 15 * DAY]);
  });

  it('stays on track within kpiTolerance', () => {
    const task = new TaskDriver({ indicator });
    task.send({ type: 'PROGRESS_REPORTED', at: T0 + 15 * DAY, value: 48.5 });
    expect(task.description.state).toBe('active.onTrack');
  });

  it('tells the head it is overdue too when the deadline passes while underperforming', () => {
    const task = new TaskDriver({ indicator, policy: { ...testPolicy, escalateToChairmanAfter: 'P90D' } });
    task.send({ type: 'PROGRESS_REPORTED', at: T0 + 25 * DAY, value: 10 });
    task.runUntil(DEADLINE);
    expect(task.notices.filter((n) => n.level === 'head').map((n) => [n.kind, n.at])).toEqual([
      ['underperforming', T0 + 25 * DAY],
      ['overdue', DEADLINE],
    ]);
  });
});

describe('completion', () => {
  it('on time ends the task with no escalation, and a completed task accepts nothing', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE - 2 * DAY);
    task.send({ type: 'COMPLETED', at: DEADLINE - 2 * DAY });
    expect(task.description).toMatchObject({ state: 'completed', completedLate: false, escalationLevel: 'none', final: true });
    expect(task.notices.every((n) => n.kind === 'reminder')).toBe(true);
    expect(task.timers.size).toBe(0);
    expect(acceptedEventTypes(task.snapshot)).toEqual([]);
  });

  it('after an escalation tells everyone told that it is resolved', () => {
    const task = new TaskDriver();
    task.runUntil(DEADLINE + DAY);
    task.send({ type: 'COMPLETED', at: DEADLINE + 2 * DAY });
    expect(task.noticesOf('resolved')).toEqual([
      { kind: 'resolved', level: 'head', to: ['head'], cc: ['standingAgency', 'policyCc'], note: 'completed', at: DEADLINE + 2 * DAY },
    ]);
    expect(task.description).toMatchObject({ completedLate: true, escalationLevel: 'none' });
  });

  it('while suspended counts the suspension before judging lateness', () => {
    const task = new TaskDriver();
    task.send({ type: 'SUSPENDED', at: T0 + DAY, reason: 'r' });
    task.send({ type: 'COMPLETED', at: DEADLINE + DAY });
    expect(task.description).toMatchObject({ completedLate: false, deadline: DEADLINE + 30 * DAY });
  });
});

describe('cancellation', () => {
  it('ends the task, cancels its timers and accepts nothing after', () => {
    const task = new TaskDriver();
    task.send({ type: 'CANCELLED', at: T0 + DAY, reason: 'Thu hồi nhiệm vụ' });
    expect(task.description).toMatchObject({ state: 'cancelled', final: true });
    expect(task.timers.size).toBe(0);
    expect(acceptedEventTypes(task.snapshot)).toEqual([]);
  });
});

describe('a policy change', () => {
  it('replaces the task copy and re-plans its timers', () => {
    const task = new TaskDriver();
    task.send({ type: 'POLICY_CHANGED', at: T0 + DAY, policy: { ...testPolicy, remindBefore: ['P3D'] } });
    task.runUntil(DEADLINE - HOUR);
    expect(task.noticesOf('reminder').map((n) => n.at)).toEqual([DEADLINE - 3 * DAY]);
    expect(task.snapshot.context.policy.remindBefore).toEqual(['P3D']);
  });
});

describe('started without a task', () => {
  it('stops with an error that says what a task machine needs, made once rather than at every transition', () => {
    // XState's transition() builds a throwaway actor without input each time: refusing it must stay this cheap.
    const machine = createTaskMachine(createWorkingCalendar({ timeZone: 'Asia/Ho_Chi_Minh', extraHolidays: [], workingDays: [] }));
    const [first] = initialTransition(machine, undefined as never);
    const [second] = initialTransition(machine, undefined as never);
    expect(first.status).toBe('error');
    expect(String(first.error)).toMatch(/must be started with a TaskInput/);
    expect(second.error).toBe(first.error);
  });
});
